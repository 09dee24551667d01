import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { createTestDatabase, TestDatabase } from '../support/test-database.js';
import {
  Answer,
  api,
  eventBody,
  ipnBody,
  postEvent,
  reportedRefs,
  riskEvent,
  seedOrders,
  ServiceProcess,
  sleep,
  startServiceProcess,
  waitFor,
} from './fault-helpers.js';
import { ORDERS_WITH_REPORT_STATE } from '../support/order-fixtures.js';

/**
 * Two instances of the production build on one database, both serving seQura's webhooks and the
 * API, both running the report schedule every 2 seconds and the outbox relay. The same
 * notifications reach both at once (seQura retries, a load balancer splits them), orders ship and are
 * cancelled through either: every transition happens once, seQura is called once per acknowledgement
 * and per cancellation, each tick makes one set of runs (one report per merchant account: the API user
 * has a Spanish and a Portuguese one), each shipment is reported once, in its account's report.
 */
const ENV = {
  SHIPPING_REPORT_ENABLED: 'true',
  SHIPPING_REPORT_CRON: '*/2 * * * * *',
  SHIPPING_REPORT_TZ: 'UTC',
  SHIPPING_REPORT_BATCH_SIZE: '3',
  SHIPPING_REPORT_STATISTICS: 'false',
  SHIPPING_REPORT_BACKOFF_BASE_MS: '50',
  SHIPPING_REPORT_BACKOFF_MAX_MS: '200',
  OUTBOX_ENABLED: 'true',
  OUTBOX_POLL_MS: '100',
  SEQURA_TIMEOUT_MS: '2000',
};
const range = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
const TO_APPROVE = range('TWO-P', 15);
const TO_CANCEL_BY_SEQURA = range('TWO-C', 15);
const RISK = range('TWO-R', 10);
const TO_SHIP = range('TWO-S', 10);
/** Half the shipments belong to the Portuguese account. */
const SHIPPED_IN_PT = TO_SHIP.filter((_, i) => i % 2 === 1);
const ACCOUNTS = [
  { ref: 'test-merchant', country: 'ES' },
  { ref: 'shop-pt', country: 'PT' },
];
const TO_CANCEL_BY_MERCHANT = range('TWO-M', 6);

let standIn: SequraStandIn;
let db: TestDatabase;
const instances: ServiceProcess[] = [];

beforeAll(async () => {
  standIn = await startSequraStandIn({ merchants: ACCOUNTS });
  db = await createTestDatabase();
  for (let i = 0; i < 2; i++)
    instances.push(await startServiceProcess({ ...ENV, DATABASE_URL: db.url, SEQURA_BASE_URL: standIn.url }));
});

afterAll(async () => {
  await Promise.all(instances.map((s) => s.stop()));
  await db?.drop();
  await standIn?.close();
});

it('makes each transition once, calls seQura once per change, and reports each shipment once', async () => {
  const [a, b] = instances;
  const uuids = new Map([
    ...(await seedOrders(db, TO_APPROVE, 'pending')),
    ...(await seedOrders(
      db,
      [
        ...TO_CANCEL_BY_SEQURA,
        ...RISK,
        ...TO_SHIP.filter((ref) => !SHIPPED_IN_PT.includes(ref)),
        ...TO_CANCEL_BY_MERCHANT,
      ],
      'approved',
    )),
    ...(await seedOrders(db, SHIPPED_IN_PT, 'approved', { merchantId: 'shop-pt' })),
  ]);
  /** The same request to both instances at once, twice (seQura retries). */
  const both = (send: (url: string) => Promise<Answer>) => Promise.all([a, b, a, b].map((s) => send(s.url)));

  const answers: Answer[][] = [];
  const traffic = [
    ...TO_APPROVE.map((ref) => both((url) => postEvent(url, ipnBody('approved', ref, uuids.get(ref)!), 'ipn'))),
    ...TO_CANCEL_BY_SEQURA.map((ref) => both((url) => postEvent(url, eventBody('cancelled', ref, uuids.get(ref)!)))),
    ...RISK.map(async (ref) => [
      ...(await both((url) => postEvent(url, riskEvent(ref, uuids.get(ref)!, 'low_risk')))),
      ...(await both((url) => postEvent(url, riskEvent(ref, uuids.get(ref)!, 'high_risk')))),
    ]),
    ...TO_CANCEL_BY_MERCHANT.map((ref) =>
      both((url) => api(url, 'POST', `/orders/${ref}/cancel`, { reason: 'customer_cancel' })),
    ),
  ].map(async (request) => answers.push(await request));
  // Shipments trickle in over a few ticks, each order shipped through both instances at once.
  const shipments: Answer[][] = [];
  for (const ref of TO_SHIP) {
    shipments.push(await Promise.all([a, b].map((s) => api(s.url, 'POST', `/orders/${ref}/shipments`, {}))));
    await sleep(300);
  }
  await Promise.all(traffic);

  // Let the schedule run a few more ticks on both, then wait for everything in flight to settle.
  const [{ ticks }] = await db.query(`SELECT count(*)::integer AS ticks FROM shipping_report_ticks`);
  await waitFor(
    'three more ticks',
    async () => (await db.query(`SELECT count(*)::integer AS n FROM shipping_report_ticks`))[0].n >= ticks + 3,
    15_000,
  );
  await waitFor('the runs and updates to be delivered', async () => {
    const [{ pending }] = await db.query(
      `SELECT (SELECT count(*) FROM shipping_reports WHERE status <> 'sent')
              + (SELECT count(*) FROM sequra_outbox WHERE status <> 'sent') AS pending`,
    );
    return Number(pending) === 0;
  });

  expect(instances.every((s) => s.alive())).toBe(true);
  // Concurrent identical notifications all got 200; each shipment succeeded once (the other is a 409).
  expect(answers.flat().filter((r) => r.status !== 200)).toEqual([]);
  expect(shipments.map((pair) => pair.map((r) => r.status).sort())).toEqual(TO_SHIP.map(() => [200, 409]));

  // No transition twice.
  expect(
    await db.query(
      `SELECT order_id, to_state, count(*)::integer AS n FROM order_history
       WHERE kind = 'transition' GROUP BY 1, 2 HAVING count(*) > 1`,
    ),
  ).toEqual([]);
  const states = await db.query(`SELECT order_ref_1, state, risk_level FROM orders`);
  const state = new Map(states.map((o) => [o.order_ref_1 as string, o]));
  for (const ref of TO_APPROVE) expect(state.get(ref)!.state).toBe('approved');
  for (const ref of [...TO_CANCEL_BY_SEQURA, ...TO_CANCEL_BY_MERCHANT]) expect(state.get(ref)!.state).toBe('cancelled');
  for (const ref of RISK) expect(state.get(ref)!.risk_level).toBe('high_risk');
  const [{ notes }] = await db.query(
    `SELECT count(*)::integer AS notes FROM order_history h JOIN orders o ON o.id = h.order_id
     WHERE o.order_ref_1 = ANY($1) AND h.details->>'event' = 'risk_assessment'`,
    [RISK],
  );
  expect(notes).toBe(RISK.length * 2);

  // seQura called once per acknowledgement and once per merchant cancellation.
  const acknowledgements = standIn.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/orders/'));
  expect(acknowledgements.map((r) => r.path).sort()).toEqual(
    TO_APPROVE.map((ref) => `/orders/${uuids.get(ref)}`).sort(),
  );
  const updates = standIn.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/merchants/'));
  expect(updates.map((r) => r.path.split('/').pop()).sort()).toEqual(TO_CANCEL_BY_MERCHANT);

  // One set of runs per tick (each account's), one POST per run, every shipment in exactly one delivered
  // report: its account's.
  const runs = await db.query(
    `SELECT scheduled_for, sequra_merchant_id, batch, status FROM shipping_reports ORDER BY seq`,
  );
  const [{ tickRows }] = await db.query(`SELECT count(*)::integer AS "tickRows" FROM shipping_report_ticks`);
  const runKey = (r: Record<string, unknown>) =>
    `${(r.scheduled_for as Date).toISOString()}#${String(r.sequra_merchant_id)}#${String(r.batch)}`;
  expect(new Set(runs.map(runKey)).size).toBe(runs.length);
  expect(new Set(runs.map((r) => (r.scheduled_for as Date).toISOString())).size).toBe(tickRows);
  for (const tick of new Set(runs.map((r) => (r.scheduled_for as Date).toISOString()))) {
    const accounts = runs
      .filter((r) => (r.scheduled_for as Date).toISOString() === tick)
      .map((r) => r.sequra_merchant_id);
    expect(new Set(accounts)).toEqual(new Set(['test-merchant', 'shop-pt']));
  }
  const reports = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/orders/delivery_reports');
  expect(reports.map((r) => r.status)).toEqual(runs.map(() => 204));
  expect(reports.flatMap((r) => reportedRefs(r.body)).sort()).toEqual(TO_SHIP);
  const accountOf = (ref: string) => (SHIPPED_IN_PT.includes(ref) ? 'shop-pt' : 'test-merchant');
  for (const report of reports)
    for (const ref of reportedRefs(report.body)) expect(report.headers['sequra-merchant-id']).toBe(accountOf(ref));
  const reported = await db.query(
    `SELECT order_ref_1 FROM ${ORDERS_WITH_REPORT_STATE} WHERE reported_at IS NOT NULL ORDER BY order_ref_1`,
  );
  expect(reported.map((r) => r.order_ref_1)).toEqual(TO_SHIP);
});
