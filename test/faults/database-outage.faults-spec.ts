import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../support/fixtures.js';
import {
  Answer,
  api,
  missingAcknowledgedEvents,
  OwnDatabase,
  postEvent,
  reportedRefs,
  riskEvent,
  seedOrders,
  send,
  ServiceProcess,
  sleep,
  startOwnDatabase,
  startServiceProcess,
  waitFor,
} from './fault-helpers.js';
import { ORDERS_WITH_REPORT_STATE } from '../support/order-fixtures.js';

/**
 * PostgreSQL stopped for a few seconds under traffic, with the outbox relay and the report schedule
 * running on their own timers. Eight senders behave like seQura: each sends `risk_assessment` events
 * for its own orders, one at a time, and repeats a request until it is acknowledged with a 2xx. A
 * merchant client cancels and ships orders the same way. The service (the production build,
 * `node dist/main.js`) must answer 503 while the database is down (never a 2xx it cannot keep, never
 * a 500), come back by itself when the database does, and keep everything it acknowledged: every
 * event stored, every cancellation sent to seQura, every shipment reported; twice only where
 * at-least-once is documented, then with the same body.
 */
const SENDERS = 8;
const ORDERS = 1200;
const MERCHANT_ORDERS = 40;
const LEVELS = ['low_risk', 'high_risk'] as const;

interface Sent {
  ref: string;
  level: string;
  status: number;
  sentAt: number;
  answeredAt: number;
}

let standIn: SequraStandIn;
let db: OwnDatabase;
let service: ServiceProcess;
const merchantRefs = Array.from({ length: MERCHANT_ORDERS }, (_, i) => `MRC-${String(i + 1).padStart(3, '0')}`);

beforeAll(async () => {
  standIn = await startSequraStandIn();
  db = await startOwnDatabase();
  // Approved orders with seQura's reference, as an IPN would have left them.
  const refs = Array.from({ length: ORDERS }, (_, i) => `DBF-${String(i + 1).padStart(5, '0')}`);
  await seedOrders(db, refs, 'approved');
  await seedOrders(db, merchantRefs, 'approved');
  // seQura confirmed them (it answers 404 to an Order Update for an order it does not know).
  for (const ref of merchantRefs) standIn.confirmOrder(ref, orderBody(ref).cart);
  service = await startServiceProcess({
    DATABASE_URL: db.url,
    DB_POOL_SIZE: '10',
    SEQURA_BASE_URL: standIn.url,
    OUTBOX_ENABLED: 'true',
    OUTBOX_POLL_MS: '100',
    SHIPPING_REPORT_ENABLED: 'true',
    SHIPPING_REPORT_CRON: '*/2 * * * * *',
    SHIPPING_REPORT_TZ: 'UTC',
    SHIPPING_REPORT_STATISTICS: 'false',
    SHIPPING_REPORT_BATCH_SIZE: '10',
    SHIPPING_REPORT_BACKOFF_BASE_MS: '50',
    SHIPPING_REPORT_BACKOFF_MAX_MS: '500',
    SHIPPING_REPORT_MAX_ATTEMPTS: '1000',
    BACKGROUND_BACKOFF_MAX_MS: '1000',
  });
});

afterAll(async () => {
  await service?.stop();
  await db?.drop();
  await standIn?.close();
});

it('answers 503 while the database is down, recovers by itself, and keeps everything it acknowledged', async () => {
  const orders: { order_ref_1: string; sequra_order_ref: string }[] = await db.query(
    `SELECT order_ref_1, sequra_order_ref FROM orders WHERE order_ref_1 LIKE 'DBF-%' ORDER BY order_ref_1`,
  );
  const sent: Sent[] = [];
  let stopping = false;

  /** One sender: its orders in turn, each gets low_risk then high_risk, each request repeated until a 2xx. */
  const sender = async (index: number) => {
    for (let i = index; i < orders.length && !stopping; i += SENDERS) {
      const { order_ref_1: ref, sequra_order_ref: uuid } = orders[i];
      for (const level of LEVELS) {
        for (;;) {
          const sentAt = Date.now();
          const answer = await postEvent(service.url, riskEvent(ref, uuid, level), 'events', 10_000);
          sent.push({ ref, level, status: answer.status, sentAt, answeredAt: Date.now() });
          if (answer.status >= 200 && answer.status < 300) break;
          if (answer.status !== 503)
            throw new Error(`unexpected answer ${answer.status} ${answer.text}\n${service.output().slice(-4000)}`);
          await sleep(100);
        }
      }
    }
  };
  /**
   * The merchant: cancels the odd orders and ships the even ones, spread over the outage, each request
   * repeated while it is answered 503 (all of them: before, during and after the outage). A shipment
   * repeated after a 503 that did commit is a 409.
   */
  const merchant: { ref: string; action: 'cancel' | 'ship'; answers: Answer[] }[] = [];
  const merchantClient = async () => {
    for (const [i, ref] of merchantRefs.entries()) {
      const action = i % 2 === 0 ? 'cancel' : 'ship';
      const entry = { ref, action, answers: [] as Answer[] } as const;
      merchant.push(entry);
      for (;;) {
        const answer =
          action === 'cancel'
            ? await api(service.url, 'POST', `/orders/${ref}/cancel`, { reason: 'customer_cancel' })
            : await api(service.url, 'POST', `/orders/${ref}/shipments`, {});
        entry.answers.push(answer);
        if (answer.status !== 503) break;
        await sleep(100);
      }
      await sleep(60);
    }
  };
  const clients = [...Array.from({ length: SENDERS }, (_, i) => sender(i)), merchantClient()];

  await sleep(1500);
  const stopBegan = Date.now();
  await db.stop();
  const stopped = Date.now();
  await sleep(1000);
  const healthDown = await send(`${service.url}/health`);
  await sleep(2500);
  const startBegan = Date.now();
  await db.start();
  const started = Date.now();
  // Back to normal: every sender has had events acknowledged again.
  await waitFor(
    'acknowledged events after the restart',
    async () => sent.filter((s) => s.sentAt > started && s.status === 200).length >= SENDERS * 10,
    30_000,
  );
  const healthUp = await send(`${service.url}/health`);
  stopping = true;
  await Promise.all(clients);

  expect(service.alive()).toBe(true);
  expect(healthDown.status).toBe(503);
  expect(healthUp.status).toBe(200);

  // Only 200 and 503, and 503s did happen.
  const statuses = new Map<number, number>();
  for (const s of sent) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
  expect([...statuses.keys()].sort()).toEqual([200, 503]);
  // Nothing sent after the database was gone and answered before it was back was acknowledged.
  const whileDown = sent.filter((s) => s.sentAt > stopped && s.answeredAt < startBegan);
  expect(whileDown.length).toBeGreaterThan(0);
  expect(whileDown.filter((s) => s.status !== 503)).toEqual([]);
  expect(sent.filter((s) => s.status === 200 && s.sentAt < stopBegan).length).toBeGreaterThan(0);

  // Every acknowledged event is in the database: the order's level, one history note per change,
  // one settled webhook_events row per event.
  const acknowledged = new Map<string, string[]>();
  for (const s of sent) if (s.status === 200) acknowledged.set(s.ref, [...(acknowledged.get(s.ref) ?? []), s.level]);
  expect(await missingAcknowledgedEvents(db, acknowledged)).toEqual([]);
  const refs = [...acknowledged.keys()];
  // No order outside the ones acknowledged changed (a 503'd request that did commit was repeated until acknowledged).
  const [{ changed }] = await db.query(`SELECT count(*)::integer AS changed FROM orders WHERE risk_level IS NOT NULL`);
  expect(changed).toBe(refs.length);
  // And the service still serves the rest of the API.
  expect((await api(service.url, 'GET', `/orders/${refs[0]}`)).status).toBe(200);

  // The merchant's requests: 503 while down, then done (a shipment that had committed under a 503: 409).
  const finals = merchant.map((m) => [m.action, m.answers[m.answers.length - 1].status]);
  expect(finals.filter(([action, status]) => !(status === 200 || (action === 'ship' && status === 409)))).toEqual([]);
  expect(merchant.some((m) => m.answers.some((a) => a.status === 503))).toBe(true);
  const cancelled = merchant.filter((m) => m.action === 'cancel').map((m) => m.ref);
  const shipped = merchant.filter((m) => m.action === 'ship').map((m) => m.ref);
  expect(merchant).toHaveLength(MERCHANT_ORDERS);

  // The timers deliver everything by themselves once the database is back.
  await waitFor(
    'every cancellation sent and every shipment reported',
    async () => {
      const [row] = await db.query(
        `SELECT (SELECT count(*) FROM sequra_outbox WHERE status <> 'sent')
              + (SELECT count(*) FROM shipping_reports WHERE status <> 'sent')
              + (SELECT count(*) FROM ${ORDERS_WITH_REPORT_STATE}
                 WHERE state = 'shipped' AND reported_at IS NULL) AS left`,
      );
      return Number(row.left) === 0;
    },
    30_000,
  );
  await sleep(500); // anything sent twice would arrive now
  const states = await db.query(`SELECT order_ref_1, state FROM orders WHERE order_ref_1 LIKE 'MRC-%'`);
  const stateOf = new Map(states.map((o) => [o.order_ref_1 as string, o.state as string]));
  expect(cancelled.filter((ref) => stateOf.get(ref) !== 'cancelled')).toEqual([]);
  expect(shipped.filter((ref) => stateOf.get(ref) !== 'shipped')).toEqual([]);

  // Each cancellation: one outbox row, sent; seQura got it, more than once only after a send whose
  // outcome could not be committed (at-least-once, documented), and then with the same body.
  const outbox = await db.query(
    `SELECT o.order_ref_1, count(*)::integer AS n FROM sequra_outbox s JOIN orders o ON o.id = s.order_id GROUP BY 1`,
  );
  expect(outbox.filter((r) => r.n !== 1)).toEqual([]);
  expect(outbox.map((r) => r.order_ref_1).sort()).toEqual([...cancelled].sort());
  for (const ref of cancelled) {
    const puts = standIn.requests.filter(
      (r) => r.method === 'PUT' && r.path === `/merchants/test-merchant/orders/${ref}`,
    );
    expect(puts.length).toBeGreaterThanOrEqual(1);
    expect(puts[puts.length - 1].status).toBe(200);
    for (const put of puts) expect(put.body).toEqual(puts[0].body);
  }

  // Each shipment: reported once in the database; in seQura's 2xx reports, a second time only as a
  // resend of the same run (the same body).
  const delivered = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/orders/delivery_reports');
  const reportedTo = new Map<string, string[]>();
  for (const report of delivered.filter((r) => r.status === 204))
    for (const ref of reportedRefs(report.body))
      reportedTo.set(ref, [...(reportedTo.get(ref) ?? []), JSON.stringify(report.body)]);
  expect([...reportedTo.keys()].sort()).toEqual([...shipped].sort());
  for (const [, bodies] of reportedTo) expect(new Set(bodies).size).toBe(1);
  const reported = await db.query(
    `SELECT order_ref_1 FROM ${ORDERS_WITH_REPORT_STATE}
     WHERE reported_at IS NOT NULL AND shipping_report_id IS NOT NULL ORDER BY 1`,
  );
  expect(reported.map((r) => r.order_ref_1)).toEqual([...shipped].sort());
  console.log(
    `outage: ${sent.length} events, ${merchant.length} merchant orders; seQura got ` +
      `${standIn.requests.filter((r) => r.method === 'PUT').length} updates for ${cancelled.length} cancellations, ` +
      `${delivered.length} report POSTs (${delivered.filter((r) => r.status === 204).length} accepted)`,
  );
});
