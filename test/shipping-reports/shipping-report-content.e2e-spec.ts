import { MAX_AMOUNT_CENTS } from '../../src/common/money.js';
import { OutboxRelayService } from '../../src/sequra/outbox-relay.service.js';
import { ShippingReportService } from '../../src/shipping-reports/shipping-report.service.js';
import { startSequraStandIn, SequraStandIn, STAND_IN_ERRORS } from '../sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../support/fixtures.js';
import { backdate, changeOrder, DAY, ORDERS_WITH_REPORT_STATE } from '../support/order-fixtures.js';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/test-app.js';
import { deliveryReports, reportedRefs, shippedOrder } from './report-helpers.js';

const TOKEN = 'trigger-token-0123456789';
/** Keys of a report order in seQura's fixture (FullSendReportRequestBody.json), in its order. */
const FIXTURE_ORDER_KEYS = [
  'state',
  'sent_at',
  'merchant_reference',
  'cart',
  'remaining_cart',
  'trackings',
  'delivery_method',
  'delivery_address',
  'invoice_address',
  'customer',
];
const FIXTURE_STATISTICS_KEYS = [
  'completed_at',
  'amount',
  'currency',
  'merchant_reference',
  'payment_method',
  'country',
  'device',
  'status',
  'raw_status',
  'sequra_offered',
];
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

let standIn: SequraStandIn;
let t: TestApp;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({
    SEQURA_BASE_URL: standIn.url,
    REPORT_TRIGGER_TOKEN: TOKEN,
    SHIPPING_REPORT_TZ: 'Europe/Madrid',
  });
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});
beforeEach(() => standIn.reset());

/** Runs a report through the API and returns the runs and the last body seQura received. */
async function runReport() {
  const res = await t.request('POST', '/shipping-reports');
  expect(res.status).toBe(201);
  const reports = deliveryReports(standIn);
  return { runs: res.body.data, body: reports[reports.length - 1]?.body, reports };
}

describe('report content', () => {
  it('sends each field of a shipped order in the shape of seQura’s fixture, from the order as stored', async () => {
    const base = orderBody('FIELDS-1');
    await shippedOrder(t, 'FIELDS-1', {
      order: { customer: { ...base.customer, ip_number: '203.0.113.7', user_agent: 'Mozilla/5.0' } },
      shipment: {
        tracking: { carrier: 'MRW', tracking_number: 'TN-1', tracking_url: 'https://track.example/TN-1' },
        shipped_at: '2025-01-15T10:00:00Z',
      },
    });

    const { runs, body, reports } = await runReport();

    expect(reports).toHaveLength(1);
    expect(reports[0].headers['sequra-merchant-id']).toBe('test-merchant');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      trigger: 'manual',
      status: 'sent',
      batch: 1,
      order_count: 1,
      broken_order_count: 0,
      attempts: 1,
      sequra_status: 204,
    });
    const report = body.delivery_report;
    expect(report.merchant).toEqual({ id: 'test-merchant' });
    expect(report.broken_orders).toEqual([]);
    expect(report.orders).toHaveLength(1);
    const entry = report.orders[0];
    expect(FIXTURE_ORDER_KEYS).toEqual(expect.arrayContaining(Object.keys(entry)));
    expect(entry).toEqual({
      state: 'shipped',
      // 10:00 UTC is 11:00 in Madrid in January.
      sent_at: '2025-01-15T11:00:00+01:00',
      merchant_reference: { order_ref_1: 'FIELDS-1', order_ref_2: 'cart-77' },
      cart: { currency: 'EUR', order_total_with_tax: 8350, items: base.cart.items },
      trackings: [
        {
          type: 'postal',
          reference: 'T1',
          carrier: 'MRW',
          tracking_number: 'TN-1',
          tracking_url: 'https://track.example/TN-1',
        },
      ],
      delivery_method: base.delivery_method,
      delivery_address: base.delivery_address,
      invoice_address: base.invoice_address,
      // The customer as at checkout, without ip_number and user_agent.
      customer: base.customer,
    });
    expect(report.platform).toEqual({
      name: 'sequra-merchant-backend',
      version: expect.any(String),
      uname: expect.any(String),
      db_name: 'postgresql',
      db_version: expect.stringMatching(/^\d+(\.\d+)?/),
    });
    const [{ server_version }] = await t.db.query('SHOW server_version');
    expect(report.platform.db_version).toBe(server_version);

    const stats = report.statistics.orders.find(
      (s: { merchant_reference: { order_ref_1: string } }) => s.merchant_reference.order_ref_1 === 'FIELDS-1',
    );
    expect(FIXTURE_STATISTICS_KEYS).toEqual(expect.arrayContaining(Object.keys(stats)));
    expect(stats).toEqual({
      completed_at: expect.stringMatching(ISO_WITH_OFFSET),
      currency: 'EUR',
      amount: 8350,
      merchant_reference: { order_ref_1: 'FIELDS-1', order_ref_2: 'cart-77' },
      payment_method: 'SQ',
      country: 'ES',
      status: 'shipped',
      raw_status: 'shipped',
    });

    // Reported once, its claim dropped, and the order shows when and in which run (staff can open it).
    const view = (await t.request('GET', '/orders/FIELDS-1')).body;
    expect(view.reported_at).toEqual(expect.stringMatching(/^\d{4}-/));
    expect(view.shipping_report_id).toBe(runs[0].id);
    expect(
      await t.db.query(
        `SELECT c.* FROM shipping_report_claims c JOIN orders o ON o.id = c.order_id WHERE o.order_ref_1 = 'FIELDS-1'`,
      ),
    ).toEqual([]);

    // The run keeps the body sent and seQura's answer.
    const detail = await t.request('GET', `/shipping-reports/${runs[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.payload).toEqual(body);
    expect(detail.body).toMatchObject({ status: 'sent', sequra_status: 204, sequra_response: null, last_error: null });
  });

  it('reports the statistics of the last 7 days of orders in any state, and maps their status', async () => {
    await t.request('POST', '/orders', { body: orderBody('STATS-PENDING') });
    await t.request('POST', '/orders', { body: orderBody('STATS-CANCELLED') });
    await t.request('POST', '/orders/STATS-CANCELLED/cancel', { body: {} });
    await t.request('POST', '/orders', { body: orderBody('STATS-OLD') });
    await backdate(t, 'STATS-OLD', { createdAt: 8 * DAY });

    const { body } = await runReport();

    const byRef = new Map<string, Record<string, unknown>>(
      body.delivery_report.statistics.orders.map((s: { merchant_reference: { order_ref_1: string } }) => [
        s.merchant_reference.order_ref_1,
        s,
      ]),
    );
    expect(byRef.get('STATS-PENDING')).toMatchObject({
      status: 'processing',
      raw_status: 'pending',
      payment_method: 'SQ',
    });
    expect(byRef.get('STATS-CANCELLED')).toMatchObject({ status: 'cancelled', raw_status: 'cancelled' });
    expect(byRef.has('STATS-OLD')).toBe(false);
    // Orders that are not shipped are not in the report itself.
    expect(body.delivery_report.orders).toEqual([]);
  });

  it('splits a partial shipment into cart and remaining_cart; a second shipment after the report goes by exactly one Order Update and is not reported again', async () => {
    await shippedOrder(t, 'PARTIAL-1', { shipment: { items: [{ reference: 'jacket9876', quantity: 1 }] }, standIn });

    const first = await runReport();
    const entry = first.body.delivery_report.orders.find(
      (o: { merchant_reference: { order_ref_1: string } }) => o.merchant_reference.order_ref_1 === 'PARTIAL-1',
    );
    const [shirt, jacket] = orderBody('x').cart.items;
    expect(entry.cart).toEqual({ currency: 'EUR', order_total_with_tax: 7100, items: [jacket] });
    expect(entry.remaining_cart).toEqual({ currency: 'EUR', order_total_with_tax: 1250, items: [shirt] });
    // seQura holds what the report carried.
    expect(standIn.orders.get('PARTIAL-1')).toMatchObject({
      shipped_cart: entry.cart,
      unshipped_cart: entry.remaining_cart,
    });

    // The second shipment, with its tracking: one Order Update with both carts; the order stays reported.
    const second = await t.request('POST', '/orders/PARTIAL-1/shipments', {
      body: { tracking: { carrier: 'SEUR', tracking_number: 'S-2' } },
    });
    expect(second.status).toBe(200);
    expect(second.body.reported_at).not.toBeNull();
    standIn.reset();
    await t.app.get(OutboxRelayService).drainOnce();
    const updates = standIn.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/PARTIAL-1'));
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ path: '/merchants/test-merchant/orders/PARTIAL-1', status: 200 });
    expect(updates[0].body.order).toMatchObject({
      shipped_cart: { currency: 'EUR', order_total_with_tax: 8350, items: [shirt, jacket] },
      unshipped_cart: { currency: 'EUR', order_total_with_tax: 0, items: [] },
      trackings: [{ type: 'postal', reference: 'T1', carrier: 'SEUR', tracking_number: 'S-2' }],
    });
    expect(standIn.orders.get('PARTIAL-1')!.shipped_cart.order_total_with_tax).toBe(8350);

    // Not reported again.
    const next = await runReport();
    expect(reportedRefs(next.body)).toEqual([]);
    // And nothing more to tell seQura about it.
    standIn.reset();
    await t.app.get(OutboxRelayService).drainOnce();
    expect(standIn.requests.filter((r) => r.path.endsWith('/PARTIAL-1'))).toEqual([]);
  });

  it('carries a staff correction of the delivery address (data-sync API) into the next report', async () => {
    await shippedOrder(t, 'EDITED-1');
    const current = await t.request('GET', '/orders/EDITED-1/customer-data', { key: ADMIN_KEY });
    const edited = await t.request('PATCH', '/orders/EDITED-1/delivery-address', {
      key: ADMIN_KEY,
      body: { address_line_1: 'Calle Nueva 5', postal_code: '28014' },
      headers: { 'if-match': current.headers.get('etag')! },
    });
    expect(edited.status).toBe(200);

    const { body } = await runReport();

    expect(body.delivery_report.orders[0].delivery_address).toEqual({
      ...orderBody('x').delivery_address,
      address_line_1: 'Calle Nueva 5',
      postal_code: '28014',
    });
  });

  it('puts an order whose lines do not add up to its total in broken_orders, and marks it reported too', async () => {
    await shippedOrder(t, 'BROKEN-1');
    await shippedOrder(t, 'FINE-1');
    await changeOrder(t, 'BROKEN-1', (order) => ({ cart: { ...order.cart, order_total_with_tax: 9000 } }));

    const { runs, body } = await runReport();

    expect(runs[0]).toMatchObject({ status: 'sent', order_count: 1, broken_order_count: 1 });
    expect(
      body.delivery_report.orders.map(
        (o: { merchant_reference: { order_ref_1: string } }) => o.merchant_reference.order_ref_1,
      ),
    ).toEqual(['FINE-1']);
    const [broken] = body.delivery_report.broken_orders;
    expect(Object.keys(broken).sort()).toEqual(Object.keys(body.delivery_report.orders[0]).sort());
    expect(broken.merchant_reference.order_ref_1).toBe('BROKEN-1');
    // The inconsistency seQura checks for: lines add up to 8350, the declared total is 9000.
    expect(broken.cart.order_total_with_tax).toBe(9000);
    expect(broken.cart.items.reduce((sum: number, i: { total_with_tax: number }) => sum + i.total_with_tax, 0)).toBe(
      8350,
    );
    const rows = await t.db.query(
      `SELECT order_ref_1, reported_at IS NOT NULL AS reported FROM ${ORDERS_WITH_REPORT_STATE}
       WHERE order_ref_1 IN ('BROKEN-1', 'FINE-1') ORDER BY 1`,
    );
    expect(rows).toEqual([
      { order_ref_1: 'BROKEN-1', reported: true },
      { order_ref_1: 'FINE-1', reported: true },
    ]);
  });

  it('never lets one order fail the report: orders whose data cannot be reported are left out and noted', async () => {
    const refs = (body: { delivery_report: { orders: { merchant_reference: { order_ref_1: string } }[] } }) =>
      body.delivery_report.orders.map((o) => o.merchant_reference.order_ref_1);
    for (const ref of ['POISON-2^31', 'POISON-ITEMS', 'POISON-FLOAT', 'FINE-2']) await shippedOrder(t, ref);
    await t.request('POST', '/orders', { body: orderBody('POISON-STATS') });
    // Planted through the repository, as older releases or a manual fix could have stored them.
    const line = (total: number) => ({ type: 'product', reference: 'shirt1234', quantity: 1, total_with_tax: total });
    const huge = { currency: 'EUR', order_total_with_tax: 2 ** 31, items: [line(2 ** 31)] };
    await changeOrder(t, 'POISON-2^31', { cart: huge as never, shippedQuantities: { shirt1234: 1 } });
    await changeOrder(t, 'POISON-STATS', { cart: huge as never });
    await changeOrder(t, 'POISON-ITEMS', (order) => ({ cart: { ...order.cart, items: {} as never } }));
    await changeOrder(t, 'POISON-FLOAT', {
      cart: { currency: 'EUR', order_total_with_tax: 12.5, items: [line(12.5)] } as never,
      shippedQuantities: { shirt1234: 1 },
    });

    const preview = await t.request('GET', '/shipping-reports/preview');
    expect(preview.status).toBe(200);
    expect(preview.body.first_batch.unreportable.map((o: { order_ref_1: string }) => o.order_ref_1)).toEqual([
      'POISON-2^31',
      'POISON-ITEMS',
      'POISON-FLOAT',
    ]);

    const { runs, body, reports } = await runReport();
    expect(reports.map((r) => r.status)).toEqual([204]);
    expect(runs).toEqual([expect.objectContaining({ status: 'sent', order_count: 1, broken_order_count: 0 })]);
    expect(refs(body)).toEqual(['FINE-2']);
    expect(body.delivery_report.broken_orders).toEqual([]);
    const statistics = body.delivery_report.statistics.orders.map(
      (s: { merchant_reference: { order_ref_1: string }; amount: number }) => [
        s.merchant_reference.order_ref_1,
        s.amount,
      ],
    );
    expect(statistics).toEqual(
      expect.arrayContaining([
        ['FINE-2', 8350],
        ['POISON-ITEMS', 8350],
      ]),
    );
    const statisticsRefs = statistics.map(([ref]: [string]) => ref);
    for (const ref of ['POISON-2^31', 'POISON-STATS', 'POISON-FLOAT']) expect(statisticsRefs).not.toContain(ref);
    expect(runs[0].statistics_count).toBe(statistics.length);

    // Each left-out order: unreported, not in the run, a history note saying why.
    const notes = await t.db.query(
      `SELECT o.order_ref_1, r.reported_at IS NULL AS unreported, h.actor, h.details
       FROM ${ORDERS_WITH_REPORT_STATE}
       JOIN order_history h ON h.order_id = o.id AND h.details->>'event' = 'report_skipped'
       WHERE o.order_ref_1 LIKE 'POISON-%' ORDER BY o.seq`,
    );
    expect(notes).toEqual([
      {
        order_ref_1: 'POISON-2^31',
        unreported: true,
        actor: 'shipping-report',
        details: {
          event: 'report_skipped',
          shipping_report_id: runs[0].id,
          reason: `cart.order_total_with_tax is not an integer within ±${2 * MAX_AMOUNT_CENTS} cents`,
        },
      },
      {
        order_ref_1: 'POISON-ITEMS',
        unreported: true,
        actor: 'shipping-report',
        details: expect.objectContaining({ reason: 'its stored data cannot be read into a report entry (TypeError)' }),
      },
      {
        order_ref_1: 'POISON-FLOAT',
        unreported: true,
        actor: 'shipping-report',
        details: expect.objectContaining({
          reason: `cart.order_total_with_tax is not an integer within ±${2 * MAX_AMOUNT_CENTS} cents`,
        }),
      },
    ]);

    // Passed over by later runs (not noted every day) until the order changes: fixed, it is reported.
    const next = await runReport();
    expect(next.runs).toEqual([expect.objectContaining({ status: 'sent', order_count: 0 })]);
    await changeOrder(t, 'POISON-FLOAT', (order) => ({
      cart: orderBody('x').cart as never,
      shippedQuantities: order.shippedQuantities,
    }));
    const fixed = await runReport();
    expect(refs(fixed.body)).toEqual(['POISON-FLOAT']);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::integer AS n FROM order_history WHERE details->>'event' = 'report_skipped'`,
    );
    expect(n).toBe(3);
  });

  it('still sends a report on a day with no shipments', async () => {
    const { runs, body, reports } = await runReport();
    expect(reports).toHaveLength(1);
    expect(runs).toEqual([expect.objectContaining({ status: 'sent', order_count: 0, broken_order_count: 0 })]);
    expect(body.delivery_report.orders).toEqual([]);
    expect(body.delivery_report.broken_orders).toEqual([]);
  });
});

describe('preview and listing', () => {
  it('previews what a run would send without claiming, sending or recording anything', async () => {
    await shippedOrder(t, 'PREVIEW-1');
    const [{ n: runsBefore }] = await t.db.query(`SELECT count(*)::integer AS n FROM shipping_reports`);

    const res = await t.request('GET', '/shipping-reports/preview');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      order_count: 1,
      batch_size: 1000,
      batches: 1,
      pending_runs: 0,
      first_batch: { order_count: 1, broken_order_count: 0 },
    });
    expect(reportedRefs(res.body.first_batch.payload)).toEqual(['PREVIEW-1']);
    expect(standIn.requests).toHaveLength(0);
    const [{ n: runsAfter }] = await t.db.query(`SELECT count(*)::integer AS n FROM shipping_reports`);
    expect(runsAfter).toBe(runsBefore);
    const [order] = await t.db.query(
      `SELECT reported_at, shipping_report_id FROM ${ORDERS_WITH_REPORT_STATE} WHERE order_ref_1 = 'PREVIEW-1'`,
    );
    expect(order).toEqual({ reported_at: null, shipping_report_id: null });

    // What the preview showed is what the run sends (the statistics aside, which move with time).
    const { body } = await runReport();
    expect(body.delivery_report.orders).toEqual(res.body.first_batch.payload.delivery_report.orders);
  });

  it('lists runs newest first with a cursor, without their payloads', async () => {
    const all = await t.db.query<{ id: string }>(`SELECT id FROM shipping_reports ORDER BY seq DESC`);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await t.request('GET', '/shipping-reports?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.data.map((r: { id: string }) => r.id)).toEqual(all.slice(0, 2).map((r) => r.id));
    expect(first.body.data[0]).not.toHaveProperty('payload');
    const second = await t.request('GET', `/shipping-reports?limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.data.map((r: { id: string }) => r.id)).toEqual(all.slice(2, 4).map((r) => r.id));
    expect((await t.request('GET', '/shipping-reports?status=failed')).body.data).toEqual([]);
    expect((await t.request('GET', '/shipping-reports?cursor=bm9wZQ')).status).toBe(400);
  });

  it('needs an API key, and answers 404 for an unknown run and 400 for a malformed id', async () => {
    expect((await t.request('POST', '/shipping-reports', { key: null })).status).toBe(401);
    expect((await t.request('GET', '/shipping-reports', { key: null })).status).toBe(401);
    expect((await t.request('GET', '/shipping-reports/preview', { key: null })).status).toBe(401);
    expect((await t.request('GET', '/shipping-reports/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.request('GET', '/shipping-reports/not-a-uuid')).status).toBe(400);
  });
});

describe('GET /triggerreport', () => {
  it('runs a report and answers ok, like the plugin', async () => {
    await shippedOrder(t, 'TRIGGER-1');
    const res = await t.request('GET', `/triggerreport?token=${TOKEN}`, { key: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.text).toBe('ok');
    expect(reportedRefs(deliveryReports(standIn)[0].body)).toEqual(['TRIGGER-1']);
  });

  it('answers ko (599) when seQura refuses the report', async () => {
    standIn.failNext(1, 'reject422');
    const res = await t.request('GET', `/triggerreport?token=${TOKEN}`, { key: null });
    expect(res.status).toBe(599);
    expect(res.text).toBe('ko');
    const [run] = await t.db.query(`SELECT status, last_error FROM shipping_reports ORDER BY seq DESC LIMIT 1`);
    expect(run).toEqual({ status: 'failed', last_error: STAND_IN_ERRORS.rejected });
  });

  it('refuses a wrong or missing token without running anything', async () => {
    const [{ n: before }] = await t.db.query(`SELECT count(*)::integer AS n FROM shipping_reports`);
    expect((await t.request('GET', '/triggerreport?token=wrong-token-0123456789', { key: null })).status).toBe(403);
    expect((await t.request('GET', '/triggerreport', { key: null })).status).toBe(403);
    expect((await t.request('GET', `/triggerreport?token=${TOKEN}x`, { key: null })).status).toBe(403);
    const [{ n: after }] = await t.db.query(`SELECT count(*)::integer AS n FROM shipping_reports`);
    expect(after).toBe(before);
    expect(standIn.requests).toHaveLength(0);
  });

  it('is off (404) when no token is configured', async () => {
    const off = await startTestApp({ SEQURA_BASE_URL: standIn.url }, t.db);
    try {
      expect((await off.request('GET', `/triggerreport?token=${TOKEN}`, { key: null })).status).toBe(404);
      expect(standIn.merchantRequests()).toHaveLength(0);
    } finally {
      await off.close();
    }
  });
});

describe('batches and ticks', () => {
  it('splits a large day into batches of SHIPPING_REPORT_BATCH_SIZE orders, one POST each', async () => {
    const small = await startTestApp(
      { SEQURA_BASE_URL: standIn.url, SHIPPING_REPORT_BATCH_SIZE: '2', SHIPPING_REPORT_STATISTICS: 'false' },
      t.db,
    );
    try {
      const refs = ['BATCH-1', 'BATCH-2', 'BATCH-3', 'BATCH-4', 'BATCH-5'];
      for (const ref of refs) await shippedOrder(small, ref);

      const res = await small.request('POST', '/shipping-reports');

      expect(res.status).toBe(201);
      expect(
        res.body.data.map((r: { batch: number; order_count: number; status: string }) => [
          r.batch,
          r.order_count,
          r.status,
        ]),
      ).toEqual([
        [1, 2, 'sent'],
        [2, 2, 'sent'],
        [3, 1, 'sent'],
      ]);
      const reports = deliveryReports(standIn);
      expect(reports.map((r) => reportedRefs(r.body))).toEqual([refs.slice(0, 2), refs.slice(2, 4), refs.slice(4)]);
      for (const r of reports) expect(r.body.delivery_report).not.toHaveProperty('statistics');
    } finally {
      await small.close();
    }
  });

  it('creates one run per schedule tick, whichever replica gets there first', async () => {
    const other = await startTestApp({ SEQURA_BASE_URL: standIn.url }, t.db);
    try {
      await shippedOrder(t, 'TICK-1');
      const tick = new Date('2030-01-01T02:00:00Z');
      const [mine, theirs] = await Promise.all([
        t.app.get(ShippingReportService).runScheduledTick(tick),
        other.app.get(ShippingReportService).runScheduledTick(tick),
      ]);
      const created = [...mine, ...theirs];
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ trigger: 'schedule', scheduledFor: tick, orderCount: 1 });
      expect(deliveryReports(standIn)).toHaveLength(1);
      // A late replica (its clock behind) arriving at the same tick creates nothing.
      expect(await other.app.get(ShippingReportService).runScheduledTick(tick)).toEqual([]);
      expect(await t.db.query(`SELECT job FROM shipping_report_ticks WHERE scheduled_for = $1`, [tick])).toEqual([
        { job: 'shipping-report' },
      ]);
    } finally {
      await other.close();
    }
  });
});
