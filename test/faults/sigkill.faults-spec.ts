import pg from 'pg';
import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../support/fixtures.js';
import { createTestDatabase, TestDatabase } from '../support/test-database.js';
import {
  api,
  ipnBody,
  postEvent,
  reportedRefs,
  seedOrders,
  ServiceProcess,
  sleep,
  startServiceProcess,
  waitFor,
} from './fault-helpers.js';
import { ORDERS_WITH_REPORT_STATE } from '../support/order-fixtures.js';

/**
 * SIGKILL to the production build (`node dist/main.js`) at the worst moments, then a new process on
 * the same database: while an Order Update is in flight, while a report POST is in flight, after
 * seQura accepted a report but before our commit, and after seQura accepted an IPN acknowledgement
 * but before our commit. No shutdown hook runs; PostgreSQL rolls back what the dead process had open.
 * Asserted from the database and the stand-in's log: nothing acknowledged is lost, and nothing
 * reaches seQura twice except where at-least-once is documented, and then with the same full state.
 *
 * "Before our commit" is made exact, not timed: a session of the test holds a table lock the
 * service's next statement after seQura's answer needs, and the kill comes once that statement waits.
 */
const ENV = {
  SEQURA_TIMEOUT_MS: '5000',
  OUTBOX_ENABLED: 'true',
  OUTBOX_POLL_MS: '100',
  SHIPPING_REPORT_BATCH_SIZE: '5',
  SHIPPING_REPORT_STATISTICS: 'false',
  SHIPPING_REPORT_BACKOFF_BASE_MS: '50',
  SHIPPING_REPORT_BACKOFF_MAX_MS: '200',
  // Generous, so a statement the test holds on a lock is still waiting when the kill comes.
  DB_STATEMENT_TIMEOUT_MS: '20000',
  DB_QUERY_TIMEOUT_MS: '25000',
};

let standIn: SequraStandIn;
let db: TestDatabase;
let service: ServiceProcess;
let locker: pg.Client;

const env = () => ({ ...ENV, DATABASE_URL: db.url, SEQURA_BASE_URL: standIn.url });
const requestsTo = (method: string, path: string) =>
  standIn.requests.filter((r) => r.method === method && r.path === path);
const deliveryReports = () => requestsTo('POST', '/orders/delivery_reports');

/** SIGKILL: no shutdown hook runs; PostgreSQL sees the connections drop. */
async function kill(): Promise<void> {
  expect(await service.kill()).toEqual({ code: null, signal: 'SIGKILL' });
}

/** A fresh process on the same database. */
async function restart(): Promise<void> {
  service = await startServiceProcess(env());
}

/** Waits until the service's statement starting with `sql` waits on a lock the test holds. */
function waitForLockWait(sql: string) {
  return waitFor(`the service's "${sql}…" to wait on the test's lock`, async () => {
    const rows = await db.query(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
      [`${sql}%`],
    );
    return rows.length > 0;
  });
}

beforeAll(async () => {
  standIn = await startSequraStandIn();
  db = await createTestDatabase();
  service = await startServiceProcess(env());
  locker = new pg.Client({ connectionString: db.url });
  await locker.connect();
});

afterAll(async () => {
  await locker?.end();
  await service?.stop();
  await db?.drop();
  await standIn?.close();
});

it('killed while an Order Update is in flight: the cancellation is kept, and sent again with the same body', async () => {
  await seedOrders(db, ['KILL-U1'], 'approved');
  // seQura confirmed it (it answers 404 to an Order Update for an order it does not know).
  standIn.confirmOrder('KILL-U1', orderBody('KILL-U1').cart);
  standIn.failNext(1, 'hang');
  expect((await api(service.url, 'POST', '/orders/KILL-U1/cancel', { reason: 'customer_cancel' })).status).toBe(200);
  const path = '/merchants/test-merchant/orders/KILL-U1';
  await waitFor('the Order Update to reach seQura', async () => requestsTo('PUT', path).length === 1);

  await kill();
  // Not recorded as an attempt: the process died with the row locked, its transaction rolled back.
  await waitFor('the dead session to end', async () => {
    const [row] = await db.query(`SELECT status, attempts FROM sequra_outbox FOR UPDATE NOWAIT`);
    return row;
  });
  expect(await db.query(`SELECT status, attempts FROM sequra_outbox`)).toEqual([{ status: 'pending', attempts: 0 }]);
  expect((await db.query(`SELECT state FROM orders WHERE order_ref_1 = 'KILL-U1'`))[0].state).toBe('cancelled');
  await restart();

  await waitFor(
    'the update to be sent',
    async () => (await db.query(`SELECT status FROM sequra_outbox`))[0].status === 'sent',
  );
  await sleep(300); // a third send would arrive now
  const updates = requestsTo('PUT', path);
  // At-least-once (documented): the update went out again, with the same full state.
  expect(updates.map((r) => r.status)).toEqual([0, 200]);
  expect(updates[1].body).toEqual(updates[0].body);
  expect(updates[1].body.order).toMatchObject({ cancellation_reason: 'customer_cancel' });
  expect(await db.query(`SELECT status, attempts FROM sequra_outbox`)).toEqual([{ status: 'sent', attempts: 1 }]);
});

it('killed while a report POST is in flight: the runs are resumed with the same bodies, each order reported once', async () => {
  const refs = Array.from({ length: 7 }, (_, i) => `KILL-R${i + 1}`);
  await seedOrders(db, refs, 'shipped');
  standIn.failNext(1, 'hang');
  const inFlight = api(service.url, 'POST', '/shipping-reports');
  await waitFor('the first report POST to reach seQura', async () => deliveryReports().length === 1);

  await kill();
  expect((await inFlight).status).toBe(0); // the caller got no answer
  expect(await db.query(`SELECT order_ref_1 FROM ${ORDERS_WITH_REPORT_STATE} WHERE reported_at IS NOT NULL`)).toEqual(
    [],
  );
  const pending = await db.query(`SELECT id FROM shipping_reports WHERE status = 'pending'`);
  expect(pending.length).toBeGreaterThanOrEqual(1);
  await restart();

  // The new process resumes the pending runs by itself; a run now takes whatever the claim had not reached.
  await waitFor('the pending runs to be sent', async () => {
    const [{ n }] = await db.query(`SELECT count(*)::integer AS n FROM shipping_reports WHERE status <> 'sent'`);
    return n === 0;
  });
  expect((await api(service.url, 'POST', '/shipping-reports')).status).toBe(201);
  const reports = deliveryReports();
  const delivered = reports.filter((r) => r.status === 204);
  expect(reports[0].status).toBe(0);
  expect(delivered.flatMap((r) => reportedRefs(r.body)).sort()).toEqual(refs);
  // The interrupted batch was resent as it was claimed: the same body.
  const first = reportedRefs(reports[0].body);
  expect(delivered.find((r) => reportedRefs(r.body)[0] === first[0])!.body).toEqual(reports[0].body);
  const reported = await db.query(
    `SELECT order_ref_1 FROM ${ORDERS_WITH_REPORT_STATE} WHERE reported_at IS NOT NULL ORDER BY order_ref_1`,
  );
  expect(reported.map((r) => r.order_ref_1)).toEqual(refs);
  standIn.reset();
});

it('killed after seQura accepted a report, before our commit: sent again with the same body (documented), reported once', async () => {
  const refs = ['KILL-A1', 'KILL-A2', 'KILL-A3'];
  await seedOrders(db, refs, 'shipped');
  // Marking the orders reported first locks their report states: the test's table lock makes it wait.
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE order_report_states IN EXCLUSIVE MODE');
  const inFlight = api(service.url, 'POST', '/shipping-reports');
  await waitFor('seQura to accept the report', async () => deliveryReports().some((r) => r.status === 204));
  await waitForLockWait('SELECT r.order_seq FROM shipping_report_claims');

  await kill();
  await locker.query('ROLLBACK');
  expect((await inFlight).status).toBe(0);
  expect(
    await db.query(
      `SELECT order_ref_1 FROM ${ORDERS_WITH_REPORT_STATE}
       WHERE reported_at IS NOT NULL AND order_ref_1 LIKE 'KILL-A%'`,
    ),
  ).toEqual([]);
  expect(await db.query(`SELECT status FROM shipping_reports WHERE status = 'pending'`)).toEqual([
    { status: 'pending' },
  ]);
  await restart();
  await waitFor('the run to be resent', async () => {
    const [{ n }] = await db.query(`SELECT count(*)::integer AS n FROM shipping_reports WHERE status <> 'sent'`);
    return n === 0;
  });
  await sleep(300);

  const reports = deliveryReports();
  // At-least-once (README, "Exactly once, nothing lost": the report has no idempotency key): twice, byte for byte.
  expect(reports.map((r) => r.status)).toEqual([204, 204]);
  expect(reports[1].body).toEqual(reports[0].body);
  expect(reportedRefs(reports[0].body).sort()).toEqual(refs);
  const reported = await db.query(
    `SELECT order_ref_1, shipping_report_id FROM ${ORDERS_WITH_REPORT_STATE}
     WHERE order_ref_1 LIKE 'KILL-A%' AND reported_at IS NOT NULL`,
  );
  expect(reported).toHaveLength(3);
  expect(new Set(reported.map((r) => r.shipping_report_id)).size).toBe(1);
  standIn.reset();
});

it('killed after seQura accepted the IPN acknowledgement, before our commit: the retried IPN approves once', async () => {
  const uuids = await seedOrders(db, ['KILL-I1'], 'pending');
  const uuid = uuids.get('KILL-I1')!;
  const ipn = ipnBody('approved', 'KILL-I1', uuid);
  // The approval's history row needs order_history: the test's table lock makes it wait.
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE order_history IN EXCLUSIVE MODE');
  const inFlight = postEvent(service.url, ipn, 'ipn', 20_000);
  await waitFor('seQura to accept the acknowledgement', async () =>
    requestsTo('PUT', `/orders/${uuid}`).some((r) => r.status === 200),
  );
  await waitForLockWait('INSERT INTO order_history');

  await kill();
  await locker.query('ROLLBACK');
  // seQura got no answer: for it the IPN is not delivered, and it retries. Nothing was committed here.
  expect((await inFlight).status).toBe(0);
  expect(await db.query(`SELECT state, sequra_order_ref FROM orders WHERE order_ref_1 = 'KILL-I1'`)).toEqual([
    { state: 'pending', sequra_order_ref: null },
  ]);
  expect(await db.query(`SELECT 1 FROM webhook_events WHERE order_ref_1 = 'KILL-I1'`)).toEqual([]);
  await restart();

  // seQura's retry.
  const retry = await postEvent(service.url, ipn, 'ipn');
  expect(retry).toEqual({ status: 200, text: '' });
  expect(await db.query(`SELECT state, sequra_order_ref FROM orders WHERE order_ref_1 = 'KILL-I1'`)).toEqual([
    { state: 'approved', sequra_order_ref: uuid },
  ]);
  const transitions = await db.query(
    `SELECT to_state FROM order_history h JOIN orders o ON o.id = h.order_id
     WHERE o.order_ref_1 = 'KILL-I1' AND h.kind = 'transition'`,
  );
  expect(transitions).toEqual([{ to_state: 'approved' }]);
  expect(
    await db.query(`SELECT status FROM webhook_events WHERE order_ref_1 = 'KILL-I1' AND final AND replay_of IS NULL`),
  ).toEqual([{ status: 200 }]);
  // At-least-once (documented): the acknowledgement went to seQura twice, the same confirmation both times.
  const acknowledgements = requestsTo('PUT', `/orders/${uuid}`);
  expect(acknowledgements.map((r) => r.status)).toEqual([200, 200]);
  expect(acknowledgements[1].body).toEqual(acknowledgements[0].body);
  expect(acknowledgements[0].body.order.state).toBe('confirmed');
});
