import type { OrderState } from '../../src/orders/order-states.js';
import { orderBody } from '../support/fixtures.js';
import { seedOrder } from '../support/order-fixtures.js';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/test-app.js';

let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A fresh order: registered through the API (pending), or seeded in another state through the repository. */
async function newOrder(state?: string): Promise<string> {
  const ref = `CR-${++counter}-${Date.now()}`;
  if (state) await seedOrder(t, ref, { state: state as OrderState });
  else expect((await t.request('POST', '/orders', { body: orderBody(ref) })).status).toBe(201);
  return ref;
}

const stored = async (ref: string) =>
  (
    await t.db.query('SELECT customer, delivery_address, invoice_address, version FROM orders WHERE order_ref_1 = $1', [
      ref,
    ])
  )[0];
const audit = (ref: string) =>
  t.db.query(
    `SELECT section, field, before, after, source, note, actor, request_id FROM customer_data_changes
     WHERE order_ref_1 = $1 ORDER BY id`,
    [ref],
  );

const postJson = (rows: unknown, headers: Record<string, string> = {}) =>
  t.request('POST', '/customer-data/corrections', { body: rows, key: ADMIN_KEY, headers });
const postCsv = (csv: string, contentType = 'text/csv') =>
  t.request('POST', '/customer-data/corrections', {
    raw: csv,
    key: ADMIN_KEY,
    headers: { 'content-type': contentType },
  });

const statuses = (body: { results: { status: string }[] }) => body.results.map((r) => r.status);

describe('JSON batch', () => {
  test('applies per order, all-or-nothing per order, with a result per row', async () => {
    const good = await newOrder();
    const mixed = await newOrder();
    const cancelled = await newOrder('cancelled');
    const goodBefore = await stored(good);
    const mixedBefore = await stored(mixed);

    const res = await postJson(
      [
        { order_ref_1: good, field: 'customer.email', value: 'ana.fixed@example.com', note: 'seQura ticket 123' },
        { order_ref_1: mixed, field: 'delivery_address.city', value: 'Sevilla', note: null },
        { order_ref_1: good, field: 'delivery_address.postal_code', value: '28014' },
        { order_ref_1: mixed, field: 'delivery_address.postal_code', value: '99999' },
        { order_ref_1: 'NO-SUCH-ORDER', field: 'customer.email', value: 'x@example.com' },
        { order_ref_1: good, field: 'invoice_address.city', value: 'Madrid' },
        { order_ref_1: cancelled, field: 'customer.email', value: 'x@example.com' },
      ],
      { 'x-actor': 'Lola', 'x-request-id': 'batch-1' },
    );
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { row: 1, order_ref_1: good, field: 'customer.email', status: 'applied' },
      {
        row: 2,
        order_ref_1: mixed,
        field: 'delivery_address.city',
        status: 'not_applied',
        error: { code: 'order_rejected', message: expect.stringContaining('row 4') },
      },
      { row: 3, order_ref_1: good, field: 'delivery_address.postal_code', status: 'applied' },
      {
        row: 4,
        order_ref_1: mixed,
        field: 'delivery_address.postal_code',
        status: 'error',
        error: { code: 'invalid_value', message: expect.stringMatching(/^delivery_address\.postal_code: .*ES/) },
      },
      {
        row: 5,
        order_ref_1: 'NO-SUCH-ORDER',
        field: 'customer.email',
        status: 'error',
        error: { code: 'order_not_found', message: expect.any(String) },
      },
      { row: 6, order_ref_1: good, field: 'invoice_address.city', status: 'unchanged' },
      {
        row: 7,
        order_ref_1: cancelled,
        field: 'customer.email',
        status: 'error',
        error: { code: 'order_not_editable', message: expect.stringContaining('cancelled') },
      },
    ]);
    expect(res.body.summary).toEqual({ rows: 7, applied: 2, unchanged: 1, failed: 3, not_applied: 1 });

    // The good order: both fields, one version bump, two audit rows of this request.
    const after = await stored(good);
    expect(after.customer.email).toBe('ana.fixed@example.com');
    expect(after.delivery_address.postal_code).toBe('28014');
    expect(after.version).toBe(goodBefore.version + 1);
    expect(await audit(good)).toEqual([
      {
        section: 'customer',
        field: 'email',
        before: 'ana@example.com',
        after: 'ana.fixed@example.com',
        source: 'sequra_correction',
        note: 'seQura ticket 123',
        actor: 'backoffice (Lola)',
        request_id: 'batch-1',
      },
      {
        section: 'delivery_address',
        field: 'postal_code',
        before: '28013',
        after: '28014',
        source: 'sequra_correction',
        note: null,
        actor: 'backoffice (Lola)',
        request_id: 'batch-1',
      },
    ]);
    // The mixed order: nothing, although its city row alone was valid.
    expect(await stored(mixed)).toEqual(mixedBefore);
    expect(await audit(mixed)).toEqual([]);
    expect(await audit(cancelled)).toEqual([]);
  });

  test('row-level problems: unknown field, bad value, bad shape, duplicates', async () => {
    const a = await newOrder();
    const b = await newOrder();
    const c = await newOrder();
    const res = await postJson([
      { order_ref_1: a, field: 'customer.title', value: 'Sra.' },
      { order_ref_1: b, field: 'customer.email', value: 'not an email' },
      { order_ref_1: c, field: 'customer.phone', value: 600000000 },
      { order_ref_1: c, field: 'customer.phone', value: '611111111', colour: 'red' },
      { field: 'customer.email', value: 'x@example.com' },
      'just a string',
      { order_ref_1: a, field: 'delivery_address.city', value: 'Cuenca' },
      { order_ref_1: a, field: 'delivery_address.city', value: 'Soria' },
    ]);
    expect(res.status).toBe(200);
    const byRow = res.body.results;
    expect(byRow[0]).toMatchObject({ status: 'error', error: { code: 'unknown_field' } });
    expect(byRow[1]).toMatchObject({
      status: 'error',
      error: { code: 'invalid_value', message: expect.stringContaining('customer.email') },
    });
    expect(byRow[2]).toMatchObject({
      status: 'error',
      error: { code: 'invalid_row', message: expect.stringContaining('value') },
    });
    expect(byRow[3]).toMatchObject({
      status: 'error',
      error: { code: 'invalid_row', message: expect.stringContaining('colour') },
    });
    expect(byRow[4]).toMatchObject({
      order_ref_1: null,
      status: 'error',
      error: { code: 'invalid_row', message: expect.stringContaining('order_ref_1') },
    });
    expect(byRow[5]).toMatchObject({ order_ref_1: null, status: 'error', error: { code: 'invalid_row' } });
    expect(byRow[6]).toMatchObject({ status: 'not_applied' });
    expect(byRow[7]).toMatchObject({
      status: 'error',
      error: { code: 'duplicate_field', message: expect.stringContaining('row 7') },
    });
    for (const ref of [a, b, c]) expect(await audit(ref)).toEqual([]);
  });

  test('null clears an optional field; a required field cannot be cleared', async () => {
    const ref = await newOrder();
    const res = await postJson([{ order_ref_1: ref, field: 'invoice_address.phone', value: null }]);
    expect(statuses(res.body)).toEqual(['applied']);
    expect((await stored(ref)).invoice_address).not.toHaveProperty('phone');
    const refused = await postJson([{ order_ref_1: ref, field: 'customer.email', value: null }]);
    expect(refused.body.results[0]).toMatchObject({
      status: 'error',
      error: { code: 'invalid_value', message: 'customer.email: email is required and cannot be cleared' },
    });
  });

  test('a row may set its source; the postal code is checked against the resulting country', async () => {
    const ref = await newOrder();
    const res = await postJson([
      { order_ref_1: ref, field: 'delivery_address.country_code', value: 'PT', source: 'merchant' },
      { order_ref_1: ref, field: 'delivery_address.postal_code', value: '4000-123', source: 'merchant' },
    ]);
    expect(statuses(res.body)).toEqual(['applied', 'applied']);
    expect((await audit(ref)).map((r) => `${r.field}:${r.source}`)).toEqual([
      'country_code:merchant',
      'postal_code:merchant',
    ]);

    const wrong = await postJson([{ order_ref_1: ref, field: 'delivery_address.country_code', value: 'FR' }]);
    expect(wrong.body.results[0]).toMatchObject({
      status: 'error',
      error: { code: 'invalid_value', message: expect.stringContaining('delivery_address.postal_code') },
    });
  });

  test('the body must be a non-empty array of at most 1000 rows', async () => {
    expect((await postJson({ order_ref_1: 'X', field: 'customer.email', value: 'a@b.es' })).status).toBe(400);
    expect((await postJson([])).status).toBe(400);
    const ref = await newOrder();
    const tooMany = Array.from({ length: 1001 }, () => ({
      order_ref_1: ref,
      field: 'customer.email',
      value: 'a@example.com',
    }));
    const res = await postJson(tooMany);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ max_rows: 1000, rows: 1001 });
    expect(await audit(ref)).toEqual([]);
  });
});

describe('CSV batch', () => {
  test('quoted fields with commas, quotes and newlines; one bad row does not stop the other orders', async () => {
    const a = await newOrder();
    const b = await newOrder();
    const csv = [
      'order_ref_1,field,value,note',
      `${a},delivery_address.address_line_1,"Calle ""Mayor"", 5","seQura call, ticket 9"`,
      `${a},delivery_address.extra,"Portal 2\nEscalera B",`,
      `${b},customer.email,not-an-email,typo`,
      `"${b}",customer.surnames,Ruiz,`,
      `${a},delivery_address.address_line_2,,"cleared, it was wrong"`,
      '',
    ].join('\r\n');
    const res = await postCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { row: 1, order_ref_1: a, field: 'delivery_address.address_line_1', status: 'applied' },
      { row: 2, order_ref_1: a, field: 'delivery_address.extra', status: 'applied' },
      {
        row: 3,
        order_ref_1: b,
        field: 'customer.email',
        status: 'error',
        error: { code: 'invalid_value', message: expect.stringContaining('customer.email') },
      },
      {
        row: 4,
        order_ref_1: b,
        field: 'customer.surnames',
        status: 'not_applied',
        error: expect.objectContaining({ code: 'order_rejected' }),
      },
      { row: 5, order_ref_1: a, field: 'delivery_address.address_line_2', status: 'applied' },
    ]);
    const after = await stored(a);
    expect(after.delivery_address.address_line_1).toBe('Calle "Mayor", 5');
    expect(after.delivery_address.extra).toBe('Portal 2\nEscalera B');
    expect(after.delivery_address).not.toHaveProperty('address_line_2');
    expect(await audit(a)).toEqual([
      expect.objectContaining({
        field: 'address_line_1',
        before: 'Calle Mayor 1',
        after: 'Calle "Mayor", 5',
        note: 'seQura call, ticket 9',
      }),
      expect.objectContaining({ field: 'extra', before: null, after: 'Portal 2\nEscalera B', note: null }),
      expect.objectContaining({ field: 'address_line_2', before: '', after: null, note: 'cleared, it was wrong' }),
    ]);
    expect((await stored(b)).customer.surnames).toBe('García López');
  });

  test('a charset parameter, a BOM, a source column and columns in any order are fine', async () => {
    const ref = await newOrder();
    const csv = `\uFEFFfield,source,order_ref_1,value\ncustomer.given_names,merchant,${ref},Anabel\n`;
    const res = await postCsv(csv, 'text/csv; charset=utf-8');
    expect(res.status).toBe(200);
    expect(statuses(res.body)).toEqual(['applied']);
    expect(await audit(ref)).toEqual([
      expect.objectContaining({ field: 'given_names', after: 'Anabel', source: 'merchant' }),
    ]);
  });

  test.each([
    ['a missing column', 'order_ref_1,field\nA,customer.email\n', /missing: value/],
    ['an unknown column', 'order_ref_1,field,value,colour\nA,customer.email,a@b.es,red\n', /unknown: colour/],
    ['semicolons', 'order_ref_1;field;value\nA;customer.email;a@b.es\n', /missing/],
    ['an unclosed quote', 'order_ref_1,field,value\nA,customer.email,"a@b.es\n', /could not be read/],
    ['a short row', 'order_ref_1,field,value\nA,customer.email\n', /could not be read/],
    ['only a header', 'order_ref_1,field,value\n', /no rows/],
    ['nothing', '', /empty|no rows/],
  ])('%s is a 400', async (_name, csv, message) => {
    const res = await postCsv(csv);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toMatch(message);
  });
});
