import { randomUUID } from 'node:crypto';
import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { ADMIN_KEY, SERVICE_KEY, startTestApp, TestApp, TestResponse } from '../support/test-app.js';
import { eventForm, orderIn, postWebhook, webhookEventsOf } from '../webhooks/webhook-test-helpers.js';

/** A small limit, so that a test reaches it quickly. */
const LIMIT = 3;
const TRIGGER_TOKEN = 'trigger-token-0123456789';
const METRICS_TOKEN = 'metrics-token-0123456789';
const WRONG_KEY = 'a-wrong-api-key-0000';

let standIn: SequraStandIn;
/** Behind a proxy on loopback (TRUST_PROXY=loopback): X-Forwarded-For names the client. */
let proxied: TestApp;
/** No TRUST_PROXY: the client is the TCP peer, whatever X-Forwarded-For says. */
let direct: TestApp;
let n = 0;
/** A client address of its own for each test (documentation range 198.51.100.0/24). */
const nextAddress = () => `198.51.100.${++n}`;
const from = (address: string) => ({ 'X-Forwarded-For': address });

beforeAll(async () => {
  standIn = await startSequraStandIn();
  const env = {
    SEQURA_BASE_URL: standIn.url,
    AUTH_FAILURES_PER_MINUTE: String(LIMIT),
    REPORT_TRIGGER_TOKEN: TRIGGER_TOKEN,
  };
  proxied = await startTestApp({ ...env, METRICS_TOKEN, TRUST_PROXY: 'loopback' });
  direct = await startTestApp(env, proxied.db);
});
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
  await standIn?.close();
});

function expectLimited(res: TestResponse): void {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body).toEqual({
    statusCode: 429,
    error: 'Too Many Requests',
    message: `Too many failed authentication attempts from this address; retry in ${retryAfter} s`,
    retry_after_seconds: retryAfter,
  });
}

describe('failed API keys, per client address', () => {
  test(`${LIMIT} failures in a minute answer 401; past that, 429 with Retry-After`, async () => {
    const client = from(nextAddress());
    for (let i = 0; i < LIMIT; i++) {
      const res = await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: client });
      expect(res.status).toBe(401);
    }
    expectLimited(await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: client }));
    // A missing key is a failed check too, on any protected route.
    expectLimited(await proxied.request('POST', '/orders', { key: null, body: {}, headers: client }));
  });

  test('a valid key from an address over the limit is never refused nor slowed', async () => {
    const client = from(nextAddress());
    for (let i = 0; i <= LIMIT; i++) await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: client });
    expectLimited(await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: client }));

    // The limiter only ever refuses (it never delays an answer), so "not slowed" is: answered, with no Retry-After.
    for (const key of [SERVICE_KEY, ADMIN_KEY]) {
      const res = await proxied.request('GET', '/orders?limit=1', { key, headers: client });
      expect(res.status).toBe(200);
      expect(res.headers.get('retry-after')).toBeNull();
    }
    // And the valid requests did not reset the count: the next failure is still limited.
    expectLimited(await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: client }));
  });

  test('only that address is limited', async () => {
    const blocked = from(nextAddress());
    for (let i = 0; i <= LIMIT; i++) await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: blocked });
    expectLimited(await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: blocked }));

    const other = from(nextAddress());
    expect((await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: other })).status).toBe(401);
  });

  test('a service key on an admin route is a refusal (403), not a failed check: never counted', async () => {
    const client = from(nextAddress());
    const ref = `AUTH-${randomUUID()}`;
    await orderIn(proxied, ref, 'approved');
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await proxied.request('GET', `/orders/${ref}/customer-data`, { key: SERVICE_KEY, headers: client });
      expect(res.status).toBe(403);
    }
    expect((await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: client })).status).toBe(401);
  });

  test('behind the trusted proxy, the address is the one the proxy appended, not what the client wrote', async () => {
    const real = nextAddress();
    // The client writes a different address each time; the proxy appends the address it saw.
    for (let i = 0; i < LIMIT; i++) {
      const headers = { 'X-Forwarded-For': `203.0.113.${i + 1}, ${real}` };
      expect((await proxied.request('GET', '/orders', { key: WRONG_KEY, headers })).status).toBe(401);
    }
    const headers = { 'X-Forwarded-For': `203.0.113.99, ${real}` };
    expectLimited(await proxied.request('GET', '/orders', { key: WRONG_KEY, headers }));
  });

  test('without TRUST_PROXY, X-Forwarded-For is ignored: a new header each time is still the same client', async () => {
    // Every request comes from 127.0.0.1 here; give the test its own budget by using it up once.
    for (let i = 0; i < LIMIT; i++) {
      const res = await direct.request('GET', '/orders', { key: WRONG_KEY, headers: from(nextAddress()) });
      expect(res.status).toBe(401);
    }
    expectLimited(await direct.request('GET', '/orders', { key: WRONG_KEY, headers: from(nextAddress()) }));
    // Valid keys still pass from the limited address.
    expect((await direct.request('GET', '/orders?limit=1', { headers: from(nextAddress()) })).status).toBe(200);
  });
});

describe('the other secrets count against the same budget', () => {
  test('bad webhook signatures: 403, then 429 with Retry-After (stored like every request); a valid one passes', async () => {
    const client = from(nextAddress());
    const { ref, sequraOrderRef } = await orderIn(proxied, `AUTH-WH-${randomUUID()}`, 'approved');
    const forged = eventForm('risk_assessment', ref, sequraOrderRef, {
      secret: 'someone-elses-webhook-secret',
      extra: { risk_level: 'high_risk' },
    });
    for (let i = 0; i < LIMIT; i++) expect((await postWebhook(proxied, 'events', forged, client)).status).toBe(403);
    const limited = await postWebhook(proxied, 'events', forged, client);
    expectLimited(limited);

    const genuine = eventForm('risk_assessment', ref, sequraOrderRef, { extra: { risk_level: 'high_risk' } });
    expect((await postWebhook(proxied, 'events', genuine, client)).status).toBe(200);

    const stored = await webhookEventsOf(proxied, ref);
    expect(stored.map((e) => e.status as number)).toEqual([403, 403, 403, 429, 200]);
    expect(stored[3].response_body).toBe(limited.text);
  });

  test('API keys, webhook signatures and the report-trigger token share one count', async () => {
    const client = from(nextAddress());
    const { ref, sequraOrderRef } = await orderIn(proxied, `AUTH-MIX-${randomUUID()}`, 'approved');
    const forged = eventForm('denied', ref, sequraOrderRef, { secret: 'someone-elses-webhook-secret' });
    expect((await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: client })).status).toBe(401);
    expect((await postWebhook(proxied, 'events', forged, client)).status).toBe(403);
    const trigger = await proxied.request('GET', '/triggerreport?token=wrong-token', { key: null, headers: client });
    expect(trigger.status).toBe(403);
    expectLimited(await proxied.request('GET', '/triggerreport?token=wrong-token', { key: null, headers: client }));
    expectLimited(await proxied.request('GET', '/orders', { key: WRONG_KEY, headers: client }));
  });

  test('wrong metrics tokens count too; the right token still scrapes', async () => {
    const client = from(nextAddress());
    for (let i = 0; i < LIMIT; i++) {
      const res = await proxied.request('GET', '/metrics', { key: 'not-the-metrics-token', headers: client });
      expect(res.status).toBe(401);
    }
    expectLimited(await proxied.request('GET', '/metrics', { key: 'not-the-metrics-token', headers: client }));
    expect((await proxied.request('GET', '/metrics', { key: METRICS_TOKEN, headers: client })).status).toBe(200);
  });
});
