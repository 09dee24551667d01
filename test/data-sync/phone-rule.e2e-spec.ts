import { FIELDS, fieldProblems, normalise } from '../../admin/src/field-rules.js';
import { orderBody } from '../support/fixtures.js';
import { ADMIN_KEY, startTestApp, TestApp, TestResponse } from '../support/test-app.js';

/**
 * One phone rule (src/common/phone.validator.ts) for both ways a phone number reaches an order:
 * registration (POST /orders, seQura's customer and address objects) and staff corrections (the
 * PATCH routes and the corrections batch), and the back-office page's copy of it. Registration used
 * to take a `+` anywhere, no minimum of digits and count surrounding spaces; the cases noted
 * "registration … before" are the verdicts that changed.
 */
const CASES: [value: string, accepted: boolean, note?: string][] = [
  ['600000000', true],
  ['+34 600 00 00 00', true],
  ['0034 600000000', true],
  ['(91) 123-45.67', true],
  ['+34 (600) 00-00.00', true],
  ['1 2 3', true],
  [' +34 600000000 ', true, 'surrounding spaces are not part of the number'],
  [' ' + '6'.repeat(32), true, 'registration refused it before: 32 characters once trimmed'],
  ['6'.repeat(33), false],
  ['12', false],
  ['', false],
  ['600 ABC 000', false],
  ['call me', false],
  ['34+600000000', false, 'registration took it before: a + only in front'],
  ['++34600', false, 'registration took it before: one + only'],
  ['+-()', false, 'registration took it before: no digits'],
  ['12 ', false, 'registration took it before: only 2 digits'],
  ['   ', false, 'registration took it before: only spaces'],
];

let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

type Options = { body?: unknown; headers?: Record<string, string> };
const admin = (method: string, path: string, options: Options = {}) =>
  t.request(method, path, { ...options, key: ADMIN_KEY });
const fieldsOf = (res: TestResponse) => ((res.body.errors ?? []) as { field: string }[]).map((e) => e.field);
const nextRef = () => `PH-${++counter}-${Date.now()}`;

/** Registers an order with `phone` as the customer's phone and the delivery address's mobile phone. */
async function register(ref: string, phone: string): Promise<TestResponse> {
  const base = orderBody(ref);
  const customer = { ...base.customer, phone };
  const deliveryAddress = { ...base.delivery_address, mobile_phone: phone };
  return t.request('POST', '/orders', { body: { ...base, customer, delivery_address: deliveryAddress } });
}

const TABLE = CASES.map(([value, accepted, note]) => {
  const title = JSON.stringify(value) + (note ? ` (${note})` : '');
  return { value, accepted, title };
});

describe.each(TABLE)('the phone $title', ({ value, accepted }) => {
  test(`is ${accepted ? 'accepted' : 'refused'} at registration`, async () => {
    const res = await register(nextRef(), value);
    if (accepted) {
      expect(res.status).toBe(201);
    } else {
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(['customer.phone', 'delivery_address.mobile_phone']));
    }
  });

  test(`is ${accepted ? 'accepted' : 'refused'} as a correction (PATCH and batch)`, async () => {
    const ref = nextRef();
    // A number none of the cases holds, so that an accepted correction really changes it.
    expect((await register(ref, '911 000 000')).status).toBe(201);
    const etag = (await admin('GET', `/orders/${ref}/customer-data`)).headers.get('etag')!;
    const headers = { 'if-match': etag };
    const patched = await admin('PATCH', `/orders/${ref}/customer`, { body: { phone: value }, headers });
    expect({ status: patched.status, fields: fieldsOf(patched) }).toEqual(
      accepted ? { status: 200, fields: [] } : { status: 400, fields: ['phone'] },
    );

    const batch = await admin('POST', '/customer-data/corrections', {
      body: [{ order_ref_1: ref, field: 'delivery_address.mobile_phone', value }],
    });
    expect(batch.status).toBe(200);
    const [row] = batch.body.results;
    if (accepted) expect(row).toMatchObject({ status: 'applied' });
    else expect(row).toMatchObject({ status: 'error', error: { code: 'invalid_value' } });
  });

  test(`is ${accepted ? 'accepted' : 'refused'} by the back-office page`, () => {
    for (const section of ['customer', 'delivery_address'] as const) {
      const spec = FIELDS[section].find((f) => f.name === 'phone')!;
      expect(fieldProblems(spec, normalise(spec, value)).length === 0).toBe(accepted);
    }
  });
});
