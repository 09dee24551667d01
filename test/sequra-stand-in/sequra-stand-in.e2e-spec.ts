import { SequraStandIn, STAND_IN_ERRORS, startSequraStandIn } from './sequra-stand-in.js';

const AUTH = `Basic ${Buffer.from('test-user:test-password').toString('base64')}`;
const cart = (total: number, items: { total_with_tax: number }[] = []) => ({
  currency: 'EUR',
  order_total_with_tax: total,
  items,
});
const item = {
  type: 'product',
  reference: 'r1',
  name: 'shirt',
  price_with_tax: 1250,
  quantity: 1,
  total_with_tax: 1250,
};

let standIn: SequraStandIn;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(standIn.url + path, {
    method,
    headers: {
      authorization: AUTH,
      'sequra-merchant-id': 'test-merchant',
      'content-type': 'application/json',
      ...headers,
    },
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  standIn = await startSequraStandIn({ controlRoutes: true });
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(() => standIn.reset());

const platform = { name: 'shop', version: '1', uname: 'Linux', db_name: 'postgresql', db_version: '18' };
const address = { address_line_1: 'Calle Mayor 1', postal_code: '28013', city: 'Madrid', country_code: 'ES' };
/** An IPN acknowledgement with every member seQura's core sends. */
const acknowledgement = (ref: string, state = 'confirmed', overrides: Record<string, unknown> = {}) => ({
  order: {
    state,
    merchant: { id: 'test-merchant', notify_url: 'https://shop.example/ipn' },
    merchant_reference: { order_ref_1: ref },
    cart: cart(1250, [item]),
    delivery_method: { name: 'standard' },
    delivery_address: address,
    invoice_address: address,
    customer: { email: 'ana@example.com' },
    gui: { layout: 'desktop' },
    platform,
    ...overrides,
  },
});
/** An Order Update with the members seQura's core requires. */
const orderUpdate = (ref: string, overrides: Record<string, unknown> = {}) => ({
  order: {
    merchant: { id: 'test-merchant' },
    merchant_reference: { order_ref_1: ref },
    shipped_cart: cart(1250, [item]),
    unshipped_cart: cart(0),
    platform,
    ...overrides,
  },
});

describe('seQura stand-in', () => {
  test('IPN acknowledgement: 200 for confirmed/on_hold with the whole order, 422 for another state', async () => {
    expect(await call('PUT', '/orders/uuid-1', acknowledgement('ACK-1', 'on_hold'))).toEqual({ status: 200, body: {} });
    expect(standIn.orders.get('ACK-1')).toMatchObject({ state: 'on_hold', sequraOrderRef: 'uuid-1' });
    const bad = await call('PUT', '/orders/uuid-1', acknowledgement('ACK-1', 'approved'));
    expect(bad).toEqual({
      status: 422,
      body: { errors: ["order.state must be 'confirmed' or 'on_hold', got 'approved'"] },
    });
  });

  test('IPN acknowledgement: the members seQura requires, each named when missing (the old thin body is refused)', async () => {
    const thin = await call('PUT', '/orders/uuid-2', {
      order: { state: 'confirmed', merchant: { id: 'test-merchant' }, cart: cart(1250, [item]) },
    });
    expect(thin.status).toBe(422);
    expect(thin.body.errors).toEqual([
      'order.merchant_reference is required',
      'order.delivery_method is required',
      'order.delivery_address is required',
      'order.invoice_address is required',
      'order.customer is required',
      'order.gui is required',
      'order.platform is required',
    ]);
    const partial = await call(
      'PUT',
      '/orders/uuid-2',
      acknowledgement('ACK-2', 'confirmed', { gui: { layout: 'tv' }, merchant: {} }),
    );
    expect(partial).toEqual({ status: 422, body: { errors: ['order.merchant.id is required'] } });
    const layout = await call(
      'PUT',
      '/orders/uuid-2',
      acknowledgement('ACK-2', 'confirmed', { gui: { layout: 'tv' } }),
    );
    expect(layout.body.errors).toEqual(["order.gui.layout must be 'desktop' or 'smartphone'"]);
    expect(standIn.orders.has('ACK-2')).toBe(false);
  });

  test("carts whose lines do not add up: 409 with seQura's own message", async () => {
    const items = [200, 295, -1500, 6060].map((total) => ({ ...item, total_with_tax: total }));
    const ack = await call('PUT', '/orders/uuid-3', acknowledgement('ACK-3', 'confirmed', { cart: cart(5097, items) }));
    expect(ack).toEqual({
      status: 409,
      body: {
        errors: [
          "Invalid data: items' total_with_tax add up to 5055 (200+295+-1500+6060) but order_total_with_tax is 5097. " +
            'The diff is 42.',
        ],
      },
    });
    standIn.confirmOrder('OU-409', cart(5055, items));
    const update = await call(
      'PUT',
      '/merchants/test-merchant/orders/OU-409',
      orderUpdate('OU-409', { shipped_cart: cart(5097, items), unshipped_cart: cart(0) }),
    );
    expect(update.status).toBe(409);
    expect(update.body.errors).toEqual([
      "Invalid data: In shipped_cart, items' total_with_tax add up to 5055 (200+295+-1500+6060) but " +
        'order_total_with_tax is 5097. The diff is 42.',
    ]);
  });

  test('Order Update: 404 for an order seQura never confirmed (unknown, or on hold); 200 once confirmed, and seQura holds the new carts', async () => {
    const path = '/merchants/test-merchant/orders/OU-1';
    expect(await call('PUT', path, orderUpdate('OU-1'))).toEqual({
      status: 404,
      body: { errors: [STAND_IN_ERRORS.notFound] },
    });
    await call('PUT', '/orders/uuid-4', acknowledgement('OU-1', 'on_hold'));
    expect((await call('PUT', path, orderUpdate('OU-1'))).status).toBe(404);
    await call('PUT', '/orders/uuid-4', acknowledgement('OU-1', 'confirmed'));
    expect(standIn.orders.get('OU-1')).toMatchObject({ shipped_cart: cart(0), unshipped_cart: cart(1250, [item]) });
    expect((await call('PUT', path, orderUpdate('OU-1'))).status).toBe(200);
    expect(standIn.orders.get('OU-1')).toMatchObject({
      state: 'confirmed',
      shipped_cart: cart(1250, [item]),
      unshipped_cart: cart(0),
      updates: 1,
    });
  });

  test("trackings in seQura's shape: type, reference, the postal carrier, URLs and dates; no field of another type", async () => {
    standIn.confirmOrder('TR-1', cart(1250, [item]));
    const path = '/merchants/test-merchant/orders/TR-1';
    const good = [
      { type: 'postal', reference: 'T1', carrier: 'SEUR', tracking_number: 'TX1', tracking_url: 'https://t.example/1' },
      {
        type: 'pickup_point',
        reference: 'P1',
        operator_ref: '123-009',
        available_at: '2026-02-05T13:21:22+01:00',
        country_code: 'ES',
      },
    ];
    expect((await call('PUT', path, orderUpdate('TR-1', { trackings: good }))).status).toBe(200);
    expect(standIn.orders.get('TR-1')!.trackings).toEqual(good);
    const bad = await call('PUT', path, {
      ...orderUpdate('TR-1', {
        trackings: [
          { carrier: 'MRW', tracking_number: 'TN-1', shipped_at: '2026-01-01T00:00:00Z' },
          { type: 'postal', reference: 'T2', tracking_url: 'not a url' },
          { type: 'pickup_store', reference: 'T2', carrier: 'MRW', delivered_at: 'yesterday' },
        ],
      }),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      'order.trackings[0].type must be postal, pickup_store or pickup_point',
      'order.trackings[1].carrier is required for a postal tracking',
      'order.trackings[1].tracking_url must be a valid URL',
      "order.trackings[2].reference 'T2' is repeated",
      'order.trackings[2].carrier is not a field of a pickup_store tracking',
      'order.trackings[2].delivered_at must be an ISO 8601 timestamp',
    ]);
  });

  test('wrong password: 401; wrong merchant header: 403; merchant in the path must match too', async () => {
    const body = orderUpdate('X');
    expect(await call('PUT', '/merchants/test-merchant/orders/X', body, { authorization: 'Basic eDp5' })).toEqual({
      status: 401,
      body: { errors: [STAND_IN_ERRORS.unauthorized] },
    });
    expect(await call('PUT', '/merchants/test-merchant/orders/X', body, { 'sequra-merchant-id': 'other' })).toEqual({
      status: 403,
      body: { errors: ["Bad merchant id 'other' for test-user"] },
    });
    expect(await call('PUT', '/merchants/other/orders/X', body)).toEqual({
      status: 403,
      body: { errors: [STAND_IN_ERRORS.forbiddenUrl] },
    });
    expect(standIn.requests.map((r) => r.status)).toEqual([401, 403, 403]);
  });

  test('Order Update: records decoded and raw path; the reference in the body must match the URL', async () => {
    standIn.confirmOrder('A14/12345', cart(1250, [item]));
    const ok = await call('PUT', '/merchants/test-merchant/orders/A14%2F12345', orderUpdate('A14/12345'));
    expect(ok.status).toBe(200);
    expect(standIn.requests[0]).toMatchObject({
      path: '/merchants/test-merchant/orders/A14/12345',
      rawPath: '/merchants/test-merchant/orders/A14%2F12345',
    });

    const mismatch = await call('PUT', '/merchants/test-merchant/orders/A14%2F12345', orderUpdate('A14'));
    expect(mismatch.status).toBe(422);
  });

  test('body shapes: no envelope or not JSON → 422, money not in integer cents → 422, lines not adding up → 409', async () => {
    expect((await call('PUT', '/merchants/test-merchant/orders/X', { shipped_cart: cart(0) })).body).toEqual({
      errors: ['Body must be {"order": {...}}'],
    });
    expect((await call('PUT', '/merchants/test-merchant/orders/X', '{not json')).status).toBe(422);
    const floats = await call(
      'PUT',
      '/merchants/test-merchant/orders/X',
      orderUpdate('X', { shipped_cart: cart(12.5, [{ ...item, total_with_tax: 12.5 }]) }),
    );
    expect(floats.status).toBe(422);
    expect(floats.body.errors).toContain('order.shipped_cart.order_total_with_tax must be an integer (cents)');
    const inconsistent = await call(
      'PUT',
      '/merchants/test-merchant/orders/X',
      orderUpdate('X', { shipped_cart: cart(1000, [item]) }),
    );
    expect(inconsistent.status).toBe(409);
    expect(
      (await call('PUT', '/merchants/test-merchant/orders/X', orderUpdate('X', { platform: undefined }))).body,
    ).toEqual({ errors: ['order.platform is required'] });
  });

  test('delivery report: 204 for a valid report; merchant.id, orders and platform are required', async () => {
    const report = {
      merchant: { id: 'test-merchant' },
      orders: [{ merchant_reference: { order_ref_1: 'A1' }, cart: cart(1250, [item]), remaining_cart: cart(0) }],
      platform: { name: 'x' },
    };
    standIn.confirmOrder('A1', cart(1250, [item]));
    expect(await call('POST', '/orders/delivery_reports', { delivery_report: report })).toEqual({
      status: 204,
      body: null,
    });
    // seQura now holds the reported carts of the order it confirmed.
    expect(standIn.orders.get('A1')).toMatchObject({ shipped_cart: cart(1250, [item]), unshipped_cart: cart(0) });
    expect(
      (await call('POST', '/orders/delivery_reports', { delivery_report: { ...report, merchant: { id: 'other' } } }))
        .status,
    ).toBe(422);
    expect(
      (await call('POST', '/orders/delivery_reports', { delivery_report: { ...report, orders: undefined } })).status,
    ).toBe(422);
    expect(
      (await call('POST', '/orders/delivery_reports', { delivery_report: { ...report, platform: undefined } })).status,
    ).toBe(422);
    expect((await call('POST', '/orders/deliveries', { delivery_report: report })).status).toBe(404);
  });

  test('scripted failures apply to the next N calls in order, then normal answers resume', async () => {
    standIn.failNext(2, 'error500');
    standIn.failNext(1, 'notFound404');
    const report = { delivery_report: { merchant: { id: 'test-merchant' }, orders: [], platform: { name: 'x' } } };
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('POST', '/orders/delivery_reports', report)).status);
    expect(statuses).toEqual([500, 500, 404, 204]);
  });

  test('reset forgets scripted failures; control routes script failures from outside', async () => {
    standIn.failNext(1, 'conflict409');
    standIn.reset();
    const report = { delivery_report: { merchant: { id: 'test-merchant' }, orders: [], platform: { name: 'x' } } };
    expect((await call('POST', '/orders/delivery_reports', report)).status).toBe(204);

    expect(
      (
        await fetch(`${standIn.url}/__stand-in/fail-next`, {
          method: 'POST',
          body: JSON.stringify({ count: 1, mode: 'reject422' }),
        })
      ).status,
    ).toBe(204);
    expect(await call('POST', '/orders/delivery_reports', report)).toEqual({
      status: 422,
      body: { errors: [STAND_IN_ERRORS.rejected] },
    });
    const recorded = await (await fetch(`${standIn.url}/__stand-in/requests`)).json();
    expect(recorded.map((r: { status: number }) => r.status)).toEqual([204, 422]);
  });

  test('a hanging call stays open until the stand-in closes, and close does not wait for it', async () => {
    const own = await startSequraStandIn();
    own.failNext(1, 'hang');
    const pending = fetch(`${own.url}/orders/delivery_reports`, { method: 'POST', body: '{}' }).then(
      (r) => r.status,
      () => 'aborted',
    );
    for (let i = 0; i < 50 && own.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(own.requests[0].status).toBe(0);

    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('aborted');
  });
});
