import { Logger, LoggerService } from '@nestjs/common';
import { loadConfig } from '../../src/config/app-config.js';
import { MetricsRegistry } from '../../src/metrics/metrics-registry.js';
import type { Order } from '../../src/orders/order.entity.js';
import { SequraClient, sequraOrderRefOf, SequraResult } from '../../src/sequra/sequra-client.js';
import { sequraViewOf } from '../../src/orders/sequra-view.js';
import { acknowledgementPayload, orderUpdatePayload, solicitationPayload } from '../../src/sequra/sequra-payloads.js';
import { SequraStandIn, STAND_IN_ERRORS, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { freePort } from '../support/free-port.js';
import { TEST_ENV } from '../support/test-app.js';

// A password that would be easy to spot if it leaked into a result or a log line.
const PASSWORD = 'pa55-Very-Secret-Value';
const USER = 'client-test-user';
const TIMEOUT_MS = 400;
/** An empty delivery report, serialized as a stored run's body is. */
const EMPTY_REPORT = JSON.stringify({
  delivery_report: { merchant: { id: 'test-merchant' }, orders: [], platform: { name: 'test' } },
});
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Every log line the client writes, to check that no credential ever reaches the logs. */
const logged: string[] = [];
const captureLogger: LoggerService = {
  log: (message: unknown) => void logged.push(String(message)),
  error: (message: unknown) => void logged.push(String(message)),
  warn: (message: unknown) => void logged.push(String(message)),
  debug: (message: unknown) => void logged.push(String(message)),
  verbose: (message: unknown) => void logged.push(String(message)),
};

let standIn: SequraStandIn;
let client: SequraClient;
const results: SequraResult[] = [];

function clientFor(
  baseUrl: string,
  overrides: Record<string, string> = {},
  metrics = new MetricsRegistry(),
): SequraClient {
  return new SequraClient(
    loadConfig({
      ...TEST_ENV,
      SEQURA_USER: USER,
      SEQURA_PASSWORD: PASSWORD,
      SEQURA_BASE_URL: baseUrl,
      SEQURA_TIMEOUT_MS: String(TIMEOUT_MS),
      ...overrides,
    }),
    metrics,
  );
}

async function call<T extends SequraResult>(promise: Promise<T>): Promise<T> {
  const result = await promise;
  results.push(result);
  return result;
}

/** An Order Update body for a stored order, its carts as seQura's view of it. */
const update = (order: Order, merchantId: string) => orderUpdatePayload(order, sequraViewOf(order), merchantId);

/** A solicitation body for a stored order (pending, with the language seQura requires). */
const solicitation = (merchantId: string) =>
  solicitationPayload(
    storedOrder({ state: 'pending', customer: { email: 'ana@example.com', language_code: 'es' } }),
    { id: merchantId, notify_url: 'https://shop.example/webhooks/sequra/ipn' },
    { ip_number: '203.0.113.7', user_agent: 'Mozilla/5.0' },
    'smartphone',
  );

/** An order as stored, with a `/` in its reference. */
function storedOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    seq: '1',
    orderRef1: 'A14/12345',
    orderRef2: 'cart-77',
    sequraOrderRef: 'd168f9bc-de62-4635-be52-0f0c0a5903aa',
    checkout: null,
    state: 'approved',
    riskLevel: null,
    cart: {
      currency: 'EUR',
      order_total_with_tax: 8350,
      items: [
        {
          type: 'product',
          reference: 'shirt1234',
          name: 'shirt',
          price_with_tax: 1250,
          quantity: 1,
          total_with_tax: 1250,
        },
        {
          type: 'product',
          reference: 'jacket9876',
          name: 'jacket',
          price_with_tax: 7100,
          quantity: 1,
          total_with_tax: 7100,
        },
      ],
    },
    shippedQuantities: { shirt1234: 1 },
    cancelledQuantities: {},
    refunds: [],
    sequraView: null,
    sequraViewVersion: null,
    deliveryMethod: { name: 'standard' },
    customer: { email: 'ana@example.com', given_names: 'Ana' },
    deliveryAddress: { address_line_1: 'Calle Mayor 1', postal_code: '28013', city: 'Madrid', country_code: 'ES' },
    invoiceAddress: { address_line_1: 'Calle Mayor 1', postal_code: '28013', city: 'Madrid', country_code: 'ES' },
    trackings: [],
    approvedAt: new Date(),
    shippedAt: null,
    cancelledAt: null,
    reportedAt: null,
    fulfilmentStartedAt: null,
    shippingReportId: null,
    erasedAt: null,
    unreportableVersion: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    version: 1,
    ...overrides,
  };
}

beforeAll(async () => {
  Logger.overrideLogger(captureLogger);
  standIn = await startSequraStandIn({ user: USER, password: PASSWORD, merchantId: 'test-merchant' });
  client = clientFor(standIn.url);
});

afterAll(async () => {
  await standIn.close();
});

beforeEach(() => standIn.reset());

describe('SequraClient against the stand-in', () => {
  test('sends HTTP Basic, the merchant header and JSON on every call', async () => {
    const result = await call(
      client.acknowledgeOrder(
        'd168f9bc-de62-4635-be52-0f0c0a5903aa',
        acknowledgementPayload(storedOrder(), 'confirmed', { id: 'test-merchant' }),
      ),
    );

    expect(result).toMatchObject({ kind: 'success', status: 200 });
    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request.method).toBe('PUT');
    expect(request.path).toBe('/orders/d168f9bc-de62-4635-be52-0f0c0a5903aa');
    expect(request.headers.authorization).toBe(basic(USER, PASSWORD));
    expect(request.headers['sequra-merchant-id']).toBe('test-merchant');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.accept).toBe('application/json');
    expect(request.body.order).toMatchObject({ state: 'confirmed', merchant_reference: { order_ref_1: 'A14/12345' } });
  });

  test('Order Update: a `/` in the reference travels as %2F and the carts are split by what shipped', async () => {
    standIn.confirmOrder('A14/12345', storedOrder().cart);
    const result = await call(client.updateOrder('A14/12345', update(storedOrder(), 'test-merchant')));

    expect(result).toMatchObject({ kind: 'success', status: 200 });
    const [request] = standIn.requests;
    expect(request.rawPath).toBe('/merchants/test-merchant/orders/A14%2F12345');
    expect(request.path).toBe('/merchants/test-merchant/orders/A14/12345');
    expect(request.body.order.shipped_cart).toMatchObject({
      order_total_with_tax: 1250,
      items: [{ reference: 'shirt1234' }],
    });
    expect(request.body.order.unshipped_cart).toMatchObject({
      order_total_with_tax: 7100,
      items: [{ reference: 'jacket9876' }],
    });
  });

  test("start solicitation: POST /orders for the call's merchant account; 204 names the new order in Location", async () => {
    // The configured merchant is another one: the account is the call's parameter, header and body alike.
    const other = clientFor(standIn.url, { SEQURA_MERCHANT_ID: 'configured-merchant' });
    const result = await call(other.startSolicitation('test-merchant', solicitation('test-merchant')));

    expect(result).toMatchObject({ kind: 'success', status: 204, body: null });
    const location = (result as { location?: string }).location!;
    expect(location).toMatch(new RegExp(`^${standIn.url}/orders/[0-9a-f-]{36}$`));
    const uuid = sequraOrderRefOf(location)!;
    expect(standIn.solicitations.get(uuid)).toMatchObject({ merchantId: 'test-merchant' });
    const [request] = standIn.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/orders', status: 204 });
    expect(request.headers['sequra-merchant-id']).toBe('test-merchant');
    expect(request.body.order).toMatchObject({
      state: '',
      merchant: { id: 'test-merchant' },
      customer: { ip_number: '203.0.113.7', user_agent: 'Mozilla/5.0', logged_in: 'unknown' },
      gui: { layout: 'smartphone' },
    });
  });

  test('identification form: GET form_v2 asking for HTML, only the parameters given; the answer kept as text', async () => {
    const started = await call(client.startSolicitation('test-merchant', solicitation('test-merchant')));
    const uuid = sequraOrderRefOf((started as { location?: string }).location)!;
    const form = await call(
      client.identificationForm('test-merchant', uuid, { product: 'pp5', campaign: 'temporary' }),
    );
    const bare = await call(client.identificationForm('test-merchant', uuid));

    expect(form).toMatchObject({ kind: 'success', status: 200 });
    expect((form as { body: unknown }).body).toEqual(
      expect.stringContaining(`/orders/${uuid}/pumbaa_form?product=pp5`),
    );
    const [, withQuery, without] = standIn.requests;
    expect(withQuery).toMatchObject({ method: 'GET', path: `/orders/${uuid}/form_v2` });
    expect(withQuery.query).toBe('?product=pp5&campaign=temporary');
    expect(withQuery.headers.accept).toBe('text/html');
    expect(withQuery.headers['content-type']).toBeUndefined();
    expect(withQuery.body).toBeNull();
    expect(without.query).toBe('');
    expect((bare as { body: unknown }).body).toEqual(expect.stringContaining("id='sq-identification-i1'"));
    // An order seQura does not know: its 404 page, rejected.
    const unknown = await call(client.identificationForm('test-merchant', 'no-such-order'));
    expect(unknown).toEqual({ kind: 'rejected', status: 404, errors: ['HTTP 404'] });
  });

  test("payment methods of a solicited order: seQura's JSON; an unknown order is seQura's 403", async () => {
    const started = await call(client.startSolicitation('test-merchant', solicitation('test-merchant')));
    const uuid = sequraOrderRefOf((started as { location?: string }).location)!;
    const methods = await call(client.orderPaymentMethods('test-merchant', uuid));

    expect(methods).toMatchObject({ kind: 'success', status: 200, body: { payment_options: expect.any(Array) } });
    expect(standIn.requests[1]).toMatchObject({ method: 'GET', path: `/orders/${uuid}/payment_methods` });
    expect(await call(client.orderPaymentMethods('test-merchant', 'no-such-order'))).toEqual({
      kind: 'rejected',
      status: 403,
      errors: [STAND_IN_ERRORS.badOrder('no-such-order', USER)],
    });
  });

  test('delivery report: 204 is a success', async () => {
    const result = await call(client.sendDeliveryReportJson(EMPTY_REPORT));

    expect(result).toEqual({ kind: 'success', status: 204, body: null });
    expect(standIn.requests[0]).toMatchObject({ method: 'POST', path: '/orders/delivery_reports', status: 204 });
  });

  test('a call that hangs is retryable once the configured timeout has passed, not later', async () => {
    standIn.failNext(1, 'hang');
    const started = Date.now();
    const result = await call(client.updateOrder('H-1', update(storedOrder({ orderRef1: 'H-1' }), 'test-merchant')));
    const elapsed = Date.now() - started;

    expect(result).toMatchObject({ kind: 'retryable', reason: `timeout after ${TIMEOUT_MS} ms` });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000);
    expect(standIn.requests[0].status).toBe(0);
  });

  test("409 is a conflict carrying seQura's messages", async () => {
    standIn.failNext(1, 'conflict409');
    const result = await call(client.updateOrder('C-1', update(storedOrder({ orderRef1: 'C-1' }), 'test-merchant')));

    expect(result).toEqual({
      kind: 'conflict',
      status: 409,
      errors: [STAND_IN_ERRORS.conflict, 'unshipped_cart does not match the order'],
    });
  });

  test('an inconsistent cart is refused by the stand-in with 409 and mapped to conflict', async () => {
    const order = storedOrder({ orderRef1: 'C-2' });
    const payload = update(order, 'test-merchant');
    const result = await call(
      client.updateOrder('C-2', { ...payload, unshipped_cart: { ...payload.unshipped_cart, order_total_with_tax: 1 } }),
    );

    expect(result.kind).toBe('conflict');
    expect((result as { errors: string[] }).errors).toEqual([
      "Invalid data: In unshipped_cart, items' total_with_tax add up to 7100 (7100) but order_total_with_tax is 1. " +
        'The diff is -7099.',
    ]);
  });

  test.each([
    ['reject422', 422, STAND_IN_ERRORS.rejected],
    ['notFound404', 404, STAND_IN_ERRORS.notFound],
  ] as const)('%s is rejected with status %i and the message', async (mode, status, message) => {
    standIn.failNext(1, mode);
    const result = await call(client.updateOrder('R-1', update(storedOrder({ orderRef1: 'R-1' }), 'test-merchant')));

    expect(result).toEqual({ kind: 'rejected', status, errors: [message] });
  });

  test('a malformed body is rejected with the validation message', async () => {
    const result = await call(client.updateOrder('R-2', { merchant_reference: { order_ref_1: 'R-2' } }));

    expect(result).toEqual({ kind: 'rejected', status: 422, errors: ['order.merchant.id is required'] });
  });

  test('wrong credentials: 401 rejected, and the wrong password is nowhere in the result', async () => {
    const wrong = clientFor(standIn.url, { SEQURA_PASSWORD: 'another-Secret-Password' });
    const result = await call(wrong.sendDeliveryReportJson(EMPTY_REPORT));

    expect(result).toEqual({ kind: 'rejected', status: 401, errors: [STAND_IN_ERRORS.unauthorized] });
    expect(JSON.stringify(result)).not.toContain('another-Secret-Password');
  });

  test("a wrong merchant id: 403 rejected with seQura's message", async () => {
    const wrong = clientFor(standIn.url, { SEQURA_MERCHANT_ID: 'other-merchant' });
    const result = await call(wrong.updateOrder('M-1', update(storedOrder({ orderRef1: 'M-1' }), 'other-merchant')));

    expect(result).toEqual({
      kind: 'rejected',
      status: 403,
      errors: [STAND_IN_ERRORS.badMerchant('other-merchant', USER)],
    });
  });

  test('5xx is retryable', async () => {
    standIn.failNext(1, 'error500');
    const result = await call(client.updateOrder('S-1', update(storedOrder({ orderRef1: 'S-1' }), 'test-merchant')));

    expect(result).toEqual({ kind: 'retryable', status: 500, reason: 'HTTP 500' });
  });

  test('connection refused is retryable', async () => {
    const port = await freePort();
    const refused = clientFor(`http://127.0.0.1:${port}`);
    const started = Date.now();
    const result = await call(refused.updateOrder('X-1', update(storedOrder({ orderRef1: 'X-1' }), 'test-merchant')));

    expect(result).toMatchObject({ kind: 'retryable', reason: 'connection error: ECONNREFUSED' });
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
  });

  test('counts and times every call by operation and outcome, with no reference in any label', async () => {
    const metrics = new MetricsRegistry();
    const counted = clientFor(standIn.url, {}, metrics);
    const send = (ref: string) => counted.updateOrder(ref, update(storedOrder({ orderRef1: ref }), 'test-merchant'));
    await counted.acknowledgeOrder(
      'd168f9bc-de62-4635-be52-0f0c0a5903aa',
      acknowledgementPayload(storedOrder(), 'confirmed', { id: 'test-merchant' }),
    );
    standIn.confirmOrder('OK/1', storedOrder().cart);
    await send('OK/1');
    standIn.failNext(1, 'error500');
    await send('FIVE/1');
    standIn.failNext(1, 'conflict409');
    await send('CONF/1');
    standIn.failNext(1, 'reject422');
    await send('REJ/1');
    await counted.sendDeliveryReportJson(EMPTY_REPORT);
    const started = await counted.startSolicitation('test-merchant', solicitation('test-merchant'));
    const uuid = sequraOrderRefOf((started as { location?: string }).location)!;
    await counted.identificationForm('test-merchant', uuid);
    standIn.failNext(1, 'hang');
    await counted.orderPaymentMethods('test-merchant', uuid);

    const calls = await metrics.registry.getSingleMetric('sequra_api_calls_total')!.get();
    const count = (operation: string, outcome: string) =>
      calls.values.find((v) => v.labels.operation === operation && v.labels.outcome === outcome)?.value;
    expect(count('acknowledge_order', 'success')).toBe(1);
    expect(count('update_order', 'success')).toBe(1);
    expect(count('update_order', 'retryable')).toBe(1);
    expect(count('update_order', 'conflict')).toBe(1);
    expect(count('update_order', 'rejected')).toBe(1);
    expect(count('delivery_report', 'success')).toBe(1);
    // Every operation × outcome exists from the start (at 0), so a first failure shows in rate().
    expect(count('delivery_report', 'retryable')).toBe(0);
    expect(count('start_solicitation', 'success')).toBe(1);
    expect(count('identification_form', 'success')).toBe(1);
    expect(count('payment_methods', 'retryable')).toBe(1);
    expect(calls.values).toHaveLength(6 * 4);

    const text = await metrics.render();
    expect(text).toMatch(/^sequra_api_call_duration_seconds_count\{operation="update_order",outcome="retryable"\} 1$/m);
    expect(text).toMatch(
      /^sequra_api_call_duration_seconds_bucket\{le="\+Inf",operation="delivery_report",outcome="success"\} 1$/m,
    );
    for (const ref of ['OK/1', 'FIVE/1', 'CONF/1', 'REJ/1', 'd168f9bc', uuid]) expect(text).not.toContain(ref);
  });

  test('credentials never appear in any result or log line', () => {
    expect(results.length).toBeGreaterThanOrEqual(10);
    expect(logged.length).toBeGreaterThanOrEqual(10);
    const text = JSON.stringify(results) + logged.join('\n');
    for (const secret of [PASSWORD, basic(USER, PASSWORD), Buffer.from(`${USER}:${PASSWORD}`).toString('base64')]) {
      expect(text).not.toContain(secret);
    }
  });
});

/** A port nobody listens on: bind to 0, read the port, close. */
