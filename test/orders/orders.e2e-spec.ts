import { MAX_AMOUNT_CENTS, MAX_QUANTITY } from '../../src/common/money.js';
import { signOrderRef } from '../../src/webhooks/webhook-signature.js';
import { orderBody } from '../support/fixtures.js';
import { seedOrder } from '../support/order-fixtures.js';
import { ADMIN_KEY, startTestApp, TestApp, WEBHOOK_SECRET } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const enc = encodeURIComponent;
async function register(ref: string, overrides: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/orders', { body: orderBody(ref, overrides) });
  expect(res.status).toBe(201);
  return res.body;
}
/** An order seQura has approved (seeded through the repository: no IPN here). */
async function approvedOrder(ref: string) {
  await seedOrder(t, ref, { state: 'approved' });
}
async function historyCount(ref: string): Promise<number> {
  const rows = await t.db.query<{ n: string }>(
    `SELECT count(*) AS n FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.order_ref_1 = $1`,
    [ref],
  );
  return Number(rows[0].n);
}

describe('authentication', () => {
  it('refuses a request without a key with a 401 JSON body', async () => {
    const res = await t.request('GET', '/orders', { key: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('refuses a wrong key and a malformed header', async () => {
    expect((await t.request('GET', '/orders', { key: 'not-a-key-at-all' })).status).toBe(401);
    expect((await t.request('GET', '/orders', { key: null, headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
  });

  it('accepts service and admin keys', async () => {
    expect((await t.request('GET', '/orders')).status).toBe(200);
    expect((await t.request('GET', '/orders', { key: ADMIN_KEY })).status).toBe(200);
  });

  it('keeps /health and /docs public', async () => {
    const health = await t.request('GET', '/health', { key: null });
    expect(health.status).toBe(200);
    expect(health.body.info.database.status).toBe('up');
    expect((await t.request('GET', '/docs', { key: null })).status).toBe(200);
    const spec = await t.request('GET', '/docs-json', { key: null });
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/orders', '/orders/{ref}/shipments']));
  });
});

describe('POST /orders', () => {
  it('registers an order in pending and hands out the seQura callback block', async () => {
    const body = await register('QWER1234');
    const signature = signOrderRef(WEBHOOK_SECRET, 'QWER1234');
    expect(body).toMatchObject({
      order_ref_1: 'QWER1234',
      order_ref_2: 'cart-77',
      sequra_order_ref: null,
      state: 'pending',
      risk_level: null,
      cart: orderBody('x').cart,
      customer: orderBody('x').customer,
      delivery_address: orderBody('x').delivery_address,
      sequra: {
        notify_url: 'https://shop.example/webhooks/sequra/ipn',
        notification_parameters: { signature, order: 'QWER1234' },
        events_webhook: {
          url: 'https://shop.example/webhooks/sequra/events',
          parameters: { signature, order: 'QWER1234' },
        },
      },
    });
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.query(
      `SELECT state, cart->>'order_total_with_tax' AS total FROM orders WHERE order_ref_1 = 'QWER1234'`,
    );
    expect(rows).toEqual([{ state: 'pending', total: '8350' }]);
  });

  it('answers 409 to a duplicate order_ref_1 and keeps the first order', async () => {
    await register('DUP-1');
    const res = await t.request('POST', '/orders', {
      body: orderBody('DUP-1', { customer: { email: 'other@example.com' } }),
    });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/order_ref_1 'DUP-1' already exists/);
    const rows = await t.db.query(`SELECT customer->>'email' AS email FROM orders WHERE order_ref_1 = 'DUP-1'`);
    expect(rows).toEqual([{ email: 'ana@example.com' }]);
  });

  it('answers 409 to a duplicate sequra_order_ref', async () => {
    const uuid = 'ca412138-0af6-4079-a92d-24f7a0ffb18a';
    await register('SQ-1', { sequra_order_ref: uuid });
    const res = await t.request('POST', '/orders', { body: orderBody('SQ-2', { sequra_order_ref: uuid }) });
    expect(res.status).toBe(409);
    expect(res.body.field).toBe('sequra_order_ref');
  });

  it('stores references containing a slash and serves them URL-encoded', async () => {
    await register('A14/12345');
    const res = await t.request('GET', `/orders/${enc('A14/12345')}`);
    expect(res.status).toBe(200);
    expect(res.body.order_ref_1).toBe('A14/12345');
    expect((await t.request('GET', `/orders/${enc('A14/12345')}/history`)).status).toBe(200);
  });

  it('serves a 255-character reference (Fastify refuses long path parameters by default)', async () => {
    const ref = `LONG/${'x'.repeat(250)}`;
    await register(ref);
    const res = await t.request('GET', `/orders/${enc(ref)}`);
    expect(res.status).toBe(200);
    expect(res.body.order_ref_1).toBe(ref);
  });

  // Each case breaks the JSON body its own way (unknown fields, deletions, wrong types): the 400 checks the result.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const invalid: [string, (b: any) => void, string][] = [
    ['an unknown field', (b) => (b.surprise = 1), 'surprise'],
    ['an unknown nested field', (b) => (b.cart.items[0].colour = 'red'), 'cart.items.0.colour'],
    ['a missing order_ref_1', (b) => delete b.merchant_reference.order_ref_1, 'merchant_reference.order_ref_1'],
    ['a missing merchant_reference', (b) => delete b.merchant_reference, 'merchant_reference'],
    ['a missing item reference', (b) => delete b.cart.items[0].reference, 'cart.items.0.reference'],
    ['a negative price', (b) => (b.cart.items[0].price_with_tax = -1), 'cart.items.0.price_with_tax'],
    ['a negative product total', (b) => (b.cart.items[0].total_with_tax = -1250), 'cart.items.0.total_with_tax'],
    ['a non-integer (euro) amount', (b) => (b.cart.order_total_with_tax = 83.5), 'cart.order_total_with_tax'],
    ['a non-integer quantity', (b) => (b.cart.items[1].quantity = 1.5), 'cart.items.1.quantity'],
    ['a zero quantity', (b) => (b.cart.items[1].quantity = 0), 'cart.items.1.quantity'],
    ['a currency not in ISO 4217', (b) => (b.cart.currency = 'EUX'), 'cart.currency'],
    [
      'a country not in ISO 3166-1 alpha-2',
      (b) => (b.delivery_address.country_code = 'ESP'),
      'delivery_address.country_code',
    ],
    ['a bad email', (b) => (b.customer.email = 'ana-at-example'), 'customer.email'],
    ['an unknown item type', (b) => (b.cart.items[0].type = 'gift_card'), 'cart.items.0.type'],
    ['a duplicate item reference', (b) => (b.cart.items[1].reference = 'shirt1234'), 'cart.items.1.reference'],
    ['a malformed sequra_order_ref', (b) => (b.sequra_order_ref = 'not-a-uuid'), 'sequra_order_ref'],
    // Amounts and quantities within bounds (src/common/money.ts): 2^31 cents once stopped every report.
    ['an order total of 2^31 cents', (b) => (b.cart.order_total_with_tax = 2 ** 31), 'cart.order_total_with_tax'],
    [
      'an order total one cent above the bound',
      (b) => (b.cart.order_total_with_tax = MAX_AMOUNT_CENTS + 1),
      'cart.order_total_with_tax',
    ],
    ['a line total above the bound', (b) => (b.cart.items[0].total_with_tax = 2 ** 53), 'cart.items.0.total_with_tax'],
    ['a price above the bound', (b) => (b.cart.items[0].price_with_tax = 1e300), 'cart.items.0.price_with_tax'],
    ['a quantity above the bound', (b) => (b.cart.items[1].quantity = MAX_QUANTITY + 1), 'cart.items.1.quantity'],
    [
      'a discount below minus the bound',
      (b) => b.cart.items.push({ type: 'discount', reference: 'd', total_with_tax: -MAX_AMOUNT_CENTS - 1 }),
      'cart.items.2.total_with_tax',
    ],
    [
      'lines that each fit but together pass the bound (a discount offsetting a huge line)',
      (b) => {
        b.cart.items[1].price_with_tax = b.cart.items[1].total_with_tax = MAX_AMOUNT_CENTS;
        b.cart.items.push({ type: 'discount', reference: 'd', total_with_tax: -MAX_AMOUNT_CENTS });
      },
      'cart.items.1.total_with_tax',
    ],
    [
      'a price times quantity above the bound (a partial shipment would total more)',
      (b) => Object.assign(b.cart.items[1], { price_with_tax: MAX_AMOUNT_CENTS, quantity: 2 }),
      'cart.items.1.total_with_tax',
    ],
    [
      "a previous order's amount above the bound",
      (b) => (b.customer.previous_orders = [{ created_at: '2025-01-01', amount: 2 ** 31, currency: 'EUR' }]),
      'customer.previous_orders.0.amount',
    ],
    ['a rating above 100', (b) => (b.customer.rating = 1e300), 'customer.rating'],
    // seQura requires them at solicitation, and the IPN acknowledgement sends them back.
    ['a missing delivery_method', (b) => delete b.delivery_method, 'delivery_method'],
    ['a missing delivery address', (b) => delete b.delivery_address, 'delivery_address'],
    ['a missing invoice address', (b) => delete b.invoice_address, 'invoice_address'],
    // An empty array passed the nested validation (no element to refuse) and crashed the registration (500).
    ['merchant_reference as an array', (b) => (b.merchant_reference = []), 'merchant_reference'],
    ['the cart as an array', (b) => (b.cart = []), 'cart'],
    ['the customer as an array', (b) => (b.customer = []), 'customer'],
    ['the delivery address as an array', (b) => (b.delivery_address = []), 'delivery_address'],
  ];
  it.each(invalid)('answers 400 naming the field for %s, and writes nothing', async (_what, mutate, field) => {
    const body = orderBody('INVALID-1');
    mutate(body);
    const res = await t.request('POST', '/orders', { body });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await t.db.query(`SELECT 1 FROM orders WHERE order_ref_1 = 'INVALID-1'`)).toEqual([]);
  });

  it('accepts amounts and quantities at their bounds', async () => {
    const body = orderBody('BOUNDS-1');
    Object.assign(body.cart.items[0], { price_with_tax: 1, quantity: MAX_QUANTITY, total_with_tax: MAX_QUANTITY });
    const rest = MAX_AMOUNT_CENTS - MAX_QUANTITY;
    Object.assign(body.cart.items[1], { price_with_tax: rest, total_with_tax: rest });
    body.cart.order_total_with_tax = MAX_AMOUNT_CENTS;
    Object.assign(body.customer, {
      rating: 100,
      previous_orders: [{ created_at: '2025-01-01', amount: MAX_AMOUNT_CENTS, currency: 'EUR', status: 'shipped' }],
    });
    const res = await t.request('POST', '/orders', { body });
    expect(res.status).toBe(201);
    expect(res.body.cart.order_total_with_tax).toBe(MAX_AMOUNT_CENTS);
  });

  it('accepts negative discount lines (seQura sends discounts as negative amounts)', async () => {
    const body = orderBody('DISCOUNT-1');
    body.cart.items.push({ type: 'discount', reference: 'promo', name: 'promo', total_with_tax: -350 } as never);
    body.cart.order_total_with_tax = 8000;
    expect((await t.request('POST', '/orders', { body })).status).toBe(201);
  });

  it('answers 400 JSON to malformed JSON', async () => {
    const res = await t.request('POST', '/orders', {
      raw: '{"merchant_reference": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.statusCode).toBe(400);
  });
});

describe('GET /orders/:ref', () => {
  it('answers 404 JSON for an unknown reference', async () => {
    const res = await t.request('GET', '/orders/NOPE-404');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', message: "Order 'NOPE-404' not found" });
  });
});

describe('GET /orders (keyset pagination)', () => {
  const refs = ['PAGE-1', 'PAGE-2', 'PAGE-3', 'PAGE-4', 'PAGE-5'];
  beforeAll(async () => {
    for (const ref of refs) {
      if (ref === 'PAGE-2' || ref === 'PAGE-4') await approvedOrder(ref);
      else await register(ref);
    }
  });

  it('walks every page newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/orders?q=PAGE-&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.request('GET', query);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((o: { order_ref_1: string }) => o.order_ref_1));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...refs].reverse());
  });

  it('filters by state and by updated_since', async () => {
    const approved = await t.request('GET', '/orders?state=approved&q=PAGE-');
    expect(approved.body.data.map((o: { order_ref_1: string }) => o.order_ref_1)).toEqual(['PAGE-4', 'PAGE-2']);
    const future = await t.request('GET', `/orders?updated_since=${enc(new Date(Date.now() + 60_000).toISOString())}`);
    expect(future.body.data).toEqual([]);
    expect(future.body.next_cursor).toBeNull();
  });

  it('refuses a limit above 200, an unknown state and a forged cursor', async () => {
    expect((await t.request('GET', '/orders?limit=201')).body.errors[0].field).toBe('limit');
    expect((await t.request('GET', '/orders?state=lost')).status).toBe(400);
    const forged = await t.request(
      'GET',
      `/orders?cursor=${Buffer.from('1; DROP TABLE orders').toString('base64url')}`,
    );
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].field).toBe('cursor');
  });
});

describe('POST /orders/:ref/shipments', () => {
  it('refuses to ship an order that is not approved, naming both states', async () => {
    await register('SHIP-PENDING');
    const res = await t.request('POST', `/orders/SHIP-PENDING/shipments`, { body: {} });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ from_state: 'pending', to_state: 'shipped' });
    expect(res.body.message).toMatch(/'pending' to 'shipped'/);
  });

  it('ships everything with {}, records one transition and bumps the version once', async () => {
    await approvedOrder('SHIP-ALL');
    const before = (await t.request('GET', '/orders/SHIP-ALL')).body;
    const res = await t.request('POST', '/orders/SHIP-ALL/shipments', { body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'shipped', shipped_quantities: { shirt1234: 1, jacket9876: 1 } });
    expect(res.body.shipped_at).not.toBeNull();
    expect(res.body.version).toBe(before.version + 1);
    const stored = (await t.request('GET', '/orders/SHIP-ALL')).body;
    expect(stored.version).toBe(before.version + 1);
    const history = (await t.request('GET', '/orders/SHIP-ALL/history')).body.data;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      kind: 'transition',
      from_state: 'approved',
      to_state: 'shipped',
      cause: 'api',
      actor: 'shop',
    });
    const again = await t.request('POST', '/orders/SHIP-ALL/shipments', { body: {} });
    expect(again.status).toBe(409);
  });

  it('ships part of an order with tracking, then the rest', async () => {
    await approvedOrder('SHIP-PART');
    const first = await t.request('POST', '/orders/SHIP-PART/shipments', {
      body: {
        items: [{ reference: 'jacket9876', quantity: 1 }],
        tracking: { carrier: 'MRW', tracking_number: 'TN-1', tracking_url: 'https://track.example/TN-1' },
        shipped_at: '2026-11-20T10:00:00+01:00',
      },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      state: 'shipped',
      shipped_quantities: { jacket9876: 1 },
      shipped_at: '2026-11-20T09:00:00.000Z',
    });
    // seQura's tracking shape: type postal by default, a generated reference.
    expect(first.body.trackings).toEqual([
      {
        type: 'postal',
        reference: 'T1',
        carrier: 'MRW',
        tracking_number: 'TN-1',
        tracking_url: 'https://track.example/TN-1',
      },
    ]);
    const rest = await t.request('POST', '/orders/SHIP-PART/shipments', { body: {} });
    expect(rest.status).toBe(200);
    expect(rest.body.shipped_quantities).toEqual({ jacket9876: 1, shirt1234: 1 });
    const history = (await t.request('GET', '/orders/SHIP-PART/history')).body.data;
    expect(history.map((h: { kind: string }) => h.kind)).toEqual(['transition', 'note']);
  });

  it('answers 400 naming the item when the quantity is above what is left, and changes nothing', async () => {
    await approvedOrder('SHIP-TOO-MANY');
    const res = await t.request('POST', '/orders/SHIP-TOO-MANY/shipments', {
      body: { items: [{ reference: 'shirt1234', quantity: 2 }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'items.0.quantity', messages: ["only 1 of 'shirt1234' left to ship"] }]);
    const unknown = await t.request('POST', '/orders/SHIP-TOO-MANY/shipments', {
      body: { items: [{ reference: 'sock', quantity: 1 }] },
    });
    expect(unknown.body.errors[0].field).toBe('items.0.reference');
    const order = (await t.request('GET', '/orders/SHIP-TOO-MANY')).body;
    expect(order).toMatchObject({ state: 'approved', shipped_quantities: {} });
    expect(await historyCount('SHIP-TOO-MANY')).toBe(0);
  });

  it('validates the shipment body', async () => {
    await approvedOrder('SHIP-BAD');
    const res = await t.request('POST', '/orders/SHIP-BAD/shipments', {
      body: { items: [{ reference: 'shirt1234', quantity: -1 }], shipped_at: 'yesterday', extra: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'extra',
      'items.0.quantity',
      'shipped_at',
    ]);
    const huge = await t.request('POST', '/orders/SHIP-BAD/shipments', {
      body: { items: [{ reference: 'shirt1234', quantity: 2 ** 31 }] },
    });
    expect(huge.status).toBe(400);
    expect(huge.body.errors).toEqual([
      { field: 'items.0.quantity', messages: [`quantity must not be greater than ${MAX_QUANTITY}`] },
    ]);
    expect(await historyCount('SHIP-BAD')).toBe(0);
  });
});

describe('POST /orders/:ref/cancel', () => {
  it('cancels an approved order with a reason, once', async () => {
    await approvedOrder('CANCEL-1');
    const res = await t.request('POST', '/orders/CANCEL-1/cancel', {
      body: { reason: 'customer_cancel' },
      key: ADMIN_KEY,
    });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('cancelled');
    expect(res.body.cancelled_at).not.toBeNull();
    const again = await t.request('POST', '/orders/CANCEL-1/cancel', { body: {} });
    expect(again.status).toBe(200);
    const history = (await t.request('GET', '/orders/CANCEL-1/history')).body.data;
    expect(history).toEqual([
      expect.objectContaining({
        from_state: 'approved',
        to_state: 'cancelled',
        cause: 'admin',
        actor: 'backoffice',
        details: { reason: 'customer_cancel' },
      }),
    ]);
  });

  it('refuses to cancel a shipped order (409 naming both states)', async () => {
    await approvedOrder('CANCEL-SHIPPED');
    await t.request('POST', '/orders/CANCEL-SHIPPED/shipments', { body: {} });
    const res = await t.request('POST', '/orders/CANCEL-SHIPPED/cancel', { body: {} });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ from_state: 'shipped', to_state: 'cancelled' });
  });

  it('answers 404 for an unknown order', async () => {
    expect((await t.request('POST', '/orders/NOPE/cancel', { body: {} })).status).toBe(404);
  });
});

describe('GET /orders/:ref/history', () => {
  it('lists transitions oldest first', async () => {
    await approvedOrder('HIST-1');
    await t.request('POST', '/orders/HIST-1/shipments', { body: { items: [{ reference: 'shirt1234', quantity: 1 }] } });
    await t.request('POST', '/orders/HIST-1/shipments', { body: {} });
    const res = await t.request('GET', '/orders/HIST-1/history');
    expect(res.body.data.map((h: { to_state: string; kind: string }) => `${h.kind}:${h.to_state}`)).toEqual([
      'transition:shipped',
      'note:shipped',
    ]);
    expect(new Date(res.body.data[0].at).getTime()).toBeLessThanOrEqual(new Date(res.body.data[1].at).getTime());
  });
});

describe('concurrency', () => {
  it('10 concurrent ship and cancel requests on one order end in exactly one transition and one history row', async () => {
    await approvedOrder('RACE-1');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? t.request('POST', '/orders/RACE-1/shipments', { body: {} })
          : t.request('POST', '/orders/RACE-1/cancel', { body: {} }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const order = (await t.request('GET', '/orders/RACE-1')).body;
    expect(['shipped', 'cancelled']).toContain(order.state);
    expect(await historyCount('RACE-1')).toBe(1);
    // The loser side saw only refusals (or, for cancel-after-cancel, no-ops): never a second transition.
    const winners = results.filter((r) => r.status === 200 && r.body.state === order.state);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    expect(order.version).toBe(2);
  });
});

describe('who made the change (X-Actor)', () => {
  const history = async (ref: string) => (await t.request('GET', `/orders/${ref}/history`)).body.data;

  it('records the person named in X-Actor on a shipment, a later shipment and a cancellation', async () => {
    await approvedOrder('ACTOR-SHIP');
    await approvedOrder('ACTOR-CANCEL');
    const marta = { 'x-actor': 'Marta' };

    const first = { items: [{ reference: 'shirt1234', quantity: 1 }] };
    const ship = (body: unknown, options: { key?: string; headers: Record<string, string> }) =>
      t.request('POST', '/orders/ACTOR-SHIP/shipments', { body, ...options });
    expect((await ship(first, { key: ADMIN_KEY, headers: marta })).status).toBe(200);
    expect((await ship({}, { headers: { 'x-actor': 'Luis' } })).status).toBe(200);
    const cancel = { body: { reason: 'customer_cancel' }, headers: marta };
    expect((await t.request('POST', '/orders/ACTOR-CANCEL/cancel', cancel)).status).toBe(200);

    expect(await history('ACTOR-SHIP')).toEqual([
      expect.objectContaining({ kind: 'transition', to_state: 'shipped', cause: 'admin', actor: 'backoffice (Marta)' }),
      expect.objectContaining({ kind: 'note', to_state: 'shipped', cause: 'api', actor: 'shop (Luis)' }),
    ]);
    expect(await history('ACTOR-CANCEL')).toEqual([
      expect.objectContaining({
        kind: 'transition',
        to_state: 'cancelled',
        cause: 'api',
        actor: 'shop (Marta)',
        details: { reason: 'customer_cancel' },
      }),
    ]);
  });
});
