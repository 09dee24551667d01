import { randomUUID } from 'node:crypto';
import { ORDER_STATES } from '../../src/orders/order-states.js';
import { OrderRepository } from '../../src/orders/order.repository.js';
import { OutboxRelayService } from '../../src/sequra/outbox-relay.service.js';
import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { seedOrder } from '../support/order-fixtures.js';
import { Labels, sampleValue } from '../support/prometheus-text.js';
import { ADMIN_KEY, SERVICE_KEY, startTestApp, TestApp } from '../support/test-app.js';
import { eventForm, ipnForm, orderIn, postWebhook } from '../webhooks/webhook-test-helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let standIn: SequraStandIn;
let t: TestApp;
let n = 0;
const nextRef = (prefix: string) => `${prefix}/${++n}`;

async function scrape(app = t, key: string | null = null): Promise<string> {
  const res = await app.request('GET', '/metrics', { key });
  expect(res.status).toBe(200);
  return res.text;
}

/** How much each sample moved between two scrapes (a missing sample counts as 0). */
function delta(before: string, after: string, name: string, labels: Labels = {}): number {
  return (sampleValue(after, name, labels) ?? 0) - (sampleValue(before, name, labels) ?? 0);
}

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_TIMEOUT_MS: '1000' });
});
afterAll(async () => {
  await t?.close();
  await standIn?.close();
});
beforeEach(() => standIn.reset());

describe('GET /metrics', () => {
  test('is public like /health, in Prometheus text format, with the process metrics and every series', async () => {
    const res = await t.request('GET', '/metrics', { key: null });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    for (const [name, type] of [
      ['process_cpu_user_seconds_total', 'counter'],
      ['process_resident_memory_bytes', 'gauge'],
      ['nodejs_eventloop_lag_seconds', 'gauge'],
      ['nodejs_heap_size_used_bytes', 'gauge'],
      ['sequra_webhook_requests_total', 'counter'],
      ['sequra_api_calls_total', 'counter'],
      ['sequra_api_call_duration_seconds', 'histogram'],
      ['sequra_outbox_pending', 'gauge'],
      ['sequra_outbox_oldest_pending_seconds', 'gauge'],
      ['sequra_outbox_failed', 'gauge'],
      ['sequra_shipping_report_runs_total', 'counter'],
      ['sequra_orders', 'gauge'],
      ['http_request_duration_seconds', 'histogram'],
    ]) {
      expect(res.text).toContain(`# TYPE ${name} ${type}\n`);
    }
    // Series that count from zero exist before their first event, so rate() and increase() see it.
    expect(sampleValue(res.text, 'sequra_shipping_report_runs_total', { status: 'failed' })).toBe(0);
    expect(sampleValue(res.text, 'sequra_api_calls_total', { operation: 'update_order', outcome: 'retryable' })).toBe(
      0,
    );
  });

  test('HTTP requests are labelled by route template, never by the URL a client sent', async () => {
    const before = await scrape();
    const ref = `SECRET-${randomUUID()}`;
    const path = `/no-such-route-${randomUUID()}`;
    expect((await t.request('GET', `/orders/${encodeURIComponent(ref)}`)).status).toBe(404);
    expect((await t.request('GET', `/orders/${encodeURIComponent(ref)}/history`)).status).toBe(404);
    expect((await t.request('POST', '/orders', { body: { merchant_reference: {} } })).status).toBe(400);
    expect((await t.request('GET', path)).status).toBe(404);
    expect((await t.request('GET', '/orders', { key: null })).status).toBe(401);
    const after = await scrape();

    const h = 'http_request_duration_seconds_count';
    expect(delta(before, after, h, { method: 'GET', route: '/orders/:ref', status: '404' })).toBe(1);
    expect(delta(before, after, h, { method: 'GET', route: '/orders/:ref/history', status: '404' })).toBe(1);
    expect(delta(before, after, h, { method: 'POST', route: '/orders', status: '400' })).toBe(1);
    expect(delta(before, after, h, { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(delta(before, after, h, { method: 'GET', route: '/orders', status: '401' })).toBe(1);
    // The scrape before this one was itself counted.
    expect(delta(before, after, h, { method: 'GET', route: '/metrics', status: '200' })).toBe(1);
    expect(after).not.toContain(ref);
    expect(after).not.toContain(path);
  });

  test('webhook requests by kind, event and status; names seQura does not document share one label', async () => {
    const approved = await orderIn(t, nextRef('MW-IPN'), 'pending');
    const other = await orderIn(t, nextRef('MW-EVT'), 'approved');
    const madeUp = `made-up-${randomUUID()}`;
    const before = await scrape();

    expect((await postWebhook(t, 'ipn', ipnForm('approved', approved.ref, approved.sequraOrderRef))).status).toBe(200);
    expect((await postWebhook(t, 'events', eventForm(madeUp, other.ref, other.sequraOrderRef))).status).toBe(501);
    expect((await postWebhook(t, 'events', eventForm('made-up-too', other.ref, other.sequraOrderRef))).status).toBe(
      501,
    );
    const forged = eventForm('denied', other.ref, other.sequraOrderRef, { secret: 'not-the-webhook-secret-at-all' });
    expect((await postWebhook(t, 'events', forged)).status).toBe(403);
    const withoutState = `order_ref=${other.sequraOrderRef}&order_ref_1=${encodeURIComponent(other.ref)}`;
    expect((await postWebhook(t, 'ipn', withoutState)).status).toBe(400);
    expect((await postWebhook(t, 'ipn', 'sq_state=approved', { 'Content-Type': 'text/plain' })).status).toBe(415);
    const after = await scrape();

    const w = 'sequra_webhook_requests_total';
    expect(delta(before, after, w, { kind: 'ipn', event: 'approved', status: '200' })).toBe(1);
    expect(delta(before, after, w, { kind: 'event', event: 'unknown', status: '501' })).toBe(2);
    expect(delta(before, after, w, { kind: 'event', event: 'denied', status: '403' })).toBe(1);
    expect(delta(before, after, w, { kind: 'ipn', event: 'none', status: '400' })).toBe(1);
    expect(delta(before, after, w, { kind: 'ipn', event: 'none', status: '415' })).toBe(1);
    // The IPN's acknowledgement to seQura, by operation and outcome.
    const a = { operation: 'acknowledge_order', outcome: 'success' };
    expect(delta(before, after, 'sequra_api_calls_total', a)).toBe(1);
    expect(delta(before, after, 'sequra_api_call_duration_seconds_count', a)).toBe(1);
    for (const secret of [madeUp, 'made-up-too', approved.ref, other.ref, approved.sequraOrderRef]) {
      expect(after).not.toContain(secret);
    }
  });

  test('outbox gauges follow the backlog: pending and its age while undelivered, failed after a refusal', async () => {
    const relay = t.app.get(OutboxRelayService);
    await relay.drainOnce();
    const idle = await scrape();
    expect(sampleValue(idle, 'sequra_outbox_pending')).toBe(0);
    expect(sampleValue(idle, 'sequra_outbox_oldest_pending_seconds')).toBe(0);
    const failedBefore = sampleValue(idle, 'sequra_outbox_failed')!;

    const ref = nextRef('MW-OUTBOX');
    await seedOrder(t, ref, { state: 'approved' });
    expect((await t.request('POST', `/orders/${encodeURIComponent(ref)}/cancel`, { body: {} })).status).toBe(200);
    const queued = await scrape();
    expect(sampleValue(queued, 'sequra_outbox_pending')).toBe(1);
    const age = sampleValue(queued, 'sequra_outbox_oldest_pending_seconds')!;
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(5);

    await sleep(1100);
    const older = sampleValue(await scrape(), 'sequra_outbox_oldest_pending_seconds')!;
    expect(older).toBeGreaterThanOrEqual(age + 1);

    standIn.failNext(1, 'reject422');
    await relay.drainOnce();
    const refused = await scrape();
    expect(sampleValue(refused, 'sequra_outbox_pending')).toBe(0);
    expect(sampleValue(refused, 'sequra_outbox_oldest_pending_seconds')).toBe(0);
    expect(sampleValue(refused, 'sequra_outbox_failed')).toBe(failedBefore + 1);
    expect(delta(queued, refused, 'sequra_api_calls_total', { operation: 'update_order', outcome: 'rejected' })).toBe(
      1,
    );
  });

  test('orders by state match the database, and move with a transition', async () => {
    for (const state of ORDER_STATES) await seedOrder(t, nextRef(`MW-${state}`), { state });
    const pending = nextRef('MW-PENDING');
    await seedOrder(t, pending, { state: 'pending' });

    const counts = async () => {
      const rows = await t.db.query<{ state: string; n: string }>(
        'SELECT state, count(*) AS n FROM orders GROUP BY state',
      );
      return Object.fromEntries(ORDER_STATES.map((s) => [s, Number(rows.find((r) => r.state === s)?.n ?? 0)]));
    };
    const before = await scrape();
    const expected = await counts();
    for (const state of ORDER_STATES)
      expect([state, sampleValue(before, 'sequra_orders', { state })]).toEqual([state, expected[state]]);

    expect((await t.request('POST', `/orders/${encodeURIComponent(pending)}/cancel`, { body: {} })).status).toBe(200);
    const after = await scrape();
    expect(delta(before, after, 'sequra_orders', { state: 'pending' })).toBe(-1);
    expect(delta(before, after, 'sequra_orders', { state: 'cancelled' })).toBe(1);
  });

  test('a state above the exact-count cap is estimated from the statistics, never below the cap', async () => {
    const orders = t.app.get(OrderRepository);
    for (let i = 0; i < 4; i++) await seedOrder(t, nextRef('MW-CAP'), { state: 'denied' });
    await t.db.query('ANALYZE orders');
    const { denied, pending } = Object.fromEntries(
      (await orders.countByState(['denied', 'pending'], 3)).map((c) => [c.state, c]),
    );
    const exact = await t.db.query<{ state: string; n: string }>(
      `SELECT state, count(*) AS n FROM orders WHERE state IN ('denied', 'pending') GROUP BY state`,
    );
    const exactOf = (state: string) => Number(exact.find((r) => r.state === state)!.n);
    // ANALYZE sampled every row of this small table: the estimate is the count.
    expect(denied).toEqual({ state: 'denied', count: exactOf('denied'), exact: false });
    expect(exactOf('pending')).toBeLessThan(3);
    expect(pending).toEqual({ state: 'pending', count: exactOf('pending'), exact: true });
  });

  test('shipping report runs by status: sent when seQura takes the report, failed when it refuses it', async () => {
    const before = await scrape();
    expect((await t.request('POST', '/shipping-reports')).status).toBe(201);
    standIn.failNext(1, 'reject422');
    expect((await t.request('POST', '/shipping-reports')).status).toBe(201);
    const after = await scrape();

    expect(delta(before, after, 'sequra_shipping_report_runs_total', { status: 'sent' })).toBe(1);
    expect(delta(before, after, 'sequra_shipping_report_runs_total', { status: 'failed' })).toBe(1);
    const d = { operation: 'delivery_report', outcome: 'rejected' };
    expect(delta(before, after, 'sequra_api_calls_total', d)).toBe(1);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const TOKEN = 'metrics-token-0123456789';
  let guarded: TestApp;
  beforeAll(async () => {
    guarded = await startTestApp({ METRICS_TOKEN: TOKEN }, t.db);
  });
  afterAll(async () => {
    await guarded?.close();
  });

  test('needs Authorization: Bearer <METRICS_TOKEN>; no token, a wrong one or an API key → 401 JSON', async () => {
    for (const key of [null, 'not-the-metrics-token', SERVICE_KEY, ADMIN_KEY]) {
      const res = await guarded.request('GET', '/metrics', { key });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.stringMatching(/metrics token/),
      });
    }
    const text = await scrape(guarded, TOKEN);
    expect(text).toContain('# TYPE sequra_orders gauge');
    // /health stays public.
    expect((await guarded.request('GET', '/health', { key: null })).status).toBe(200);
  });
});
