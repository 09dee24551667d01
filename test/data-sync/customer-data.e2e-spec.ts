import type { OrderState } from '../../src/orders/order-states.js';
import { orderBody } from '../support/fixtures.js';
import { seedOrder } from '../support/order-fixtures.js';
import { ADMIN_KEY, SERVICE_KEY, startTestApp, TestApp, TestResponse } from '../support/test-app.js';

let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const admin = (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
  t.request(method, path, { ...options, key: ADMIN_KEY });

/** A fresh order: registered through the API (pending), or seeded in another state through the repository. */
async function newOrder(state?: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const ref = `DS-${++counter}-${Date.now()}`;
  if (state) {
    await seedOrder(t, ref, { state: state as OrderState, body: overrides });
    return ref;
  }
  const res = await t.request('POST', '/orders', { body: orderBody(ref, overrides) });
  expect(res.status).toBe(201);
  return ref;
}

async function etagOf(ref: string): Promise<string> {
  const res = await admin('GET', `/orders/${ref}/customer-data`);
  expect(res.status).toBe(200);
  return res.headers.get('etag')!;
}

/** A PATCH with the current ETag. */
async function patch(
  ref: string,
  section: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return admin('PATCH', `/orders/${ref}/${section}`, { body, headers: { 'if-match': await etagOf(ref), ...headers } });
}

const auditCount = async (ref: string) =>
  Number((await t.db.query('SELECT count(*)::int AS n FROM customer_data_changes WHERE order_ref_1 = $1', [ref]))[0].n);

const fieldsOf = (res: TestResponse) => (res.body.errors as { field: string }[]).map((e) => e.field);

describe('reading', () => {
  test('GET customer-data answers the three sections with the version as a strong ETag', async () => {
    const ref = await newOrder();
    const res = await admin('GET', `/orders/${ref}/customer-data`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      order_ref_1: ref,
      customer: { email: 'ana@example.com', given_names: 'Ana' },
      delivery_address: { postal_code: '28013', city: 'Madrid', country_code: 'ES' },
      invoice_address: { address_line_1: 'Calle Mayor 1' },
    });
  });

  test('an unknown order is a 404', async () => {
    expect((await admin('GET', '/orders/NOPE-404/customer-data')).status).toBe(404);
    expect(
      (await admin('PATCH', '/orders/NOPE-404/customer', { body: { email: 'a@b.es' }, headers: { 'if-match': '"1"' } }))
        .status,
    ).toBe(404);
  });

  test('a service key is refused with 403 on every route, and no key with 401', async () => {
    const ref = await newOrder();
    const tag = await etagOf(ref);
    const calls: [string, string, unknown?][] = [
      ['GET', `/orders/${ref}/customer-data`],
      ['GET', `/orders/${ref}/customer-data/changes`],
      ['PATCH', `/orders/${ref}/customer`, { email: 'x@example.com' }],
      ['PATCH', `/orders/${ref}/delivery-address`, { city: 'Sevilla' }],
      ['PATCH', `/orders/${ref}/invoice-address`, { city: 'Sevilla' }],
      ['POST', '/customer-data/corrections', [{ order_ref_1: ref, field: 'customer.email', value: 'x@example.com' }]],
    ];
    for (const [method, path, body] of calls) {
      expect((await t.request(method, path, { body, key: SERVICE_KEY, headers: { 'if-match': tag } })).status).toBe(
        403,
      );
      expect((await t.request(method, path, { body, key: null, headers: { 'if-match': tag } })).status).toBe(401);
    }
    expect(await auditCount(ref)).toBe(0);
    expect(await etagOf(ref)).toBe(tag);
  });
});

describe('If-Match', () => {
  test('a missing If-Match is a 428 and changes nothing', async () => {
    const ref = await newOrder();
    const tag = await etagOf(ref);
    const res = await admin('PATCH', `/orders/${ref}/customer`, { body: { email: 'new@example.com' } });
    expect(res.status).toBe(428);
    expect(res.body.message).toMatch(/If-Match/);
    expect(await etagOf(ref)).toBe(tag);
    expect(await auditCount(ref)).toBe(0);
  });

  test('If-Match: * is refused with 428 (it would defeat the check)', async () => {
    const ref = await newOrder();
    expect(
      (
        await admin('PATCH', `/orders/${ref}/customer`, {
          body: { email: 'new@example.com' },
          headers: { 'if-match': '*' },
        })
      ).status,
    ).toBe(428);
  });

  test('a stale ETag is a 412 naming the current version, and the second writer changes nothing', async () => {
    const ref = await newOrder();
    const tag = await etagOf(ref);
    const first = await admin('PATCH', `/orders/${ref}/customer`, {
      body: { given_names: 'Ana María' },
      headers: { 'if-match': tag },
    });
    expect(first.status).toBe(200);
    const current = first.headers.get('etag');
    expect(current).not.toBe(tag);

    const second = await admin('PATCH', `/orders/${ref}/customer`, {
      body: { given_names: 'Anna' },
      headers: { 'if-match': tag },
    });
    expect(second.status).toBe(412);
    expect(second.body).toMatchObject({ statusCode: 412, current_version: first.body.version, current_etag: current });
    expect(second.headers.get('etag')).toBe(current);
    const data = await admin('GET', `/orders/${ref}/customer-data`);
    expect(data.body.customer.given_names).toBe('Ana María');
    expect(await auditCount(ref)).toBe(1);
  });

  test.each([
    ['quoted', (v: number) => `"${v}"`],
    ['unquoted', (v: number) => `${v}`],
    ['weak', (v: number) => `W/"${v}"`],
    ['in a list', (v: number) => `"999999", "${v}"`],
  ])('the ETag is accepted %s', async (_name, format) => {
    const ref = await newOrder();
    const version = (await admin('GET', `/orders/${ref}/customer-data`)).body.version as number;
    const res = await admin('PATCH', `/orders/${ref}/customer`, {
      body: { surnames: 'Pérez' },
      headers: { 'if-match': format(version) },
    });
    expect(res.status).toBe(200);
  });

  test.each([['"stale-0"'], ['W/"x"'], ['""']])(
    'a well-formed tag that is not the current one (%s) is a 412 with the current ETag, not a 400',
    async (tag) => {
      const ref = await newOrder();
      const current = await etagOf(ref);
      const res = await admin('PATCH', `/orders/${ref}/customer`, {
        body: { surnames: 'Pérez' },
        headers: { 'if-match': tag },
      });
      expect(res.status).toBe(412);
      expect(res.headers.get('etag')).toBe(current);
      expect(res.body).toMatchObject({ statusCode: 412, current_etag: current });
      expect(await etagOf(ref)).toBe(current);
      expect(await auditCount(ref)).toBe(0);
    },
  );

  test('an unreadable If-Match is a 400 naming the header', async () => {
    const ref = await newOrder();
    const res = await admin('PATCH', `/orders/${ref}/customer`, {
      body: { surnames: 'Pérez' },
      headers: { 'if-match': 'yesterday' },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['If-Match']);
  });
});

describe('editing and the audit trail', () => {
  test('an edit of two fields writes exactly two audit rows in the same transaction, and answers the new data and ETag', async () => {
    const ref = await newOrder();
    const before = await admin('GET', `/orders/${ref}/customer-data`);
    const res = await admin('PATCH', `/orders/${ref}/delivery-address`, {
      body: { postal_code: '08001', city: 'Barcelona', note: 'seQura phoned the shopper' },
      headers: { 'if-match': before.headers.get('etag')!, 'x-actor': 'Marta', 'x-request-id': 'req-two-fields' },
    });
    expect(res.status).toBe(200);
    const version = before.body.version + 1;
    expect(res.body.version).toBe(version);
    expect(res.headers.get('etag')).toBe(`"${version}"`);
    expect(res.body.delivery_address).toEqual({
      ...before.body.delivery_address,
      postal_code: '08001',
      city: 'Barcelona',
    });
    expect(res.body.invoice_address).toEqual(before.body.invoice_address);

    const rows = await t.db.query(
      `SELECT order_ref_1, order_version, section, field, before, after, source, note, actor, request_id,
              order_id = (SELECT id FROM orders WHERE order_ref_1 = $1) AS same_order
         FROM customer_data_changes WHERE order_ref_1 = $1 ORDER BY id`,
      [ref],
    );
    const common = {
      order_ref_1: ref,
      order_version: version,
      section: 'delivery_address',
      source: 'sequra_correction',
      note: 'seQura phoned the shopper',
      actor: 'backoffice (Marta)',
      request_id: 'req-two-fields',
      same_order: true,
    };
    expect(rows).toEqual([
      { ...common, field: 'postal_code', before: '28013', after: '08001' },
      { ...common, field: 'city', before: 'Madrid', after: 'Barcelona' },
    ]);
    expect(res.body.changes.map((c: { field: string }) => c.field)).toEqual(['postal_code', 'city']);

    // The stored order is what the shipping report reads.
    const [stored] = await t.db.query('SELECT delivery_address, version FROM orders WHERE order_ref_1 = $1', [ref]);
    expect(stored).toMatchObject({ delivery_address: { postal_code: '08001', city: 'Barcelona' }, version });

    const trail = await admin('GET', `/orders/${ref}/customer-data/changes`);
    expect(trail.status).toBe(200);
    expect(trail.body.data).toEqual([
      expect.objectContaining({
        field: 'city',
        before: 'Madrid',
        after: 'Barcelona',
        actor: 'backoffice (Marta)',
        source: 'sequra_correction',
        note: 'seQura phoned the shopper',
        at: expect.any(String),
      }),
      expect.objectContaining({ field: 'postal_code', before: '28013', after: '08001' }),
    ]);

    // The order history says that (and which fields) changed, without the personal data.
    const history = await admin('GET', `/orders/${ref}/history`);
    const note = history.body.data.find((h: { kind: string }) => h.kind === 'note');
    expect(note).toMatchObject({
      cause: 'admin',
      actor: 'backoffice (Marta)',
      details: { event: 'customer_data_changed', fields: ['delivery_address.postal_code', 'delivery_address.city'] },
    });
    expect(JSON.stringify(history.body)).not.toContain('Barcelona');
  });

  test('the trail is newest first across edits', async () => {
    const ref = await newOrder();
    await patch(ref, 'customer', { email: 'first@example.com' });
    await patch(ref, 'invoice-address', { city: 'Toledo', postal_code: '45001', source: 'merchant' });
    const trail = await admin('GET', `/orders/${ref}/customer-data/changes`);
    expect(
      trail.body.data.map(
        (c: { section: string; field: string; source: string }) => `${c.section}.${c.field}:${c.source}`,
      ),
    ).toEqual([
      'invoice_address.city:merchant',
      'invoice_address.postal_code:merchant',
      'customer.email:sequra_correction',
    ]);
  });

  test('an edit that changes nothing answers 200, writes no audit row and keeps the ETag', async () => {
    const ref = await newOrder();
    const tag = await etagOf(ref);
    const res = await admin('PATCH', `/orders/${ref}/delivery-address`, {
      body: { city: 'Madrid', postal_code: ' 28013 ', address_line_1: 'Calle Mayor 1' },
      headers: { 'if-match': tag },
    });
    expect(res.status).toBe(200);
    expect(res.body.changes).toEqual([]);
    expect(res.headers.get('etag')).toBe(tag);
    expect(await etagOf(ref)).toBe(tag);
    expect(await auditCount(ref)).toBe(0);
  });

  test('null clears an optional field (the key disappears) and is audited as before → null', async () => {
    const ref = await newOrder();
    const res = await patch(ref, 'delivery-address', { phone: null, address_line_2: 'Piso 3' });
    expect(res.status).toBe(200);
    expect(res.body.delivery_address).not.toHaveProperty('phone');
    expect(res.body.delivery_address.address_line_2).toBe('Piso 3');
    const rows = await t.db.query(
      'SELECT field, before, after FROM customer_data_changes WHERE order_ref_1 = $1 ORDER BY id',
      [ref],
    );
    expect(rows).toEqual([
      { field: 'address_line_2', before: '', after: 'Piso 3' },
      { field: 'phone', before: '600000000', after: null },
    ]);
  });

  test('a missing address (an order registered before both were required) can be created, but only whole', async () => {
    const ref = `DS-${++counter}-${Date.now()}`;
    await seedOrder(t, ref, { set: { invoiceAddress: null } });
    const partial = await patch(ref, 'invoice-address', { city: 'Bilbao' });
    expect(partial.status).toBe(400);
    expect(fieldsOf(partial).sort()).toEqual(['address_line_1', 'country_code', 'postal_code']);
    const whole = await patch(ref, 'invoice-address', {
      address_line_1: 'Gran Vía 1',
      postal_code: '48001',
      city: 'Bilbao',
      country_code: 'es',
    });
    expect(whole.status).toBe(200);
    expect(whole.body.invoice_address).toEqual({
      address_line_1: 'Gran Vía 1',
      postal_code: '48001',
      city: 'Bilbao',
      country_code: 'ES',
    });
  });

  test.each(['shipped', 'on_hold', 'approved'])('a %s order can be edited', async (state) => {
    const ref = await newOrder(state);
    expect((await patch(ref, 'customer', { email: 'fixed@example.com' })).status).toBe(200);
  });

  test.each(['cancelled', 'denied'])('an edit of a %s order is a 409 and writes nothing', async (state) => {
    const ref = await newOrder(state);
    const tag = await etagOf(ref);
    const res = await admin('PATCH', `/orders/${ref}/delivery-address`, {
      body: { city: 'Sevilla' },
      headers: { 'if-match': tag },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ state });
    expect(await etagOf(ref)).toBe(tag);
    expect(await auditCount(ref)).toBe(0);
  });
});

describe('validation (400 naming the field, nothing written)', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['email syntax', 'customer', { email: 'ana.example.com' }, 'email'],
    ['email with a space', 'customer', { email: 'ana @example.com' }, 'email'],
    ['email cannot be cleared', 'customer', { email: null }, 'email'],
    ['empty given_names', 'customer', { given_names: '   ' }, 'given_names'],
    ['given_names too long', 'customer', { given_names: 'a'.repeat(256) }, 'given_names'],
    ['nin too long', 'customer', { nin: 'X'.repeat(33) }, 'nin'],
    ['vat_number too long', 'customer', { vat_number: 'B'.repeat(33) }, 'vat_number'],
    ['phone with letters', 'customer', { phone: '600 ABC 000' }, 'phone'],
    ['mobile_phone with too few digits', 'customer', { mobile_phone: '+-()' }, 'mobile_phone'],
    ['phone too long', 'customer', { phone: '6'.repeat(33) }, 'phone'],
    ['date_of_birth not a date', 'customer', { date_of_birth: '1985-02-30' }, 'date_of_birth'],
    ['date_of_birth month 13', 'customer', { date_of_birth: '1985-13-01' }, 'date_of_birth'],
    ['date_of_birth in another format', 'customer', { date_of_birth: '23/04/1985' }, 'date_of_birth'],
    [
      'date_of_birth in the future',
      'customer',
      { date_of_birth: `${new Date().getUTCFullYear() + 1}-01-01` },
      'date_of_birth',
    ],
    ['language_code unknown language', 'customer', { language_code: 'xx' }, 'language_code'],
    ['language_code upper case', 'customer', { language_code: 'ES' }, 'language_code'],
    ['language_code unknown region', 'customer', { language_code: 'es-XX' }, 'language_code'],
    ['unknown customer field', 'customer', { nickname: 'Anita' }, 'nickname'],
    ['customer field that is not editable', 'customer', { ip_number: '1.2.3.4' }, 'ip_number'],
    ['bad source', 'customer', { email: 'a@example.com', source: 'shopper' }, 'source'],
    ['country_code unknown', 'delivery-address', { country_code: 'XX' }, 'country_code'],
    ['country_code alpha-3', 'delivery-address', { country_code: 'ESP' }, 'country_code'],
    ['ES postal code with 4 digits', 'delivery-address', { postal_code: '2801' }, 'postal_code'],
    ['ES postal code with a letter', 'delivery-address', { postal_code: '2801A' }, 'postal_code'],
    ['ES postal code province 53', 'delivery-address', { postal_code: '53001' }, 'postal_code'],
    ['ES postal code province 00', 'delivery-address', { postal_code: '00123' }, 'postal_code'],
    ['PT postal code without dash', 'delivery-address', { country_code: 'PT', postal_code: '1000001' }, 'postal_code'],
    ['PT country with the old ES postal code', 'delivery-address', { country_code: 'PT' }, 'postal_code'],
    ['FR postal code with 4 digits', 'invoice-address', { country_code: 'FR', postal_code: '7500' }, 'postal_code'],
    ['IT postal code with a letter', 'invoice-address', { country_code: 'IT', postal_code: '0018A' }, 'postal_code'],
    ['postal code too long', 'invoice-address', { country_code: 'DE', postal_code: '1'.repeat(17) }, 'postal_code'],
    ['address_line_1 cannot be cleared', 'delivery-address', { address_line_1: null }, 'address_line_1'],
    ['city cannot be cleared', 'invoice-address', { city: null }, 'city'],
    ['address_line_1 too long', 'delivery-address', { address_line_1: 'a'.repeat(256) }, 'address_line_1'],
    ['address phone with letters', 'delivery-address', { phone: 'call me' }, 'phone'],
    ['unknown address field', 'delivery-address', { floor: '3' }, 'floor'],
    ['a number where a string goes', 'delivery-address', { postal_code: 28013 }, 'postal_code'],
  ];

  test.each(cases)('%s', async (_name, section, body, field) => {
    const ref = await newOrder();
    const tag = await etagOf(ref);
    const res = await admin('PATCH', `/orders/${ref}/${section}`, { body, headers: { 'if-match': tag } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toContain(field);
    expect(await etagOf(ref)).toBe(tag);
    expect(await auditCount(ref)).toBe(0);
  });

  const good: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
    ['email (trimmed)', 'customer', { email: ' ana.garcia@example.es ' }, { email: 'ana.garcia@example.es' }],
    ['phone with + and spaces', 'customer', { phone: '+34 (600) 00-00.00' }, { phone: '+34 (600) 00-00.00' }],
    ['date_of_birth', 'customer', { date_of_birth: '1984-02-29' }, { date_of_birth: '1984-02-29' }],
    ['language_code with region', 'customer', { language_code: 'ca-ES' }, { language_code: 'ca-ES' }],
    [
      'nin and company',
      'customer',
      { nin: '12345678Z', company: 'ACME SL', vat_number: 'B12345678' },
      { nin: '12345678Z', company: 'ACME SL' },
    ],
    ['ES postal code province 01', 'delivery-address', { postal_code: '01001' }, { postal_code: '01001' }],
    ['ES postal code province 52', 'delivery-address', { postal_code: '52001' }, { postal_code: '52001' }],
    [
      'PT address',
      'delivery-address',
      { country_code: 'PT', postal_code: '1000-001', city: 'Lisboa' },
      { country_code: 'PT', postal_code: '1000-001' },
    ],
    [
      'FR address',
      'invoice-address',
      { country_code: 'fr', postal_code: '75001', city: 'Paris' },
      { country_code: 'FR', postal_code: '75001' },
    ],
    [
      'IT address',
      'invoice-address',
      { country_code: 'IT', postal_code: '00184', city: 'Roma', state: 'RM' },
      { country_code: 'IT', postal_code: '00184', state: 'RM' },
    ],
    [
      'another country keeps a free postal code',
      'invoice-address',
      { country_code: 'GB', postal_code: 'SW1A 1AA' },
      { country_code: 'GB', postal_code: 'SW1A 1AA' },
    ],
    [
      'every address field',
      'delivery-address',
      {
        given_names: 'Luis',
        surnames: 'Pérez',
        company: 'ACME',
        address_line_2: '2º B',
        state: 'Madrid',
        mobile_phone: '611111111',
        vat_number: 'B1',
        extra: 'Portero',
      },
      { given_names: 'Luis', extra: 'Portero' },
    ],
  ];

  test.each(good)('accepted: %s', async (_name, section, body, expected) => {
    const ref = await newOrder();
    const res = await patch(ref, section, body);
    expect(res.status).toBe(200);
    const key = section === 'customer' ? 'customer' : section.replace('-', '_');
    expect(res.body[key]).toMatchObject(expected);
    expect(await auditCount(ref)).toBe(res.body.changes.length);
    expect(res.body.changes.length).toBeGreaterThan(0);
  });

  test('an empty edit is a 400', async () => {
    const ref = await newOrder();
    const res = await patch(ref, 'customer', { note: 'nothing' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['customer']);
  });
});

describe('database guarantees', () => {
  test('the database refuses UPDATE, DELETE and TRUNCATE of audit rows', async () => {
    const ref = await newOrder();
    expect((await patch(ref, 'customer', { email: 'audit@example.com' })).status).toBe(200);
    await expect(
      t.db.query(`UPDATE customer_data_changes SET note = 'tampered' WHERE order_ref_1 = $1`, [ref]),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM customer_data_changes WHERE order_ref_1 = $1', [ref])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('TRUNCATE customer_data_changes')).rejects.toThrow(/append-only/);
    const rows = await t.db.query('SELECT note, after FROM customer_data_changes WHERE order_ref_1 = $1', [ref]);
    expect(rows).toEqual([{ note: null, after: 'audit@example.com' }]);
  });

  test('an edit whose transaction fails after the audit insert leaves no audit row and no change', async () => {
    // A deferred constraint trigger fails the COMMIT, after the order update and the audit insert ran.
    await t.db.query(`
      CREATE FUNCTION test_fail_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'forced failure at commit'; END $$`);
    await t.db.query(`
      CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER INSERT ON customer_data_changes
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.note = 'fail at commit')
        EXECUTE FUNCTION test_fail_at_commit()`);
    try {
      // Approved + merchant: the edit also queues an Order Update, which must roll back too.
      const ref = await newOrder('approved');
      const before = await admin('GET', `/orders/${ref}/customer-data`);
      const res = await admin('PATCH', `/orders/${ref}/customer`, {
        body: { email: 'rolled.back@example.com', surnames: 'Rollback', note: 'fail at commit', source: 'merchant' },
        headers: { 'if-match': before.headers.get('etag')! },
      });
      expect(res.status).toBe(500);
      expect(await auditCount(ref)).toBe(0);
      const after = await admin('GET', `/orders/${ref}/customer-data`);
      expect(after.body).toEqual(before.body);
      expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
      const notes = await t.db.query(
        `SELECT count(*)::int AS n FROM order_history h JOIN orders o ON o.id = h.order_id
         WHERE o.order_ref_1 = $1 AND h.kind = 'note'`,
        [ref],
      );
      expect(notes[0].n).toBe(0);
      expect(await t.db.query('SELECT id FROM sequra_outbox WHERE order_ref_1 = $1', [ref])).toEqual([]);

      // The same edit without the trap goes through: the failure was the forced one.
      expect(
        (await patch(ref, 'customer', { email: 'rolled.back@example.com', surnames: 'Rollback', note: 'fine' })).status,
      ).toBe(200);
      expect(await auditCount(ref)).toBe(2);
    } finally {
      await t.db.query('DROP TRIGGER test_fail_at_commit ON customer_data_changes');
      await t.db.query('DROP FUNCTION test_fail_at_commit()');
    }
  });
});
