import { randomUUID } from 'node:crypto';
import { DOCUMENTED_WEBHOOKS } from '../../src/webhooks/webhook-handler.js';
import { WebhookHandlerRegistry } from '../../src/webhooks/webhook-handler.registry.js';
import { startSequraStandIn, SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../support/fixtures.js';
import { seedOrder } from '../support/order-fixtures.js';
import { encodeForm } from '../support/sequra-webhook-request.js';
import { startTestApp, TestApp } from '../support/test-app.js';
import {
  expectJsonAnswer,
  historyOf,
  ipnForm,
  orderIn,
  orderRow,
  postWebhook,
  sign,
  webhookEventsOf,
} from './webhook-test-helpers.js';

let standIn: SequraStandIn;
let t: TestApp;
let n = 0;
const nextRef = (prefix: string) => `${prefix}-${++n}`;
const acknowledgements = () => standIn.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/orders/'));

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_TIMEOUT_MS: '1000' });
});
afterAll(async () => {
  await t?.close();
  await standIn?.close();
});
beforeEach(() => standIn.reset());

it('the registry holds the two IPN states and the four events', () => {
  // Every documented name probed under both kinds; any other name stops the start (webhook-handler.registry.spec).
  const registry = t.app.get(WebhookHandlerRegistry);
  const names = Object.values(DOCUMENTED_WEBHOOKS).flat();
  const held = (['ipn', 'event'] as const).flatMap((kind) =>
    names.filter((name) => registry.find(kind, name)).map((name) => `${kind}:${name}`),
  );
  expect(held.sort()).toEqual([
    'event:cancel',
    'event:cancelled',
    'event:denied',
    'event:risk_assessment',
    'ipn:approved',
    'ipn:needs_review',
  ]);
});

describe('IPN approved', () => {
  it.each(['pending', 'on_hold'] as const)(
    '%s: first PUT /orders/{order_ref} state confirmed, then → approved with sequra_order_ref; 200 empty',
    async (state) => {
      const { ref } = await orderIn(t, nextRef('APPROVE'), state);
      const orderRef = randomUUID();
      const res = await postWebhook(t, 'ipn', ipnForm('approved', ref, orderRef));
      expectJsonAnswer(res, 200, true);

      const [ack] = acknowledgements();
      expect(acknowledgements()).toHaveLength(1);
      expect(ack.path).toBe(`/orders/${orderRef}`);
      // The whole order as seQura's core sends it, from what was registered.
      const registered = orderBody(ref);
      expect(ack.body.order).toEqual({
        state: 'confirmed',
        merchant: {
          id: 'test-merchant',
          notify_url: 'https://shop.example/webhooks/sequra/ipn',
          notification_parameters: { signature: sign(ref), order: ref },
          events_webhook: {
            url: 'https://shop.example/webhooks/sequra/events',
            parameters: { signature: sign(ref), order: ref },
          },
        },
        merchant_reference: registered.merchant_reference,
        cart: registered.cart,
        delivery_method: registered.delivery_method,
        delivery_address: registered.delivery_address,
        invoice_address: registered.invoice_address,
        customer: registered.customer,
        gui: { layout: 'desktop' },
        platform: {
          name: 'sequra-merchant-backend',
          version: expect.any(String),
          uname: expect.any(String),
          db_name: 'postgresql',
          db_version: expect.any(String),
        },
      });
      // seQura holds it as confirmed, everything still to ship; so does our order.
      expect(standIn.orders.get(ref)).toMatchObject({ state: 'confirmed', unshipped_cart: registered.cart });
      const order = await orderRow(t, ref);
      expect(order).toMatchObject({ state: 'approved', sequra_order_ref: orderRef });
      expect(order.sequra_view).toEqual({
        shipped_cart: { currency: 'EUR', order_total_with_tax: 0, items: [] },
        unshipped_cart: registered.cart,
      });
      expect(order.approved_at).not.toBeNull();
      expect(await historyOf(t, ref)).toEqual([
        expect.objectContaining({ kind: 'transition', from_state: state, to_state: 'approved', cause: 'ipn' }),
      ]);
    },
  );

  it('repeat on an approved order: nothing, no second call to seQura; 200 empty', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('APPROVE'), 'approved');
    const res = await postWebhook(t, 'ipn', ipnForm('approved', ref, sequraOrderRef));
    expectJsonAnswer(res, 200, true);
    expect(acknowledgements()).toHaveLength(0);
    expect(await historyOf(t, ref)).toEqual([]);
  });

  it('the same IPN twice, and five at once: one call to seQura, one transition, the same answers', async () => {
    const { ref } = await orderIn(t, nextRef('APPROVE'), 'pending');
    const form = ipnForm('approved', ref, randomUUID());
    const answers = await Promise.all(Array.from({ length: 5 }, () => postWebhook(t, 'ipn', form)));
    const last = await postWebhook(t, 'ipn', form);
    for (const res of [...answers, last]) expectJsonAnswer(res, 200, true);
    expect(acknowledgements()).toHaveLength(1);
    expect(await historyOf(t, ref)).toHaveLength(1);
    const events = await webhookEventsOf(t, ref);
    expect(events.map((e) => e.final)).toEqual([true, true, true, true, true, true]);
    expect(events.filter((e) => e.replay_of === null)).toHaveLength(1);
  });

  it('order_ref_1 absent (seQura sends it only "if known"): the `order` notification parameter names the order', async () => {
    const { ref } = await orderIn(t, nextRef('APPROVE'), 'pending');
    const raw = encodeForm([
      ['signature', sign(ref)],
      ['order', ref],
      ['order_ref', randomUUID()],
      ['approved_since', '3'],
      ['product_code', 'pp3'],
      ['sq_state', 'approved'],
    ]);
    expectJsonAnswer(await postWebhook(t, 'ipn', raw), 200, true);
    expect((await orderRow(t, ref)).state).toBe('approved');
  });

  it.each(['cancelled', 'denied'] as const)('for a %s order → 410, nothing, no call to seQura', async (state) => {
    const { ref } = await orderIn(t, nextRef('APPROVE'), state);
    const res = await postWebhook(t, 'ipn', ipnForm('approved', ref, randomUUID()));
    expectJsonAnswer(res, 410);
    expect(acknowledgements()).toHaveLength(0);
    expect((await orderRow(t, ref)).state).toBe(state);
    expect(await historyOf(t, ref)).toEqual([]);
  });

  it('for an order already paid with another seQura order → 410 (seQura must not charge twice), noted', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('APPROVE'), 'approved');
    const res = await postWebhook(t, 'ipn', ipnForm('approved', ref, randomUUID()));
    expectJsonAnswer(res, 410);
    expect(acknowledgements()).toHaveLength(0);
    expect(await orderRow(t, ref)).toMatchObject({ state: 'approved', sequra_order_ref: sequraOrderRef });
    expect(await historyOf(t, ref)).toEqual([
      expect.objectContaining({
        kind: 'note',
        details: expect.objectContaining({ event: 'second_sequra_order_refused' }),
      }),
    ]);
  });
});

describe('an IPN naming a seQura order another order holds', () => {
  it.each(['approved', 'needs_review'] as const)(
    '%s → 410 before seQura is told anything; the order stays pending, noted (was a 500 after the PUT)',
    async (sqState) => {
      const { sequraOrderRef: taken, ref: holder } = await orderIn(t, nextRef('HOLDER'), 'approved');
      const { ref } = await orderIn(t, nextRef('OTHER'), 'pending');
      const res = await postWebhook(t, 'ipn', ipnForm(sqState, ref, taken));
      expectJsonAnswer(res, 410);
      expect(JSON.parse(res.text)).toMatchObject({ message: `seQura order '${taken}' belongs to another order` });
      expect(acknowledgements()).toHaveLength(0);
      expect(await orderRow(t, ref)).toMatchObject({ state: 'pending', sequra_order_ref: null });
      expect(await orderRow(t, holder)).toMatchObject({ state: 'approved', sequra_order_ref: taken });
      expect(await historyOf(t, ref)).toEqual([
        expect.objectContaining({
          kind: 'note',
          details: expect.objectContaining({ event: 'sequra_order_of_other_order', order_ref: taken, held_by: holder }),
        }),
      ]);
    },
  );
});

describe('an order whose seQura checkout started here: only its latest seQura order is taken', () => {
  const checkout = {
    started_at: new Date().toISOString(),
    merchant_id: 'test-merchant',
    return_url: 'https://shop.example/thanks',
    abort_url: 'https://shop.example/payment',
    layout: 'smartphone' as const,
    solicitations: 2,
  };

  it.each(['approved', 'needs_review'] as const)(
    '%s for a replaced seQura order, or one another order holds → 404 before anything (no 410, no call), noted',
    async (sqState) => {
      const { sequraOrderRef: taken } = await orderIn(t, nextRef('HOLDER'), 'approved');
      const ref = nextRef('CHECKOUT');
      const latest = randomUUID();
      await seedOrder(t, ref, { sequraOrderRef: latest, set: { checkout } });
      for (const other of [randomUUID(), taken]) {
        const res = await postWebhook(t, 'ipn', ipnForm(sqState, ref, other));
        expectJsonAnswer(res, 404);
        expect(JSON.parse(res.text)).toMatchObject({
          message: `seQura order '${other}' is not the latest one started for order '${ref}'`,
        });
      }
      expect(acknowledgements()).toHaveLength(0);
      expect(await orderRow(t, ref)).toMatchObject({ state: 'pending', sequra_order_ref: latest });
      expect((await historyOf(t, ref)).map((h) => h.details)).toEqual([
        expect.objectContaining({ event: 'not_latest_sequra_order', latest_sequra_order_ref: latest }),
        expect.objectContaining({ event: 'not_latest_sequra_order', latest_sequra_order_ref: latest }),
      ]);
      expect((await webhookEventsOf(t, ref)).map((e) => e.final)).toEqual([true, true]);

      // The latest one is acknowledged with the checkout's URLs and layout, and taken.
      expectJsonAnswer(await postWebhook(t, 'ipn', ipnForm(sqState, ref, latest)), 200, true);
      expect(acknowledgements()[0].body.order).toMatchObject({
        merchant: { return_url: checkout.return_url, abort_url: checkout.abort_url },
        gui: { layout: 'smartphone' },
      });
      expect((await orderRow(t, ref)).state).toBe(sqState === 'approved' ? 'approved' : 'on_hold');
    },
  );

  it('without a checkout started here (the shop started the seQura order) the IPN is taken as before', async () => {
    const ref = nextRef('NO-CHECKOUT');
    await seedOrder(t, ref, { sequraOrderRef: randomUUID() });
    expectJsonAnswer(await postWebhook(t, 'ipn', ipnForm('approved', ref, randomUUID())), 200, true);
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect(acknowledgements()[0].body.order.merchant).not.toHaveProperty('return_url');
  });
});

describe('IPN needs_review', () => {
  it('pending: first PUT state on_hold, then → on_hold; a later approved IPN confirms it', async () => {
    const { ref } = await orderIn(t, nextRef('REVIEW'), 'pending');
    const orderRef = randomUUID();
    expectJsonAnswer(await postWebhook(t, 'ipn', ipnForm('needs_review', ref, orderRef)), 200, true);
    expect(acknowledgements().map((r) => r.body.order.state)).toEqual(['on_hold']);
    expect(await orderRow(t, ref)).toMatchObject({ state: 'on_hold', sequra_order_ref: orderRef });

    expectJsonAnswer(await postWebhook(t, 'ipn', ipnForm('approved', ref, orderRef)), 200, true);
    expect(acknowledgements().map((r) => r.body.order.state)).toEqual(['on_hold', 'confirmed']);
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect((await historyOf(t, ref)).map((h) => `${h.from_state}->${h.to_state}`)).toEqual([
      'pending->on_hold',
      'on_hold->approved',
    ]);
  });

  it('a late needs_review for an approved order never steps back: 200, no call, a note', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('REVIEW'), 'approved');
    expectJsonAnswer(await postWebhook(t, 'ipn', ipnForm('needs_review', ref, sequraOrderRef)), 200, true);
    expect(acknowledgements()).toHaveLength(0);
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect(await historyOf(t, ref)).toEqual([expect.objectContaining({ kind: 'note' })]);
  });
});

describe('when seQura answers badly', () => {
  it('409 (the cart changed) → 410, not approved, recorded in history; a repeat gets 410 again without a second call', async () => {
    const { ref } = await orderIn(t, nextRef('CONFLICT'), 'pending');
    standIn.failNext(1, 'conflict409');
    const form = ipnForm('approved', ref, randomUUID());
    const res = await postWebhook(t, 'ipn', form);
    expectJsonAnswer(res, 410);
    expect(res.body.errors).toContain('Cart has changed');
    const order = await orderRow(t, ref);
    expect(order).toMatchObject({ state: 'pending', sequra_order_ref: null });
    const history = await historyOf(t, ref);
    expect(history).toEqual([expect.objectContaining({ kind: 'note', cause: 'ipn' })]);
    expect(history[0].details).toMatchObject({
      event: 'acknowledgement_refused',
      reason: 'cart_changed',
      sequra_status: 409,
    });

    const again = await postWebhook(t, 'ipn', form);
    expect(again.status).toBe(410);
    expect(again.text).toBe(res.text);
    expect(acknowledgements()).toHaveLength(1);
    expect(await historyOf(t, ref)).toHaveLength(1);
  });

  it('another refusal (422) → 410 as well, noted', async () => {
    const { ref } = await orderIn(t, nextRef('CONFLICT'), 'pending');
    standIn.failNext(1, 'reject422');
    expectJsonAnswer(await postWebhook(t, 'ipn', ipnForm('approved', ref, randomUUID())), 410);
    expect((await orderRow(t, ref)).state).toBe('pending');
    expect((await historyOf(t, ref))[0].details).toMatchObject({ reason: 'rejected', sequra_status: 422 });
  });

  it('5xx → 503 and nothing changed (not stored as final); the retried IPN succeeds', async () => {
    const { ref } = await orderIn(t, nextRef('DOWN'), 'pending');
    standIn.failNext(1, 'error500');
    const form = ipnForm('approved', ref, randomUUID());
    const res = await postWebhook(t, 'ipn', form);
    expectJsonAnswer(res, 503);
    expect(await orderRow(t, ref)).toMatchObject({ state: 'pending', sequra_order_ref: null });
    expect(await historyOf(t, ref)).toEqual([]);

    expectJsonAnswer(await postWebhook(t, 'ipn', form), 200, true);
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect(acknowledgements()).toHaveLength(2);
    expect((await webhookEventsOf(t, ref)).map((e) => [e.status, e.final])).toEqual([
      [503, false],
      [200, true],
    ]);
  });

  it('seQura unreachable → 503; once it is back the retried IPN succeeds', async () => {
    const { ref } = await orderIn(t, nextRef('DOWN'), 'pending');
    const port = Number(new URL(standIn.url).port);
    await standIn.close();
    let form: string;
    try {
      form = ipnForm('approved', ref, randomUUID());
      expectJsonAnswer(await postWebhook(t, 'ipn', form), 503);
      expect((await orderRow(t, ref)).state).toBe('pending');
    } finally {
      standIn = await startSequraStandIn({ port }); // back on the same address, for this test and the next ones
    }
    expectJsonAnswer(await postWebhook(t, 'ipn', form), 200, true);
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect(acknowledgements()).toHaveLength(1);
  });

  it('a timeout → 503; the lock is held meanwhile, so a concurrent repeat waits and then does the work once', async () => {
    const { ref } = await orderIn(t, nextRef('HANG'), 'pending');
    standIn.failNext(1, 'hang');
    const form = ipnForm('approved', ref, randomUUID());
    const first = postWebhook(t, 'ipn', form);
    // Wait until the first acknowledgement is hanging at seQura, then send the repeat.
    while (acknowledgements().length === 0) await new Promise((r) => setTimeout(r, 10));
    expect((await orderRow(t, ref)).state).toBe('pending'); // acknowledged first, approved only after
    const second = postWebhook(t, 'ipn', form);
    const [a, b] = await Promise.all([first, second]);
    expect([a.status, b.status]).toEqual([503, 200]);
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect(acknowledgements()).toHaveLength(2);
    expect(await historyOf(t, ref)).toHaveLength(1);
  });
});

describe('IPN input', () => {
  it('an unknown order_ref_1 → 404 JSON, no call to seQura', async () => {
    const res = await postWebhook(t, 'ipn', ipnForm('approved', 'NO-SUCH-ORDER', randomUUID()));
    expectJsonAnswer(res, 404);
    expect(acknowledgements()).toHaveLength(0);
    expect((await webhookEventsOf(t, 'NO-SUCH-ORDER')).map((e) => [e.kind, e.status])).toEqual([['ipn', 404]]);
  });

  it('an unknown sq_state → 501 like an unknown event; nothing changes', async () => {
    const { ref } = await orderIn(t, nextRef('STATE'), 'pending');
    const raw = encodeForm([
      ['signature', sign(ref)],
      ['order', ref],
      ['order_ref', randomUUID()],
      ['sq_state', 'solicited'],
      ['order_ref_1', ref],
    ]);
    const res = await postWebhook(t, 'ipn', raw);
    expect(res.status).toBe(501);
    expect(res.text).toBe(`{"error": "Unknown event 'solicited'"}`);
    expect((await orderRow(t, ref)).state).toBe('pending');
  });

  it.each([
    ['sq_state missing', [['order_ref', randomUUID()]], 'sq_state'],
    ['order_ref missing', [['sq_state', 'approved']], 'order_ref'],
    [
      'order_ref longer than a seQura uuid column',
      [
        ['sq_state', 'approved'],
        ['order_ref', 'x'.repeat(65)],
      ],
      'order_ref',
    ],
  ])('%s → 400', async (_label, extra, field) => {
    const { ref } = await orderIn(t, nextRef('INPUT'), 'pending');
    const raw = encodeForm([
      ['signature', sign(ref)],
      ['order', ref],
      ['order_ref_1', ref],
      ...(extra as [string, string][]),
    ]);
    const res = await postWebhook(t, 'ipn', raw);
    expectJsonAnswer(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(acknowledgements()).toHaveLength(0);
    expect((await orderRow(t, ref)).state).toBe('pending');
  });
});
