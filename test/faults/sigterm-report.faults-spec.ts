import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { createTestDatabase, TestDatabase } from '../support/test-database.js';
import { api, reportedRefs, seedOrders, ServiceProcess, startServiceProcess, waitFor } from './fault-helpers.js';
import { ORDERS_WITH_REPORT_STATE } from '../support/order-fixtures.js';

/**
 * SIGTERM to the production build (`node dist/main.js`) while its report POST hangs at seQura. The
 * process must stop cleanly, leave the run pending, and the next process must resume it: every
 * shipped order reported exactly once (counted in what the stand-in answered 2xx).
 */
const REFS = Array.from({ length: 12 }, (_, i) => `SIGTERM-${String(i + 1).padStart(2, '0')}`);

let standIn: SequraStandIn;
let db: TestDatabase;
let service: ServiceProcess | undefined;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  db = await createTestDatabase();
});

afterAll(async () => {
  await service?.stop();
  await db?.drop();
  await standIn?.close();
});

it('resumes a report run interrupted by SIGTERM, each order reported exactly once', async () => {
  const env = {
    DATABASE_URL: db.url,
    SEQURA_BASE_URL: standIn.url,
    SEQURA_TIMEOUT_MS: '2000',
    SHIPPING_REPORT_BATCH_SIZE: '5',
    SHIPPING_REPORT_STATISTICS: 'false',
    SHIPPING_REPORT_BACKOFF_BASE_MS: '50',
    SHIPPING_REPORT_BACKOFF_MAX_MS: '200',
  };
  service = await startServiceProcess(env);
  await seedOrders(db, REFS, 'shipped');

  standIn.failNext(1, 'hang');
  const inFlight = api(service.url, 'POST', '/shipping-reports');
  await waitFor('the first report POST to reach seQura', async () => standIn.merchantRequests().length === 1);
  const first = service;
  first.process.kill('SIGTERM');
  const exit = await first.exited;
  const answer = await inFlight;

  // A clean stop: the request in flight was answered (its run still pending), nothing was marked reported.
  expect(exit).toEqual({ code: 0, signal: null });
  expect(answer.status).toBe(201);
  expect(
    JSON.parse(answer.text).data.map((r: { status: string; order_count: number }) => [r.status, r.order_count]),
  ).toEqual([
    ['pending', 5],
    ['pending', 5],
    ['pending', 2],
  ]);
  expect(await db.query(`SELECT status, count(*)::integer AS n FROM shipping_reports GROUP BY status`)).toEqual([
    { status: 'pending', n: 3 },
  ]);
  expect(await db.query(`SELECT order_ref_1 FROM ${ORDERS_WITH_REPORT_STATE} WHERE reported_at IS NOT NULL`)).toEqual(
    [],
  );

  // The next process resumes the pending runs by itself.
  service = await startServiceProcess(env);
  await waitFor('every run to be sent', async () => {
    const [{ pending }] = await db.query(
      `SELECT count(*)::integer AS pending FROM shipping_reports WHERE status <> 'sent'`,
    );
    return pending === 0;
  });
  await new Promise((resolve) => setTimeout(resolve, 500)); // a duplicate would arrive now

  const reports = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/orders/delivery_reports');
  expect(reports.map((r) => r.status)).toEqual([0, 204, 204, 204]);
  const delivered = reports.filter((r) => r.status === 204);
  expect(delivered.flatMap((r) => reportedRefs(r.body)).sort()).toEqual(REFS);
  // The interrupted batch was resent as it was claimed: the same body.
  expect(delivered.find((r) => reportedRefs(r.body).includes(reportedRefs(reports[0].body)[0]))!.body).toEqual(
    reports[0].body,
  );
  const reported = await db.query(
    `SELECT order_ref_1 FROM ${ORDERS_WITH_REPORT_STATE} WHERE reported_at IS NOT NULL ORDER BY order_ref_1`,
  );
  expect(reported.map((r) => r.order_ref_1)).toEqual(REFS);
});
