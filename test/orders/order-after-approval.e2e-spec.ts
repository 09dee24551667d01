import { OutboxRelayService } from '../../src/sequra/outbox-relay.service.js';
import { ShippingReportClaimService } from '../../src/shipping-reports/shipping-report-claim.service.js';
import { ShippingReportService } from '../../src/shipping-reports/shipping-report.service.js';
import { RecordedRequest, SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../support/fixtures.js';
import { seedConfirmedOrder } from '../support/sequra-fixtures.js';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/test-app.js';

/**
 * The order after approval, end to end on the real app, PostgreSQL and the seQura stand-in:
 * refunds, cancelled units, later shipments, the daily and realtime modes. What seQura receives is
 * read from the stand-in's request log, and what it ends up holding from its side of the order.
 */

const [SHIRT, JACKET] = orderBody('x').cart.items;
const EMPTY = { currency: 'EUR', order_total_with_tax: 0, items: [] };

let standIn: SequraStandIn;
let t: TestApp;
let n = 0;
const nextRef = (prefix: string) => `${prefix}-${++n}`;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_TIMEOUT_MS: '2000' });
});
afterAll(async () => {
  await t?.close();
  await standIn?.close();
});

const relay = () => t.app.get(OutboxRelayService);
const post = (ref: string, path: string, body: unknown, key?: string) =>
  t.request('POST', `/orders/${encodeURIComponent(ref)}/${path}`, { body, key });
const refund = (ref: string, body: unknown) => post(ref, 'refunds', body);
const updatesFor = (ref: string): RecordedRequest[] =>
  standIn.requests.filter((r) => r.method === 'PUT' && r.path === `/merchants/test-merchant/orders/${ref}`);
const outboxOf = (ref: string) =>
  t.db.query<{ kind: string; status: string }>(
    `SELECT kind, status FROM sequra_outbox WHERE order_ref_1 = $1 ORDER BY id`,
    [ref],
  );
const historyOf = async (ref: string) =>
  (await t.request('GET', `/orders/${encodeURIComponent(ref)}/history`)).body.data;
const orderOf = async (ref: string) => (await t.request('GET', `/orders/${encodeURIComponent(ref)}`)).body;

/** Sends what the outbox holds for seQura now, and returns the Order Updates `ref` got. */
async function deliver(ref: string): Promise<RecordedRequest[]> {
  standIn.reset();
  await relay().drainOnce();
  return updatesFor(ref);
}

/** A shipped order (everything) seQura has been told about by a report: changes go by Order Update. */
const reportedShippedOrder = (ref: string) =>
  seedConfirmedOrder(t, standIn, ref, { state: 'shipped', set: { reportedAt: new Date() } });

describe('POST /orders/:ref/refunds', () => {
  it('a return takes the units out of shipped_cart: one Order Update with the full state, 201 with the order', async () => {
    const ref = nextRef('RET');
    await reportedShippedOrder(ref);

    const res = await refund(ref, { items: [{ reference: 'shirt1234', quantity: 1 }], reason: 'wrong size' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'shipped',
      returned_quantities: { shirt1234: 1 },
      refunds: [{ n: 1, items: { shirt1234: 1 }, amount: 0, reason: 'wrong size', actor: 'shop' }],
      sequra_view: {
        current: { shipped_cart: { order_total_with_tax: 7100, items: [JACKET] }, unshipped_cart: EMPTY },
        in_step: false,
      },
    });
    expect(await outboxOf(ref)).toEqual([{ kind: 'refund', status: 'pending' }]);
    const [update, ...more] = await deliver(ref);
    expect(more).toEqual([]);
    expect(update.status).toBe(200);
    expect(update.body.order).toMatchObject({
      merchant: { id: 'test-merchant' },
      merchant_reference: { order_ref_1: ref, order_ref_2: 'cart-77' },
      shipped_cart: { currency: 'EUR', order_total_with_tax: 7100, items: [JACKET] },
      unshipped_cart: EMPTY,
      delivery_method: orderBody('x').delivery_method,
      delivery_address: orderBody('x').delivery_address,
      invoice_address: orderBody('x').invoice_address,
      customer: orderBody('x').customer,
      platform: { name: 'sequra-merchant-backend' },
    });
    expect(standIn.orders.get(ref)!.shipped_cart).toEqual(update.body.order.shipped_cart);
    expect((await orderOf(ref)).sequra_view).toMatchObject({
      in_step: true,
      acknowledged: { shipped_cart: { order_total_with_tax: 7100 } },
    });
    expect(await historyOf(ref)).toEqual([
      expect.objectContaining({
        kind: 'note',
        cause: 'api',
        actor: 'shop',
        details: { event: 'refund', refund: 1, items: { shirt1234: 1 }, amount: 0, reason: 'wrong size' },
      }),
    ]);
  });

  it('a money refund is a negative other_payment line in shipped_cart', async () => {
    const ref = nextRef('MONEY');
    await reportedShippedOrder(ref);

    expect((await refund(ref, { amount: 1500, reason: 'late delivery' })).status).toBe(201);

    const [update] = await deliver(ref);
    expect(update.body.order.shipped_cart).toEqual({
      currency: 'EUR',
      order_total_with_tax: 6850,
      items: [SHIRT, JACKET, { type: 'other_payment', reference: 'refund-1', name: 'Refund', total_with_tax: -1500 }],
    });
    expect(standIn.orders.get(ref)!.shipped_cart.order_total_with_tax).toBe(6850);
  });

  it('a refund above what is left in shipped_cart is a 409 naming the limit; nothing is written or queued', async () => {
    const ref = nextRef('OVER');
    await reportedShippedOrder(ref);
    expect((await refund(ref, { amount: 8000 })).status).toBe(201);
    await deliver(ref);
    const before = await orderOf(ref);

    const res = await refund(ref, { amount: 351 });

    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      message: 'amount 351 is more than the 350 cents left in shipped_cart',
      limit: 'refundable_amount',
      requested: 351,
      available: 350,
    });
    const after = await orderOf(ref);
    expect(after.version).toBe(before.version);
    expect(after.refunds).toHaveLength(1);
    expect(await historyOf(ref)).toHaveLength(1);
    expect(await outboxOf(ref)).toEqual([{ kind: 'refund', status: 'sent' }]);
    expect(await deliver(ref)).toEqual([]);
  });

  it('returning more units than shipped and not yet returned is a 409 naming the limit; an unknown item a 400', async () => {
    const ref = nextRef('RET-OVER');
    await reportedShippedOrder(ref);
    expect((await refund(ref, { items: [{ reference: 'jacket9876', quantity: 1 }] })).status).toBe(201);

    const again = await refund(ref, { items: [{ reference: 'jacket9876', quantity: 1 }], amount: 100 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      limit: 'returnable_quantity',
      reference: 'jacket9876',
      requested: 1,
      available: 0,
    });
    const unknown = await refund(ref, { items: [{ reference: 'sock', quantity: 1 }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { field: 'items.0.reference', messages: ["no shippable item with reference 'sock' in this order"] },
    ]);
    expect((await orderOf(ref)).refunds).toHaveLength(1);
  });

  it('validates the body: items or amount, positive integer cents within bounds, no unknown fields', async () => {
    const ref = nextRef('RET-BAD');
    await reportedShippedOrder(ref);
    const fields = async (body: unknown) =>
      (await refund(ref, body)).body.errors.map((e: { field: string }) => e.field).sort();
    expect(await fields({})).toEqual(['items']);
    expect(await fields({ amount: 0 })).toEqual(['amount']);
    expect(await fields({ amount: 12.5 })).toEqual(['amount']);
    expect(await fields({ amount: 1_000_000_001 })).toEqual(['amount']);
    expect(await fields({ items: [{ reference: 'shirt1234', quantity: 0 }], extra: 1 })).toEqual([
      'extra',
      'items.0.quantity',
    ]);
    expect((await orderOf(ref)).version).toBe(1);
  });

  it('two concurrent refunds cannot both pass the limit (the row lock serializes them)', async () => {
    const ref = nextRef('RACE');
    await reportedShippedOrder(ref);

    const answers = await Promise.all([refund(ref, { amount: 5000 }), refund(ref, { amount: 5000 })]);

    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body).toMatchObject({ limit: 'refundable_amount', available: 3350 });
    const order = await orderOf(ref);
    expect(order.refunds).toHaveLength(1);
    expect(order.sequra_view.current.shipped_cart.order_total_with_tax).toBe(3350);
    expect(await outboxOf(ref)).toEqual([{ kind: 'refund', status: 'pending' }]);
  });

  it('when nothing stays charged the order is refunded (terminal), and seQura holds an empty shipped_cart', async () => {
    const ref = nextRef('FULL');
    await reportedShippedOrder(ref);
    expect((await refund(ref, { items: [{ reference: 'shirt1234', quantity: 1 }] })).status).toBe(201);

    const res = await refund(ref, { items: [{ reference: 'jacket9876', quantity: 1 }], reason: 'all back' });

    expect(res.status).toBe(201);
    expect(res.body.state).toBe('refunded');
    const history = await historyOf(ref);
    expect(history.at(-1)).toMatchObject({ kind: 'transition', from_state: 'shipped', to_state: 'refunded' });
    const updates = await deliver(ref);
    // Two changes queued, the first send already carried the final state: one call, the other row skipped.
    expect(updates).toHaveLength(1);
    expect(updates[0].body.order).toMatchObject({ shipped_cart: EMPTY, unshipped_cart: EMPTY });
    expect(await outboxOf(ref)).toEqual([
      { kind: 'refund', status: 'sent' },
      { kind: 'refund', status: 'skipped' },
    ]);
    expect(standIn.orders.get(ref)).toMatchObject({ shipped_cart: EMPTY, unshipped_cart: EMPTY });
    // Terminal: nothing more to refund or ship.
    expect((await refund(ref, { amount: 1 })).body).toMatchObject({ statusCode: 409, state: 'refunded' });
    expect((await post(ref, 'shipments', {})).status).toBe(409);
  });

  it("a refund after the shopper's data was erased tells seQura the carts, not the erased placeholders", async () => {
    const ref = nextRef('ERASED');
    await reportedShippedOrder(ref);
    const erased = await post(ref, 'erase', { reason: 'GDPR request' }, ADMIN_KEY);
    expect(erased.status).toBe(200);

    expect((await refund(ref, { amount: 500 })).status).toBe(201);

    const [update] = await deliver(ref);
    expect(update.status).toBe(200);
    expect(update.body.order.shipped_cart.order_total_with_tax).toBe(7850);
    expect(update.body.order).not.toHaveProperty('customer');
    expect(update.body.order).not.toHaveProperty('delivery_address');
    expect(update.body.order).not.toHaveProperty('invoice_address');
  });

  it('only a shipped order takes refunds', async () => {
    const ref = nextRef('NOT-SHIPPED');
    await seedConfirmedOrder(t, standIn, ref, { state: 'approved' });
    const res = await refund(ref, { amount: 100 });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe("Only a shipped order can be refunded; this one is 'approved'");
  });
});

describe('POST /orders/:ref/cancel with items (cancelled units)', () => {
  it('on an approved order: the units leave unshipped_cart (one Order Update), the rest still ships', async () => {
    const ref = nextRef('UNITS');
    await seedConfirmedOrder(t, standIn, ref, { state: 'approved' });

    const res = await post(ref, 'cancel', { items: [{ reference: 'shirt1234', quantity: 1 }], reason: 'out_of_stock' });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'approved', cancelled_quantities: { shirt1234: 1 } });
    const [update] = await deliver(ref);
    expect(update.body.order).toMatchObject({
      shipped_cart: EMPTY,
      unshipped_cart: { currency: 'EUR', order_total_with_tax: 7100, items: [JACKET] },
    });
    expect(update.body.order).not.toHaveProperty('cancellation_reason');
    expect(await historyOf(ref)).toEqual([
      expect.objectContaining({
        kind: 'note',
        details: { event: 'units_cancelled', items: { shirt1234: 1 }, reason: 'out_of_stock' },
      }),
    ]);
    // `{}` now ships what is left, the jacket: the order is fully shipped.
    const shipped = await post(ref, 'shipments', {});
    expect(shipped.body).toMatchObject({ state: 'shipped', shipped_quantities: { jacket9876: 1 } });
  });

  it('cancelling every unit of an approved order cancels it: both carts empty, with the reason', async () => {
    const ref = nextRef('UNITS-ALL');
    await seedConfirmedOrder(t, standIn, ref, { state: 'approved' });

    const res = await post(ref, 'cancel', {
      items: [
        { reference: 'shirt1234', quantity: 1 },
        { reference: 'jacket9876', quantity: 1 },
      ],
      reason: 'out_of_stock',
    });

    expect(res.body.state).toBe('cancelled');
    expect((await historyOf(ref)).at(-1)).toMatchObject({ kind: 'transition', to_state: 'cancelled' });
    const [update] = await deliver(ref);
    expect(update.body.order).toMatchObject({
      shipped_cart: EMPTY,
      unshipped_cart: EMPTY,
      cancellation_reason: 'out_of_stock',
    });
    expect(standIn.orders.get(ref)).toMatchObject({ shipped_cart: EMPTY, unshipped_cart: EMPTY });
  });

  it('on a shipped order with units left: the rest is cancelled and the order is simply fully shipped', async () => {
    const ref = nextRef('UNITS-SHIPPED');
    await seedConfirmedOrder(t, standIn, ref, {
      state: 'shipped',
      set: { shippedQuantities: { jacket9876: 1 }, reportedAt: new Date() },
    });

    const res = await post(ref, 'cancel', { items: [{ reference: 'shirt1234', quantity: 1 }] });

    expect(res.body.state).toBe('shipped');
    const [update] = await deliver(ref);
    expect(update.body.order).toMatchObject({
      shipped_cart: { order_total_with_tax: 7100, items: [JACKET] },
      unshipped_cart: EMPTY,
    });
    expect((await post(ref, 'shipments', {})).body.message).toBe('Every item of this order has already shipped');
  });

  it('more units than are left to ship is a 409 naming the limit; a pending order is refused; nothing written', async () => {
    const ref = nextRef('UNITS-OVER');
    await seedConfirmedOrder(t, standIn, ref, {
      state: 'shipped',
      set: { shippedQuantities: { shirt1234: 1 }, reportedAt: new Date() },
    });
    const res = await post(ref, 'cancel', { items: [{ reference: 'shirt1234', quantity: 1 }] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ limit: 'unshipped_quantity', reference: 'shirt1234', available: 0 });
    expect(await outboxOf(ref)).toEqual([]);

    const pending = nextRef('UNITS-PENDING');
    expect((await t.request('POST', '/orders', { body: orderBody(pending) })).status).toBe(201);
    const refused = await post(pending, 'cancel', { items: [{ reference: 'shirt1234', quantity: 1 }] });
    expect(refused.status).toBe(409);
    expect((await orderOf(pending)).cancelled_quantities).toEqual({});
  });
});

describe('daily mode: the first shipment and every change before it go in the report, net', () => {
  it('changes to a shipped order not yet reported queue nothing; the report carries its net state, once', async () => {
    const ref = nextRef('DAILY');
    await seedConfirmedOrder(t, standIn, ref, { state: 'approved' });
    expect((await post(ref, 'shipments', { items: [{ reference: 'jacket9876', quantity: 1 }] })).status).toBe(200);
    expect((await refund(ref, { amount: 100 })).status).toBe(201);
    expect((await post(ref, 'cancel', { items: [{ reference: 'shirt1234', quantity: 1 }] })).status).toBe(200);
    expect(await outboxOf(ref)).toEqual([]);
    expect((await orderOf(ref)).sequra_view.waits_for_report).toBe(true);

    standIn.reset();
    const runs = await t.app.get(ShippingReportService).runNow();
    expect(runs.every((r) => r.status === 'sent')).toBe(true);

    const entry = standIn.requests[0].body.delivery_report.orders.find(
      (o: { merchant_reference: { order_ref_1: string } }) => o.merchant_reference.order_ref_1 === ref,
    );
    expect(entry.cart).toEqual({
      currency: 'EUR',
      order_total_with_tax: 7000,
      items: [JACKET, { type: 'other_payment', reference: 'refund-1', name: 'Refund', total_with_tax: -100 }],
    });
    expect(entry).not.toHaveProperty('remaining_cart');
    expect(standIn.orders.get(ref)).toMatchObject({ shipped_cart: entry.cart, unshipped_cart: EMPTY });
    // Reported: in step with seQura, and nothing else to send.
    expect((await orderOf(ref)).sequra_view).toMatchObject({ in_step: true, waits_for_report: false });
    expect(await deliver(ref)).toEqual([]);
  });

  it('an order refunded while its report is in flight is told only once that run is settled, so seQura ends with the refund', async () => {
    const ref = nextRef('INFLIGHT');
    await seedConfirmedOrder(t, standIn, ref, { state: 'shipped' });
    // A run claims the order and is stored, not yet sent (as if the process stopped there).
    const [run] = await t.app.get(ShippingReportClaimService).createRuns('manual');
    expect((await refund(ref, { amount: 8350 })).body.state).toBe('refunded');
    expect(await outboxOf(ref)).toEqual([{ kind: 'refund', status: 'pending' }]);

    expect(await deliver(ref)).toEqual([]); // postponed: the run still holds the order
    expect(await outboxOf(ref)).toEqual([{ kind: 'refund', status: 'pending' }]);

    standIn.reset();
    await t.app.get(ShippingReportService).resumeDue();
    expect(standIn.requests.map((r) => r.method)).toEqual(['POST']);
    await t.db.query(`UPDATE sequra_outbox SET next_attempt_at = now() WHERE order_ref_1 = $1`, [ref]);
    const [update] = await deliver(ref);
    expect(update.body.order).toMatchObject({ shipped_cart: EMPTY, unshipped_cart: EMPTY });
    // The report carried the shipment first; the Order Update after it leaves nothing charged.
    expect(standIn.orders.get(ref)).toMatchObject({ shipped_cart: EMPTY, unshipped_cart: EMPTY });
    expect(run.id).toBeDefined();
  });
});

describe('realtime mode (SHIPPING_REPORT_MODE=realtime)', () => {
  let rt: TestApp;
  beforeAll(async () => {
    rt = await startTestApp({ SEQURA_BASE_URL: standIn.url, SHIPPING_REPORT_MODE: 'realtime' });
  });
  afterAll(async () => {
    await rt?.close();
  });

  it('every shipment goes by Order Update at once; the daily report carries statistics only', async () => {
    const ref = nextRef('RT');
    await seedConfirmedOrder(rt, standIn, ref, { state: 'approved' });
    const shipped = await rt.request('POST', `/orders/${ref}/shipments`, {
      body: {
        items: [{ reference: 'shirt1234', quantity: 1 }],
        tracking: { type: 'pickup_point', operator_ref: 'op-7' },
      },
    });
    expect(shipped.status).toBe(200);
    standIn.reset();
    await rt.app.get(OutboxRelayService).drainOnce();
    const [update] = updatesFor(ref);
    expect(update.body.order).toMatchObject({
      shipped_cart: { order_total_with_tax: 1250, items: [SHIRT] },
      unshipped_cart: { order_total_with_tax: 7100, items: [JACKET] },
      trackings: [{ type: 'pickup_point', reference: 'T1', operator_ref: 'op-7' }],
    });
    // seQura knows the shipment: it counts as reported (by Order Update, not by a report run).
    const order = (await rt.request('GET', `/orders/${ref}`)).body;
    expect(order.reported_at).not.toBeNull();
    expect(order.shipping_report_id).toBeNull();

    standIn.reset();
    const runs = (await rt.request('POST', '/shipping-reports')).body.data;
    expect(runs).toEqual([expect.objectContaining({ status: 'sent', order_count: 0 })]);
    const report = standIn.requests[0].body.delivery_report;
    expect(report.orders).toEqual([]);
    expect(
      report.statistics.orders.some(
        (s: { merchant_reference: { order_ref_1: string } }) => s.merchant_reference.order_ref_1 === ref,
      ),
    ).toBe(true);

    // The second shipment: one more Order Update.
    expect((await rt.request('POST', `/orders/${ref}/shipments`, { body: {} })).status).toBe(200);
    standIn.reset();
    await rt.app.get(OutboxRelayService).drainOnce();
    expect(updatesFor(ref).map((u) => u.body.order.unshipped_cart.order_total_with_tax)).toEqual([0]);
  });
});

describe('trackings in seQura shape', () => {
  it.each([
    [{ tracking_number: 'TN-1' }, 'tracking.carrier'],
    [{ carrier: 'MRW', operator_ref: 'op-1' }, 'tracking.operator_ref'],
    [{ type: 'pickup_store', carrier: 'MRW' }, 'tracking.carrier'],
    [{ type: 'parcel_locker', carrier: 'MRW' }, 'tracking.type'],
    [{ type: 'pickup_point', country_code: 'SPAIN' }, 'tracking.country_code'],
    [{ carrier: 'MRW', tracking_url: 'javascript:alert(1)' }, 'tracking.tracking_url'],
  ])('%j → 400 naming %s, nothing shipped', async (tracking, field) => {
    const ref = nextRef('TRK');
    await seedConfirmedOrder(t, standIn, ref, { state: 'approved' });
    const res = await post(ref, 'shipments', { tracking });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await orderOf(ref)).state).toBe('approved');
  });

  it('a reference given twice on one order is a 400; generated ones skip those taken', async () => {
    const ref = nextRef('TRK-REF');
    await seedConfirmedOrder(t, standIn, ref, { state: 'approved' });
    const first = await post(ref, 'shipments', {
      items: [{ reference: 'shirt1234', quantity: 1 }],
      tracking: { carrier: 'MRW', reference: 'T2' },
    });
    expect(first.status).toBe(200);
    const clash = await post(ref, 'shipments', { tracking: { carrier: 'MRW', reference: 'T2' } });
    expect(clash.body.errors).toEqual([
      { field: 'tracking.reference', messages: ["reference 'T2' is already used by another tracking of this order"] },
    ]);
    const second = await post(ref, 'shipments', {
      tracking: { type: 'pickup_store', store_ref: 'maquinista', delivered_at: '2026-02-05T19:21:22+01:00' },
    });
    expect(second.body.trackings).toEqual([
      { type: 'postal', reference: 'T2', carrier: 'MRW' },
      { type: 'pickup_store', reference: 'T3', store_ref: 'maquinista', delivered_at: '2026-02-05T19:21:22+01:00' },
    ]);
  });
});

describe('the back office sees seQura’s view', () => {
  it('GET /orders/:ref shows the current and acknowledged carts, and whether an update is owed', async () => {
    const ref = nextRef('VIEW');
    await reportedShippedOrder(ref);
    expect((await orderOf(ref)).sequra_view).toEqual({
      current: { shipped_cart: expect.objectContaining({ order_total_with_tax: 8350 }), unshipped_cart: EMPTY },
      acknowledged: { shipped_cart: expect.objectContaining({ order_total_with_tax: 8350 }), unshipped_cart: EMPTY },
      in_step: true,
      waits_for_report: false,
    });
    await post(ref, 'refunds', { amount: 50 }, ADMIN_KEY);
    const view = (await orderOf(ref)).sequra_view;
    expect(view).toMatchObject({ in_step: false, current: { shipped_cart: { order_total_with_tax: 8300 } } });
    await deliver(ref);
    expect((await orderOf(ref)).sequra_view.in_step).toBe(true);
  });
});
