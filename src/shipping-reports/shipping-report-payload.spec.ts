import type { Cart } from '../orders/sequra-objects.js';
import {
  cartProblem,
  checkedReportOrderEntry,
  isoWithOffset,
  reportOrderEntry,
  ReportOrderRow,
  statisticsEntry,
  StatisticsRow,
  writeDeliveryReport,
} from './shipping-report-payload.js';
import { nominalTickTime } from './shipping-report-timing.js';

/** The report object, built the plain way: the oracle the streaming writer must match byte for byte. */
function deliveryReportBody(parts: {
  merchantId: string;
  orders: Record<string, unknown>[];
  brokenOrders: Record<string, unknown>[];
  /** undefined: statistics are switched off. */
  statistics?: Record<string, unknown>[];
  platform: Record<string, unknown>;
}): { delivery_report: Record<string, unknown> } {
  return {
    delivery_report: {
      merchant: { id: parts.merchantId },
      orders: parts.orders,
      broken_orders: parts.brokenOrders,
      ...(parts.statistics ? { statistics: { orders: parts.statistics } } : {}),
      platform: parts.platform,
    },
  };
}

const cart: Cart = {
  currency: 'EUR',
  order_total_with_tax: 9850,
  items: [
    { type: 'product', reference: 'a', name: 'A', price_with_tax: 1000, quantity: 2, total_with_tax: 2000 },
    { type: 'product', reference: 'b', name: 'B', price_with_tax: 7350, quantity: 1, total_with_tax: 7350 },
    { type: 'handling', reference: 'ship', name: 'Shipping', total_with_tax: 500 },
  ],
};

function row(overrides: Partial<ReportOrderRow> = {}): ReportOrderRow {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    seq: '1',
    version: 3,
    order_ref_1: 'R1',
    order_ref_2: null,
    state: 'shipped',
    cart,
    shipped_quantities: { a: 2, b: 1 },
    cancelled_quantities: {},
    refunds: [],
    trackings: [],
    delivery_method: null,
    delivery_address: { address_line_1: 'Calle Mayor 1', city: 'Madrid', postal_code: '28013', country_code: 'ES' },
    invoice_address: null,
    customer: { email: 'x@example.com', ip_number: '10.0.0.1', user_agent: 'UA' },
    shipped_at: new Date('2025-07-01T08:30:00Z'),
    updated_at: new Date('2025-07-02T00:00:00Z'),
    ...overrides,
  };
}

describe('isoWithOffset', () => {
  it('writes the local time with its offset, across daylight saving time', () => {
    expect(isoWithOffset(new Date('2025-01-15T10:00:00Z'), 'Europe/Madrid')).toBe('2025-01-15T11:00:00+01:00');
    expect(isoWithOffset(new Date('2025-07-15T10:00:00Z'), 'Europe/Madrid')).toBe('2025-07-15T12:00:00+02:00');
    expect(isoWithOffset(new Date('2025-01-15T02:00:00.999Z'), 'America/New_York')).toBe('2025-01-14T21:00:00-05:00');
    expect(isoWithOffset(new Date('2025-01-15T10:00:00Z'), 'UTC')).toBe('2025-01-15T10:00:00+00:00');
    expect(isoWithOffset(new Date('2025-01-15T10:00:00Z'), 'Asia/Kolkata')).toBe('2025-01-15T15:30:00+05:30');
  });

  it('changes offset on the exact second of a transition, though offsets are cached by the minute', () => {
    // Madrid springs forward at 01:00 UTC on 2025-03-30 and falls back at 01:00 UTC on 2025-10-26.
    expect(isoWithOffset(new Date('2025-03-30T00:59:59Z'), 'Europe/Madrid')).toBe('2025-03-30T01:59:59+01:00');
    expect(isoWithOffset(new Date('2025-03-30T01:00:00Z'), 'Europe/Madrid')).toBe('2025-03-30T03:00:00+02:00');
    expect(isoWithOffset(new Date('2025-10-26T00:59:59Z'), 'Europe/Madrid')).toBe('2025-10-26T02:59:59+02:00');
    expect(isoWithOffset(new Date('2025-10-26T01:00:00Z'), 'Europe/Madrid')).toBe('2025-10-26T02:00:00+01:00');
    // Asked again (now from the cache): the same answers.
    expect(isoWithOffset(new Date('2025-03-30T00:59:30Z'), 'Europe/Madrid')).toBe('2025-03-30T01:59:30+01:00');
    expect(isoWithOffset(new Date('2025-03-30T01:00:30Z'), 'Europe/Madrid')).toBe('2025-03-30T03:00:30+02:00');
  });

  it('agrees with Intl for instants spread over several years and zones', () => {
    const zones = ['Europe/Madrid', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
    for (let i = 0; i < 400; i++) {
      const date = new Date(Date.UTC(2020, 0, 1) + ((i * 7_919_993_311) % (6 * 365 * 86_400_000)));
      for (const timeZone of zones) {
        const parts = Object.fromEntries(
          new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
          })
            .formatToParts(date)
            .map((p) => [p.type, p.value]),
        );
        expect(isoWithOffset(date, timeZone).slice(0, 19)).toBe(
          `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`,
        );
      }
    }
  });
});

describe('reportOrderEntry', () => {
  it('reports a fully shipped order with its whole cart, no remaining_cart, and without the browser data', () => {
    const { entry, broken } = reportOrderEntry(row(), 'Europe/Madrid');
    expect(broken).toBe(false);
    expect(entry).toEqual({
      state: 'shipped',
      sent_at: '2025-07-01T10:30:00+02:00',
      merchant_reference: { order_ref_1: 'R1' },
      cart,
      delivery_address: row().delivery_address,
      customer: { email: 'x@example.com' },
    });
  });

  it('splits a partial shipment, order-level lines going with the shipped cart', () => {
    const { entry } = reportOrderEntry(row({ shipped_quantities: { a: 1 } }), 'UTC');
    expect(entry.cart).toEqual({
      currency: 'EUR',
      order_total_with_tax: 1500,
      items: [{ ...cart.items[0], quantity: 1, total_with_tax: 1000 }, cart.items[2]],
    });
    expect(entry.remaining_cart).toEqual({
      currency: 'EUR',
      order_total_with_tax: 8350,
      items: [{ ...cart.items[0], quantity: 1, total_with_tax: 1000 }, cart.items[1]],
    });
  });

  it('carries the stored trackings as they are (seQura shape)', () => {
    const trackings = [
      { type: 'postal' as const, reference: 'T1', carrier: 'SEUR', tracking_number: 'T1' },
      { type: 'pickup_point' as const, reference: 'P1', operator_ref: 'op-9', city: 'Madrid', country_code: 'ES' },
    ];
    const { entry } = reportOrderEntry(row({ trackings }), 'UTC');
    expect(entry.trackings).toEqual(trackings);
  });

  it('carries the net state of changes made before the report: returns, money refunds, cancelled units', () => {
    const { entry } = reportOrderEntry(
      row({
        shipped_quantities: { a: 2 },
        cancelled_quantities: { b: 1 },
        refunds: [{ n: 1, items: { a: 1 }, amount: 300, reason: null, at: '2025-07-01T09:00:00.000Z', actor: 'x' }],
      }),
      'UTC',
    );
    expect(entry.cart).toEqual({
      currency: 'EUR',
      order_total_with_tax: 1200,
      items: [
        { ...cart.items[0], quantity: 1, total_with_tax: 1000 },
        cart.items[2],
        { type: 'other_payment', reference: 'refund-1', name: 'Refund', total_with_tax: -300 },
      ],
    });
    // Nothing is left to ship: no remaining_cart.
    expect(entry).not.toHaveProperty('remaining_cart');
  });

  it('flags an order whose lines do not add up, and keeps the unexplained difference in the shipped cart', () => {
    const { entry, broken } = reportOrderEntry(
      row({ cart: { ...cart, order_total_with_tax: 10_000 }, shipped_quantities: { a: 2 } }),
      'UTC',
    );
    expect(broken).toBe(true);
    // Shipped lines: 2000 + 500 handling; plus the 150 no line explains.
    expect((entry.cart as Cart).order_total_with_tax).toBe(2650);
    expect((entry.remaining_cart as Cart).order_total_with_tax).toBe(7350);
  });
});

describe('statisticsEntry', () => {
  const stats = (state: StatisticsRow['state']): StatisticsRow => ({
    seq: '1',
    created_at: new Date('2025-01-15T10:00:00Z'),
    created_key: '2025-01-15 10:00:00+00',
    order_ref_1: 'R1',
    order_ref_2: 'C1',
    state,
    currency: 'EUR',
    amount: 9850,
    country: null,
  });

  it('maps our states to processing, shipped and cancelled, keeping ours as raw_status', () => {
    expect(statisticsEntry(stats('on_hold'), 'Europe/Madrid')).toEqual({
      completed_at: '2025-01-15T11:00:00+01:00',
      currency: 'EUR',
      amount: 9850,
      merchant_reference: { order_ref_1: 'R1', order_ref_2: 'C1' },
      payment_method: 'SQ',
      status: 'processing',
      raw_status: 'on_hold',
    });
    expect(statisticsEntry(stats('shipped'), 'UTC').status).toBe('shipped');
    expect(statisticsEntry(stats('denied'), 'UTC').status).toBe('cancelled');
    expect(statisticsEntry(stats('cancelled'), 'UTC').status).toBe('cancelled');
  });
});

describe('writeDeliveryReport', () => {
  const stats: StatisticsRow = {
    seq: '1',
    created_at: new Date('2025-01-15T10:00:00Z'),
    created_key: '2025-01-15 10:00:00+00',
    order_ref_1: 'R1',
    order_ref_2: null,
    state: 'shipped',
    currency: 'EUR',
    amount: 9850,
    country: 'ES',
  };
  const platform = { name: 'p', version: '1' };

  /** What the report object serializes to, the way the writer must match byte for byte. */
  function expected(rows: ReportOrderRow[], statisticsRows?: StatisticsRow[]) {
    const entries = rows.map((r) => reportOrderEntry(r, 'Europe/Madrid'));
    return JSON.stringify(
      deliveryReportBody({
        merchantId: 'm',
        orders: entries.filter((e) => !e.broken).map((e) => e.entry),
        brokenOrders: entries.filter((e) => e.broken).map((e) => e.entry),
        statistics: statisticsRows?.map((r) => statisticsEntry(r, 'Europe/Madrid')),
        platform,
      }),
    );
  }

  it('writes the same bytes as JSON.stringify of the report, broken orders apart, statistics on', () => {
    const rows = [
      row(),
      row({ order_ref_1: 'R2', cart: { ...cart, order_total_with_tax: 1 } }),
      row({ order_ref_1: 'Ñandú “3” \\ €', customer: { email: 'ñ@example.com', surnames: 'Müller 😀' } }),
      row({ order_ref_1: 'R4', cart: { ...cart, order_total_with_tax: 2 } }),
    ];
    const written = writeDeliveryReport({
      merchantId: 'm',
      rows,
      statisticsRows: [stats, { ...stats, order_ref_1: 'R2', state: 'cancelled' }],
      platform,
      timeZone: 'Europe/Madrid',
    });
    expect(written.json.toString('utf8')).toBe(
      expected(rows, [stats, { ...stats, order_ref_1: 'R2', state: 'cancelled' }]),
    );
    expect(written.orderCount).toBe(2);
    expect(written.brokenRefs).toEqual(['R2', 'R4']);
  });

  it('writes an empty day, and no statistics key when they are off, and outgrows its first estimate', () => {
    expect(
      writeDeliveryReport({
        merchantId: 'm',
        rows: [],
        statisticsRows: [],
        platform,
        timeZone: 'Europe/Madrid',
      }).json.toString(),
    ).toBe(expected([], []));
    expect(
      writeDeliveryReport({ merchantId: 'm', rows: [], platform, timeZone: 'Europe/Madrid' }).json.toString(),
    ).toBe(expected([]));
    const long = {
      ...cart,
      items: Array.from({ length: 50 }, (_, i) => ({ ...cart.items[0], reference: `ref-${i}`, name: 'x'.repeat(200) })),
    };
    const rows = [row({ cart: long, shipped_quantities: {} })];
    expect(writeDeliveryReport({ merchantId: 'm', rows, platform, timeZone: 'Europe/Madrid' }).json.toString()).toBe(
      expected(rows),
    );
  });
});

describe('orders whose data cannot be reported', () => {
  const platform = { name: 'p', version: '1' };
  const line = (total: number) => ({ type: 'product' as const, reference: 'a', quantity: 1, total_with_tax: total });

  it('checks carts the way seQura does, with the bounds', () => {
    expect(cartProblem(cart, 'cart')).toBeUndefined();
    expect(cartProblem({ ...cart, currency: 'euro' }, 'cart')).toBe('cart.currency is not an ISO 4217 code');
    expect(cartProblem({ ...cart, order_total_with_tax: 2 ** 53 }, 'cart')).toMatch(/^cart.order_total_with_tax /);
    expect(cartProblem({ ...cart, items: [line(2 ** 31)] }, 'remaining_cart')).toMatch(
      /^remaining_cart.items\[0\].total_with_tax /,
    );
    expect(cartProblem({ ...cart, items: [{ ...line(5), quantity: 0.5 }] }, 'cart')).toMatch(/quantity/);
    expect(cartProblem({ ...cart, items: [null] }, 'cart')).toBe('cart.items[0] is not an object');
    expect(cartProblem('x', 'cart')).toBe('cart is not an object');
  });

  it('names the problem instead of throwing, for data that cannot even be read', () => {
    expect(checkedReportOrderEntry(row({ cart: { ...cart, items: {} as never } }), 'UTC')).toEqual({
      unreportable: 'its stored data cannot be read into a report entry (TypeError)',
    });
    expect(checkedReportOrderEntry(row({ customer: null as never }), 'UTC')).toHaveProperty('unreportable');
    expect(checkedReportOrderEntry(row(), 'UTC')).toMatchObject({ broken: false });
    // A broken order within bounds still goes in broken_orders.
    expect(checkedReportOrderEntry(row({ cart: { ...cart, order_total_with_tax: 1 } }), 'UTC')).toMatchObject({
      broken: true,
    });
  });

  it('leaves them and statistics rows with amounts out of bounds out of the body, and says which', () => {
    const stats: StatisticsRow = {
      seq: '1',
      created_at: new Date('2025-01-15T10:00:00Z'),
      created_key: '2025-01-15 10:00:00+00',
      order_ref_1: 'S1',
      order_ref_2: null,
      state: 'pending',
      currency: 'EUR',
      amount: 2 ** 31,
      country: 'ES',
    };
    const written = writeDeliveryReport({
      merchantId: 'm',
      rows: [
        row({
          order_ref_1: 'BAD',
          cart: { ...cart, items: [{ ...line(2 ** 31), price_with_tax: 2 ** 31 }], order_total_with_tax: 2 ** 31 },
          shipped_quantities: { a: 1 },
        }),
        row(),
      ],
      statisticsRows: [
        stats,
        { ...stats, order_ref_1: 'S2', amount: 100 },
        { ...stats, order_ref_1: 'S3', amount: '1' },
      ],
      platform,
      timeZone: 'UTC',
    });
    const body = JSON.parse(written.json.toString('utf8'));
    expect(
      body.delivery_report.orders.map(
        (o: { merchant_reference: { order_ref_1: string } }) => o.merchant_reference.order_ref_1,
      ),
    ).toEqual(['R1']);
    expect(body.delivery_report.statistics.orders.map((o: { amount: number }) => o.amount)).toEqual([100]);
    expect(written).toMatchObject({
      orderCount: 1,
      statisticsCount: 1,
      skippedStatisticsRefs: ['S1', 'S3'],
      unreportable: [{ id: row().id, order_ref_1: 'BAD', version: 3, reason: expect.stringMatching(/^cart\./) }],
    });
  });
});

describe('deliveryReportBody', () => {
  it('leaves statistics out when they are switched off', () => {
    const body = deliveryReportBody({ merchantId: 'm', orders: [], brokenOrders: [], platform: { name: 'p' } });
    expect(body).toEqual({
      delivery_report: { merchant: { id: 'm' }, orders: [], broken_orders: [], platform: { name: 'p' } },
    });
  });
});

describe('nominalTickTime', () => {
  it('truncates to the minute, or to the second for a 6-field expression', () => {
    const at = new Date('2025-01-15T03:00:00.120Z');
    expect(nominalTickTime(new Date('2025-01-15T03:00:42.120Z'), '0 3 * * *')).toEqual(
      new Date('2025-01-15T03:00:00Z'),
    );
    expect(nominalTickTime(at, '*/2 * * * * *')).toEqual(new Date('2025-01-15T03:00:00Z'));
  });
});
