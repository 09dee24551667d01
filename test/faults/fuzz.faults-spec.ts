import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { SequraStandIn, startSequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../support/fixtures.js';
import { encodeForm, eventFormFields, ipnFormFields, IpnRequest } from '../support/sequra-webhook-request.js';
import { SERVICE_KEY } from '../support/test-app.js';
import { createTestDatabase, TestDatabase } from '../support/test-database.js';
import { MAX_AMOUNT_CENTS, MAX_QUANTITY } from '../../src/common/money.js';
import { canTransition, OrderState } from '../../src/orders/order-states.js';
import {
  Answer,
  api,
  ipnBody,
  postEvent,
  reportedRefs,
  send,
  seedOrders,
  ServiceProcess,
  sign,
  startServiceProcess,
} from './fault-helpers.js';

/**
 * Property-based fuzzing of the two public entry points of untrusted input, on the production build
 * (`node dist/main.js`): seQura's webhooks (random fields, encodings, sizes, content types, valid and
 * invalid signatures, random events) and order registration (random JSON, mutated valid orders,
 * amounts around their bounds). Properties: bad input gets a 4xx (the one 5xx allowed is the
 * protocol's documented 501 for an unknown event), a refused request changes nothing (orders,
 * history, outbox, calls to seQura), a 2xx to a webhook needs a valid signature, an order only ever
 * moves along the state table, every accepted registration can be approved, shipped and reported
 * (the report run after them succeeds), and the process stays up throughout.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
/** A failure prints fast-check's seed; FUZZ_SEED=<seed> replays that run. */
const FC_OPTIONS = { numRuns: RUNS, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) };

let standIn: SequraStandIn;
let db: TestDatabase;
let service: ServiceProcess;
/** order_ref_1 → seQura's order uuid, for the orders the webhooks can name. */
const orders = new Map<string, string>();

beforeAll(async () => {
  standIn = await startSequraStandIn();
  db = await createTestDatabase();
  service = await startServiceProcess({
    DATABASE_URL: db.url,
    SEQURA_BASE_URL: standIn.url,
    SEQURA_TIMEOUT_MS: '2000',
  });
  const seeded = [
    ...(await seedOrders(db, ['FZ-P1', 'FZ-P2', 'FZ/ñ √ 3'], 'pending')),
    ...(await seedOrders(db, ['FZ-H1'], 'on_hold')),
    ...(await seedOrders(db, ['FZ-D1'], 'denied')),
    ...(await seedOrders(db, ['FZ-A1', 'FZ-A2'], 'approved')),
    ...(await seedOrders(db, ['FZ-C1'], 'cancelled')),
    ...(await seedOrders(db, ['FZ-S1'], 'shipped')),
  ];
  for (const [ref, uuid] of seeded) orders.set(ref, uuid);
});

afterAll(async () => {
  await service?.stop();
  await db?.drop();
  await standIn?.close();
});

/**
 * Everything a request could change: every order row (updated_at and version included), history, outbox, calls to
 * seQura.
 */
async function snapshot() {
  const [row] = await db.query(
    `SELECT (SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY o.seq), '')) FROM orders o) AS orders,
            (SELECT coalesce(json_object_agg(order_ref_1, state), '{}') FROM orders) AS states,
            (SELECT count(*)::integer FROM order_history WHERE kind = 'transition') AS transitions,
            (SELECT count(*)::integer FROM order_history WHERE kind = 'note') AS notes,
            (SELECT count(*)::integer FROM sequra_outbox) AS outbox`,
  );
  return { ...row, callsToSequra: standIn.requests.length } as {
    orders: string;
    states: Record<string, OrderState>;
    transitions: number;
    notes: number;
    outbox: number;
    callsToSequra: number;
  };
}

/** Every order that changed state moved along an edge of the state table (order-states.ts). */
function expectOnlyAllowedTransitions(
  before: Awaited<ReturnType<typeof snapshot>>,
  after: Awaited<ReturnType<typeof snapshot>>,
  answer: Answer,
  request: unknown,
): void {
  const moved = Object.entries(after.states).filter(([ref, to]) => ref in before.states && before.states[ref] !== to);
  const forbidden = moved.filter(([ref, to]) => !canTransition(before.states[ref], to));
  if (forbidden.length === 0 && (moved.length === 0 || (answer.status >= 200 && answer.status < 300))) return;
  throw new Error(
    `answered ${answer.status} and moved ${JSON.stringify(moved.map(([ref, to]) => [ref, before.states[ref], to]))}` +
      `; request ${JSON.stringify(request).slice(0, 600)}`,
  );
}

/**
 * A refused request changes nothing. The one exception is the protocol's 410 "the shop refuses"
 * (seQura refused the acknowledgement, or a second seQura order): the order stays as it was, and a
 * history note tells staff why.
 */
function expectNothingChanged(
  before: Awaited<ReturnType<typeof snapshot>>,
  after: Awaited<ReturnType<typeof snapshot>>,
  answer: Answer,
  request: unknown,
): void {
  const allowed =
    answer.status === 410 ? { ...before, notes: after.notes, callsToSequra: after.callsToSequra } : before;
  if (JSON.stringify(after) === JSON.stringify(allowed) && after.notes >= before.notes) return;
  throw new Error(
    `answered ${answer.status} ${answer.text.slice(0, 300)} ` +
      `but changed ${JSON.stringify(before)} → ${JSON.stringify(after)}; ` +
      `request ${JSON.stringify(request).slice(0, 600)}`,
  );
}

/** A 5xx other than the documented 501 `{"error": "Unknown event '…'"}` is a bug; so is anything but 2xx/4xx. */
function expectNoServerError(answer: Answer, request: unknown): void {
  const documented501 = answer.status === 501 && /^\{"error": "Unknown event '.*'"\}$/s.test(answer.text);
  if ((answer.status >= 200 && answer.status < 300) || (answer.status >= 400 && answer.status < 500) || documented501)
    return;
  throw new Error(
    `answered ${answer.status} ${answer.text.slice(0, 300)} to ${JSON.stringify(request).slice(0, 600)}\n` +
      service.output().slice(-3000),
  );
}

// ---- arbitraries -------------------------------------------------------------------------------------

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const known = <T>(values: T[], other: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: other });

const webhookRequest = fc.record({
  path: fc.constantFrom('events', 'ipn'),
  ref: fc.oneof(
    {
      weight: 5,
      arbitrary: fc.constantFrom('FZ-P1', 'FZ-P2', 'FZ/ñ √ 3', 'FZ-H1', 'FZ-D1', 'FZ-A1', 'FZ-A2', 'FZ-C1', 'FZ-S1'),
    },
    { weight: 1, arbitrary: text },
  ),
  event: known(['cancelled', 'cancel', 'denied', 'risk_assessment'], text),
  state: known(['approved', 'needs_review'], text),
  riskLevel: known(['low_risk', 'high_risk', 'under_evaluation'], text),
  sequraRef: fc.constantFrom('matching', 'matching', 'other-uuid', 'garbage', 'missing'),
  signature: fc.constantFrom('valid', 'valid', 'valid', 'wrong', 'missing', 'other-order', 'empty', 'twice'),
  drop: fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as string[]) },
    {
      weight: 1,
      arbitrary: fc.subarray([
        'charset',
        'utf8',
        'event',
        'sq_state',
        'order_ref_1',
        'order_ref_2',
        'order_ref',
        'm_order',
        'order',
      ]),
    },
  ),
  extra: fc
    .array(
      fc.tuple(
        known(
          [
            'risk_level',
            'cancellation_request_url',
            'utf8',
            'charset',
            'order_ref_1',
            'order_ref',
            'm_order',
            'event',
            'sq_state',
            '__proto__',
            'constructor',
          ],
          text,
        ),
        known(['low_risk', 'high_risk', '\u221a', '""', 'https://backoffice.sequra.es/orders/1'], text),
      ),
      { maxLength: 3 },
    )
    .chain((extra) => fc.constantFrom([], [], extra)),
  encoding: fc.constantFrom('standard', 'standard', 'standard', 'raw', 'latin1', 'broken-percent', 'plus'),
  contentType: fc.constantFrom(
    'form',
    'form',
    'form',
    'form; charset=UTF-8',
    'json',
    'text/plain',
    'none',
    'multipart',
  ),
  oversized: fc
    .boolean()
    .chain((b) => (b ? fc.boolean() : fc.constant(false)))
    .chain((b) => (b ? fc.boolean() : fc.constant(false))),
});
type WebhookRequest = typeof webhookRequest extends fc.Arbitrary<infer T> ? T : never;

function webhookBody(r: WebhookRequest): string {
  const uuid = orders.get(r.ref);
  const sequraRef = { matching: uuid ?? randomUUID(), 'other-uuid': randomUUID(), garbage: 'not-a-uuid', missing: '' }[
    r.sequraRef
  ];
  const signature = {
    valid: sign(r.ref),
    wrong: sign(`${r.ref}x`).replace(/^./, 'A'),
    'other-order': sign('FZ-A1'),
    empty: '',
    missing: '',
    twice: sign(r.ref),
  }[r.signature];
  const parameters = { signature, order: r.ref };
  let fields: [string, string][] =
    r.path === 'events'
      ? eventFormFields({
          event: r.event,
          orderRef1: r.ref,
          orderRef: sequraRef,
          extra:
            r.event === 'risk_assessment'
              ? { risk_level: r.riskLevel }
              : r.event === 'cancel'
                ? { cancellation_request_url: 'https://backoffice.sequra.es/cancel/1' }
                : {},
          parameters,
        })
      : ipnFormFields({ state: r.state as IpnRequest['state'], orderRef1: r.ref, orderRef: sequraRef, parameters });
  const signatureField = r.path === 'events' ? 'm_signature' : 'signature';
  if (r.signature === 'missing') fields = fields.filter(([k]) => k !== signatureField);
  if (r.signature === 'twice') fields.push([signatureField, signature]);
  if (r.sequraRef === 'missing') fields = fields.filter(([k]) => k !== 'order_ref');
  fields = fields.filter(([k]) => !r.drop.includes(k));
  fields.push(...r.extra);
  if (r.oversized) fields.push(['padding', 'x'.repeat(70 * 1024)]);
  switch (r.encoding) {
    case 'raw':
      return fields.map(([k, v]) => `${k}=${v}`).join('&');
    case 'latin1':
      return fields.map(([k, v]) => `${escape(k)}=${escape(v)}`).join('&');
    case 'broken-percent':
      return `${encodeForm(fields)}&half=%E2%88&bad=%zz&%=%`;
    case 'plus':
      return encodeForm(fields).replace(/%20/g, '+');
    default:
      return encodeForm(fields);
  }
}

const CONTENT_TYPES: Record<string, string | undefined> = {
  form: 'application/x-www-form-urlencoded',
  'form; charset=UTF-8': 'application/x-www-form-urlencoded; charset=UTF-8',
  json: 'application/json',
  'text/plain': 'text/plain',
  multipart: 'multipart/form-data; boundary=xyz',
  none: undefined,
};

function post(
  path: string,
  body: string,
  contentType: string | undefined,
  headers: Record<string, string> = {},
): Promise<Answer> {
  // A Uint8Array body makes fetch send no Content-Type of its own.
  return send(`${service.url}${path}`, {
    method: 'POST',
    headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
    body: new TextEncoder().encode(body),
  });
}

let registered = 0;
const PATHS = [
  'merchant_reference',
  'merchant_reference.order_ref_1',
  'merchant_reference.order_ref_2',
  'sequra_order_ref',
  'cart',
  'cart.currency',
  'cart.order_total_with_tax',
  'cart.items',
  'cart.items.0',
  'cart.items.0.type',
  'cart.items.0.reference',
  'cart.items.0.quantity',
  'cart.items.0.price_with_tax',
  'cart.items.0.total_with_tax',
  'cart.items.1.name',
  'delivery_method',
  'delivery_method.name',
  'customer',
  'customer.given_names',
  'customer.email',
  'customer.logged_in',
  'delivery_address',
  'delivery_address.postal_code',
  'delivery_address.country_code',
  'invoice_address.phone',
];
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  text,
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, 1e300, '', '0', 'EUR', null),
  // Amounts and quantities around their bounds (src/common/money.ts).
  fc.constantFrom(MAX_AMOUNT_CENTS, MAX_AMOUNT_CENTS + 1, -MAX_AMOUNT_CENTS - 1, MAX_QUANTITY, MAX_QUANTITY + 1),
);
const registration = fc.record({
  body: fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .array(
          fc.oneof(
            fc.tuple(fc.constant('set' as const), fc.constantFrom(...PATHS), jsonValue),
            fc.tuple(fc.constant('delete' as const), fc.constantFrom(...PATHS), fc.constant(null)),
            fc.tuple(fc.constant('extra' as const), text, jsonValue),
          ),
          { maxLength: 3 },
        )
        .map((mutations) => ({ mutations })),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json })) },
    { weight: 1, arbitrary: text.map((raw) => ({ raw })) },
    { weight: 1, arbitrary: fc.integer({ min: 20, max: 5000 }).map((deep) => ({ deep })) },
  ),
  reuseRef: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
  contentType: fc.constantFrom('json', 'json', 'json', 'json', 'text/plain', 'form', 'none'),
});
type Registration = typeof registration extends fc.Arbitrary<infer T> ? T : never;

function setPath(target: Record<string, unknown>, path: string, value: unknown, remove: boolean): void {
  const keys = path.split('.');
  let node: unknown = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) return;
  const last = keys[keys.length - 1];
  if (remove) delete (node as Record<string, unknown>)[last];
  else (node as Record<string, unknown>)[last] = value;
}

function registrationBody(r: Registration): string {
  const b = r.body;
  if ('raw' in b) return b.raw;
  if ('json' in b) return JSON.stringify(b.json);
  if ('deep' in b)
    return (
      '{"merchant_reference":{"order_ref_1":"FZR-deep"},"cart":' +
      '{"items":['.repeat(b.deep) +
      ']}'.repeat(b.deep) +
      '}'
    );
  const order = orderBody(r.reuseRef ? 'FZ-A1' : `FZR-${++registered}`) as Record<string, unknown>;
  for (const [kind, path, value] of b.mutations) {
    if (kind === 'extra') order[path] = value;
    else setPath(order, path, value, kind === 'delete');
  }
  return JSON.stringify(order);
}

// ---- properties --------------------------------------------------------------------------------------

it(`webhooks: ${RUNS} random requests get 2xx or 4xx (or the documented 501), and a refused one changes nothing`, async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(webhookRequest, async (r) => {
      const before = await snapshot();
      const answer = await post(`/webhooks/sequra/${r.path}`, webhookBody(r), CONTENT_TYPES[r.contentType], {
        accept: 'application/json',
        'user-agent': 'seQura-Event/1.0 (www.sequra.es)',
      });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expectNoServerError(answer, r);
      // A 2xx only to a request signed for its order (the signature of FZ-A1 is valid for FZ-A1 only).
      const signed = r.signature === 'valid' || (r.signature === 'other-order' && r.ref === 'FZ-A1');
      if (answer.status < 300 && !signed)
        throw new Error(`answered ${answer.status} to a request without a valid signature: ${JSON.stringify(r)}`);
      const after = await snapshot();
      expectOnlyAllowedTransitions(before, after, answer, r);
      if (answer.status >= 400) expectNothingChanged(before, after, answer, r);
    }),
    FC_OPTIONS,
  );
  expect(service.alive()).toBe(true);
  expect((await send(`${service.url}/health`)).status).toBe(200);
  // The generators reach past the front door: signed requests that were processed, and refusals of each kind.
  expect({
    missing: [200, 400, 403, 404, 413, 415].filter((s) => !statuses.has(s)),
    statuses: Object.fromEntries(statuses),
  }).toMatchObject({ missing: [] });
});

/** order_ref_1 of every registration answered 201. */
const accepted: string[] = [];

it(`registration: ${RUNS} random bodies get 201 or 4xx, and a refused one stores nothing`, async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(registration, async (r) => {
      const [{ n: before }] = await db.query(`SELECT count(*)::integer AS n FROM orders`);
      const state = await snapshot();
      const answer = await post('/orders', registrationBody(r), CONTENT_TYPES[r.contentType], {
        authorization: `Bearer ${SERVICE_KEY}`,
      });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expectNoServerError(answer, r);
      const [{ n: after }] = await db.query(`SELECT count(*)::integer AS n FROM orders`);
      if (answer.status === 201) {
        expect(after).toBe(before + 1);
        accepted.push((JSON.parse(answer.text) as { order_ref_1: string }).order_ref_1);
      } else expectNothingChanged(state, await snapshot(), answer, r);
    }),
    FC_OPTIONS,
  );
  expect(service.alive()).toBe(true);
  expect((await send(`${service.url}/health`)).status).toBe(200);
  expect({
    missing: [201, 400, 409, 415].filter((s) => !statuses.has(s)),
    statuses: Object.fromEntries(statuses),
  }).toMatchObject({ missing: [] });
});

it('every accepted registration goes through approval, shipment and a report run that succeeds', async () => {
  expect(accepted.length).toBeGreaterThan(RUNS / 50);
  standIn.reset();
  const shipped: string[] = [];
  for (const ref of accepted) {
    // seQura's approval: accepted (200), or refused by seQura for good (410: e.g. lines that do not add up).
    const ipn = await postEvent(service.url, ipnBody('approved', ref, randomUUID()), 'ipn');
    if (ipn.status === 410) continue;
    if (ipn.status !== 200)
      throw new Error(`IPN for the accepted order ${JSON.stringify(ref)}: ${ipn.status} ${ipn.text}`);
    const shipment = await api(service.url, 'POST', `/orders/${encodeURIComponent(ref)}/shipments`, {});
    // 409: nothing to ship by quantity (a cart of handling or fee lines only).
    if (shipment.status === 409) continue;
    if (shipment.status !== 200)
      throw new Error(`shipping ${JSON.stringify(ref)}: ${shipment.status} ${shipment.text}`);
    shipped.push(ref);
  }
  expect(shipped.length).toBeGreaterThan(0);

  const run = await api(service.url, 'POST', '/shipping-reports');
  expect(run.status).toBe(201);
  const runs = (JSON.parse(run.text) as { data: { status: string; statistics_count: number }[] }).data;
  expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'sent'));
  const reports = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/orders/delivery_reports');
  expect(reports.map((r) => r.status)).toEqual(runs.map(() => 204));
  // Every shipped order in exactly one report (orders or broken_orders); none left out as unreportable.
  const reported = reports.flatMap((r) => reportedRefs(r.body));
  expect(reported.filter((ref) => shipped.includes(ref)).sort()).toEqual([...shipped].sort());
  expect(await db.query(`SELECT 1 FROM order_history WHERE details->>'event' = 'report_skipped'`)).toEqual([]);
  // And every order of the week in the statistics: none left out for an amount out of bounds.
  const [{ n }] = await db.query(`SELECT count(*)::integer AS n FROM orders`);
  expect(runs.reduce((sum, r) => sum + r.statistics_count, 0)).toBe(n);
});
