import { randomUUID } from 'node:crypto';
import { MerchantAccounts1763820050000 } from '../../src/database/migrations/1763820050000-merchant-accounts.js';
import { OutboxRelayService } from '../../src/sequra/outbox-relay.service.js';
import { compressPayload } from '../../src/shipping-reports/shipping-report-payload.js';
import {
  CREDENTIALS_PATH,
  RecordedRequest,
  SequraStandIn,
  StandInMerchant,
  startSequraStandIn,
} from '../sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../support/fixtures.js';
import { changeOrder } from '../support/order-fixtures.js';
import { seedConfirmedOrder } from '../support/sequra-fixtures.js';
import { ADMIN_KEY, startTestApp, TestApp } from '../support/test-app.js';
import { createDatabaseMigratedBefore, createTestDatabase, TestDatabase } from '../support/test-database.js';
import { deliveryReports, reportedRefs, waitFor } from '../shipping-reports/report-helpers.js';
import { eventForm, ipnForm, postWebhook } from '../webhooks/webhook-test-helpers.js';

/**
 * Several seQura merchant accounts under one API user, one per country (issue 16), end to end: the
 * accounts discovered at start-up and kept, each order's account chosen at registration and used by
 * every call for it, one delivery report per account. The stand-in holds the same four accounts and
 * refuses (403) a call whose path, header and body name different accounts, and finds no order under
 * another account than the one it was confirmed with (404).
 */

const ACCOUNTS: StandInMerchant[] = [
  { ref: 'shop-es', country: 'ES' },
  { ref: 'shop-pt', country: 'PT' },
  { ref: 'shop-fr', country: 'FR', realm: 'svea' },
  { ref: 'shop-it', country: 'IT' },
];
/** SEQURA_MERCHANT_ID: the account of countries no account takes (here DE). */
const FALLBACK = 'shop-it';

let standIn: SequraStandIn;
let db: TestDatabase;
let t: TestApp;
let atStart: RecordedRequest[];
let n = 0;
const nextRef = (prefix: string) => `${prefix}-${++n}`;

const address = (country: string) => ({ ...orderBody('x').delivery_address, country_code: country });
/** A registration delivered to `delivery` and invoiced to `invoice`. */
const registration = (ref: string, delivery: string, invoice = delivery, extra: Record<string, unknown> = {}) =>
  orderBody(ref, { delivery_address: address(delivery), invoice_address: address(invoice), ...extra });
const register = (app: TestApp, body: Record<string, unknown>) => app.request('POST', '/orders', { body });
const path = (ref: string) => `/orders/${encodeURIComponent(ref)}`;
const forMerchant = (merchant: string) => (r: RecordedRequest) => r.headers['sequra-merchant-id'] === merchant;

/** Registers an order delivered to `country`, approved through seQura's IPN (acknowledged to its account). */
async function approvedOrder(app: TestApp, ref: string, country: string): Promise<string> {
  const res = await register(app, registration(ref, country));
  expect(res.status).toBe(201);
  const ipn = await postWebhook(app, 'ipn', ipnForm('approved', ref, randomUUID()));
  expect(ipn.status).toBe(200);
  return res.body.sequra_merchant_id as string;
}

beforeAll(async () => {
  standIn = await startSequraStandIn({ merchants: ACCOUNTS });
  db = await createTestDatabase();
  t = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_MERCHANT_ID: FALLBACK, SEQURA_TIMEOUT_MS: '2000' }, db);
  atStart = [...standIn.requests];
});
afterAll(async () => {
  await t?.close();
  await db?.drop();
  await standIn?.close();
});
beforeEach(() => standIn.reset());

describe('the accounts, discovered at start-up', () => {
  it("asks seQura for the API user's accounts (no merchant header) and keeps what identifies them", async () => {
    expect(atStart).toHaveLength(1);
    expect(atStart[0]).toMatchObject({ method: 'GET', path: CREDENTIALS_PATH, status: 200 });
    expect(atStart[0].headers).not.toHaveProperty('sequra-merchant-id');

    const res = await t.request('GET', '/merchant-accounts');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'discovered',
      deployment: 'sequra',
      env: 'sandbox',
      fallback_merchant_id: FALLBACK,
      accounts: [
        { sequra_merchant_id: 'shop-es', country: 'ES', currency: 'EUR', realm: 'sequra' },
        { sequra_merchant_id: 'shop-pt', country: 'PT', currency: 'EUR', realm: 'sequra' },
        { sequra_merchant_id: 'shop-fr', country: 'FR', currency: 'EUR', realm: 'svea' },
        { sequra_merchant_id: 'shop-it', country: 'IT', currency: 'EUR', realm: 'sequra' },
      ],
    });
    expect(Date.parse(res.body.discovered_at)).toBeGreaterThan(Date.now() - 60_000);
    const stored = await db.query(`SELECT * FROM sequra_merchant_accounts ORDER BY position`);
    expect(stored.map((r) => [r.deployment, r.env, r.ref, r.country])).toEqual([
      ['sequra', 'sandbox', 'shop-es', 'ES'],
      ['sequra', 'sandbox', 'shop-pt', 'PT'],
      ['sequra', 'sandbox', 'shop-fr', 'FR'],
      ['sequra', 'sandbox', 'shop-it', 'IT'],
    ]);
    // seQura's signature secrets and assets keys are not kept.
    expect(JSON.stringify(stored)).not.toMatch(/signature|assets/);
  });
});

describe('each order belongs to one account, chosen at registration', () => {
  it('by delivery country, then invoice country, else SEQURA_MERCHANT_ID; shown as sequra_merchant_id', async () => {
    const cases: [string, string, string][] = [
      ['PT', 'ES', 'shop-pt'],
      ['DE', 'FR', 'shop-fr'],
      ['es', 'PT', 'shop-es'],
      ['DE', 'DE', FALLBACK],
    ];
    for (const [delivery, invoice, account] of cases) {
      const ref = nextRef(`REG-${delivery}`);
      const res = await register(t, registration(ref, delivery, invoice));
      expect({ status: res.status, account: res.body.sequra_merchant_id }).toEqual({ status: 201, account });
      expect((await t.request('GET', path(ref))).body.sequra_merchant_id).toBe(account);
    }
  });

  it('or given explicitly, when it is one of ours (400 naming the field otherwise, nothing stored)', async () => {
    const ref = nextRef('EXPLICIT');
    const given = await register(t, registration(ref, 'ES', 'ES', { sequra_merchant_id: 'shop-pt' }));
    expect(given.status).toBe(201);
    expect(given.body.sequra_merchant_id).toBe('shop-pt');

    const other = nextRef('EXPLICIT');
    const refused = await register(t, registration(other, 'ES', 'ES', { sequra_merchant_id: 'someone-else' }));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        field: 'sequra_merchant_id',
        messages: [
          "'someone-else' is not one of this shop's seQura merchant accounts (shop-es, shop-pt, shop-fr, shop-it)",
        ],
      },
    ]);
    expect((await t.request('GET', path(other))).status).toBe(404);
    const empty = await register(t, registration(other, 'ES', 'ES', { sequra_merchant_id: '' }));
    expect(empty.status).toBe(400);
  });

  it('lists the orders of one account', async () => {
    const pt = nextRef('LIST-PT');
    await register(t, registration(pt, 'PT'));
    await register(t, registration(nextRef('LIST-ES'), 'ES'));
    const res = await t.request('GET', '/orders?sequra_merchant_id=shop-pt&limit=200');
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    expect(res.body.data.every((o: { sequra_merchant_id: string }) => o.sequra_merchant_id === 'shop-pt')).toBe(true);
    expect(res.body.data.map((o: { order_ref_1: string }) => o.order_ref_1)).toContain(pt);
  });

  it('is never changed afterwards', async () => {
    const ref = nextRef('KEEP');
    await register(t, registration(ref, 'PT'));
    await expect(changeOrder(t, ref, { sequraMerchantId: 'shop-es' })).rejects.toThrow(
      'Order.sequraMerchantId cannot be updated',
    );
    expect((await t.request('GET', path(ref))).body.sequra_merchant_id).toBe('shop-pt');
  });
});

describe("every call for an order uses the order's account", () => {
  it("the checkout: solicitation, form and payment methods under the order's account, then its IPN", async () => {
    const ref = nextRef('CHECKOUT-PT');
    expect((await register(t, registration(ref, 'PT'))).body.sequra_merchant_id).toBe('shop-pt');
    const shopper = { ip_number: '203.0.113.7', user_agent: 'Mozilla/5.0' };
    const urls = { return_url: 'https://shop.example/thanks', abort_url: 'https://shop.example/pay-another-way' };
    const started = await t.request('POST', `${path(ref)}/checkout`, { body: { customer: shopper, ...urls } });
    expect(started.status).toBe(201);
    expect(started.body.merchant_id).toBe('shop-pt');
    const uuid = started.body.sequra_order_ref as string;
    const [solicitation] = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/orders');
    expect(solicitation.headers['sequra-merchant-id']).toBe('shop-pt');
    expect(solicitation.body.order.merchant.id).toBe('shop-pt');
    // seQura keeps the order under the account that started it: the form and methods are found there only.
    expect(standIn.solicitations.get(uuid)).toMatchObject({ merchantId: 'shop-pt' });
    expect((await t.request('GET', `${path(ref)}/checkout/payment-methods`)).status).toBe(200);
    expect((await t.request('GET', `${path(ref)}/checkout/form`)).status).toBe(200);
    expect(standIn.requests.filter(forMerchant('shop-pt'))).toHaveLength(standIn.merchantRequests().length);

    expect((await postWebhook(t, 'ipn', ipnForm('approved', ref, uuid))).status).toBe(200);
    expect((await t.request('GET', path(ref))).body.state).toBe('approved');
    expect(standIn.solicitations.get(uuid)!.acknowledged).toBe('confirmed');
  });

  it('the IPN acknowledgement: Sequra-Merchant-Id and merchant.id of the order', async () => {
    const ref = nextRef('ACK-PT');
    expect(await approvedOrder(t, ref, 'PT')).toBe('shop-pt');
    const [ack] = standIn.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/orders/'));
    expect(ack.status).toBe(200);
    expect(ack.headers['sequra-merchant-id']).toBe('shop-pt');
    expect(ack.body.order.merchant).toMatchObject({
      id: 'shop-pt',
      notify_url: 'https://shop.example/webhooks/sequra/ipn',
    });
    expect(standIn.orders.get(ref)).toMatchObject({ merchantId: 'shop-pt', state: 'confirmed' });
    expect((await t.request('GET', path(ref))).body.state).toBe('approved');
  });

  it('Order Updates from the outbox: path, header and body of the order (seQura holds it there)', async () => {
    const ref = nextRef('OU-FR');
    expect(await approvedOrder(t, ref, 'FR')).toBe('shop-fr');
    expect((await t.request('POST', `${path(ref)}/cancel`, { body: { reason: 'out of stock' } })).status).toBe(200);
    standIn.reset();
    await t.app.get(OutboxRelayService).drainOnce();

    const [update] = standIn.requests;
    expect(update).toMatchObject({ method: 'PUT', rawPath: `/merchants/shop-fr/orders/${ref}`, status: 200 });
    expect(update.headers['sequra-merchant-id']).toBe('shop-fr');
    expect(update.body.order.merchant).toEqual({ id: 'shop-fr' });
    expect(standIn.orders.get(ref)).toMatchObject({ merchantId: 'shop-fr', updates: 1 });
    const [row] = await db.query(`SELECT status FROM sequra_outbox WHERE order_ref_1 = $1`, [ref]);
    expect(row.status).toBe('sent');
  });

  it("seQura's cancel request: the synchronous Order Update goes to the order's account", async () => {
    const ref = nextRef('CANCEL-IT');
    expect(await approvedOrder(t, ref, 'DE')).toBe(FALLBACK);
    standIn.reset();
    const uuid = (await t.request('GET', path(ref))).body.sequra_order_ref as string;
    const res = await postWebhook(t, 'events', eventForm('cancel', ref, uuid));
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { result: 'cancelled' } });
    const [update] = standIn.requests;
    expect(update).toMatchObject({ rawPath: `/merchants/${FALLBACK}/orders/${ref}`, status: 200 });
    expect(update.headers['sequra-merchant-id']).toBe(FALLBACK);
    expect(update.body.order.merchant).toEqual({ id: FALLBACK });
  });
});

describe('one delivery report per account', () => {
  it("each account's own orders and statistics, each run its own row, exactly once", async () => {
    // Clear what earlier tests left to report: this test counts entries per account.
    expect((await t.request('POST', '/shipping-reports')).status).toBe(201);
    const shipped: Record<string, string[]> = { 'shop-es': [], 'shop-pt': [], [FALLBACK]: [] };
    for (const [country, account] of [
      ['ES', 'shop-es'],
      ['ES', 'shop-es'],
      ['PT', 'shop-pt'],
      ['DE', FALLBACK],
    ]) {
      const ref = nextRef(`REPORT-${country}`);
      expect(await approvedOrder(t, ref, country)).toBe(account);
      expect((await t.request('POST', `${path(ref)}/shipments`, { body: {} })).status).toBe(200);
      shipped[account].push(ref);
    }
    const preview = await t.request('GET', '/shipping-reports/preview?sequra_merchant_id=shop-pt');
    expect(preview.body).toMatchObject({ sequra_merchant_id: 'shop-pt', order_count: 1 });
    expect(reportedRefs(preview.body.first_batch.payload)).toEqual(shipped['shop-pt']);
    expect(preview.body.accounts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sequra_merchant_id: 'shop-es', order_count: 2 }),
        expect.objectContaining({ sequra_merchant_id: 'shop-fr', order_count: 0 }),
      ]),
    );
    standIn.reset();

    const res = await t.request('POST', '/shipping-reports');
    expect(res.status).toBe(201);
    const runs = res.body.data as { sequra_merchant_id: string; status: string; order_count: number }[];
    expect(runs.map((r) => [r.sequra_merchant_id, r.status, r.order_count])).toEqual([
      ['shop-es', 'sent', 2],
      ['shop-pt', 'sent', 1],
      ['shop-fr', 'sent', 0],
      [FALLBACK, 'sent', 1],
    ]);
    const reports = deliveryReports(standIn);
    expect(reports).toHaveLength(4);
    for (const report of reports) {
      const merchant = report.headers['sequra-merchant-id'];
      expect(report.body.delivery_report.merchant).toEqual({ id: merchant });
      expect(reportedRefs(report.body).sort()).toEqual([...(shipped[merchant] ?? [])].sort());
      // Statistics: this account's orders only.
      const stats = report.body.delivery_report.statistics.orders as { merchant_reference: { order_ref_1: string } }[];
      const accountOf = async (ref: string) => (await t.request('GET', path(ref))).body.sequra_merchant_id;
      for (const entry of stats) expect(await accountOf(entry.merchant_reference.order_ref_1)).toBe(merchant);
    }
    // seQura holds each shipment, under the order's account.
    for (const ref of Object.values(shipped).flat()) expect(standIn.orders.get(ref)?.updates).toBe(1);

    // Exactly once: the next report carries none of them again.
    standIn.reset();
    const again = await t.request('POST', '/shipping-reports');
    expect(again.body.data.map((r: { order_count: number }) => r.order_count)).toEqual([0, 0, 0, 0]);
    expect(deliveryReports(standIn).flatMap((r) => reportedRefs(r.body))).toEqual([]);

    const ptRuns = await t.request('GET', '/shipping-reports?sequra_merchant_id=shop-pt');
    expect(ptRuns.body.data.length).toBeGreaterThanOrEqual(2);
    expect(ptRuns.body.data.every((r: { sequra_merchant_id: string }) => r.sequra_merchant_id === 'shop-pt')).toBe(
      true,
    );
  });
});

describe("a failed run's retry from the back office", () => {
  it("reports that run's account only; the other accounts' shipments wait for their next report", async () => {
    // Clear what earlier tests left to report.
    expect((await t.request('POST', '/shipping-reports')).status).toBe(201);
    const es = nextRef('RETRY-ES');
    expect(await approvedOrder(t, es, 'ES')).toBe('shop-es');
    expect((await t.request('POST', `${path(es)}/shipments`, { body: {} })).status).toBe(200);
    standIn.reset();
    standIn.failNext(1, 'reject422');
    const runs = (await t.request('POST', '/shipping-reports')).body.data as { id: string; status: string }[];
    const [failed] = runs.filter((r) => r.status === 'failed');
    expect(failed).toMatchObject({ sequra_merchant_id: 'shop-es', order_count: 1 });
    const pt = nextRef('RETRY-PT');
    expect(await approvedOrder(t, pt, 'PT')).toBe('shop-pt');
    expect((await t.request('POST', `${path(pt)}/shipments`, { body: {} })).status).toBe(200);
    standIn.reset();

    const res = await t.request('POST', `/needs-attention/report-runs/${failed.id}/retry`, { key: ADMIN_KEY });

    expect(res.status).toBe(200);
    const retried = res.body.runs as { sequra_merchant_id: string; status: string; order_count: number }[];
    expect(retried.map((r) => [r.sequra_merchant_id, r.status, r.order_count])).toEqual([['shop-es', 'sent', 1]]);
    const reports = deliveryReports(standIn);
    expect(reports.map((r) => [r.headers['sequra-merchant-id'], reportedRefs(r.body)])).toEqual([['shop-es', [es]]]);
    expect((await t.request('GET', path(pt))).body.reported_at).toBeNull();
    // ...which carries it.
    expect((await t.request('POST', '/shipping-reports')).status).toBe(201);
    expect((await t.request('GET', path(pt))).body.reported_at).not.toBeNull();
  });
});

describe('discovering again from the back office', () => {
  afterEach(() => {
    standIn.merchants.splice(0, standIn.merchants.length, ...ACCOUNTS);
  });

  it('takes a new account at once (admin key); a service key may read the list, not rediscover', async () => {
    standIn.merchants.push({ ref: 'shop-de', country: 'DE' });
    expect((await t.request('POST', '/merchant-accounts/discover')).status).toBe(403);
    const res = await t.request('POST', '/merchant-accounts/discover', { key: ADMIN_KEY });
    expect(res.status).toBe(200);
    expect(res.body.accounts.map((a: { sequra_merchant_id: string }) => a.sequra_merchant_id)).toEqual([
      'shop-es',
      'shop-pt',
      'shop-fr',
      'shop-it',
      'shop-de',
    ]);
    const ref = nextRef('NEW-DE');
    expect((await register(t, registration(ref, 'DE'))).body.sequra_merchant_id).toBe('shop-de');
  });

  it('seQura down or refusing: says so (503, 502) and keeps the last good list', async () => {
    const before = (await t.request('GET', '/merchant-accounts')).body;
    standIn.failNext(1, 'error500');
    const down = await t.request('POST', '/merchant-accounts/discover', { key: ADMIN_KEY });
    expect(down.status).toBe(503);
    expect(down.body.message).toMatch(/^Could not list the seQura merchant accounts: HTTP 500/);
    standIn.merchants.splice(0);
    const none = await t.request('POST', '/merchant-accounts/discover', { key: ADMIN_KEY });
    expect(none.status).toBe(502);
    expect(none.body.message).toMatch(/seQura listed no merchant account/);
    expect((await t.request('GET', '/merchant-accounts')).body).toEqual(before);
  });
});

describe('a start while seQura is down', () => {
  it('keeps the last good list from the database', async () => {
    standIn.failNext(1, 'error500');
    const second = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_MERCHANT_ID: FALLBACK }, db);
    try {
      expect(standIn.requests[0]).toMatchObject({ path: CREDENTIALS_PATH, status: 500 });
      const list = await second.request('GET', '/merchant-accounts');
      expect(list.body.source).toBe('discovered');
      expect(list.body.accounts.map((a: { country: string }) => a.country)).toEqual(
        expect.arrayContaining(['ES', 'PT', 'FR', 'IT']),
      );
      const ref = nextRef('DOWN-PT');
      expect((await register(second, registration(ref, 'PT'))).body.sequra_merchant_id).toBe('shop-pt');
    } finally {
      await second.close();
    }
  });

  it('with nothing stored and no SEQURA_MERCHANT_ID, the start stops saying what to set', async () => {
    const empty = await createTestDatabase();
    try {
      standIn.failNext(1, 'error500');
      // In production: outside it SEQURA_MERCHANT_ID has a development default.
      const env = { NODE_ENV: 'production', SEQURA_BASE_URL: standIn.url, SEQURA_MERCHANT_ID: '' };
      const started = startTestApp(env, empty);
      await expect(started).rejects.toThrow(
        /No seQura merchant account is known.*set SEQURA_MERCHANTS .* or SEQURA_MERCHANT_ID/,
      );
      await started.then((app) => app.close()).catch(() => undefined);
    } finally {
      await empty.drop();
    }
  });
});

describe('SEQURA_MERCHANTS: the accounts given, nothing asked of seQura', () => {
  let given: TestApp;
  beforeAll(async () => {
    standIn.reset();
    given = await startTestApp(
      { SEQURA_BASE_URL: standIn.url, SEQURA_MERCHANTS: 'ES:shop-es', SEQURA_MERCHANT_ID: '' },
      db,
    );
  });
  afterAll(() => given?.close());

  it('asks seQura nothing; a country no account takes is a 400 naming it', async () => {
    expect(standIn.requests).toHaveLength(0);
    const list = await given.request('GET', '/merchant-accounts');
    expect(list.body).toMatchObject({
      source: 'override',
      discovered_at: null,
      fallback_merchant_id: null,
      accounts: [{ sequra_merchant_id: 'shop-es', country: 'ES' }],
    });
    expect((await given.request('POST', '/merchant-accounts/discover', { key: ADMIN_KEY })).status).toBe(409);
    const ref = nextRef('NONE-DE');
    const refused = await register(given, registration(ref, 'DE', 'AT'));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        field: 'delivery_address.country_code',
        messages: [
          'no seQura merchant account takes orders for DE or AT (delivery, then invoice country), and ' +
            'SEQURA_MERCHANT_ID is not set for other countries',
        ],
      },
    ]);
    expect((await register(given, registration(nextRef('GIVEN-ES'), 'ES'))).body.sequra_merchant_id).toBe('shop-es');
  });

  it('an account no longer in force keeps its orders: their calls and report still go to it', async () => {
    const ref = nextRef('KEPT-PT');
    await seedConfirmedOrder(given, standIn, ref, {
      state: 'approved',
      merchantId: 'shop-pt',
      body: { delivery_address: address('PT') },
    });
    expect((await given.request('POST', `${path(ref)}/shipments`, { body: {} })).status).toBe(200);
    standIn.reset();
    const res = await given.request('POST', '/shipping-reports');
    const accounts = res.body.data.map((r: { sequra_merchant_id: string }) => r.sequra_merchant_id);
    // The account in force first, then the others with something to report (earlier tests' orders).
    expect(accounts[0]).toBe('shop-es');
    expect(accounts).toContain('shop-pt');
    const pt = deliveryReports(standIn).filter(forMerchant('shop-pt'));
    expect(pt.flatMap((r) => reportedRefs(r.body))).toEqual([ref]);
    expect(standIn.orders.get(ref)?.updates).toBe(1);
  });
});

describe('upgrade: orders and report runs from before accounts', () => {
  /** A database the previous release left: a shipped order and a pending run, both without an account. */
  async function legacyDatabase(): Promise<{ db: TestDatabase; ref: string; runId: string }> {
    const legacy = await createDatabaseMigratedBefore(MerchantAccounts1763820050000);
    const ref = nextRef('LEGACY');
    const body = orderBody(ref);
    const [{ id }] = await legacy.query(
      `INSERT INTO orders (order_ref_1, sequra_order_ref, state, cart, shipped_quantities, delivery_method, customer,
                           delivery_address, invoice_address, approved_at, shipped_at, sequra_view)
       VALUES ($1, $2, 'shipped', $3, '{"shirt1234": 1, "jacket9876": 1}', $4, $5, $6, $6, now(), now(), NULL)
       RETURNING id`,
      [
        ref,
        randomUUID(),
        JSON.stringify(body.cart),
        JSON.stringify(body.delivery_method),
        JSON.stringify(body.customer),
        JSON.stringify(body.delivery_address),
      ],
    );
    // Its report run, claimed and stored by the previous release (the body names its one account).
    const runId = randomUUID();
    const report = {
      delivery_report: {
        merchant: { id: 'shop-es' },
        orders: [{ state: 'shipped', merchant_reference: { order_ref_1: ref }, cart: body.cart }],
        broken_orders: [],
        platform: { name: 'sequra-merchant-backend' },
      },
    };
    await legacy.query(
      `INSERT INTO shipping_reports (id, trigger, status, batch, order_count, broken_order_count, statistics_count,
                                     payload)
       VALUES ($1, 'manual', 'pending', 1, 1, 0, 0, $2)`,
      [runId, await compressPayload(Buffer.from(JSON.stringify(report)))],
    );
    await legacy.query(`INSERT INTO shipping_report_claims (order_id, report_id, version) VALUES ($1, $2, 1)`, [
      id,
      runId,
    ]);
    return { db: legacy, ref, runId };
  }

  it("the orders get SEQURA_MERCHANT_ID, the account of the time; a pending run goes to its body's account", async () => {
    const { db: legacy, ref, runId } = await legacyDatabase();
    standIn.confirmOrder(ref, orderBody(ref).cart, 'confirmed', 'shop-es');
    const upgraded = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_MERCHANT_ID: 'shop-es' }, legacy);
    try {
      expect((await upgraded.request('GET', path(ref))).body.sequra_merchant_id).toBe('shop-es');
      // The start resumes the pending run: sent once, with its body's account in the header.
      const run = await waitFor('the legacy run sent', async () => {
        const r = (await upgraded.request('GET', `/shipping-reports/${runId}`)).body;
        return r.status === 'sent' ? r : undefined;
      });
      expect(run.sequra_merchant_id).toBeNull();
      const [sent] = deliveryReports(standIn);
      expect(sent.headers['sequra-merchant-id']).toBe('shop-es');
      expect(reportedRefs(sent.body)).toEqual([ref]);
      // New orders and updates of the old one need the account: the constraint holds for every new row.
      await expect(
        legacy.query(`UPDATE orders SET sequra_merchant_id = NULL WHERE order_ref_1 = $1`, [ref]),
      ).rejects.toThrow(/orders_sequra_merchant_id_set/);
    } finally {
      await upgraded.close();
      await legacy.drop();
    }
  });

  it('without SEQURA_MERCHANT_ID the start stops, naming what to set', async () => {
    const { db: legacy } = await legacyDatabase();
    try {
      await expect(
        startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_MERCHANTS: 'ES:shop-es', SEQURA_MERCHANT_ID: '' }, legacy),
      ).rejects.toThrow(
        '1 order(s) were registered before seQura merchant accounts and have none: set SEQURA_MERCHANT_ID to the ' +
          'merchant id they were registered with',
      );
    } finally {
      await legacy.drop();
    }
  });
});
