import { ConflictError, ValidationFailedError } from '../common/domain-errors.js';
import { planRefund, planUnitCancellation } from './order-adjustments.js';
import type { Order } from './order.entity.js';
import type { Cart, Refund } from './sequra-objects.js';
import {
  acknowledgedView,
  emptyView,
  nothingCharged,
  owesSequraUpdate,
  sameView,
  SequraView,
  sequraViewOf,
  ViewSource,
} from './sequra-view.js';

const cart: Cart = {
  currency: 'EUR',
  order_total_with_tax: 9850,
  items: [
    { type: 'product', reference: 'shirt', name: 'shirt', price_with_tax: 1250, quantity: 2, total_with_tax: 2500 },
    { type: 'product', reference: 'jacket', name: 'jacket', price_with_tax: 7100, quantity: 1, total_with_tax: 7100 },
    { type: 'handling', reference: 'ship', name: 'shipping', total_with_tax: 450 },
    { type: 'discount', reference: 'promo', name: 'promo', total_with_tax: -200 },
  ],
};
const [shirt, jacket, ship, promo] = cart.items;
const shirts = (n: number) => ({ ...shirt, quantity: n, total_with_tax: 1250 * n });

const refund = (n: number, items: Record<string, number>, amount = 0): Refund => ({
  n,
  items,
  amount,
  reason: null,
  at: '2026-01-01T00:00:00.000Z',
  actor: 'shop',
});

function source(overrides: Partial<ViewSource> = {}): ViewSource {
  return { state: 'approved', cart, shippedQuantities: {}, cancelledQuantities: {}, refunds: [], ...overrides };
}

/** An order as the planners see it (only the fields they read). */
function order(overrides: Partial<Order> = {}): Order {
  return {
    ...source(),
    version: 3,
    sequraView: null,
    sequraViewVersion: null,
    reportedAt: null,
    ...overrides,
  } as Order;
}

const totals = (view: SequraView) => [view.shipped_cart.order_total_with_tax, view.unshipped_cart.order_total_with_tax];
const lines = (c: Cart) => c.items.map((i) => `${i.reference}:${i.quantity ?? '-'}:${i.total_with_tax}`);

describe('sequraViewOf', () => {
  it('holds everything unshipped before any shipment (the confirmation)', () => {
    const view = sequraViewOf(source());
    expect(view.shipped_cart).toEqual({ currency: 'EUR', order_total_with_tax: 0, items: [] });
    expect(view.unshipped_cart).toEqual(cart);
  });

  it('splits a partial shipment by quantity; order-level lines go with the first shipment', () => {
    const view = sequraViewOf(source({ state: 'shipped', shippedQuantities: { shirt: 1 } }));
    expect(view.shipped_cart.items).toEqual([shirts(1), ship, promo]);
    expect(view.unshipped_cart.items).toEqual([shirts(1), jacket]);
    expect(totals(view)).toEqual([1500, 8350]);
    // Consistent carts: each total is the sum of its lines, and together they are the order.
    expect(totals(view)[0] + totals(view)[1]).toBe(cart.order_total_with_tax);
  });

  it('takes returned units out of shipped_cart and adds a negative other_payment line per money refund', () => {
    const view = sequraViewOf(
      source({
        state: 'shipped',
        shippedQuantities: { shirt: 2, jacket: 1 },
        refunds: [refund(1, { shirt: 1 }), refund(2, {}, 500)],
      }),
    );
    expect(lines(view.shipped_cart)).toEqual([
      'shirt:1:1250',
      'jacket:1:7100',
      'ship:-:450',
      'promo:-:-200',
      'refund-2:-:-500',
    ]);
    expect(view.shipped_cart.items.at(-1)).toEqual({
      type: 'other_payment',
      reference: 'refund-2',
      name: 'Refund',
      total_with_tax: -500,
    });
    expect(totals(view)).toEqual([8100, 0]);
  });

  it('takes cancelled units out of unshipped_cart', () => {
    const view = sequraViewOf(source({ cancelledQuantities: { shirt: 1, jacket: 1 } }));
    expect(lines(view.unshipped_cart)).toEqual(['shirt:1:1250', 'ship:-:450', 'promo:-:-200']);
    expect(totals(view)).toEqual([0, 1500]);
  });

  it('empties shipped_cart once every shipped unit came back and nothing is left to ship (the whole shipment went back)', () => {
    const view = sequraViewOf(
      source({
        state: 'shipped',
        shippedQuantities: { shirt: 2 },
        cancelledQuantities: { jacket: 1 },
        refunds: [refund(1, {}, 100), refund(2, { shirt: 2 })],
      }),
    );
    expect(view).toEqual(emptyView('EUR'));
    expect(nothingCharged(view)).toBe(true);
  });

  it('keeps both carts empty for a cancelled order, and for a refunded one (nothing stays charged)', () => {
    expect(sequraViewOf(source({ state: 'cancelled', shippedQuantities: {} }))).toEqual(emptyView('EUR'));
    const refunded = { shippedQuantities: { shirt: 2, jacket: 1 }, refunds: [refund(1, {}, 9850)] };
    expect(sequraViewOf(source({ state: 'refunded', ...refunded }))).toEqual(emptyView('EUR'));
  });
});

describe('nothingCharged', () => {
  it('is true only when shipped_cart totals 0 and nothing is left to ship', () => {
    const shippedAll = { state: 'shipped' as const, shippedQuantities: { shirt: 2, jacket: 1 } };
    expect(nothingCharged(sequraViewOf(source(shippedAll)))).toBe(false);
    expect(nothingCharged(sequraViewOf(source({ ...shippedAll, refunds: [refund(1, {}, 9850)] })))).toBe(true);
    // Shipped total 0 but a jacket still to ship: still charged.
    const partly = { state: 'shipped' as const, shippedQuantities: { shirt: 2 } };
    expect(nothingCharged(sequraViewOf(source({ ...partly, refunds: [refund(1, {}, 2750)] })))).toBe(false);
  });
});

describe('sameView', () => {
  it('ignores key order (jsonb does not keep it) but not values', () => {
    const view = sequraViewOf(source());
    const reordered = JSON.parse(
      JSON.stringify({
        unshipped_cart: { items: view.unshipped_cart.items, order_total_with_tax: 9850, currency: 'EUR' },
        shipped_cart: view.shipped_cart,
      }),
    ) as SequraView;
    expect(sameView(view, reordered)).toBe(true);
    expect(sameView(view, sequraViewOf(source({ cancelledQuantities: { shirt: 1 } })))).toBe(false);
  });
});

describe('acknowledgedView', () => {
  it('is the stored view, or the order as it is when a report acknowledged this very version', () => {
    const confirmation = sequraViewOf(source());
    const shipped = { state: 'shipped' as const, shippedQuantities: { shirt: 2, jacket: 1 } };
    expect(acknowledgedView(order({ ...shipped, sequraView: confirmation }))).toEqual(confirmation);
    expect(acknowledgedView(order({ ...shipped, sequraViewVersion: 3 }))).toEqual(sequraViewOf(source(shipped)));
    // A report of an older version says nothing about the order as it is now.
    expect(acknowledgedView(order({ ...shipped, sequraView: confirmation, sequraViewVersion: 2 }))).toEqual(
      confirmation,
    );
  });
});

describe('owesSequraUpdate', () => {
  const confirmation = sequraViewOf(source());
  const shippedOnce = {
    state: 'shipped' as const,
    shippedQuantities: { shirt: 1 },
    sequraView: confirmation,
  };

  it('owes an update when the view differs from the acknowledged one, and none when it does not', () => {
    expect(owesSequraUpdate(order({ sequraView: confirmation }), 'cancel_units', 'daily')).toBe(false);
    const cancelled = order({ sequraView: confirmation, cancelledQuantities: { shirt: 1 } });
    expect(owesSequraUpdate(cancelled, 'cancel_units', 'daily')).toBe(true);
  });

  it('in daily mode, waits for the report while the first shipment is unreported; realtime does not', () => {
    expect(owesSequraUpdate(order(shippedOnce), 'shipment', 'daily')).toBe(false);
    expect(owesSequraUpdate(order({ ...shippedOnce, refunds: [refund(1, {}, 100)] }), 'refund', 'daily')).toBe(false);
    expect(owesSequraUpdate(order(shippedOnce), 'customer_data', 'daily')).toBe(false);
    expect(owesSequraUpdate(order(shippedOnce), 'shipment', 'realtime')).toBe(true);
    // Reported: later changes go by Order Update.
    expect(owesSequraUpdate(order({ ...shippedOnce, reportedAt: new Date() }), 'shipment', 'daily')).toBe(true);
  });

  it('always sends a merchant customer-data correction; a cancellation of an order seQura never confirmed too', () => {
    expect(owesSequraUpdate(order({ sequraView: confirmation }), 'customer_data', 'daily')).toBe(true);
    expect(owesSequraUpdate(order({ state: 'cancelled' }), 'cancellation', 'daily')).toBe(true);
    expect(owesSequraUpdate(order({ state: 'on_hold' }), 'cancel_units', 'daily')).toBe(false);
  });
});

describe('planRefund', () => {
  const shippedAll = order({ state: 'shipped', shippedQuantities: { shirt: 2, jacket: 1 } });
  const now = new Date('2026-01-02T00:00:00Z');

  it('records returned units and a money refund as refund n, with the view after it', () => {
    const plan = planRefund(shippedAll, { items: [{ reference: 'shirt', quantity: 1 }], amount: 300 }, 'shop', now);
    expect(plan.refund).toEqual({
      n: 1,
      items: { shirt: 1 },
      amount: 300,
      reason: null,
      at: '2026-01-02T00:00:00.000Z',
      actor: 'shop',
    });
    expect(totals(plan.view)).toEqual([9850 - 1250 - 300, 0]);
  });

  it('refuses more units than shipped and not yet returned: 409 naming the limit', () => {
    const once = order({ ...shippedAll, refunds: [refund(1, { shirt: 1 })] });
    const attempt = () => planRefund(once, { items: [{ reference: 'shirt', quantity: 2 }] }, 'shop', now);
    expect(attempt).toThrow(ConflictError);
    expect(attempt).toThrow("only 1 of 'shirt' shipped and not yet returned");
    try {
      attempt();
    } catch (error) {
      expect((error as ConflictError).details).toEqual({
        limit: 'returnable_quantity',
        reference: 'shirt',
        requested: 2,
        available: 1,
      });
    }
  });

  it('refuses an amount above what is left in shipped_cart after the returns', () => {
    const attempt = () =>
      planRefund(shippedAll, { items: [{ reference: 'jacket', quantity: 1 }], amount: 2751 }, 'shop', now);
    expect(attempt).toThrow(/amount 2751 is more than the 2750 cents left in shipped_cart/);
    expect(planRefund(shippedAll, { amount: 9850 }, 'shop', now).view.shipped_cart.order_total_with_tax).toBe(0);
  });

  it('refuses returns that would take shipped_cart below zero (a discount above the goods left)', () => {
    const discounted = order({
      state: 'shipped',
      cart: { ...cart, items: [shirt, { ...promo, total_with_tax: -2000 }], order_total_with_tax: 500 },
      shippedQuantities: { shirt: 2 },
    });
    const attempt = () => planRefund(discounted, { items: [{ reference: 'shirt', quantity: 1 }] }, 'shop', now);
    expect(attempt).toThrow(/would leave shipped_cart at -750 cents/);
    // Returning everything takes the whole shipment back instead.
    const all = planRefund(discounted, { items: [{ reference: 'shirt', quantity: 2 }] }, 'shop', now);
    expect(all.view).toEqual(emptyView('EUR'));
  });

  it('names an unknown reference as a 400 on its row', () => {
    const attempt = () => planRefund(shippedAll, { items: [{ reference: 'sock', quantity: 1 }] }, 'shop', now);
    expect(attempt).toThrow(ValidationFailedError);
    expect(attempt).toThrow(/items\.0\.reference/);
  });
});

describe('planUnitCancellation', () => {
  it('cancels units still to ship, and says when nothing is left at all', () => {
    const plan = planUnitCancellation(order(), [{ reference: 'shirt', quantity: 1 }]);
    expect(plan).toMatchObject({ items: { shirt: 1 }, cancelledQuantities: { shirt: 1 }, nothingLeft: false });
    expect(totals(plan.view)).toEqual([0, 9850 - 1250]);
    const all = planUnitCancellation(order(), [
      { reference: 'shirt', quantity: 2 },
      { reference: 'jacket', quantity: 1 },
    ]);
    expect(all.nothingLeft).toBe(true);
    expect(all.view).toEqual(emptyView('EUR'));
  });

  it('a shipped order with everything else shipped is simply fully shipped, not cancelled', () => {
    const plan = planUnitCancellation(order({ state: 'shipped', shippedQuantities: { shirt: 2 } }), [
      { reference: 'jacket', quantity: 1 },
    ]);
    expect(plan.nothingLeft).toBe(false);
    expect(plan.view.unshipped_cart.items).toEqual([]);
    expect(plan.view.shipped_cart.order_total_with_tax).toBe(2750);
  });

  it('refuses more units than are left to ship: 409 naming the limit', () => {
    const attempt = () =>
      planUnitCancellation(order({ state: 'shipped', shippedQuantities: { shirt: 1 } }), [
        { reference: 'shirt', quantity: 2 },
      ]);
    expect(attempt).toThrow("only 1 of 'shirt' left to ship");
  });
});
