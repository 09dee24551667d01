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

describe('seQura stand-in', () => {
  test('IPN acknowledgement: 200 for confirmed/on_hold with a consistent cart, 422 for another state', async () => {
    expect(await call('PUT', '/orders/uuid-1', { order: { state: 'on_hold', cart: cart(1250, [item]) } })).toEqual({
      status: 200,
      body: {},
    });
    const bad = await call('PUT', '/orders/uuid-1', { order: { state: 'approved', cart: cart(1250, [item]) } });
    expect(bad).toEqual({
      status: 422,
      body: { errors: ["order.state must be 'confirmed' or 'on_hold', got 'approved'"] },
    });
  });

  test('wrong password: 401; wrong merchant header: 403; merchant in the path must match too', async () => {
    const body = { order: { shipped_cart: cart(0), unshipped_cart: cart(0) } };
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
    const ok = await call('PUT', '/merchants/test-merchant/orders/A14%2F12345', {
      order: {
        merchant_reference: { order_ref_1: 'A14/12345' },
        shipped_cart: cart(1250, [item]),
        unshipped_cart: cart(0),
      },
    });
    expect(ok.status).toBe(200);
    expect(standIn.requests[0]).toMatchObject({
      path: '/merchants/test-merchant/orders/A14/12345',
      rawPath: '/merchants/test-merchant/orders/A14%2F12345',
    });

    const mismatch = await call('PUT', '/merchants/test-merchant/orders/A14%2F12345', {
      order: { merchant_reference: { order_ref_1: 'A14' }, shipped_cart: cart(0), unshipped_cart: cart(0) },
    });
    expect(mismatch.status).toBe(422);
  });

  test('body shapes: no envelope or not JSON → 422, money not in integer cents → 422, lines not adding up → 409', async () => {
    expect((await call('PUT', '/merchants/test-merchant/orders/X', { shipped_cart: cart(0) })).body).toEqual({
      errors: ['Body must be {"order": {...}}'],
    });
    expect((await call('PUT', '/merchants/test-merchant/orders/X', '{not json')).status).toBe(422);
    const floats = await call('PUT', '/merchants/test-merchant/orders/X', {
      order: { shipped_cart: cart(12.5, [{ ...item, total_with_tax: 12.5 }]), unshipped_cart: cart(0) },
    });
    expect(floats.status).toBe(422);
    expect(floats.body.errors).toContain('order.shipped_cart.order_total_with_tax must be an integer (cents)');
    const inconsistent = await call('PUT', '/merchants/test-merchant/orders/X', {
      order: { shipped_cart: cart(1000, [item]), unshipped_cart: cart(0) },
    });
    expect(inconsistent.status).toBe(409);
  });

  test('delivery report: 204 for a valid report; merchant.id, orders and platform are required', async () => {
    const report = {
      merchant: { id: 'test-merchant' },
      orders: [{ merchant_reference: { order_ref_1: 'A1' }, cart: cart(1250, [item]), remaining_cart: cart(0) }],
      platform: { name: 'x' },
    };
    expect(await call('POST', '/orders/delivery_reports', { delivery_report: report })).toEqual({
      status: 204,
      body: null,
    });
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
