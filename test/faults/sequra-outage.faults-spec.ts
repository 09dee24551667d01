import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../support/fixtures.js';
import { startTestApp, TestApp } from '../support/test-app.js';
import { reportedRefs, seedOrders, sleep, waitFor } from './fault-helpers.js';
import { ORDERS_WITH_REPORT_STATE } from '../support/order-fixtures.js';

/**
 * seQura unreachable (the stand-in closed: connection refused) for a whole report run and for
 * merchant cancellations, then back on the same address. The real ShippingReportService and outbox
 * relay run on their own timers, with tiny backoffs: nothing may be lost, and everything must be
 * delivered once seQura is back, exactly once per shipment and per cancellation.
 */
const ENV = {
  SEQURA_TIMEOUT_MS: '1000',
  OUTBOX_ENABLED: 'true',
  OUTBOX_POLL_MS: '50',
  OUTBOX_BACKOFF_BASE_MS: '20',
  OUTBOX_BACKOFF_MAX_MS: '200',
  OUTBOX_MAX_ATTEMPTS: '1000',
  SHIPPING_REPORT_BACKOFF_BASE_MS: '20',
  SHIPPING_REPORT_BACKOFF_MAX_MS: '200',
  SHIPPING_REPORT_MAX_ATTEMPTS: '1000',
  SHIPPING_REPORT_BATCH_SIZE: '4',
  SHIPPING_REPORT_STATISTICS: 'false',
};
const SHIPPED = Array.from({ length: 10 }, (_, i) => `SQDOWN-S${i + 1}`);
const TO_CANCEL = Array.from({ length: 6 }, (_, i) => `SQDOWN-C${i + 1}`);

let standIn: SequraStandIn;
let t: TestApp;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({ ...ENV, SEQURA_BASE_URL: standIn.url });
});

afterAll(async () => {
  await t?.close();
  await standIn?.close();
});

it('keeps a report run and merchant cancellations while seQura is down, and delivers each exactly once when it is back', async () => {
  await seedOrders(t.db, SHIPPED, 'shipped');
  await seedOrders(t.db, TO_CANCEL, 'approved');
  // seQura confirmed the orders to cancel (it answers 404 to an Order Update for an order it does not know).
  for (const ref of TO_CANCEL) standIn.confirmOrder(ref, orderBody(ref).cart);
  const port = Number(new URL(standIn.url).port);
  const known = standIn.orders;
  await standIn.close();

  // The whole run happens while seQura is down: claimed, tried, left pending.
  const run = await t.request('POST', '/shipping-reports');
  expect(run.status).toBe(201);
  expect(run.body.data.map((r: { status: string; order_count: number }) => [r.status, r.order_count])).toEqual([
    ['pending', 4],
    ['pending', 4],
    ['pending', 2],
  ]);
  for (const ref of TO_CANCEL)
    expect((await t.request('POST', `/orders/${ref}/cancel`, { body: { reason: 'customer_cancel' } })).status).toBe(
      200,
    );

  // Both keep retrying on their own, and nothing is marked done.
  await waitFor('several failed attempts of each', async () => {
    const [{ reports }] = await t.db.query(`SELECT min(attempts)::integer AS reports FROM shipping_reports`);
    const [{ updates }] = await t.db.query(`SELECT min(attempts)::integer AS updates FROM sequra_outbox`);
    return reports >= 3 && updates >= 3;
  });
  await sleep(300);
  expect(await t.db.query(`SELECT DISTINCT status FROM shipping_reports`)).toEqual([{ status: 'pending' }]);
  expect(await t.db.query(`SELECT DISTINCT status FROM sequra_outbox`)).toEqual([{ status: 'pending' }]);
  expect(await t.db.query(`SELECT order_ref_1 FROM ${ORDERS_WITH_REPORT_STATE} WHERE reported_at IS NOT NULL`)).toEqual(
    [],
  );

  // seQura is back on the same address, with what it knew.
  standIn = await startSequraStandIn({ port, orders: known });
  await waitFor(
    'every run and every update delivered',
    async () => {
      const [{ pending }] = await t.db.query(
        `SELECT (SELECT count(*) FROM shipping_reports WHERE status <> 'sent')
                + (SELECT count(*) FROM sequra_outbox WHERE status <> 'sent') AS pending`,
      );
      return Number(pending) === 0;
    },
    20_000,
  );
  await sleep(500); // anything sent twice would arrive now

  const reports = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/orders/delivery_reports');
  expect(reports.map((r) => r.status)).toEqual([204, 204, 204]);
  expect(reports.flatMap((r) => reportedRefs(r.body)).sort()).toEqual([...SHIPPED].sort());
  const updates = standIn.requests.filter(
    (r) => r.method === 'PUT' && r.path.startsWith('/merchants/test-merchant/orders/'),
  );
  expect(updates.map((r) => r.status)).toEqual(TO_CANCEL.map(() => 200));
  expect(updates.map((r) => r.path.split('/').pop()).sort()).toEqual([...TO_CANCEL].sort());
  expect(updates.every((r) => r.body.order.cancellation_reason === 'customer_cancel')).toBe(true);
  expect(standIn.requests).toHaveLength(reports.length + updates.length);

  const shipped = await t.db.query(
    `SELECT order_ref_1 FROM ${ORDERS_WITH_REPORT_STATE} WHERE reported_at IS NOT NULL ORDER BY order_ref_1`,
  );
  expect(shipped.map((r) => r.order_ref_1)).toEqual([...SHIPPED].sort());
  const cancelled = await t.db.query(`SELECT order_ref_1 FROM orders WHERE state = 'cancelled' ORDER BY order_ref_1`);
  expect(cancelled.map((r) => r.order_ref_1)).toEqual([...TO_CANCEL].sort());
  // seQura holds every cancelled order with both carts empty.
  for (const ref of TO_CANCEL) expect(standIn.orders.get(ref)!.unshipped_cart.order_total_with_tax).toBe(0);
});
