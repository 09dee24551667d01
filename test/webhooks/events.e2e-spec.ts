import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { encodeForm, eventFormFields, SEQURA_WEBHOOK_HEADERS } from '../support/sequra-webhook-request.js';
import { backdate, MINUTE } from '../support/order-fixtures.js';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/test-app.js';
import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import {
  eventForm,
  expectJsonAnswer,
  historyOf,
  orderIn as seededOrderIn,
  orderRow,
  postWebhook,
  sign,
  webhookEventsOf,
} from './webhook-test-helpers.js';

const PREVIOUS_SECRET = 'previous-webhook-secret-0123456789';
let standIn: SequraStandIn;
let t: TestApp;
let n = 0;
const nextRef = (prefix: string) => `${prefix}-${++n}`;
/** An order seeded in `state`, on seQura's side (the stand-in) too. */
const orderIn: typeof seededOrderIn = (app, ref, state, options = {}) =>
  seededOrderIn(app, ref, state, { standIn, ...options });
/** The Order Updates seQura received for an order. */
const updatesFor = (ref: string) =>
  standIn.requests.filter((r) => r.method === 'PUT' && r.path === `/merchants/test-merchant/orders/${ref}`);

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({
    WEBHOOK_SECRET_PREVIOUS: PREVIOUS_SECRET,
    SEQURA_BASE_URL: standIn.url,
    SEQURA_TIMEOUT_MS: '1000',
  });
});
afterAll(async () => {
  await t?.close();
  await standIn?.close();
});

describe('the docs example', () => {
  const DOCS_BODY_PREFIX =
    'charset=UTF-8&utf8=%E2%88%9A&event=cancel&order_ref_1=QWER1234&order_ref_2=%22%22' +
    '&order_ref=ca412138-0af6-4079-a92d-24f7a0ffb18a';

  it('is what our request builder produces, byte for byte', () => {
    const built = encodeForm(
      eventFormFields({
        event: 'cancel',
        orderRef1: 'QWER1234',
        orderRef: 'ca412138-0af6-4079-a92d-24f7a0ffb18a',
        parameters: { signature: 'K6hDNSwfcJjF+suAJqXAjA==' },
      }),
    );
    expect(built).toBe(`${DOCS_BODY_PREFIX}&m_signature=K6hDNSwfcJjF%2BsuAJqXAjA%3D%3D`);
  });

  it('cancels the order and answers {"result":"cancelled"}; the stored payload has no signature', async () => {
    await orderIn(t, 'QWER1234', 'approved', { sequraOrderRef: 'ca412138-0af6-4079-a92d-24f7a0ffb18a' });
    const raw = `${DOCS_BODY_PREFIX}&m_signature=${encodeURIComponent(sign('QWER1234'))}`;
    const res = await postWebhook(t, 'events', raw, { Host: 'my.shop.tld' });
    expectJsonAnswer(res, 200);
    expect(res.text).toBe('{"result":"cancelled"}');
    expect((await orderRow(t, 'QWER1234')).state).toBe('cancelled');
    const [event] = await webhookEventsOf(t, 'QWER1234');
    expect(event).toMatchObject({
      kind: 'event',
      event: 'cancel',
      order_ref_2: '""',
      order_ref: 'ca412138-0af6-4079-a92d-24f7a0ffb18a',
      status: 200,
      final: true,
    });
    expect(event.payload).toEqual({
      charset: 'UTF-8',
      utf8: '\u221a',
      event: 'cancel',
      order_ref_1: 'QWER1234',
      order_ref_2: '""',
      order_ref: 'ca412138-0af6-4079-a92d-24f7a0ffb18a',
    });
  });
});

describe('cancelled (seQura has cancelled the order)', () => {
  it.each(['pending', 'on_hold', 'approved'] as const)('%s → cancelled, 200 with an empty body', async (state) => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('CANCELLED'), state);
    const res = await postWebhook(t, 'events', eventForm('cancelled', ref, sequraOrderRef));
    expectJsonAnswer(res, 200, true);
    expect((await orderRow(t, ref)).state).toBe('cancelled');
    expect(await historyOf(t, ref)).toEqual([
      expect.objectContaining({ kind: 'transition', from_state: state, to_state: 'cancelled', cause: 'webhook' }),
    ]);
  });

  it('an already cancelled order stays cancelled, nothing is written (never flips back)', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('CANCELLED'), 'cancelled');
    const res = await postWebhook(t, 'events', eventForm('cancelled', ref, sequraOrderRef));
    expectJsonAnswer(res, 200, true);
    expect((await orderRow(t, ref)).state).toBe('cancelled');
    expect(await historyOf(t, ref)).toEqual([]);
  });

  it('a shipped order keeps its state; a history note flags it for staff', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('CANCELLED'), 'shipped');
    const res = await postWebhook(t, 'events', eventForm('cancelled', ref, sequraOrderRef));
    expectJsonAnswer(res, 200, true);
    expect((await orderRow(t, ref)).state).toBe('shipped');
    const history = await historyOf(t, ref);
    expect(history).toEqual([expect.objectContaining({ kind: 'note', to_state: 'shipped', cause: 'webhook' })]);
    expect(history[0].details.warning).toMatch(/already shipped/);
  });

  it('a repeat gets the same answer and writes no second history row', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('CANCELLED'), 'shipped');
    const form = eventForm('cancelled', ref, sequraOrderRef);
    await postWebhook(t, 'events', form);
    const again = await postWebhook(t, 'events', form);
    expectJsonAnswer(again, 200, true);
    expect(await historyOf(t, ref)).toHaveLength(1);
    const events = await webhookEventsOf(t, ref);
    expect(events.map((e) => [e.final, e.replay_of])).toEqual([
      [true, null],
      [true, events[0].id],
    ]);
  });

  it('about another seQura order than the one the order is paid with: the order is untouched', async () => {
    const { ref } = await orderIn(t, nextRef('CANCELLED'), 'approved');
    const res = await postWebhook(t, 'events', eventForm('cancelled', ref, randomUUID()));
    expectJsonAnswer(res, 200, true);
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect(await historyOf(t, ref)).toEqual([
      expect.objectContaining({
        kind: 'note',
        details: expect.objectContaining({ ignored: 'about another seQura order' }),
      }),
    ]);
  });
});

describe('cancel (seQura asks the shop to cancel)', () => {
  it.each(['pending', 'on_hold', 'approved'] as const)(
    '%s → cancelled, {"result":"cancelled"}, cancellation_request_url kept',
    async (state) => {
      const { ref, sequraOrderRef } = await orderIn(t, nextRef('CANCEL'), state);
      const url = 'https://simbox.sequrapi.com/cancellation_requests/123';
      const res = await postWebhook(
        t,
        'events',
        eventForm('cancel', ref, sequraOrderRef, { extra: { cancellation_request_url: url } }),
      );
      expectJsonAnswer(res, 200);
      expect(res.body).toEqual({ result: 'cancelled' });
      expect((await orderRow(t, ref)).state).toBe('cancelled');
      const history = await historyOf(t, ref);
      expect(history).toEqual([
        expect.objectContaining({ kind: 'transition', from_state: state, to_state: 'cancelled', cause: 'webhook' }),
      ]);
      expect(history[0].details).toMatchObject({
        event: 'cancel',
        cancellation_request_url: url,
        order_ref: sequraOrderRef,
      });
      // seQura was told first: the empty-cart Order Update, with the order's full state. It holds both
      // carts empty now (an order it never confirmed answers 404, which counts as done).
      const [update] = updatesFor(ref);
      expect(updatesFor(ref)).toHaveLength(1);
      expect(update.body.order).toMatchObject({
        merchant: { id: 'test-merchant' },
        merchant_reference: { order_ref_1: ref },
        shipped_cart: { currency: 'EUR', order_total_with_tax: 0, items: [] },
        unshipped_cart: { currency: 'EUR', order_total_with_tax: 0, items: [] },
        delivery_method: { name: 'standard' },
        customer: { email: 'ana@example.com' },
        platform: { name: 'sequra-merchant-backend' },
      });
      expect(update.body.order).not.toHaveProperty('cancellation_reason');
      expect(update.status).toBe(state === 'approved' ? 200 : 404);
      if (state === 'approved') {
        expect(standIn.orders.get(ref)).toMatchObject({
          shipped_cart: { order_total_with_tax: 0, items: [] },
          unshipped_cart: { order_total_with_tax: 0, items: [] },
        });
      }
    },
  );

  it.each([
    ['down (500)', 'error500', 500, 'HTTP 500'],
    ['hanging past SEQURA_TIMEOUT_MS', 'hang', null, 'timeout after 1000 ms'],
    ['refusing it (409)', 'conflict409', 409, 'Cart has changed'],
  ] as const)(
    'seQura %s: {"result":"retry"}, nothing changed but a note; asked again once seQura answers, it cancels',
    async (_what, mode, httpStatus, error) => {
      const { ref, sequraOrderRef } = await orderIn(t, nextRef('CANCEL-DOWN'), 'approved');
      const before = await orderRow(t, ref);
      standIn.failNext(1, mode);
      const form = eventForm('cancel', ref, sequraOrderRef);

      const res = await postWebhook(t, 'events', form);

      expectJsonAnswer(res, 200);
      expect(res.text).toBe('{"result":"retry"}');
      const after = await orderRow(t, ref);
      expect(after).toMatchObject({ state: 'approved', version: before.version, cancelled_at: null });
      expect(await historyOf(t, ref)).toEqual([
        expect.objectContaining({
          kind: 'note',
          to_state: 'approved',
          cause: 'webhook',
          details: expect.objectContaining({
            event: 'cancel',
            http_status: httpStatus,
            errors: expect.arrayContaining([error]),
          }),
        }),
      ]);
      expect(standIn.orders.get(ref)!.unshipped_cart.order_total_with_tax).toBe(8350);
      expect((await webhookEventsOf(t, ref)).map((e) => e.final)).toEqual([false]);

      const again = await postWebhook(t, 'events', form);
      expect(again.text).toBe('{"result":"cancelled"}');
      expect((await orderRow(t, ref)).state).toBe('cancelled');
      expect(standIn.orders.get(ref)!.unshipped_cart.order_total_with_tax).toBe(0);
    },
  );

  it('an approved order seQura says it does not know (404) is not cancelled: retry', async () => {
    const { ref, sequraOrderRef } = await seededOrderIn(t, nextRef('CANCEL-404'), 'approved');
    const res = await postWebhook(t, 'events', eventForm('cancel', ref, sequraOrderRef));
    expect(res.text).toBe('{"result":"retry"}');
    expect(updatesFor(ref).map((u) => u.status)).toEqual([404]);
    expect((await orderRow(t, ref)).state).toBe('approved');
  });

  it.each(['cancelled', 'denied'] as const)('%s → nothing, {"result":"cancelled"}', async (state) => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('CANCEL'), state);
    const res = await postWebhook(t, 'events', eventForm('cancel', ref, sequraOrderRef));
    expect(res.body).toEqual({ result: 'cancelled' });
    expect((await orderRow(t, ref)).state).toBe(state);
    expect(await historyOf(t, ref)).toEqual([]);
  });

  it('shipped → nothing, {"result":"toolate","since":<minutes since shipment>}', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('CANCEL'), 'shipped');
    await backdate(t, ref, { shippedAt: 90 * MINUTE + 20_000 });
    const res = await postWebhook(t, 'events', eventForm('cancel', ref, sequraOrderRef));
    expectJsonAnswer(res, 200);
    expect(res.text).toBe('{"result":"toolate","since":90}');
    expect((await orderRow(t, ref)).state).toBe('shipped');
    expect(await historyOf(t, ref)).toEqual([]);
  });

  it('approved and marked in fulfilment → {"result":"retry"}; not final: asked again after the marker is cleared, it cancels', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('CANCEL'), 'approved');
    expect((await t.request('POST', `/orders/${ref}/fulfilment`)).status).toBe(200);
    const form = eventForm('cancel', ref, sequraOrderRef);
    const first = await postWebhook(t, 'events', form);
    expect(first.text).toBe('{"result":"retry"}');
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect((await postWebhook(t, 'events', form)).text).toBe('{"result":"retry"}');

    expect((await t.request('DELETE', `/orders/${ref}/fulfilment`)).status).toBe(200);
    const asked = await postWebhook(t, 'events', form);
    expect(asked.text).toBe('{"result":"cancelled"}');
    expect((await orderRow(t, ref)).state).toBe('cancelled');
    const events = await webhookEventsOf(t, ref);
    expect(events.map((e) => [e.response_body, e.final, e.replay_of])).toEqual([
      ['{"result":"retry"}', false, null],
      ['{"result":"retry"}', false, null],
      ['{"result":"cancelled"}', true, null],
    ]);
  });

  it('20 concurrent identical requests → one transition, one history row, 20 identical answers', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('RACE'), 'approved');
    const form = eventForm('cancel', ref, sequraOrderRef, {
      extra: { cancellation_request_url: 'https://simbox.sequrapi.com/c/1' },
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => postWebhook(t, 'events', form)));
    expect(new Set(answers.map((a) => `${a.status} ${a.headers.get('content-type')} ${a.text}`))).toEqual(
      new Set(['200 application/json; charset=utf-8 {"result":"cancelled"}']),
    );
    expect(await historyOf(t, ref)).toHaveLength(1);
    const events = await webhookEventsOf(t, ref);
    expect(events).toHaveLength(20);
    expect(events.filter((e) => e.replay_of === null)).toHaveLength(1);
    expect(events.filter((e) => e.replay_of !== null && e.final)).toHaveLength(19);
  });

  it('a cancel racing a shipment ends in one consistent outcome', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('RACE'), 'approved');
    const [cancel, ship] = await Promise.all([
      postWebhook(t, 'events', eventForm('cancel', ref, sequraOrderRef)),
      t.request('POST', `/orders/${ref}/shipments`, { body: {} }),
    ]);
    const state = (await orderRow(t, ref)).state;
    if (state === 'cancelled') {
      expect(cancel.body).toEqual({ result: 'cancelled' });
      expect(ship.status).toBe(409);
    } else {
      expect(state).toBe('shipped');
      expect(ship.status).toBe(200);
      expect(cancel.body).toEqual({ result: 'toolate', since: 0 });
    }
    expect(await historyOf(t, ref)).toHaveLength(1);
  });
});

describe('cancel with CANCEL_WINDOW_MINUTES', () => {
  let w: TestApp;
  beforeAll(async () => {
    w = await startTestApp({ CANCEL_WINDOW_MINUTES: '60', SEQURA_BASE_URL: standIn.url });
  });
  afterAll(async () => {
    await w?.close();
  });

  it('an approved order older than the window → toolate, since = minutes past the window', async () => {
    const { ref, sequraOrderRef } = await orderIn(w, 'WINDOW-1', 'approved');
    await backdate(w, ref, { approvedAt: 100 * MINUTE + 30_000 });
    const res = await postWebhook(w, 'events', eventForm('cancel', ref, sequraOrderRef));
    expect(res.text).toBe('{"result":"toolate","since":40}');
    expect((await orderRow(w, ref)).state).toBe('approved');
  });

  it('within the window it cancels', async () => {
    const { ref, sequraOrderRef } = await orderIn(w, 'WINDOW-2', 'approved');
    await backdate(w, ref, { approvedAt: 59 * MINUTE });
    expect((await postWebhook(w, 'events', eventForm('cancel', ref, sequraOrderRef))).text).toBe(
      '{"result":"cancelled"}',
    );
    expect((await orderRow(w, ref)).state).toBe('cancelled');
  });
});

describe('denied', () => {
  it('pending → denied, 200 empty', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('DENIED'), 'pending');
    const res = await postWebhook(t, 'events', eventForm('denied', ref, sequraOrderRef));
    expectJsonAnswer(res, 200, true);
    expect((await orderRow(t, ref)).state).toBe('denied');
    expect(await historyOf(t, ref)).toEqual([
      expect.objectContaining({ kind: 'transition', from_state: 'pending', to_state: 'denied', cause: 'webhook' }),
    ]);
  });

  it('an approved order is not denied: state kept, a note for staff, 200 empty', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('DENIED'), 'approved');
    const res = await postWebhook(t, 'events', eventForm('denied', ref, sequraOrderRef));
    expectJsonAnswer(res, 200, true);
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect(await historyOf(t, ref)).toEqual([expect.objectContaining({ kind: 'note' })]);
  });
});

describe('risk_assessment', () => {
  it('stores risk_level, notes each change, and a repeat changes nothing', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('RISK'), 'approved');
    const send = (level: string) =>
      postWebhook(t, 'events', eventForm('risk_assessment', ref, sequraOrderRef, { extra: { risk_level: level } }));
    expectJsonAnswer(await send('under_evaluation'), 200, true);
    expect((await orderRow(t, ref)).risk_level).toBe('under_evaluation');
    expectJsonAnswer(await send('low_risk'), 200, true);
    expectJsonAnswer(await send('under_evaluation'), 200, true); // a late repeat of the first: replayed, not applied
    expect((await orderRow(t, ref)).risk_level).toBe('low_risk');
    expectJsonAnswer(await send('high_risk'), 200, true);
    expect((await orderRow(t, ref)).risk_level).toBe('high_risk');
    const history = await historyOf(t, ref);
    expect(history.map((h) => [h.kind, h.details.from_risk_level, h.details.risk_level])).toEqual([
      ['note', null, 'under_evaluation'],
      ['note', 'under_evaluation', 'low_risk'],
      ['note', 'low_risk', 'high_risk'],
    ]);
  });

  it('an undocumented level that looks like one (unknown_risk) → 200, stored as sent, a note for staff', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('RISK'), 'approved');
    const form = eventForm('risk_assessment', ref, sequraOrderRef, { extra: { risk_level: 'unknown_risk' } });
    expectJsonAnswer(await postWebhook(t, 'events', form), 200, true);
    expect((await orderRow(t, ref)).risk_level).toBe('unknown_risk');
    const history = await historyOf(t, ref);
    expect(history.map((h) => [h.kind, h.details.risk_level, h.details.warning ?? null])).toEqual([
      ['note', 'unknown_risk', null],
      ['note', 'unknown_risk', expect.stringMatching(/not one of the risk levels seQura documents/)],
    ]);
    // A repeat is replayed: no second pair of notes.
    expectJsonAnswer(await postWebhook(t, 'events', form), 200, true);
    expect(await historyOf(t, ref)).toHaveLength(2);
    // The longest level that still looks like one is stored whole.
    const long = 'a'.repeat(64);
    const longForm = eventForm('risk_assessment', ref, sequraOrderRef, { extra: { risk_level: long } });
    expectJsonAnswer(await postWebhook(t, 'events', longForm), 200, true);
    expect((await orderRow(t, ref)).risk_level).toBe(long);
  });

  it.each([[''], ['High Risk'], ['low-risk'], ['a'.repeat(65)], ['risk_level_2']])(
    'risk_level %j (not a level at all) → 400 JSON, nothing stored on the order',
    async (level) => {
      const { ref, sequraOrderRef } = await orderIn(t, nextRef('RISK'), 'approved');
      const res = await postWebhook(
        t,
        'events',
        eventForm('risk_assessment', ref, sequraOrderRef, { extra: { risk_level: level } }),
      );
      expectJsonAnswer(res, 400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'risk_level' })]);
      expect((await orderRow(t, ref)).risk_level).toBeNull();
      expect((await webhookEventsOf(t, ref)).map((e) => e.status)).toEqual([400]);
    },
  );

  it.each(['denied', 'cancelled'] as const)('for a %s order → 200 empty, nothing stored', async (state) => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('RISK'), state);
    const res = await postWebhook(
      t,
      'events',
      eventForm('risk_assessment', ref, sequraOrderRef, { extra: { risk_level: 'high_risk' } }),
    );
    expectJsonAnswer(res, 200, true);
    expect((await orderRow(t, ref)).risk_level).toBeNull();
    expect(await historyOf(t, ref)).toEqual([]);
  });
});

describe('unknown order and unknown events', () => {
  it('an unknown order_ref_1 (correctly signed) → 404 JSON, stored', async () => {
    const res = await postWebhook(t, 'events', eventForm('cancel', 'NEVER-REGISTERED', randomUUID()));
    expectJsonAnswer(res, 404);
    expect(res.body.message).toMatch(/NEVER-REGISTERED/);
    expect((await webhookEventsOf(t, 'NEVER-REGISTERED')).map((e) => [e.status, e.final])).toEqual([[404, false]]);
  });

  it('an unknown event whose name holds quotes and non-ASCII → a well-formed 501', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('UNKNOWN'), 'approved');
    const name = `re"fund's\\ ñ √ 💸`;
    const res = await postWebhook(t, 'events', eventForm(name, ref, sequraOrderRef));
    expectJsonAnswer(res, 501);
    expect(res.text).toBe(`{"error": ${JSON.stringify(`Unknown event '${name}'`)}}`);
    expect(JSON.parse(res.text)).toEqual({ error: `Unknown event '${name}'` });
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect((await webhookEventsOf(t, ref)).map((e) => [e.status, e.event])).toEqual([[501, name]]);
  });

  it('the 501 body matches the docs for a plain name', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('UNKNOWN'), 'approved');
    const res = await postWebhook(t, 'events', eventForm('return', ref, sequraOrderRef));
    expect(res.status).toBe(501);
    expect(res.text).toBe(`{"error": "Unknown event 'return'"}`);
  });
});

describe('signatures', () => {
  it.each([
    [
      'forged (another secret)',
      (ref: string, order: string) => eventForm('cancelled', ref, order, { secret: 'an-attacker-secret-0123456789' }),
    ],
    [
      'missing',
      (ref: string, order: string) =>
        encodeForm(
          eventFormFields({ event: 'cancelled', orderRef1: ref, orderRef: order, parameters: { order: ref } }),
        ),
    ],
    [
      'signed for another order',
      (ref: string, order: string) =>
        encodeForm(
          eventFormFields({
            event: 'cancelled',
            orderRef1: ref,
            orderRef: order,
            parameters: { signature: sign('OTHER-ORDER') },
          }),
        ),
    ],
  ])('%s → 403 JSON, nothing changes, the attempt is stored without the signature', async (_label, build) => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('SIG'), 'approved');
    const res = await postWebhook(t, 'events', build(ref, sequraOrderRef));
    expectJsonAnswer(res, 403);
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect(await historyOf(t, ref)).toEqual([]);
    const events = await webhookEventsOf(t, ref);
    expect(events.map((e) => [e.status, e.event, e.final])).toEqual([[403, 'cancelled', false]]);
    expect(events[0].payload).not.toHaveProperty('m_signature');
    expect(events[0].payload).toMatchObject({ event: 'cancelled', order_ref_1: ref });
  });

  it('a signature made with WEBHOOK_SECRET_PREVIOUS (rotation) is accepted', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('SIG'), 'approved');
    const res = await postWebhook(
      t,
      'events',
      eventForm('cancelled', ref, sequraOrderRef, { secret: PREVIOUS_SECRET }),
    );
    expectJsonAnswer(res, 200, true);
    expect((await orderRow(t, ref)).state).toBe('cancelled');
  });

  it('the IPN is checked too: a forged IPN signature → 403', async () => {
    const { ref } = await orderIn(t, nextRef('SIG'), 'pending');
    const raw = encodeForm([
      ['signature', sign(ref, 'an-attacker-secret-0123456789')],
      ['order_ref', randomUUID()],
      ['sq_state', 'approved'],
      ['order_ref_1', ref],
    ]);
    const res = await postWebhook(t, 'ipn', raw);
    expectJsonAnswer(res, 403);
    expect((await orderRow(t, ref)).state).toBe('pending');
    expect((await webhookEventsOf(t, ref)).map((e) => [e.kind, e.status, e.payload.signature])).toEqual([
      ['ipn', 403, undefined],
    ]);
  });
});

describe('bad requests change nothing and are answered in JSON', () => {
  let ref: string;
  let sequraOrderRef: string;
  beforeAll(async () => {
    ({ ref, sequraOrderRef } = await orderIn(t, 'BAD-INPUT', 'approved'));
  });
  afterEach(async () => {
    expect((await orderRow(t, ref)).state).toBe('approved');
    expect(await historyOf(t, ref)).toEqual([]);
  });

  const fields = () =>
    eventFormFields({
      event: 'cancelled',
      orderRef1: ref,
      orderRef: sequraOrderRef,
      parameters: { signature: sign(ref), order: ref },
    });
  const without = (name: string) => encodeForm(fields().filter(([k]) => k !== name));

  it.each([
    ['event missing', () => without('event'), 'event'],
    ['order_ref missing', () => without('order_ref'), 'order_ref'],
    [
      'order_ref_1 and m_order missing',
      () => encodeForm(fields().filter(([k]) => k !== 'order_ref_1' && k !== 'm_order')),
      'order_ref_1',
    ],
    ['event given twice', () => `${encodeForm(fields())}&event=denied`, 'event'],
    [
      'order_ref_1 and m_order disagree',
      () => encodeForm(fields().map(([k, v]) => (k === 'm_order' ? [k, 'OTHER'] : [k, v]))),
      'order_ref_1',
    ],
    [
      'utf8 re-encoded on the way (UTF-8 read as Latin-1)',
      () => encodeForm(fields().map(([k, v]) => (k === 'utf8' ? [k, 'âˆš'] : [k, v]))),
      'utf8',
    ],
    ['an empty body', () => '', 'event'],
  ])('%s → 400 naming the field', async (_label, build, field) => {
    const res = await postWebhook(t, 'events', build());
    expectJsonAnswer(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each([
    ['application/json', JSON.stringify({ event: 'cancelled' })],
    ['text/plain', 'event=cancelled'],
    ['application/xml', '<event>cancelled</event>'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="event"\r\n\r\ncancelled\r\n--x--',
    ],
  ])('Content-Type %s → 415 JSON, stored', async (type, body) => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM webhook_events WHERE status = 415`))[0].n;
    const res = await postWebhook(t, 'events', body, { 'Content-Type': type });
    expectJsonAnswer(res, 415);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM webhook_events WHERE status = 415`))[0].n).toBe(
      before + 1,
    );
  });

  it('no Content-Type → 415 JSON', async () => {
    const res = await t.request('POST', '/webhooks/sequra/events', { key: null });
    expectJsonAnswer(res, 415);
  });

  it('a malformed JSON body → 400 JSON (refused by the parser, still stored)', async () => {
    const res = await postWebhook(t, 'events', '{"event": ', { 'Content-Type': 'application/json' });
    expectJsonAnswer(res, 400);
    const [row] = await t.db.query(`SELECT * FROM webhook_events ORDER BY id DESC LIMIT 1`);
    expect(row).toMatchObject({ kind: 'event', status: 400, payload: null });
  });

  it('a body over 64 KiB → 413 JSON (the stream is cut, not buffered), stored', async () => {
    const raw = `${encodeForm(fields())}&padding=${'x'.repeat(70 * 1024)}`;
    const res = await rawPost(t.baseUrl, '/webhooks/sequra/events', raw);
    expect(res.status).toBe(413);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toMatchObject({ statusCode: 413 });
    const [row] = await t.db.query(`SELECT * FROM webhook_events ORDER BY id DESC LIMIT 1`);
    expect(row).toMatchObject({ kind: 'event', status: 413, payload: null });
  });

  it('a body of exactly 64 KiB is read (and here refused for its content, not its size)', async () => {
    const base = `${encodeForm(fields())}&event=twice&padding=`;
    const raw = `${base}${'x'.repeat(64 * 1024 - base.length)}`;
    expect(raw.length).toBe(64 * 1024);
    const res = await postWebhook(t, 'events', raw);
    expectJsonAnswer(res, 400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['event']);
  });
});

describe('GET /orders/:ref/webhook-events', () => {
  it('lists the stored requests newest first, without signatures; needs a key', async () => {
    const { ref, sequraOrderRef } = await orderIn(t, nextRef('LIST'), 'approved');
    await postWebhook(
      t,
      'events',
      eventForm('risk_assessment', ref, sequraOrderRef, { extra: { risk_level: 'low_risk' } }),
    );
    await postWebhook(
      t,
      'events',
      eventForm('cancelled', ref, sequraOrderRef, { secret: 'an-attacker-secret-0123456789' }),
    );
    await postWebhook(t, 'events', eventForm('cancel', ref, sequraOrderRef));

    expect((await t.request('GET', `/orders/${ref}/webhook-events`, { key: null })).status).toBe(401);
    const res = await t.request('GET', `/orders/${ref}/webhook-events`, { key: ADMIN_KEY });
    expect(res.status).toBe(200);
    expect(
      res.body.data.map((e: { event: string; status: number; response_body: string }) => [
        e.event,
        e.status,
        e.response_body,
      ]),
    ).toEqual([
      ['cancel', 200, '{"result":"cancelled"}'],
      ['cancelled', 403, expect.stringContaining('signature')],
      ['risk_assessment', 200, ''],
    ]);
    for (const e of res.body.data) expect(JSON.stringify(e)).not.toContain('signature=');
    expect(res.body.data[0]).toMatchObject({
      kind: 'event',
      order_ref_1: ref,
      order_ref: sequraOrderRef,
      final: true,
      replay_of: null,
    });
    expect(res.body.data[0].payload).not.toHaveProperty('m_signature');

    expect((await t.request('GET', `/orders/${ref}/webhook-events?limit=1`)).body.data).toHaveLength(1);
    expect((await t.request('GET', `/orders/${ref}/webhook-events?limit=0`)).status).toBe(400);
    expect((await t.request('GET', '/orders/NOPE/webhook-events')).status).toBe(404);
  });
});

describe('POST/DELETE /orders/:ref/fulfilment', () => {
  it('marks and clears an approved order, with a history note each time; repeats are no-ops', async () => {
    const { ref } = await orderIn(t, nextRef('FULFIL'), 'approved');
    expect((await t.request('POST', `/orders/${ref}/fulfilment`, { key: null })).status).toBe(401);
    const marked = await t.request('POST', `/orders/${ref}/fulfilment`, { headers: { 'X-Actor': 'Marta' } });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({
      order_ref_1: ref,
      state: 'approved',
      fulfilment_started_at: expect.any(String),
    });
    expect((await t.request('GET', `/orders/${ref}`)).body.fulfilment_started_at).toBe(
      marked.body.fulfilment_started_at,
    );
    const again = await t.request('POST', `/orders/${ref}/fulfilment`, { key: ADMIN_KEY });
    expect(again.body.fulfilment_started_at).toBe(marked.body.fulfilment_started_at);
    const cleared = await t.request('DELETE', `/orders/${ref}/fulfilment`);
    expect(cleared.status).toBe(200);
    expect(cleared.body.fulfilment_started_at).toBeNull();
    expect((await t.request('DELETE', `/orders/${ref}/fulfilment`)).status).toBe(200);
    expect((await orderRow(t, ref)).fulfilment_started_at).toBeNull();
    const history = await historyOf(t, ref);
    expect(history.map((h) => [h.kind, h.cause, h.actor, h.details.event])).toEqual([
      ['note', 'api', 'shop (Marta)', 'fulfilment_started'],
      ['note', 'api', 'shop', 'fulfilment_cleared'],
    ]);
  });

  it.each(['pending', 'on_hold', 'shipped', 'cancelled'] as const)(
    'a %s order cannot be marked → 409',
    async (state) => {
      const { ref } = await orderIn(t, nextRef('FULFIL'), state);
      const res = await t.request('POST', `/orders/${ref}/fulfilment`);
      expect(res.status).toBe(409);
      expect((await orderRow(t, ref)).fulfilment_started_at).toBeNull();
    },
  );

  it('an unknown order → 404', async () => {
    expect((await t.request('POST', '/orders/NOPE/fulfilment')).status).toBe(404);
  });
});

/** A raw HTTP POST that tolerates the server closing the connection after answering early (413). */
function rawPost(
  baseUrl: string,
  path: string,
  body: string,
): Promise<{ status: number; contentType: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      { method: 'POST', headers: { ...SEQURA_WEBHOOK_HEADERS, 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
