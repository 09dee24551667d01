import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** A start solicitation with every member seQura's core requires, and our merchant block. */
const solicitation = (
  ref: string,
  overrides: Record<string, unknown> = {},
  merchant: Record<string, unknown> = {},
) => ({
  order: {
    ...acknowledgement(ref, '').order,
    merchant: {
      id: 'test-merchant',
      notify_url: 'https://shop.example/webhooks/sequra/ipn',
      notification_parameters: { signature: 'sig-1', order: ref },
      events_webhook: { url: 'https://shop.example/webhooks/sequra/events', parameters: { signature: 'sig-1' } },
      return_url: 'https://shop.example/thanks',
      abort_url: 'https://shop.example/payment',
      ...merchant,
    },
    customer: { email: 'ana@example.com', language_code: 'es', ip_number: '203.0.113.7', user_agent: 'Firefox' },
    ...overrides,
  },
});

/** The uuid a solicitation started (its Location's last segment). */
async function solicit(ref: string): Promise<string> {
  const res = await fetch(`${standIn.url}/orders`, {
    method: 'POST',
    headers: { authorization: AUTH, 'sequra-merchant-id': 'test-merchant', 'content-type': 'application/json' },
    body: JSON.stringify(solicitation(ref)),
  });
  expect(res.status).toBe(204);
  return res.headers.get('location')!.split('/').pop()!;
}

/** A shop that records the IPNs it receives and answers `status`. */
async function ipnReceiver(status = 200) {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/sequra/ipn`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("seQura stand-in: the checkout (solicitation, form, payment methods, the shopper's form)", () => {
  test('solicitation: 204 with the new order in Location; each one a new seQura order', async () => {
    const res = await fetch(`${standIn.url}/orders`, {
      method: 'POST',
      headers: { authorization: AUTH, 'sequra-merchant-id': 'test-merchant', 'content-type': 'application/json' },
      body: JSON.stringify(solicitation('SOL-1')),
    });
    expect(res.status).toBe(204);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${standIn.url}/orders/[0-9a-f-]{36}$`));
    const uuid = location.split('/').pop()!;
    expect(standIn.solicitations.get(uuid)).toMatchObject({
      merchantId: 'test-merchant',
      order: { merchant_reference: { order_ref_1: 'SOL-1' } },
    });
    expect(await solicit('SOL-1')).not.toBe(uuid);
    expect(standIn.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /orders 204',
      'POST /orders 204',
    ]);
  });

  test('solicitation: state must be "", the merchant block well formed, and what seQura requires named', async () => {
    const known = standIn.solicitations.size;
    expect((await call('POST', '/orders', solicitation('SOL-2', { state: 'confirmed' }))).body).toEqual({
      errors: [`order.state must be "" when starting an order, got 'confirmed'`],
    });
    const merchant = await call(
      'POST',
      '/orders',
      solicitation(
        'SOL-2',
        {},
        { notify_url: 'not a url', notification_parameters: { signature: 1 }, events_webhook: {} },
      ),
    );
    expect(merchant).toEqual({
      status: 422,
      body: {
        errors: [
          'order.merchant.notify_url must be a valid URL',
          'order.merchant.notification_parameters must map names to strings',
          'order.merchant.events_webhook.url must be a valid URL',
        ],
      },
    });
    const customer = await call('POST', '/orders', solicitation('SOL-2', { customer: { email: 'a@example.com' } }));
    expect(customer.body.errors).toEqual([
      'order.customer.language_code is required',
      'order.customer.ip_number is required',
      'order.customer.user_agent is required',
    ]);
    const items = [200, 295].map((total) => ({ ...item, total_with_tax: total }));
    expect(await call('POST', '/orders', solicitation('SOL-2', { cart: cart(500, items) }))).toEqual({
      status: 409,
      body: {
        errors: [
          "Invalid data: items' total_with_tax add up to 495 (200+295) but order_total_with_tax is 500. The diff is 5.",
        ],
      },
    });
    expect(standIn.solicitations.size).toBe(known);
  });

  test("form_v2: seQura's fragment (an iframe on the form page, the script that shows it); an unknown order → 404 page", async () => {
    const uuid = await solicit('SOL-3');
    const res = await fetch(`${standIn.url}/orders/${uuid}/form_v2?product=pp3&ajax=true`, {
      headers: { authorization: AUTH, 'sequra-merchant-id': 'test-merchant', accept: 'text/html' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(
      `<iframe id='sq-identification-pp3' name='sq-identification-pp3' class="sq-identification-iframe" ` +
        `src="${standIn.url}/orders/${uuid}/pumbaa_form?product=pp3" frameborder="0" ` +
        `style="display:none;position:fixed;top:0;left:0;width:100%;height:100%;z-index:999999;"></iframe>\n` +
        `<script type="text/javascript">window.SequraFormElement = 'sq-identification-pp3';</script>\n` +
        `<script src='${standIn.url}/assets/sequra_form.js'></script>\n`,
    );
    const script = await fetch(`${standIn.url}/assets/sequra_form.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('window.SequraFormInstance');

    const unknown = await fetch(`${standIn.url}/orders/no-such/form_v2`, {
      headers: { authorization: AUTH, 'sequra-merchant-id': 'test-merchant' },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("The page you were looking for doesn't exist");
    // The merchant API's rules hold for the form too.
    expect((await fetch(`${standIn.url}/orders/${uuid}/form_v2`)).status).toBe(401);
  });

  test("payment methods of a solicited order; an unknown order → seQura's 403", async () => {
    const uuid = await solicit('SOL-4');
    const ok = await call('GET', `/orders/${uuid}/payment_methods`);
    expect(ok.status).toBe(200);
    expect(ok.body.payment_options.map((o: { category: string }) => o.category)).toEqual([
      'pay_now',
      'pay_later',
      'part_payment',
    ]);
    expect(ok.body.payment_options[1].methods.map((m: { product: string }) => m.product)).toEqual(['i1', 'pp5']);
    expect(await call('GET', '/orders/no-such/payment_methods')).toEqual({
      status: 403,
      body: { errors: [STAND_IN_ERRORS.badOrder('no-such', 'test-user')] },
    });
  });

  test("the shopper finishes: the IPN goes to notify_url as seQura sends it (parameters as given, then seQura's fields)", async () => {
    const shop = await ipnReceiver(200);
    try {
      const res = await fetch(`${standIn.url}/orders`, {
        method: 'POST',
        headers: { authorization: AUTH, 'sequra-merchant-id': 'test-merchant', 'content-type': 'application/json' },
        body: JSON.stringify(solicitation('SOL/5', {}, { notify_url: shop.url })),
      });
      const uuid = res.headers.get('location')!.split('/').pop()!;
      // Not the merchant API: no credentials, and not in the requests the service sent.
      const done = await fetch(`${standIn.url}/orders/${uuid}/pumbaa_form`, {
        method: 'POST',
        body: JSON.stringify({ outcome: 'needs_review', product: 'pp3' }),
      });
      expect(done.status).toBe(200);
      expect(await done.json()).toEqual({
        sequra_order_ref: uuid,
        ipn: { url: shop.url, state: 'needs_review', product_code: 'pp3', status: 200, body: '' },
        next_url: 'https://shop.example/thanks',
      });
      expect(shop.received).toHaveLength(1);
      expect(shop.received[0].headers).toMatchObject({
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'seQura-Event/1.0 (www.sequra.es)',
      });
      expect(shop.received[0].body).toBe(
        `signature=sig-1&order=SOL%2F5&order_ref=${uuid}&needs_review_since=0&product_code=pp3` +
          '&sq_state=needs_review&order_ref_1=SOL%2F5',
      );
      expect(standIn.solicitations.get(uuid)!.ipn).toMatchObject({ state: 'needs_review', status: 200 });
      expect(standIn.requests.map((r) => r.path)).toEqual(['/orders']);
    } finally {
      await shop.close();
    }
  });

  test('the shopper side refuses what seQura would: an unknown order, a bad outcome; the shop refusing sends to abort_url', async () => {
    expect((await fetch(`${standIn.url}/orders/no-such/pumbaa_form`)).status).toBe(404);
    const uuid = await solicit('SOL-6');
    const bad = await fetch(`${standIn.url}/orders/${uuid}/pumbaa_form`, {
      method: 'POST',
      body: JSON.stringify({ outcome: 'paid' }),
    });
    expect(bad.status).toBe(422);
    const page = await (await fetch(`${standIn.url}/orders/${uuid}/pumbaa_form?product=i1`)).text();
    expect(page).toContain('name="outcome" value="approved"');
    expect(page).toContain('<a href="https://shop.example/payment">Pay another way</a>');

    const shop = await ipnReceiver(410);
    try {
      const res = await fetch(`${standIn.url}/orders`, {
        method: 'POST',
        headers: { authorization: AUTH, 'sequra-merchant-id': 'test-merchant', 'content-type': 'application/json' },
        body: JSON.stringify(solicitation('SOL-7', {}, { notify_url: shop.url })),
      });
      const refused = await standIn.completeCheckout(res.headers.get('location')!.split('/').pop()!);
      expect(refused).toMatchObject({ ipn: { status: 410 }, next_url: 'https://shop.example/payment' });
    } finally {
      await shop.close();
    }
  });

  test('scripted failures may name the calls they apply to', async () => {
    const uuid = await solicit('SOL-8');
    standIn.failNext(1, 'error500', (method, path) => method === 'GET' && path.endsWith('/payment_methods'));
    const report = { delivery_report: { merchant: { id: 'test-merchant' }, orders: [], platform: { name: 'x' } } };
    expect((await call('POST', '/orders/delivery_reports', report)).status).toBe(204);
    expect((await call('GET', `/orders/${uuid}/payment_methods`)).status).toBe(500);
    expect((await call('GET', `/orders/${uuid}/payment_methods`)).status).toBe(200);
  });
});
