import {
  api,
  missingAcknowledgedEvents,
  OwnDatabase,
  postEvent,
  riskEvent,
  seedOrders,
  send,
  ServiceProcess,
  sleep,
  startOwnDatabase,
  startServiceProcess,
  waitFor,
} from './fault-helpers.js';

/**
 * PostgreSQL stopped for a few seconds under webhook traffic. Eight senders behave like seQura:
 * each sends `risk_assessment` events for its own orders, one at a time, and repeats a request until
 * it is acknowledged with a 2xx. The service (the production build, `node dist/main.js`) must answer
 * 503 while the database is down (never a 2xx it cannot keep, never a 500), come back by itself when
 * the database does, and every acknowledged event must be in the database.
 */
const SENDERS = 8;
const ORDERS = 4000;
const LEVELS = ['low_risk', 'high_risk'] as const;

interface Sent {
  ref: string;
  level: string;
  status: number;
  sentAt: number;
  answeredAt: number;
}

let db: OwnDatabase;
let service: ServiceProcess;

beforeAll(async () => {
  db = await startOwnDatabase();
  service = await startServiceProcess({ DATABASE_URL: db.url, DB_POOL_SIZE: '10' });
  // Approved orders with seQura's reference, as an IPN would have left them.
  const refs = Array.from({ length: ORDERS }, (_, i) => `DBF-${String(i + 1).padStart(5, '0')}`);
  await seedOrders(db, refs, 'approved');
});

afterAll(async () => {
  await service?.stop();
  await db?.drop();
});

it('answers 503 while the database is down, recovers by itself, and keeps every event it acknowledged', async () => {
  const orders: { order_ref_1: string; sequra_order_ref: string }[] = await db.query(
    `SELECT order_ref_1, sequra_order_ref FROM orders ORDER BY order_ref_1`,
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
  const senders = Array.from({ length: SENDERS }, (_, i) => sender(i));

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
  await Promise.all(senders);

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
});
