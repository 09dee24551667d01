import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { OutboxRelayService } from '../../src/sequra/outbox-relay.service.js';
import { ShippingReportClaimService } from '../../src/shipping-reports/shipping-report-claim.service.js';
import { startSequraStandIn, SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { changeOrder, seedOrder } from '../support/order-fixtures.js';
import { ADMIN_KEY, SERVICE_KEY, startTestApp, TestApp } from '../support/test-app.js';

/** A shopper whose every detail is unique in the database, so a search for it finds only her order. */
const SHOPPER = {
  customer: {
    given_names: 'Zoraida',
    surnames: 'Quintanilla Ybarra',
    email: 'zoraida.q@example.com',
    language_code: 'es',
    logged_in: true,
    nin: '12345678Z',
    date_of_birth: '1981-02-03',
    ip_number: '203.0.113.77',
    user_agent: 'ZBrowser/9.1',
    phone: '+34 611 222 333',
  },
  delivery_address: {
    given_names: 'Zoraida',
    surnames: 'Quintanilla Ybarra',
    address_line_1: 'Avenida Zurbarán 77',
    postal_code: '28100',
    city: 'Alcobendas',
    country_code: 'ES',
    mobile_phone: '699887766',
  },
  invoice_address: {
    given_names: 'Zoraida',
    surnames: 'Quintanilla Ybarra',
    address_line_1: 'Avenida Zurbarán 77',
    postal_code: '28100',
    city: 'Alcobendas',
    country_code: 'ES',
  },
};
/** Every trace of her, including what a correction recorded. */
const TRACES = [
  'Zoraida',
  'Quintanilla',
  'zoraida.q@',
  'zq@example.org',
  '12345678Z',
  '1981-02-03',
  '203.0.113.77',
  'ZBrowser',
  '611 222 333',
  '699887766',
  'Zurbarán',
  '28100',
  'Alcobendas',
];

let standIn: SequraStandIn;
let t: TestApp;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_TIMEOUT_MS: '1000' });
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});

const path = (ref: string, rest = '') => `/orders/${encodeURIComponent(ref)}${rest}`;
const admin = (method: string, url: string, body?: unknown) =>
  t.request(method, url, { body, key: ADMIN_KEY, headers: { 'x-actor': 'Marta' } });
const erase = (ref: string, reason = 'GDPR request #77') => admin('POST', path(ref, '/erase'), { reason });

/** A correction by staff (seQura told them): the audit trail records the old and new email and a note. */
async function correctEmail(ref: string, email: string): Promise<void> {
  const etag = (await admin('GET', path(ref, '/customer-data'))).headers.get('etag')!;
  const res = await t.request('PATCH', path(ref, '/customer'), {
    key: ADMIN_KEY,
    body: { email, note: `shopper phoned: new email ${email}` },
    headers: { 'if-match': etag },
  });
  expect(res.status).toBe(200);
}

async function shipAndReport(refs: string[]): Promise<string> {
  for (const ref of refs) expect((await t.request('POST', path(ref, '/shipments'), { body: {} })).status).toBe(200);
  const res = await t.request('POST', '/shipping-reports');
  expect(res.body.data).toEqual([expect.objectContaining({ status: 'sent' })]);
  return res.body.data[0].id;
}

/** Every row of every table that may hold personal data, report bodies decompressed: one searchable text. */
async function everythingStored(): Promise<string> {
  const tables = ['orders', 'order_history', 'customer_data_changes', 'sequra_outbox', 'webhook_events'];
  const parts: string[] = [];
  for (const table of tables)
    for (const row of await t.db.query(`SELECT row_to_json(x)::text AS j FROM ${table} x`)) parts.push(row.j);
  for (const row of await t.db.query(`SELECT payload FROM shipping_reports WHERE payload IS NOT NULL`))
    parts.push(gunzipSync(row.payload).toString('utf8'));
  return parts.join('\n');
}

describe('POST /orders/:ref/erase', () => {
  it('erases a reported shipment’s shopper from the order, its audit rows and its report entry, and keeps the rest', async () => {
    const ref = 'ERASE/1';
    await seedOrder(t, ref, { state: 'approved', body: SHOPPER });
    await seedOrder(t, 'KEEP/1', { state: 'approved' });
    await correctEmail(ref, 'zq@example.org');
    const runId = await shipAndReport([ref, 'KEEP/1']);
    const before = (await t.request('GET', path(ref))).body;
    const stored = await everythingStored();
    for (const trace of TRACES) expect(stored).toContain(trace);

    const res = await erase(ref);

    expect(res.status).toBe(200);
    expect(res.body.erasure).toEqual({ already_erased: false, customer_data_changes: 1, shipping_reports: [runId] });
    const order = res.body.order;
    expect(order.customer).toEqual({
      given_names: '[erased]',
      surnames: '[erased]',
      email: 'erased@erased.invalid',
      language_code: 'es',
      logged_in: true,
      nin: '[erased]',
      date_of_birth: '[erased]',
      ip_number: '[erased]',
      user_agent: '[erased]',
      phone: '[erased]',
    });
    expect(order.delivery_address).toEqual({
      given_names: '[erased]',
      surnames: '[erased]',
      address_line_1: '[erased]',
      postal_code: '[erased]',
      city: '[erased]',
      country_code: 'ES',
      mobile_phone: '[erased]',
    });
    expect(Date.parse(order.erased_at)).toBeGreaterThan(Date.now() - 60_000);
    // Amounts, states, references and the rest of the order stay.
    for (const field of ['state', 'cart', 'shipped_quantities', 'order_ref_2', 'sequra_order_ref', 'reported_at'])
      expect(order[field]).toEqual(before[field]);

    // Nowhere in the database any more; the other shopper's data is untouched.
    const after = await everythingStored();
    for (const trace of TRACES) expect(after).not.toContain(trace);
    expect(after).toContain('ana@example.com');

    const changes = (await admin('GET', path(ref, '/customer-data/changes'))).body.data;
    expect(changes).toEqual([
      expect.objectContaining({
        section: 'customer',
        field: 'email',
        before: '[erased]',
        after: '[erased]',
        note: '[erased]',
        actor: 'backoffice',
      }),
    ]);
    const run = (await t.request('GET', `/shipping-reports/${runId}`)).body;
    expect(run).toMatchObject({ status: 'sent', sequra_status: 204, order_count: 2 });
    const entries = run.payload.delivery_report.orders;
    expect(
      entries.map((e: { merchant_reference: { order_ref_1: string } }) => e.merchant_reference.order_ref_1),
    ).toEqual([ref, 'KEEP/1']);
    expect(entries[0].customer.email).toBe('erased@erased.invalid');
    expect(entries[0].cart).toEqual(before.cart);
    expect(entries[1].customer.email).toBe('ana@example.com');

    const history = (await t.request('GET', path(ref, '/history'))).body.data;
    expect(history.at(-1)).toEqual({
      kind: 'note',
      from_state: 'shipped',
      to_state: 'shipped',
      cause: 'admin',
      actor: 'backoffice (Marta)',
      details: {
        event: 'personal_data_erased',
        reason: 'GDPR request #77',
        customer_data_changes: 1,
        shipping_reports: [runId],
      },
      at: expect.any(String),
    });

    // Asked again: nothing more to do, nothing written.
    const again = await erase(ref, 'asked twice');
    expect(again.status).toBe(200);
    expect(again.body.erasure).toEqual({ already_erased: true, customer_data_changes: 0, shipping_reports: [] });
    expect((await t.request('GET', path(ref, '/history'))).body.data).toHaveLength(history.length);
    // And staff cannot put data back by a correction.
    const etag = (await admin('GET', path(ref, '/customer-data'))).headers.get('etag')!;
    const edit = await t.request('PATCH', path(ref, '/customer'), {
      key: ADMIN_KEY,
      body: { email: 'zoraida.q@example.com' },
      headers: { 'if-match': etag },
    });
    expect(edit.status).toBe(409);
    expect(edit.body.message).toMatch(/was erased/);
  });

  it('erases cancelled and denied orders, which no report carries', async () => {
    for (const state of ['cancelled', 'denied'] as const) {
      const ref = `ERASE-${state}`;
      await seedOrder(t, ref, { state, body: SHOPPER });
      const res = await erase(ref);
      expect(res.status).toBe(200);
      expect(res.body.order.customer.email).toBe('erased@erased.invalid');
      expect(res.body.erasure).toEqual({ already_erased: false, customer_data_changes: 0, shipping_reports: [] });
    }
  });

  it('answers 409 saying why while seQura still needs the data', async () => {
    const cases: [string, Parameters<typeof seedOrder>[2], RegExp, string][] = [
      [
        'pending',
        { state: 'pending' },
        /is pending: seQura still needs .* until the order is refunded, denied, cancelled/,
        'still_needed',
      ],
      ['on_hold', { state: 'on_hold' }, /is on_hold/, 'still_needed'],
      ['approved', { state: 'approved' }, /is approved/, 'still_needed'],
      ['unreported', { state: 'shipped' }, /not reported to seQura yet/, 'not_reported'],
      [
        'partial',
        { state: 'shipped', set: { shippedQuantities: { shirt1234: 1 }, reportedAt: new Date() } },
        /still has items to ship/,
        'items_left',
      ],
    ];
    for (const [name, seed, message, reason] of cases) {
      const ref = `REFUSED-${name}`;
      const order = await seedOrder(t, ref, { ...seed, body: SHOPPER });
      const res = await erase(ref);
      expect({ name, status: res.status, reason: res.body.reason }).toEqual({ name, status: 409, reason });
      expect(res.body.message).toMatch(message);
      // Nothing changed.
      const now = (await t.request('GET', path(ref))).body;
      expect({ customer: now.customer, erased_at: now.erased_at, version: now.version }).toEqual({
        customer: expect.objectContaining({ email: 'zoraida.q@example.com' }),
        erased_at: null,
        version: order.version,
      });
    }
  });

  it('waits for an Order Update still to be sent (it carries the data), then erases', async () => {
    const ref = 'ERASE/OUTBOX';
    await seedOrder(t, ref, { state: 'approved', body: SHOPPER });
    expect((await t.request('POST', path(ref, '/cancel'), { body: { reason: 'customer_cancel' } })).status).toBe(200);

    const refused = await erase(ref);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ reason: 'update_pending', state: 'cancelled' });

    await t.app.get(OutboxRelayService).drainOnce();
    expect((await t.request('GET', path(ref))).body.sequra_updates).toMatchObject({ pending: 0, sent: 1 });
    expect((await erase(ref)).status).toBe(200);
  });

  it('is one transaction: when rewriting a report body fails, nothing at all is erased', async () => {
    const ref = 'ERASE/ATOMIC';
    await seedOrder(t, ref, { state: 'approved', body: SHOPPER });
    await correctEmail(ref, 'zq@example.org');
    const runId = await shipAndReport([ref]);
    // A body that cannot be read back (a damaged row): the rewrite throws midway.
    await t.db.query(`UPDATE shipping_reports SET payload = '\\x00'::bytea WHERE id = $1`, [runId]);
    const history = (await t.request('GET', path(ref, '/history'))).body.data;

    const res = await erase(ref);

    expect(res.status).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
    const order = (await t.request('GET', path(ref))).body;
    expect(order).toMatchObject({ erased_at: null, customer: { email: 'zq@example.org', nin: '12345678Z' } });
    const changes = (await admin('GET', path(ref, '/customer-data/changes'))).body.data;
    expect(changes[0]).toMatchObject({ after: 'zq@example.org', note: 'shopper phoned: new email zq@example.org' });
    expect((await t.request('GET', path(ref, '/history'))).body.data).toEqual(history);
  });

  it('refuses while a pending report run still claims the order (its stored body is yet to be sent)', async () => {
    const ref = 'ERASE/CLAIMED';
    await seedOrder(t, ref, { state: 'shipped', body: SHOPPER });
    const [run] = await t.app.get(ShippingReportClaimService).createRuns('manual');
    expect(run.status).toBe('pending');
    // Settled since the claim (as an order refunded after its shipment will be).
    await changeOrder(t, ref, { state: 'cancelled' });

    const res = await erase(ref);

    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ reason: 'report_pending' });
    expect(res.body.message).toMatch(/shipping report carrying order 'ERASE\/CLAIMED' is being sent/);
  });

  it('is for admin keys only, needs a reason, and answers 404 for an unknown order', async () => {
    await seedOrder(t, 'ERASE/AUTH', { state: 'cancelled' });
    const service = await t.request('POST', path('ERASE/AUTH', '/erase'), { body: { reason: 'x' }, key: SERVICE_KEY });
    expect(service.status).toBe(403);
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 'ok', extra: 1 }]) {
      const res = await admin('POST', path('ERASE/AUTH', '/erase'), body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
        Object.keys(body).includes('extra') ? 'extra' : 'reason',
      ]);
    }
    expect((await erase('NO-SUCH-ORDER')).status).toBe(404);
    expect((await t.request('GET', path('ERASE/AUTH'))).body.erased_at).toBeNull();
  });
});

describe('the audit table stays append-only', () => {
  it('refuses a plain UPDATE, DELETE or TRUNCATE, and any change the erasure would not make even with its setting', async () => {
    const ref = 'AUDIT/1';
    const order = await seedOrder(t, ref, { state: 'approved', body: SHOPPER });
    await correctEmail(ref, 'zq@example.org');
    const refused = /customer_data_changes is append-only: (UPDATE|DELETE|TRUNCATE) refused/;

    await expect(
      t.db.query(`UPDATE customer_data_changes SET note = '[erased]' WHERE order_id = $1`, [order.id]),
    ).rejects.toThrow(refused);
    await expect(t.db.query(`DELETE FROM customer_data_changes WHERE order_id = $1`, [order.id])).rejects.toThrow(
      refused,
    );
    await expect(t.db.query(`TRUNCATE customer_data_changes`)).rejects.toThrow(refused);
    // The erasure's own setting lets through only what the erasure does, on that order only.
    const session = new pg.Client({ connectionString: t.db.url });
    await session.connect();
    const forged = async (setting: string, statement: string) => {
      await session.query('BEGIN');
      try {
        await session.query(`SELECT set_config('sequra.erasing_order', $1, true)`, [setting]);
        await session.query(statement, [order.id]);
      } finally {
        await session.query('ROLLBACK');
      }
    };
    try {
      await expect(
        forged(order.id, `UPDATE customer_data_changes SET actor = 'x' WHERE order_id = $1`),
      ).rejects.toThrow(refused);
      await expect(
        forged(order.id, `UPDATE customer_data_changes SET after = '"zq@example.net"' WHERE order_id = $1`),
      ).rejects.toThrow(refused);
      await expect(
        forged(randomUUID(), `UPDATE customer_data_changes SET note = '[erased]' WHERE order_id = $1`),
      ).rejects.toThrow(refused);
      await expect(forged(order.id, `DELETE FROM customer_data_changes WHERE order_id = $1`)).rejects.toThrow(refused);
      // Erasing one value but not the others is not an erasure either.
      await expect(
        forged(order.id, `UPDATE customer_data_changes SET note = '[erased]' WHERE order_id = $1`),
      ).rejects.toThrow(refused);
      // What the erasure does passes (rolled back here): the check is not simply "refuse everything".
      const erasing = `UPDATE customer_data_changes SET before = '"[erased]"', after = '"[erased]"', note = '[erased]'
                       WHERE order_id = $1`;
      await expect(forged(order.id, erasing)).resolves.toBeUndefined();
    } finally {
      await session.end();
    }

    const [row] = await t.db.query(`SELECT before, after, note, actor FROM customer_data_changes WHERE order_id = $1`, [
      order.id,
    ]);
    expect(row).toEqual({
      before: 'zoraida.q@example.com',
      after: 'zq@example.org',
      note: 'shopper phoned: new email zq@example.org',
      actor: 'backoffice',
    });
    // The function is the one way, and it leaves the setting cleared for the rest of the transaction.
    const [{ erased, setting }] = await t.db.query(
      `SELECT erase_customer_data_changes($1) AS erased, current_setting('sequra.erasing_order', true) AS setting`,
      [order.id],
    );
    expect({ erased, setting }).toEqual({ erased: 1, setting: '' });
  });
});
