import { OutboxRelayService } from '../../src/sequra/outbox-relay.service.js';
import { startSequraStandIn, SequraStandIn, STAND_IN_ERRORS } from '../sequra-stand-in/sequra-stand-in.js';
import { shippedOrder } from '../shipping-reports/report-helpers.js';
import { backdate, DAY, seedOrder } from '../support/order-fixtures.js';
import { seedConfirmedOrder } from '../support/sequra-fixtures.js';
import { ADMIN_KEY, SERVICE_KEY, startTestApp, TestApp } from '../support/test-app.js';
import { eventForm, ipnForm, orderIn, postWebhook } from '../webhooks/webhook-test-helpers.js';

let standIn: SequraStandIn;
let t: TestApp;
let relay: OutboxRelayService;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({
    SEQURA_BASE_URL: standIn.url,
    SEQURA_TIMEOUT_MS: '1000',
    SHIPPING_REPORT_STATISTICS: 'false',
    SHIPPING_REPORT_MAX_ATTEMPTS: '1',
  });
  relay = t.app.get(OutboxRelayService);
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});
beforeEach(() => standIn.reset());

const admin = (method: string, url: string, body?: unknown) =>
  t.request(method, url, { body, key: ADMIN_KEY, headers: { 'x-actor': 'Marta' } });
const attention = async () => {
  const res = await admin('GET', '/needs-attention');
  expect(res.status).toBe(200);
  return res.body;
};
const refsOf = (list: { data: { order_ref_1: string }[] }) => list.data.map((row) => row.order_ref_1);

describe('GET /needs-attention', () => {
  it('is for admin keys only', async () => {
    expect((await t.request('GET', '/needs-attention', { key: SERVICE_KEY })).status).toBe(403);
    expect((await t.request('GET', '/needs-attention', { key: null })).status).toBe(401);
  });

  it('lists nothing when nothing needs a person', async () => {
    await seedOrder(t, 'CALM-1', { state: 'approved' });
    expect(await attention()).toEqual({
      failed_order_updates: { total: 0, data: [] },
      failed_report_runs: { total: 0, data: [] },
      cancel_requests_answered_retry: { total: 0, data: [] },
      orders_on_hold: { total: 0, data: [], longer_than_hours: 24 },
    });
  });
});

describe('failed Order Updates', () => {
  it('lists one seQura refused, with its answer; a person retries it once fixed, noted in the history; it is then sent', async () => {
    const ref = 'NA/UPDATE-1';
    await seedConfirmedOrder(t, standIn, ref, { state: 'approved' });
    expect((await t.request('POST', `/orders/${encodeURIComponent(ref)}/cancel`, { body: {} })).status).toBe(200);
    standIn.failNext(1, 'reject422');
    await relay.drainOnce();

    const [failed] = (await attention()).failed_order_updates.data;
    expect(failed).toEqual({
      id: expect.stringMatching(/^\d+$/),
      order_ref_1: ref,
      order_state: 'cancelled',
      kind: 'cancellation',
      attempts: 1,
      last_status: 422,
      last_error: STAND_IN_ERRORS.rejected,
      response: { errors: [STAND_IN_ERRORS.rejected] },
      cancellation_reason: null,
      created_at: expect.any(String),
      failed_at: expect.any(String),
    });

    const byService = await t.request('POST', `/needs-attention/order-updates/${failed.id}/retry`, {
      key: SERVICE_KEY,
    });
    expect(byService.status).toBe(403);
    const retried = await admin('POST', `/needs-attention/order-updates/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.order_update).toMatchObject({
      id: failed.id,
      order_ref_1: ref,
      status: 'pending',
      attempts: 0,
      last_status: 422,
    });
    expect((await attention()).failed_order_updates.total).toBe(0);
    const history = (await t.request('GET', `/orders/${encodeURIComponent(ref)}/history`)).body.data;
    expect(history.at(-1)).toMatchObject({
      kind: 'note',
      cause: 'admin',
      actor: 'backoffice (Marta)',
      details: {
        event: 'sequra_update_retried',
        outbox_id: failed.id,
        kind: 'cancellation',
        previous_attempts: 1,
        previous_http_status: 422,
      },
    });

    await relay.drainOnce();
    const [row] = (await t.request('GET', `/orders/${encodeURIComponent(ref)}/sequra-updates`)).body.data;
    expect(row).toMatchObject({ id: failed.id, status: 'sent', attempts: 1, last_status: 200 });
    const again = await admin('POST', `/needs-attention/order-updates/${failed.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe(`Order Update '${failed.id}' is sent: only a failed update can be sent again`);
  });

  it('refuses a retry that would send erased data, and answers 404 and 400 for unknown and malformed ids', async () => {
    const ref = 'NA/UPDATE-ERASED';
    await seedConfirmedOrder(t, standIn, ref, { state: 'approved' });
    await t.request('POST', `/orders/${encodeURIComponent(ref)}/cancel`, { body: {} });
    standIn.failNext(1, 'reject422');
    await relay.drainOnce();
    expect((await admin('POST', `/orders/${encodeURIComponent(ref)}/erase`, { reason: 'GDPR' })).status).toBe(200);
    const failed = (await attention()).failed_order_updates.data.find(
      (u: { order_ref_1: string }) => u.order_ref_1 === ref,
    );

    const res = await admin('POST', `/needs-attention/order-updates/${failed.id}/retry`);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/was erased: an Order Update would send the erased data/);
    expect((await admin('POST', '/needs-attention/order-updates/999999/retry')).status).toBe(404);
    const malformed = await admin('POST', '/needs-attention/order-updates/abc/retry');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: 'id', messages: ['id must be the number of an Order Update'] }]);
  });
});

describe('failed report runs', () => {
  it('lists a run seQura refused; a retry sends a new report with its orders and records who retried it', async () => {
    await shippedOrder(t, 'NA/RUN-1');
    standIn.failNext(1, 'reject422');
    const [failed] = (await t.request('POST', '/shipping-reports')).body.data;
    expect(failed.status).toBe('failed');

    const listed = (await attention()).failed_report_runs;
    expect(listed.total).toBe(1);
    expect(listed.data[0]).toMatchObject({
      id: failed.id,
      status: 'failed',
      order_count: 1,
      sequra_status: 422,
      sequra_response: { errors: [STAND_IN_ERRORS.rejected] },
      retried_at: null,
    });

    const res = await admin('POST', `/needs-attention/report-runs/${failed.id}/retry`);

    expect(res.status).toBe(200);
    const [run] = res.body.runs;
    expect(run).toMatchObject({ status: 'sent', order_count: 1, sequra_status: 204 });
    expect(res.body.run).toMatchObject({
      id: failed.id,
      status: 'failed',
      retried_by: 'backoffice (Marta)',
      retry_run_ids: [run.id],
    });
    expect(Date.parse(res.body.run.retried_at)).toBeGreaterThan(Date.now() - 60_000);
    const reports = standIn.requests.filter((r) => r.path === '/orders/delivery_reports');
    expect(reports.map((r) => r.status)).toEqual([422, 204]);
    expect((await attention()).failed_report_runs.total).toBe(0);
    expect((await t.request('GET', `/shipping-reports/${failed.id}`)).body.retried_by).toBe('backoffice (Marta)');

    const again = await admin('POST', `/needs-attention/report-runs/${failed.id}/retry`);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/was already retried by backoffice \(Marta\)/);
    const sent = await admin('POST', `/needs-attention/report-runs/${run.id}/retry`);
    expect(sent.status).toBe(409);
    expect(sent.body.message).toMatch(/is sent: only a failed run can be retried/);
    expect(
      (await admin('POST', '/needs-attention/report-runs/00000000-0000-4000-8000-000000000000/retry')).status,
    ).toBe(404);
    expect((await admin('POST', '/needs-attention/report-runs/not-a-uuid/retry')).status).toBe(400);
  });
});

describe('cancel requests answered retry', () => {
  it('lists an order being picked whose latest seQura cancel request was answered retry, until it ships or the marker goes', async () => {
    const picked = [];
    for (const name of ['WAITING', 'SHIPS', 'CLEARED']) {
      const order = await orderIn(t, `NA/CANCEL-${name}`, 'approved');
      expect((await t.request('POST', `/orders/${encodeURIComponent(order.ref)}/fulfilment`)).status).toBe(200);
      const form = eventForm('cancel', order.ref, order.sequraOrderRef, {
        extra: { cancellation_request_url: `https://sequra.example/cancel/${name}` },
      });
      expect((await postWebhook(t, 'events', form)).text).toBe('{"result":"retry"}');
      picked.push(order);
    }
    // Picked but never asked to cancel: nothing to decide.
    await seedOrder(t, 'NA/CANCEL-NOT-ASKED', { state: 'approved', set: { fulfilmentStartedAt: new Date() } });

    const listed = (await attention()).cancel_requests_answered_retry;
    expect(refsOf(listed)).toEqual(['NA/CANCEL-CLEARED', 'NA/CANCEL-SHIPS', 'NA/CANCEL-WAITING']);
    expect(listed.data[2]).toEqual({
      order_ref_1: 'NA/CANCEL-WAITING',
      risk_level: null,
      fulfilment_started_at: expect.any(String),
      requested_at: expect.any(String),
      webhook_event_id: expect.stringMatching(/^\d+$/),
      cancellation_request_url: 'https://sequra.example/cancel/WAITING',
    });

    expect(
      (await t.request('POST', `/orders/${encodeURIComponent('NA/CANCEL-SHIPS')}/shipments`, { body: {} })).status,
    ).toBe(200);
    expect((await t.request('DELETE', `/orders/${encodeURIComponent('NA/CANCEL-CLEARED')}/fulfilment`)).status).toBe(
      200,
    );
    expect(refsOf((await attention()).cancel_requests_answered_retry)).toEqual(['NA/CANCEL-WAITING']);
  });
});

describe('orders on hold', () => {
  it('lists orders on hold for more than a day, longest waiting first, from their move to on_hold', async () => {
    await seedOrder(t, 'NA/HOLD-3D', { state: 'on_hold' });
    await backdate(t, 'NA/HOLD-3D', { createdAt: 3 * DAY });
    await seedOrder(t, 'NA/HOLD-2D', { state: 'on_hold' });
    await backdate(t, 'NA/HOLD-2D', { createdAt: 2 * DAY });
    await seedOrder(t, 'NA/HOLD-NEW', { state: 'on_hold' });
    // Registered days ago, but put on hold by seQura's IPN just now: not yet a day on hold.
    const recent = await orderIn(t, 'NA/HOLD-RECENT', 'pending');
    await backdate(t, recent.ref, { createdAt: 5 * DAY });
    expect((await postWebhook(t, 'ipn', ipnForm('needs_review', recent.ref, recent.sequraOrderRef))).status).toBe(200);
    expect((await t.request('GET', `/orders/${encodeURIComponent(recent.ref)}`)).body.state).toBe('on_hold');

    const listed = (await attention()).orders_on_hold;
    expect(refsOf(listed)).toEqual(['NA/HOLD-3D', 'NA/HOLD-2D']);
    expect(listed.total).toBe(2);
    const since = Date.parse(listed.data[0].on_hold_since);
    expect(Math.abs(since - (Date.now() - 3 * DAY))).toBeLessThan(60_000);
  });
});
