import { randomUUID } from 'node:crypto';
import { OrderReportStates1763820080000 } from '../../src/database/migrations/1763820080000-order-report-states.js';
import { startSequraStandIn, SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../support/fixtures.js';
import { startTestApp, TEST_MERCHANT } from '../support/test-app.js';
import { createDatabaseMigratedBefore, TestDatabase } from '../support/test-database.js';
import { deliveryReports, reportedRefs } from './report-helpers.js';

/**
 * The upgrade that moved where an order stands with the delivery report out of `orders` (migration
 * 1763820080000): orders the previous release left reported, shipped but unreported, and not shipped
 * keep what they were, and the next report carries exactly the unreported shipment.
 */
let standIn: SequraStandIn;
let legacy: TestDatabase;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  legacy = await createDatabaseMigratedBefore(OrderReportStates1763820080000);
});
afterAll(async () => {
  await standIn?.close();
  await legacy?.drop();
});

/** An order as the previous release stored it, with its report columns on `orders`. */
async function legacyOrder(ref: string, columns: Record<string, unknown>): Promise<void> {
  const body = orderBody(ref);
  const names = Object.keys(columns);
  await legacy.query(
    `INSERT INTO orders (order_ref_1, sequra_order_ref, sequra_merchant_id, cart, shipped_quantities, delivery_method,
                         customer, delivery_address, invoice_address, approved_at, ${names.join(', ')})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, now(), ${names.map((_, i) => `$${i + 9}`).join(', ')})`,
    [
      ref,
      randomUUID(),
      TEST_MERCHANT,
      JSON.stringify(body.cart),
      columns.state === 'approved' ? '{}' : '{"shirt1234": 1, "jacket9876": 1}',
      JSON.stringify(body.delivery_method),
      JSON.stringify(body.customer),
      JSON.stringify(body.delivery_address),
      ...Object.values(columns),
    ],
  );
}

it('keeps every order where it stood with the report, and reports only the unreported shipment', async () => {
  const previousRun = randomUUID();
  const reportedAt = new Date('2026-11-30T10:00:00Z');
  await legacyOrder('UPG-REPORTED', {
    state: 'shipped',
    shipped_at: new Date(),
    reported_at: reportedAt,
    shipping_report_id: previousRun,
    sequra_view_version: 1,
  });
  await legacyOrder('UPG-UNREPORTED', { state: 'shipped', shipped_at: new Date() });
  await legacyOrder('UPG-APPROVED', { state: 'approved' });

  const t = await startTestApp({ SEQURA_BASE_URL: standIn.url }, legacy);
  try {
    expect(
      await legacy.query(
        `SELECT o.order_ref_1, r.reported_at, r.shipping_report_id, r.sequra_view_version
         FROM order_report_states r JOIN orders o ON o.seq = r.order_seq ORDER BY o.order_ref_1`,
      ),
    ).toEqual([
      { order_ref_1: 'UPG-REPORTED', reported_at: reportedAt, shipping_report_id: previousRun, sequra_view_version: 1 },
      { order_ref_1: 'UPG-UNREPORTED', reported_at: null, shipping_report_id: null, sequra_view_version: null },
    ]);
    expect((await t.request('GET', '/orders/UPG-REPORTED')).body).toMatchObject({
      reported_at: reportedAt.toISOString(),
      shipping_report_id: previousRun,
    });
    expect((await t.request('GET', '/orders/UPG-APPROVED')).body).toMatchObject({ reported_at: null });

    const res = await t.request('POST', '/shipping-reports');
    expect(res.status).toBe(201);
    const [sent] = deliveryReports(standIn);
    expect(reportedRefs(sent.body)).toEqual(['UPG-UNREPORTED']);
    expect((await t.request('GET', '/orders/UPG-UNREPORTED')).body).toMatchObject({
      shipping_report_id: res.body.data[0].id,
    });
    expect((await t.request('GET', '/orders/UPG-REPORTED')).body.shipping_report_id).toBe(previousRun);
  } finally {
    await t.close();
  }
});
