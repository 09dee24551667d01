import { SequraStandIn, STAND_IN_ERRORS, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { paymentMethods } from '../sequra-stand-in/stand-in-checkout.js';
import { orderBody } from '../support/fixtures.js';
import { freePort } from '../support/free-port.js';
import { seedOrder } from '../support/order-fixtures.js';
import { startTestApp, TestApp } from '../support/test-app.js';
import { historyOf, orderRow, sign, webhookEventsOf } from '../webhooks/webhook-test-helpers.js';

let standIn: SequraStandIn;
let t: TestApp;
let base: string;
let n = 0;
const nextRef = (prefix: string) => `${prefix}/${++n}`;
const path = (ref: string) => `/orders/${encodeURIComponent(ref)}`;

const SHOPPER = { ip_number: '203.0.113.7', user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' };
const URLS = { return_url: 'https://shop.example/thanks', abort_url: 'https://shop.example/pay-another-way' };
const BODY = { customer: SHOPPER, gui: { layout: 'smartphone' }, ...URLS };

const solicitations = () => standIn.requests.filter((r) => r.method === 'POST' && r.path === '/orders');
const acknowledgements = () => standIn.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/orders/'));

/** Registers an order through the API, as a shop does. */
async function register(ref: string, overrides: Record<string, unknown> = {}) {
  const res = await t.request('POST', '/orders', { body: orderBody(ref, overrides) });
  expect(res.status).toBe(201);
  return res.body;
}

const checkout = (ref: string, body: unknown = BODY, headers: Record<string, string> = {}) =>
  t.request('POST', `${path(ref)}/checkout`, { body, headers });

async function started(ref: string, body: unknown = BODY): Promise<string> {
  const res = await checkout(ref, body);
  expect(res.status).toBe(201);
  return res.body.sequra_order_ref as string;
}

const checkoutNotes = async (ref: string) => (await historyOf(t, ref)).filter((h) => h.details?.event === 'checkout');

beforeAll(async () => {
  standIn = await startSequraStandIn();
  // seQura's stand-in calls the service back (the IPN): PUBLIC_BASE_URL must be where it listens.
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await startTestApp({
    SEQURA_BASE_URL: standIn.url,
    SEQURA_TIMEOUT_MS: '1000',
    PORT: String(port),
    PUBLIC_BASE_URL: base,
    CHECKOUT_RETURN_URL: 'https://shop.example/orders/{order_ref_1}/thanks',
    CHECKOUT_ABORT_URL: 'https://shop.example/orders/{order_ref_1}/payment',
  });
});
afterAll(async () => {
  await t?.close();
  await standIn?.close();
});
beforeEach(() => standIn.reset());

describe('POST /orders/:ref/checkout', () => {
  test('starts the order at seQura: the whole order, state "", our merchant block; 201 with the seQura order, the form and the payment methods', async () => {
    const ref = nextRef('CO');
    await register(ref);
    const res = await checkout(ref, BODY, { 'X-Actor': 'checkout page' });

    expect(res.status).toBe(201);
    const uuid = res.body.sequra_order_ref as string;
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toEqual({
      order_ref_1: ref,
      sequra_order_ref: uuid,
      replaced_sequra_order_ref: null,
      merchant_id: 'test-merchant',
      form_url: `${path(ref)}/checkout/form`,
      payment_methods_url: `${path(ref)}/checkout/payment-methods`,
      payment_methods: paymentMethods(8350),
    });
    // seQura received the solicitation, then the payment-methods call for the order it started.
    expect(standIn.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /orders 204',
      `GET /orders/${uuid}/payment_methods 200`,
    ]);
    const registered = orderBody(ref);
    expect(solicitations()[0].body.order).toEqual({
      state: '',
      merchant: {
        id: 'test-merchant',
        notify_url: `${base}/webhooks/sequra/ipn`,
        notification_parameters: { signature: sign(ref), order: ref },
        events_webhook: { url: `${base}/webhooks/sequra/events`, parameters: { signature: sign(ref), order: ref } },
        ...URLS,
      },
      merchant_reference: registered.merchant_reference,
      cart: registered.cart,
      delivery_method: registered.delivery_method,
      delivery_address: registered.delivery_address,
      invoice_address: registered.invoice_address,
      customer: { ...registered.customer, ...SHOPPER },
      gui: { layout: 'smartphone' },
      platform: {
        name: 'sequra-merchant-backend',
        version: expect.any(String),
        uname: expect.any(String),
        db_name: 'postgresql',
        db_version: expect.any(String),
      },
    });

    // The order keeps the seQura order and its checkout; it stays pending until seQura's IPN.
    const order = (await t.request('GET', path(ref))).body;
    expect(order).toMatchObject({
      state: 'pending',
      sequra_order_ref: uuid,
      customer: { ...registered.customer, ...SHOPPER },
      checkout: {
        started_at: expect.any(String),
        merchant_id: 'test-merchant',
        ...URLS,
        layout: 'smartphone',
        solicitations: 1,
      },
    });
    const history = await historyOf(t, ref);
    expect(history).toEqual([
      {
        kind: 'note',
        from_state: 'pending',
        to_state: 'pending',
        cause: 'api',
        actor: 'shop (checkout page)',
        details: {
          event: 'checkout',
          outcome: 'started',
          merchant_id: 'test-merchant',
          sequra_order_ref: uuid,
          replaced_sequra_order_ref: null,
          layout: 'smartphone',
          ...URLS,
          http_status: 204,
          errors: [],
        },
      },
    ]);
    // The shopper's device stays in the order (where erasure finds it), never in the history.
    expect(JSON.stringify(history)).not.toContain(SHOPPER.ip_number);
  });

  test('return and abort URLs default from CHECKOUT_RETURN_URL / CHECKOUT_ABORT_URL, with the reference filled in; layout desktop', async () => {
    const ref = nextRef('CO-DEFAULTS');
    await register(ref);
    await started(ref, { customer: SHOPPER });

    const encoded = encodeURIComponent(ref);
    expect(solicitations()[0].body.order.merchant).toMatchObject({
      return_url: `https://shop.example/orders/${encoded}/thanks`,
      abort_url: `https://shop.example/orders/${encoded}/payment`,
    });
    expect(solicitations()[0].body.order.gui).toEqual({ layout: 'desktop' });
  });

  test('calling it again starts a new seQura order that replaces the one before', async () => {
    const ref = nextRef('CO-AGAIN');
    await register(ref);
    const first = await started(ref);
    const res = await checkout(ref, { ...BODY, gui: { layout: 'desktop' } });

    expect(res.status).toBe(201);
    const second = res.body.sequra_order_ref as string;
    expect(second).not.toBe(first);
    expect(res.body.replaced_sequra_order_ref).toBe(first);
    expect(solicitations()).toHaveLength(2);
    expect(await orderRow(t, ref)).toMatchObject({
      state: 'pending',
      sequra_order_ref: second,
      checkout: expect.objectContaining({ layout: 'desktop', solicitations: 2 }),
    });
    expect((await checkoutNotes(ref)).map((h) => h.details)).toEqual([
      expect.objectContaining({ outcome: 'started', sequra_order_ref: first, replaced_sequra_order_ref: null }),
      expect.objectContaining({ outcome: 'started', sequra_order_ref: second, replaced_sequra_order_ref: first }),
    ]);
  });

  test('two at once for one order serialize on its row lock: the second replaces the first', async () => {
    const ref = nextRef('CO-RACE');
    await register(ref);
    const answers = await Promise.all([checkout(ref), checkout(ref)]);

    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const notes = (await checkoutNotes(ref)).map((h) => h.details);
    expect(notes).toHaveLength(2);
    expect(notes[0].replaced_sequra_order_ref).toBeNull();
    expect(notes[1].replaced_sequra_order_ref).toBe(notes[0].sequra_order_ref);
    expect((await orderRow(t, ref)).sequra_order_ref).toBe(notes[1].sequra_order_ref);
  });

  test('bad input → 400 naming each field; nothing is sent to seQura', async () => {
    const ref = nextRef('CO-BAD');
    await register(ref);
    const res = await checkout(ref, {
      customer: { ip_number: 'not-an-ip', user_agent: '' },
      gui: { layout: 'tablet' },
      return_url: 'javascript:alert(1)',
      abort_url: 'ftp://shop.example/x',
      card_number: '4111111111111111',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'abort_url',
      'card_number',
      'customer.ip_number',
      'customer.user_agent',
      'gui.layout',
      'return_url',
    ]);
    expect((await checkout(ref, {})).body.errors.map((e: { field: string }) => e.field)).toEqual(['customer']);
    expect(standIn.requests).toHaveLength(0);
    expect(await historyOf(t, ref)).toEqual([]);
  });

  test('unknown order → 404; nothing is sent to seQura', async () => {
    const res = await checkout('NO-SUCH-ORDER');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ message: "Order 'NO-SUCH-ORDER' not found" });
    expect(standIn.requests).toHaveLength(0);
  });

  test.each(['on_hold', 'approved', 'cancelled', 'denied'] as const)(
    'a %s order → 409 (only a pending order starts a checkout); nothing is sent',
    async (state) => {
      const ref = nextRef(`CO-${state}`);
      await seedOrder(t, ref, { state });
      const res = await checkout(ref);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ state, reason: 'not_pending' });
      expect(standIn.requests).toHaveLength(0);
      expect(await historyOf(t, ref)).toEqual([]);
    },
  );

  test('an order without customer.language_code (seQura requires it) → 409 naming it; nothing is sent', async () => {
    const ref = nextRef('CO-LANG');
    const { language_code: _l, ...customer } = orderBody(ref).customer;
    await register(ref, { customer });
    const res = await checkout(ref);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ missing: ['customer.language_code'] });
    expect(standIn.requests).toHaveLength(0);
  });

  test("seQura's 409 (a cart whose lines do not add up) → 409 with seQura's errors; the attempt is in the history, the order unchanged", async () => {
    const ref = nextRef('CO-409');
    const cart = { ...orderBody(ref).cart, order_total_with_tax: 8400 };
    await register(ref, { cart });
    const res = await checkout(ref);

    const message = STAND_IN_ERRORS.inconsistentCart('', [1250, 7100], 8400);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ sequra_status: 409, errors: [message] });
    expect(res.body.message).toMatch(/seQura refused to start order .*another payment method/);
    expect(solicitations()).toHaveLength(1);
    expect(await orderRow(t, ref)).toMatchObject({ state: 'pending', sequra_order_ref: null, checkout: null });
    expect((await checkoutNotes(ref)).map((h) => h.details)).toEqual([
      expect.objectContaining({ outcome: 'refused', sequra_order_ref: null, http_status: 409, errors: [message] }),
    ]);
  });

  test('another 4xx from seQura → 409 with its status and errors (the shop hides seQura)', async () => {
    const ref = nextRef('CO-422');
    await register(ref);
    standIn.failNext(1, 'reject422');
    const res = await checkout(ref);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ sequra_status: 422, errors: [STAND_IN_ERRORS.rejected] });
  });

  test.each([
    ['error500', 500, 'HTTP 500'],
    ['hang', null, 'timeout after 1000 ms'],
  ] as const)(
    'seQura %s → 503, the attempt noted; a retry once seQura is back starts the order',
    async (mode, status, reason) => {
      const ref = nextRef(`CO-${mode}`);
      await register(ref);
      standIn.failNext(1, mode);
      const res = await checkout(ref);

      expect(res.status).toBe(503);
      expect(res.body.message).toBe(`seQura could not start order '${ref}' (${reason}); retry later`);
      expect(await orderRow(t, ref)).toMatchObject({ sequra_order_ref: null, checkout: null });
      expect((await checkoutNotes(ref)).map((h) => h.details)).toEqual([
        expect.objectContaining({ outcome: 'unavailable', http_status: status, errors: [reason] }),
      ]);

      const uuid = await started(ref);
      expect((await orderRow(t, ref)).sequra_order_ref).toBe(uuid);
    },
  );

  test('the payment methods call fails after the solicitation: still 201 with the seQura order, the methods to ask again', async () => {
    const ref = nextRef('CO-PM');
    await register(ref);
    standIn.failNext(1, 'error500', (_method, p) => p.endsWith('/payment_methods'));
    const res = await checkout(ref);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sequra_order_ref: expect.any(String),
      payment_methods: null,
      payment_methods_error: expect.stringContaining('seQura could not be reached (HTTP 500)'),
    });
    const again = await t.request('GET', `${path(ref)}/checkout/payment-methods`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(paymentMethods(8350));
  });
});

describe('the form and the payment methods of the latest seQura order', () => {
  test("GET …/checkout/form → seQura's form_v2 as text/html, product and campaign passed on, never cached", async () => {
    const ref = nextRef('CO-FORM');
    await register(ref);
    await started(ref);
    const latest = await started(ref);
    standIn.reset();
    const res = await t.request('GET', `${path(ref)}/checkout/form?product=pp5&campaign=temporary`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.text).toContain(`src="${standIn.url}/orders/${latest}/pumbaa_form?product=pp5&amp;campaign=temporary"`);
    expect(res.text).toContain("window.SequraFormElement = 'sq-identification-pp5'");
    expect(standIn.requests).toHaveLength(1);
    expect(standIn.requests[0]).toMatchObject({ method: 'GET', path: `/orders/${latest}/form_v2` });
    expect(standIn.requests[0].query).toBe('?product=pp5&campaign=temporary');

    const plain = await t.request('GET', `${path(ref)}/checkout/form`);
    expect(plain.text).toContain('pumbaa_form?product=i1"');
    expect(standIn.requests[1].query).toBe('');
  });

  test("GET …/checkout/payment-methods → seQura's payment methods of the latest seQura order, as JSON", async () => {
    const ref = nextRef('CO-PMS');
    await register(ref, {
      cart: { ...orderBody('x').cart, order_total_with_tax: 1250, items: [orderBody('x').cart.items[0]] },
    });
    const latest = await started(ref);
    standIn.reset();
    const res = await t.request('GET', `${path(ref)}/checkout/payment-methods`);

    expect(res.status).toBe(200);
    // Under 50 €: no instalments (pp3), as the stand-in's catalogue says.
    expect(res.body).toEqual(paymentMethods(1250));
    expect(res.body.payment_options[2].methods).toEqual([]);
    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /orders/${latest}/payment_methods`]);
  });

  test('bad form parameters → 400 naming them; nothing is sent', async () => {
    const ref = nextRef('CO-FORM-BAD');
    await register(ref);
    await started(ref);
    standIn.reset();
    const res = await t.request('GET', `${path(ref)}/checkout/form?product=I1%3Cscript%3E&campaign=a%20b&ajax=maybe`);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['product', 'campaign', 'ajax']);
    expect(standIn.requests).toHaveLength(0);
  });

  test('before any checkout → 409 (start it first); an order no longer pending → 409; unknown → 404', async () => {
    const ref = nextRef('CO-NONE');
    await register(ref);
    for (const route of ['form', 'payment-methods']) {
      const res = await t.request('GET', `${path(ref)}/checkout/${route}`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ reason: 'not_started' });
      expect(res.body.message).toContain(`POST ${path(ref)}/checkout first`);
    }
    const approved = nextRef('CO-DONE');
    await seedOrder(t, approved, { state: 'approved' });
    expect((await t.request('GET', `${path(approved)}/checkout/form`)).body).toMatchObject({ reason: 'not_pending' });
    expect((await t.request('GET', `${path('NO-SUCH')}/checkout/payment-methods`)).status).toBe(404);
    expect(standIn.requests).toHaveLength(0);
  });

  test('seQura down → 503; seQura no longer knowing the seQura order → 409 (start the checkout again)', async () => {
    const ref = nextRef('CO-FORM-DOWN');
    await register(ref);
    const uuid = await started(ref);
    standIn.failNext(1, 'error500');
    const down = await t.request('GET', `${path(ref)}/checkout/form`);
    expect(down.status).toBe(503);
    expect(down.body.message).toContain('(HTTP 500); retry later');

    standIn.solicitations.delete(uuid);
    const form = await t.request('GET', `${path(ref)}/checkout/form`);
    expect(form.status).toBe(409);
    expect(form.body).toMatchObject({ sequra_status: 404 });
    expect(form.body.message).toContain('start the checkout again');
    const methods = await t.request('GET', `${path(ref)}/checkout/payment-methods`);
    expect(methods.status).toBe(409);
    expect(methods.body).toMatchObject({
      sequra_status: 403,
      errors: [STAND_IN_ERRORS.badOrder(uuid, 'test-user')],
    });
  });
});

describe('the whole checkout against the stand-in: the shopper finishes, seQura sends the IPN', () => {
  test('the latest seQura order is approved; an IPN for a replaced one is refused with 404 and never approves', async () => {
    const ref = nextRef('CO-E2E');
    await register(ref);
    const replaced = await started(ref);
    const latest = await started(ref);
    standIn.reset();

    // The shopper finishes the form of the replaced seQura order (another tab): seQura sends its IPN.
    const old = await standIn.completeCheckout(replaced, 'approved', 'i1');
    expect(old.ipn).toMatchObject({ url: `${base}/webhooks/sequra/ipn`, status: 404 });
    expect(JSON.parse(old.ipn.body)).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: `seQura order '${replaced}' is not the latest one started for order '${ref}'`,
      order_ref_1: ref,
    });
    expect(acknowledgements()).toHaveLength(0);
    expect(await orderRow(t, ref)).toMatchObject({ state: 'pending', sequra_order_ref: latest });
    expect((await historyOf(t, ref)).at(-1)).toMatchObject({
      kind: 'note',
      cause: 'ipn',
      details: {
        event: 'not_latest_sequra_order',
        sq_state: 'approved',
        order_ref: replaced,
        latest_sequra_order_ref: latest,
      },
    });

    // The latest one: the IPN approves the order after the acknowledgement, which carries the checkout's data.
    const done = await standIn.completeCheckout(latest, 'approved', 'pp3');
    expect(done).toMatchObject({ ipn: { status: 200, body: '' }, next_url: URLS.return_url });
    const [ack] = acknowledgements();
    expect(ack.path).toBe(`/orders/${latest}`);
    expect(ack.body.order).toMatchObject({
      state: 'confirmed',
      merchant: { id: 'test-merchant', ...URLS, notify_url: `${base}/webhooks/sequra/ipn` },
      customer: SHOPPER,
      gui: { layout: 'smartphone' },
    });
    expect(standIn.solicitations.get(latest)!.acknowledged).toBe('confirmed');
    expect(standIn.solicitations.get(replaced)!.acknowledged).toBeUndefined();
    expect(await orderRow(t, ref)).toMatchObject({ state: 'approved', sequra_order_ref: latest });
    expect((await historyOf(t, ref)).at(-1)).toMatchObject({
      kind: 'transition',
      from_state: 'pending',
      to_state: 'approved',
      details: { order_ref: latest, product_code: 'pp3' },
    });

    // seQura repeats the replaced order's IPN after the approval: still 404, still not approved with it.
    expect((await standIn.completeCheckout(replaced, 'approved')).ipn.status).toBe(404);
    expect((await orderRow(t, ref)).sequra_order_ref).toBe(latest);
    const events = await webhookEventsOf(t, ref);
    expect(events.map((e) => [e.order_ref, e.status])).toEqual([
      [replaced, 404],
      [latest, 200],
      [replaced, 404],
    ]);
    expect(acknowledgements()).toHaveLength(1);
  });

  test('needs_review holds the order (on_hold at seQura), a later approved IPN approves it', async () => {
    const ref = nextRef('CO-REVIEW');
    await register(ref);
    const uuid = await started(ref);

    expect((await standIn.completeCheckout(uuid, 'needs_review')).ipn.status).toBe(200);
    expect(await orderRow(t, ref)).toMatchObject({ state: 'on_hold', sequra_order_ref: uuid });
    expect(standIn.solicitations.get(uuid)!.acknowledged).toBe('on_hold');
    // On hold: no new checkout.
    expect((await checkout(ref)).status).toBe(409);

    expect((await standIn.completeCheckout(uuid, 'approved')).ipn.status).toBe(200);
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect(acknowledgements().map((r) => r.body.order.state)).toEqual(['on_hold', 'confirmed']);
  });

  test('a needs_review IPN for a replaced seQura order is refused with 404 too; the order stays pending', async () => {
    const ref = nextRef('CO-REVIEW-OLD');
    await register(ref);
    const replaced = await started(ref);
    await started(ref);
    expect((await standIn.completeCheckout(replaced, 'needs_review')).ipn.status).toBe(404);
    expect((await orderRow(t, ref)).state).toBe('pending');
    expect(acknowledgements()).toHaveLength(0);
  });

  test("seQura's events about a replaced seQura order leave the order alone", async () => {
    const ref = nextRef('CO-EVENT');
    await register(ref);
    const replaced = await started(ref);
    const latest = await started(ref);
    const form = new URLSearchParams({
      charset: 'UTF-8',
      utf8: '\u221a',
      event: 'cancelled',
      order_ref_1: ref,
      order_ref_2: '""',
      order_ref: replaced,
      m_signature: sign(ref),
      m_order: ref,
    });
    const res = await t.request('POST', '/webhooks/sequra/events', {
      raw: form.toString(),
      key: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    expect(await orderRow(t, ref)).toMatchObject({ state: 'pending', sequra_order_ref: latest });
    expect((await historyOf(t, ref)).at(-1)).toMatchObject({
      details: { event: 'cancelled', ignored: 'about another seQura order', order_ref: replaced },
    });
  });

  test("the stand-in's form page: a button completes the purchase and sends the shopper to return_url", async () => {
    const ref = nextRef('CO-PAGE');
    await register(ref);
    const uuid = await started(ref);
    const page = await fetch(`${standIn.url}/orders/${uuid}/pumbaa_form?product=i1`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<button type="submit">Confirm the purchase (seQura approves)</button>');
    expect(html).toContain(`<a href="${URLS.abort_url}">Pay another way</a>`);

    const submitted = await fetch(`${standIn.url}/orders/${uuid}/pumbaa_form?product=i1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' },
      body: 'outcome=approved&product=i1',
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toContain(`<a href="${URLS.return_url}">Back to the shop</a>`);
    expect((await orderRow(t, ref)).state).toBe('approved');
  });
});

test('the OpenAPI document describes the three routes, their answers and the form as text/html', async () => {
  const { paths, components } = (await t.request('GET', '/docs-json', { key: null })).body;
  const start = paths['/orders/{ref}/checkout'].post;
  expect(start.responses['201'].content['application/json'].schema).toEqual({
    $ref: '#/components/schemas/StartedCheckout',
  });
  expect(Object.keys(start.responses)).toEqual(expect.arrayContaining(['201', '409', '503']));
  expect(paths['/orders/{ref}/checkout/form'].get.responses['200'].content).toHaveProperty('text/html');
  expect(
    paths['/orders/{ref}/checkout/payment-methods'].get.responses['200'].content['application/json'].schema,
  ).toEqual({ $ref: '#/components/schemas/PaymentMethods' });
  expect(Object.keys(components.schemas.StartedCheckout.properties)).toEqual(
    expect.arrayContaining(['sequra_order_ref', 'form_url', 'payment_methods']),
  );
});

describe('without default URLs, and with credentials seQura refuses', () => {
  let other: TestApp;
  beforeAll(async () => {
    other = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_PASSWORD: 'not-the-password' }, t.db);
  });
  afterAll(async () => {
    await other?.app.close();
  });

  test('no return_url / abort_url given and no default configured → 400 naming both', async () => {
    const ref = nextRef('CO-NODEFAULT');
    await register(ref);
    const res = await other.request('POST', `${path(ref)}/checkout`, { body: { customer: SHOPPER } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'return_url', messages: ['return_url is required (no default: CHECKOUT_RETURN_URL is not set)'] },
      { field: 'abort_url', messages: ['abort_url is required (no default: CHECKOUT_ABORT_URL is not set)'] },
    ]);
    expect(standIn.requests).toHaveLength(0);
  });

  test('seQura refuses our credentials (401) → 503 (nothing the shop can fix), noted', async () => {
    const ref = nextRef('CO-401');
    await register(ref);
    const res = await other.request('POST', `${path(ref)}/checkout`, { body: BODY });
    expect(res.status).toBe(503);
    expect(res.body.message).toBe(
      `seQura could not start order '${ref}' (seQura refused our credentials (HTTP 401)); retry later`,
    );
    expect((await checkoutNotes(ref)).map((h) => h.details)).toEqual([
      expect.objectContaining({ outcome: 'unavailable', http_status: 401, errors: [STAND_IN_ERRORS.unauthorized] }),
    ]);
  });
});
