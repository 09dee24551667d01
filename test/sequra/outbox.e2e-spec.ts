import { OrderLifecycleService } from '../../src/orders/order-lifecycle.service.js';
import { OutboxRelayService } from '../../src/sequra/outbox-relay.service.js';
import { OutboxRepository } from '../../src/outbox/outbox.repository.js';
import {
  RecordedRequest,
  SequraStandIn,
  STAND_IN_ERRORS,
  startSequraStandIn,
} from '../sequra-stand-in/sequra-stand-in.js';
import { changeOrder } from '../support/order-fixtures.js';
import { seedConfirmedOrder } from '../support/sequra-fixtures.js';
import { startTestApp, TestApp } from '../support/test-app.js';
import { createTestDatabase, TestDatabase } from '../support/test-database.js';

/** Tiny backoff so retries are due again within a few milliseconds. */
const FAST_RETRY_ENV = {
  OUTBOX_BACKOFF_BASE_MS: '1',
  OUTBOX_BACKOFF_MAX_MS: '5',
  OUTBOX_MAX_ATTEMPTS: '5',
  SEQURA_TIMEOUT_MS: '1000',
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const updatesFor = (standIn: SequraStandIn, ref: string): RecordedRequest[] =>
  standIn.requests.filter((r) => r.method === 'PUT' && r.path === `/merchants/test-merchant/orders/${ref}`);

/** An order seQura has approved (seeded through the repository and on seQura's side: no IPN here). */
async function createApprovedOrder(t: TestApp, standIn: SequraStandIn, ref: string): Promise<string> {
  return (await seedConfirmedOrder(t, standIn, ref, { state: 'approved' })).id;
}

async function cancel(t: TestApp, ref: string, reason?: string) {
  const started = Date.now();
  const response = await t.request('POST', `/orders/${encodeURIComponent(ref)}/cancel`, {
    body: reason ? { reason } : {},
  });
  return { ...response, ms: Date.now() - started };
}

async function outboxRows(db: TestDatabase, ref: string) {
  return db.query(`SELECT * FROM sequra_outbox WHERE order_ref_1 = $1 ORDER BY id`, [ref]);
}

/** Calls drainOnce until the row of `ref` is no longer pending (or gives up after `rounds`). */
async function drainUntilSettled(relay: OutboxRelayService, db: TestDatabase, ref: string, rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await relay.drainOnce();
    const rows = await outboxRows(db, ref);
    if (rows.every((r) => r.status !== 'pending')) return;
    await sleep(10);
  }
}

describe('seQura outbox (relay driven by drainOnce)', () => {
  let standIn: SequraStandIn;
  let t: TestApp;
  let relay: OutboxRelayService;

  beforeAll(async () => {
    standIn = await startSequraStandIn();
    t = await startTestApp({ ...FAST_RETRY_ENV, SEQURA_BASE_URL: standIn.url });
    relay = t.app.get(OutboxRelayService);
  });
  afterAll(async () => {
    await t?.close();
    await standIn?.close();
  });
  beforeEach(async () => {
    // Settle whatever an earlier test left due, so each test sees only its own calls.
    standIn.reset();
    await relay.drainOnce();
    standIn.reset();
  });

  test('a merchant cancel while seQura answers 500 three times, then 200: one delivered update, four attempts', async () => {
    const ref = 'A14/1001';
    await createApprovedOrder(t, standIn, ref);
    standIn.failNext(3, 'error500');

    const cancelled = await cancel(t, ref, 'customer_cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    // The cancel only wrote the row: nothing was sent during the request.
    expect(standIn.requests).toHaveLength(0);
    const [queued] = await outboxRows(t.db, ref);
    expect(queued).toMatchObject({
      kind: 'cancellation',
      status: 'pending',
      attempts: 0,
      cancellation_reason: 'customer_cancel',
    });

    expect(await relay.drainOnce()).toBe(1);
    const [afterFirst] = await outboxRows(t.db, ref);
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, last_status: 500, last_error: 'HTTP 500' });

    await drainUntilSettled(relay, t.db, ref);
    await relay.drainOnce(); // nothing left: must not send again

    const calls = updatesFor(standIn, ref);
    expect(calls.map((c) => c.status)).toEqual([500, 500, 500, 200]);
    expect(calls.filter((c) => c.status === 200)).toHaveLength(1);
    const [row] = await outboxRows(t.db, ref);
    expect(row).toMatchObject({ status: 'sent', attempts: 4, last_status: 200, last_error: null });
    expect(row.sent_at).not.toBeNull();

    const delivered = calls[3];
    expect(delivered.rawPath).toBe('/merchants/test-merchant/orders/A14%2F1001');
    expect(delivered.body.order).toMatchObject({
      merchant_reference: { order_ref_1: ref, order_ref_2: 'cart-77' },
      shipped_cart: { currency: 'EUR', order_total_with_tax: 0, items: [] },
      unshipped_cart: { currency: 'EUR', order_total_with_tax: 0, items: [] },
      cancellation_reason: 'customer_cancel',
    });
  });

  test('a cancel without a reason sends the default cancellation_reason', async () => {
    const ref = 'NR-1';
    await createApprovedOrder(t, standIn, ref);
    expect((await cancel(t, ref)).status).toBe(200);

    expect(await relay.drainOnce()).toBe(1);
    expect(updatesFor(standIn, ref)[0].body.order.cancellation_reason).toBe('merchant_cancel');
  });

  test('an already cancelled order cancelled again queues nothing more', async () => {
    const ref = 'TWICE-1';
    await createApprovedOrder(t, standIn, ref);
    expect((await cancel(t, ref)).status).toBe(200);
    expect((await cancel(t, ref)).status).toBe(200);

    expect(await outboxRows(t.db, ref)).toHaveLength(1);
  });

  test("409: the row fails with seQura's messages, and the order shows it in its view and history", async () => {
    const ref = 'CONF/1';
    await createApprovedOrder(t, standIn, ref);
    expect((await cancel(t, ref, 'out_of_stock')).status).toBe(200);
    standIn.failNext(1, 'conflict409');

    expect(await relay.drainOnce()).toBe(1);
    expect(await relay.drainOnce()).toBe(0); // failed rows are not retried

    const [row] = await outboxRows(t.db, ref);
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_status: 409 });
    expect(row.last_error).toBe(`${STAND_IN_ERRORS.conflict}; unshipped_cart does not match the order`);
    expect(row.response).toEqual({ errors: [STAND_IN_ERRORS.conflict, 'unshipped_cart does not match the order'] });
    expect(updatesFor(standIn, ref)).toHaveLength(1);

    const order = await t.request('GET', `/orders/${encodeURIComponent(ref)}`);
    expect(order.status).toBe(200);
    expect(order.body.sequra_updates).toMatchObject({
      pending: 0,
      sent: 0,
      failed: 1,
      latest: { kind: 'cancellation', status: 'failed', attempts: 1, last_status: 409, last_error: row.last_error },
    });

    const history = await t.request('GET', `/orders/${encodeURIComponent(ref)}/history`);
    const note = history.body.data.find((h: { kind: string }) => h.kind === 'note');
    expect(note).toMatchObject({
      cause: 'system',
      to_state: 'cancelled',
      details: {
        event: 'sequra_update_failed',
        kind: 'cancellation',
        http_status: 409,
        errors: [STAND_IN_ERRORS.conflict, 'unshipped_cart does not match the order'],
      },
    });

    const list = await t.request('GET', `/orders/${encodeURIComponent(ref)}/sequra-updates`);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      expect.objectContaining({
        id: String(row.id),
        kind: 'cancellation',
        status: 'failed',
        attempts: 1,
        last_error: row.last_error,
        cancellation_reason: 'out_of_stock',
        next_attempt_at: null,
      }),
    ]);
  });

  test('another 4xx (422) fails the row at once with the message', async () => {
    const ref = 'REJ-1';
    await createApprovedOrder(t, standIn, ref);
    await cancel(t, ref);
    standIn.failNext(1, 'reject422');

    await relay.drainOnce();

    const [row] = await outboxRows(t.db, ref);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_status: 422,
      last_error: STAND_IN_ERRORS.rejected,
    });
  });

  test("404 for a cancelled order counts as done (as in seQura's own core)", async () => {
    const ref = 'NF-1';
    await createApprovedOrder(t, standIn, ref);
    await cancel(t, ref);
    standIn.failNext(1, 'notFound404');

    expect(await relay.drainOnce()).toBe(1);

    const [row] = await outboxRows(t.db, ref);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_status: 404, last_error: null });
    const history = await t.request('GET', `/orders/${ref}/history`);
    expect(history.body.data.filter((h: { kind: string }) => h.kind === 'note')).toHaveLength(0);
  });

  test('404 for an order that is neither cancelled nor on hold is a failure', async () => {
    const ref = 'NF-2';
    await createApprovedOrder(t, standIn, ref);
    const lifecycle = t.app.get(OrderLifecycleService);
    const outbox = t.app.get(OutboxRepository);
    await lifecycle.withLockedOrder(ref, (order, tx) => outbox.enqueue(tx, order, 'customer_data'));
    standIn.failNext(1, 'notFound404');

    await relay.drainOnce();

    const [row] = await outboxRows(t.db, ref);
    expect(row).toMatchObject({
      kind: 'customer_data',
      status: 'failed',
      last_status: 404,
      last_error: STAND_IN_ERRORS.notFound,
    });
  });

  test('a customer_data update carries the carts and addresses as stored at send time', async () => {
    const ref = 'CD-1';
    await createApprovedOrder(t, standIn, ref);
    const lifecycle = t.app.get(OrderLifecycleService);
    const outbox = t.app.get(OutboxRepository);
    await lifecycle.withLockedOrder(ref, (order, tx) => outbox.enqueue(tx, order, 'customer_data'));
    // Changed after the enqueue, before the send: the send must carry the new value.
    await changeOrder(t, ref, (order) => ({ deliveryAddress: { ...order.deliveryAddress, city: 'Sevilla' } }));

    await relay.drainOnce();

    const [call] = updatesFor(standIn, ref);
    expect(call.status).toBe(200);
    expect(call.body.order.delivery_address.city).toBe('Sevilla');
    expect(call.body.order.unshipped_cart.order_total_with_tax).toBe(8350);
    expect(call.body.order.shipped_cart.items).toEqual([]);
    expect(call.body.order.cancellation_reason).toBeUndefined();
  });

  test('retries stop after OUTBOX_MAX_ATTEMPTS: the row fails and the order gets a note', async () => {
    const ref = 'DOWN-1';
    await createApprovedOrder(t, standIn, ref);
    await cancel(t, ref);
    standIn.failNext(5, 'error500');

    await drainUntilSettled(relay, t.db, ref);

    expect(updatesFor(standIn, ref)).toHaveLength(5);
    const [row] = await outboxRows(t.db, ref);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 5,
      last_status: 500,
      last_error: 'HTTP 500 (gave up after 5 attempts)',
    });
    const history = await t.request('GET', `/orders/${ref}/history`);
    expect(history.body.data.find((h: { kind: string }) => h.kind === 'note')).toMatchObject({
      details: { event: 'sequra_update_failed', http_status: 500 },
    });
  });

  test('a row whose retry is not yet due is left alone', async () => {
    const ref = 'LATER-1';
    await createApprovedOrder(t, standIn, ref);
    await cancel(t, ref);
    await t.db.query(`UPDATE sequra_outbox SET next_attempt_at = now() + interval '1 hour' WHERE order_ref_1 = $1`, [
      ref,
    ]);

    expect(await relay.drainOnce()).toBe(0);
    expect(standIn.requests).toHaveLength(0);
  });

  test('a later row of the same order waits until the earlier one is settled', async () => {
    const ref = 'SEQ-1';
    await createApprovedOrder(t, standIn, ref);
    const lifecycle = t.app.get(OrderLifecycleService);
    const outbox = t.app.get(OutboxRepository);
    await lifecycle.withLockedOrder(ref, (order, tx) => outbox.enqueue(tx, order, 'customer_data'));
    await cancel(t, ref);
    // The first row is backing off: the cancellation behind it must not overtake it.
    await t.db.query(
      `UPDATE sequra_outbox SET next_attempt_at = now() + interval '1 hour'
       WHERE order_ref_1 = $1 AND kind = 'customer_data'`,
      [ref],
    );

    expect(await relay.drainOnce()).toBe(0);

    await t.db.query(`UPDATE sequra_outbox SET next_attempt_at = now() WHERE order_ref_1 = $1`, [ref]);
    expect(await relay.drainOnce()).toBe(2);
    const rows = await outboxRows(t.db, ref);
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ['customer_data', 'sent'],
      ['cancellation', 'sent'],
    ]);
  });
});

describe('seQura outbox across instances', () => {
  let standIn: SequraStandIn;
  let db: TestDatabase;

  beforeAll(async () => {
    standIn = await startSequraStandIn({ latencyMs: 20 });
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await standIn?.close();
    await db?.drop();
  });
  beforeEach(() => standIn.reset());

  test('stopped after the commit and before the send: delivered after a restart', async () => {
    const ref = 'RESTART/1';
    const first = await startTestApp({ ...FAST_RETRY_ENV, SEQURA_BASE_URL: standIn.url, OUTBOX_ENABLED: 'false' }, db);
    try {
      await createApprovedOrder(first, standIn, ref);
      expect((await cancel(first, ref, 'customer_cancel')).status).toBe(200);
    } finally {
      await first.close();
    }
    expect(standIn.requests).toHaveLength(0);

    const second = await startTestApp(
      { ...FAST_RETRY_ENV, SEQURA_BASE_URL: standIn.url, OUTBOX_ENABLED: 'true', OUTBOX_POLL_MS: '20' },
      db,
    );
    try {
      for (let i = 0; i < 100 && updatesFor(standIn, ref).length === 0; i++) await sleep(20);
      for (let i = 0; i < 100 && (await outboxRows(db, ref))[0].status === 'pending'; i++) await sleep(20);
    } finally {
      await second.close();
    }
    const calls = updatesFor(standIn, ref);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: 200, rawPath: '/merchants/test-merchant/orders/RESTART%2F1' });
    expect(calls[0].body.order.cancellation_reason).toBe('customer_cancel');
    expect((await outboxRows(db, ref))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  test('two relays draining many rows at once never send the same row twice', async () => {
    const a = await startTestApp({ ...FAST_RETRY_ENV, SEQURA_BASE_URL: standIn.url }, db);
    const b = await startTestApp({ ...FAST_RETRY_ENV, SEQURA_BASE_URL: standIn.url }, db);
    try {
      const refs = Array.from({ length: 40 }, (_, i) => `RACE/${i}`);
      for (const ref of refs) await createApprovedOrder(a, standIn, ref);
      await Promise.all(
        refs.map(async (ref) => expect((await cancel(ref.endsWith('0') ? b : a, ref)).status).toBe(200)),
      );

      const [sentByA, sentByB] = await Promise.all([
        a.app.get(OutboxRelayService).drainOnce(),
        b.app.get(OutboxRelayService).drainOnce(),
      ]);

      // Both relays really worked at the same time, and between them sent every row exactly once.
      expect(sentByA).toBeGreaterThan(0);
      expect(sentByB).toBeGreaterThan(0);
      expect(sentByA + sentByB).toBe(refs.length);
      const paths = standIn.requests.map((r) => r.path);
      expect(paths).toHaveLength(refs.length);
      expect(new Set(paths).size).toBe(refs.length);
      const rows = await db.query(`SELECT status, attempts FROM sequra_outbox WHERE order_ref_1 LIKE 'RACE/%'`);
      expect(rows).toHaveLength(refs.length);
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('shutdown waits for the send in flight and records its outcome', async () => {
    const slow = await startSequraStandIn({ latencyMs: 400 });
    const app = await startTestApp(
      { ...FAST_RETRY_ENV, SEQURA_BASE_URL: slow.url, OUTBOX_ENABLED: 'true', OUTBOX_POLL_MS: '20' },
      db,
    );
    try {
      const ref = 'SHUTDOWN-1';
      await createApprovedOrder(app, slow, ref);
      await cancel(app, ref);
      for (let i = 0; i < 100 && slow.requests.length === 0; i++) await sleep(10);
      expect(slow.requests).toHaveLength(1);
      expect(slow.requests[0].status).toBe(0); // still waiting for seQura's answer

      await app.close();

      expect(slow.requests[0].status).toBe(200);
      expect((await outboxRows(db, ref))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    } finally {
      await app.close().catch(() => undefined);
      await slow.close();
    }
  });
});

describe('seQura down: the merchant is never blocked', () => {
  let standIn: SequraStandIn;
  let t: TestApp;

  beforeAll(async () => {
    standIn = await startSequraStandIn();
    t = await startTestApp({
      ...FAST_RETRY_ENV,
      SEQURA_TIMEOUT_MS: '2000',
      SEQURA_BASE_URL: standIn.url,
      OUTBOX_ENABLED: 'true',
      OUTBOX_POLL_MS: '20',
    });
  });
  afterAll(async () => {
    await t?.close();
    await standIn?.close();
  });

  test('the cancel API answers at once while the relay is stuck on a hanging seQura', async () => {
    standIn.failNext(100, 'hang');
    await createApprovedOrder(t, standIn, 'HANG-1');
    await createApprovedOrder(t, standIn, 'HANG-2');

    expect((await cancel(t, 'HANG-1')).status).toBe(200);
    for (let i = 0; i < 100 && standIn.requests.length === 0; i++) await sleep(10);
    expect(standIn.requests).toHaveLength(1); // the relay is now waiting on seQura

    const second = await cancel(t, 'HANG-2', 'customer_cancel');
    expect(second.status).toBe(200);
    expect(second.body.state).toBe('cancelled');
    expect(second.ms).toBeLessThan(1000);
    const rows = await t.db.query(`SELECT status FROM sequra_outbox WHERE order_ref_1 IN ('HANG-1', 'HANG-2')`);
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending']);
  });
});
