import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSequraStandIn, type SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { OutboxRelayService } from '../../src/sequra/outbox-relay.service.js';
import { seedConfirmedOrder } from '../support/sequra-fixtures.js';
import { ADMIN_KEY, SERVICE_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { ipnForm, postWebhook } from '../webhooks/webhook-test-helpers.js';
import {
  approveByIpn,
  approvedOrder,
  buildAdminBundle,
  launchBrowser,
  newTab,
  register,
  riskAssessment,
  see,
  signIn,
} from './browser-helpers.js';

/**
 * The back-office page in a real headless Chromium against the real app (real PostgreSQL) and the
 * seQura stand-in: sign in, find, open, correct (with validation and a 412 from a second tab), and
 * run a shipping report.
 */
describe('back-office page (/admin) in Chromium', () => {
  let standIn: SequraStandIn;
  let t: TestApp;
  let browser: Browser;
  const tabs: Page[] = [];

  // A partly shipped order with an IPN and a risk assessment: the order page shows everything.
  const RICH = 'A14/2025-0042';
  const cart = {
    currency: 'EUR',
    order_total_with_tax: 9600,
    items: [
      {
        type: 'product',
        reference: 'shirt1234',
        name: 'Linen shirt',
        price_with_tax: 1250,
        quantity: 2,
        total_with_tax: 2500,
      },
      {
        type: 'product',
        reference: 'jacket9876',
        name: 'Denim jacket',
        price_with_tax: 7100,
        quantity: 1,
        total_with_tax: 7100,
      },
    ],
  };

  const tab = async () => {
    const page = await newTab(browser);
    tabs.push(page);
    return page;
  };

  beforeAll(async () => {
    buildAdminBundle();
    standIn = await startSequraStandIn();
    t = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_TIMEOUT_MS: '3000' });
    browser = await launchBrowser();

    await register(t, RICH, { cart });
    const sequraRef = await approveByIpn(t, RICH);
    await riskAssessment(t, RICH, sequraRef, 'low_risk');
    const shipped = await t.request('POST', `/orders/${encodeURIComponent(RICH)}/shipments`, {
      body: {
        items: [{ reference: 'shirt1234', quantity: 1 }],
        tracking: {
          carrier: 'MRW',
          tracking_number: 'MRW0012345',
          tracking_url: 'https://www.mrw.es/seguimiento?n=MRW0012345',
        },
      },
    });
    expect(shipped.status).toBe(200);
    // 27 orders to page through (the page shows 25 at a time), registered oldest first.
    for (let i = 1; i <= 27; i++) await register(t, `PAGE-${String(i).padStart(3, '0')}`);
  }, 120_000);

  afterAll(async () => {
    for (const page of tabs)
      await page
        .context()
        .close()
        .catch(() => undefined);
    await browser?.close();
    await t?.close();
    await standIn?.close();
  });

  it('refuses a wrong key and a service key in plain words, and keeps the admin key in sessionStorage only', async () => {
    const page = await tab();
    await page.goto(`${t.baseUrl}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/');

    await page.getByLabel('Admin API key').fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see.text(page.getByRole('alert'), /This key was not accepted/);

    await page.getByLabel('Admin API key').fill(SERVICE_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see.text(page.getByRole('alert'), /service key .* not an admin key/);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await page.getByLabel('Admin API key').fill(ADMIN_KEY);
    await page.getByLabel('Your name (optional)').fill('Marta');
    await page.getByLabel('Admin API key').press('Enter');
    await page.getByRole('heading', { name: 'Orders', level: 2, exact: true }).waitFor();
    await see.visible(page.getByText('Signed in as Marta'));
    const stored = await page.evaluate(() => ({
      session: Object.values(sessionStorage),
      local: localStorage.length,
      cookies: document.cookie,
    }));
    expect(stored).toEqual({ session: expect.arrayContaining([ADMIN_KEY, 'Marta']), local: 0, cookies: '' });

    // A key that stops working mid-session (revoked): the next call's 401 sends the user back to sign in.
    await page.evaluate(() => sessionStorage.setItem('sequra-admin.key', 'revoked-key'));
    await page.goto(`${t.baseUrl}/admin/#/reports`);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await see.text(page.locator('#messages'), /did not accept your key/);
    expect(await page.evaluate(() => sessionStorage.getItem('sequra-admin.key'))).toBeNull();

    await page.getByLabel('Admin API key').fill(ADMIN_KEY);
    await page.getByLabel('Admin API key').press('Enter');
    await page.getByRole('heading', { name: 'Orders', level: 2, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('finds orders by part of order_ref_1 and by state, newest first, paging with the cursor', async () => {
    const page = await tab();
    await signIn(page, t.baseUrl, ADMIN_KEY);
    const firstColumn = () => page.locator('table.orders tbody th').allTextContents();

    await page.getByLabel('Order reference').fill('PAGE-');
    await page.getByRole('button', { name: 'Search' }).click();
    await see.text(page.locator('table.orders caption'), /page 1$/);
    const page1 = await firstColumn();
    expect(page1).toHaveLength(25);
    expect(page1[0]).toBe('PAGE-027');
    expect(page1[24]).toBe('PAGE-003');

    await page.getByRole('button', { name: 'Older orders →' }).click();
    await see.text(page.locator('table.orders caption'), /page 2$/);
    expect(await firstColumn()).toEqual(['PAGE-002', 'PAGE-001']);
    await see.disabled(page.getByRole('button', { name: 'Older orders →' }));
    await page.getByRole('button', { name: '← Newer orders' }).click();
    await see.text(page.locator('table.orders caption'), /page 1$/);
    expect((await firstColumn())[0]).toBe('PAGE-027');

    await page.getByLabel('Order reference').fill('2025-00');
    await page.getByLabel('State').selectOption('shipped');
    await page.getByRole('button', { name: 'Search' }).click();
    await see.text(page.locator('table.orders caption'), /state shipped/);
    expect(await firstColumn()).toEqual([RICH]);

    await page.getByLabel('State').selectOption('pending');
    await page.getByRole('button', { name: 'Search' }).click();
    await see.visible(page.getByText('No order found with reference containing “2025-00”, state pending.'));
  });

  it('opens an order: state, risk, cart with shipped and remaining, people, tracking, history and webhooks', async () => {
    const page = await tab();
    await signIn(page, t.baseUrl, ADMIN_KEY);
    await page.getByLabel('Order reference').fill('0042');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: RICH }).click();

    await see.text(page.getByRole('heading', { level: 2 }), `Order ${RICH} Shipped`);
    expect(page.url()).toContain('#/orders/A14%2F2025-0042');
    const summary = page.locator('section', { has: page.getByRole('heading', { name: 'Summary' }) });
    await see.contains(summary, 'Risk level');
    await see.contains(summary, 'low risk');
    await see.contains(summary, '€96.00');

    const cartRows = page.locator('table.cart tbody tr');
    await see.count(cartRows, 2);
    // Item, Reference, Type, Unit price, Qty, Shipped, Cancelled, Returned, Left to ship, Total
    expect((await cartRows.nth(0).locator('td').allTextContents()).map((s) => s.trim())).toEqual([
      'Linen shirt',
      'shirt1234',
      'product',
      '€12.50',
      '2',
      '1',
      '0',
      '0',
      '1',
      '€25.00',
    ]);
    expect((await cartRows.nth(1).locator('td').allTextContents()).map((s) => s.trim())).toEqual([
      'Denim jacket',
      'jacket9876',
      'product',
      '€71.00',
      '1',
      '0',
      '0',
      '0',
      '1',
      '€71.00',
    ]);
    // seQura's view: the shipped shirt is charged, the rest still to ship; the report is to tell seQura.
    const sequraView = page.locator('[data-panel="sequra-view"]');
    await see.contains(sequraView, 'The next delivery report tells seQura of the first shipment');
    // Current shipped and unshipped carts, and (collapsed) the unshipped cart seQura last acknowledged.
    await see.count(sequraView.locator('table.sequra-cart'), 3);
    await see.contains(sequraView.locator('table.sequra-cart').nth(0), /Linen shirt product 1 €12\.50.*Total €12\.50/);
    await see.contains(sequraView.locator('table.sequra-cart').nth(1), /Total €83\.50/);

    await see.contains(page.locator('[data-section="customer"]'), 'ana@example.com');
    await see.contains(page.locator('[data-section="delivery_address"]'), 'Calle Mayor 1');
    await see.contains(page.locator('[data-section="invoice_address"]'), '28013');

    const tracking = page.locator('section', { has: page.getByRole('heading', { name: 'Tracking' }) });
    await see.contains(tracking, 'MRW0012345');
    await see.attribute(tracking.getByRole('link', { name: /Track parcel/ }), 'rel', 'noopener noreferrer');

    const history = page.locator('section', { has: page.getByRole('heading', { name: 'State history' }) });
    await see.count(history.locator('tbody tr'), 3); // approved (IPN), risk note, shipped
    await see.contains(history.locator('tbody tr').nth(0), 'Pending → Approved');
    await see.contains(history.locator('tbody tr').nth(2), 'Approved → Shipped');

    const webhooks = page.locator('section', { has: page.getByRole('heading', { name: 'Webhook events received' }) });
    await see.count(webhooks.locator('tbody tr'), 2);
    await see.contains(webhooks.locator('tbody tr').nth(0), 'risk_assessment');
    await see.contains(webhooks.locator('tbody tr').nth(1), 'IPN');
    await see.contains(webhooks.locator('tbody tr').nth(1), 'approved');

    // Every form control has a label a screen reader can read.
    const unlabelled = await page.evaluate(
      () =>
        [...document.querySelectorAll('input, select, textarea, button')].filter((el) => {
          const labelled =
            (el as HTMLInputElement).labels?.length ||
            el.getAttribute('aria-label') ||
            (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !labelled;
        }).length,
    );
    expect(unlabelled).toBe(0);
    await see.count(page.getByText(/Could not load/), 0);

    // An unknown order says so.
    await page.goto(`${t.baseUrl}/admin/#/orders/${encodeURIComponent('NOPE/1')}`);
    await see.text(page.getByRole('alert'), 'There is no order with the reference “NOPE/1”.');
  });

  it('corrects the delivery address: validates like the API, shows its 400s by the fields, then saves with If-Match and shows the audit rows', async () => {
    const page = await tab();
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(`${request.url()} if-match=${request.headers()['if-match']}`);
    });
    await signIn(page, t.baseUrl, ADMIN_KEY, 'Marta');
    await page.goto(`${t.baseUrl}/admin/#/orders/${encodeURIComponent(RICH)}`);

    // Client-side checks, like the API's: nothing is sent.
    const delivery = page.locator('[data-section="delivery_address"]');
    await delivery.getByRole('button', { name: 'Correct delivery address' }).click();
    await delivery.getByLabel('Postal code').fill('99013');
    await delivery.getByLabel('Country code').fill('XX');
    await delivery.getByLabel('Phone', { exact: true }).fill('call me');
    await delivery.getByRole('button', { name: 'Save delivery address' }).click();
    await see.text(delivery.getByRole('alert'), /Not saved: 2 fields need correcting/);
    await see.contains(
      delivery.locator('.field', { has: page.getByLabel('Country code') }),
      'must be an ISO 3166-1 alpha-2 country code',
    );
    await see.contains(
      delivery.locator('.field', { has: page.getByLabel('Phone', { exact: true }) }),
      'may hold digits, spaces',
    );
    await see.attribute(delivery.getByLabel('Country code'), 'aria-invalid', 'true');
    await delivery.getByLabel('Country code').fill('es');
    await delivery.getByLabel('Phone', { exact: true }).fill('600000000');
    await delivery.getByRole('button', { name: 'Save delivery address' }).click();
    await see.contains(
      delivery.locator('.field', { has: page.getByLabel('Postal code') }),
      'postal_code is not valid for country ES',
    );
    expect(patches).toEqual([]);

    // What only the API catches (validator.js refuses a local part over 64 characters) still shows by the field.
    const customer = page.locator('[data-section="customer"]');
    await customer.getByRole('button', { name: 'Correct customer' }).click();
    await customer.getByLabel('Email').fill(`${'a'.repeat(65)}@example.com`);
    await customer.getByRole('button', { name: 'Save customer' }).click();
    await see.text(customer.getByRole('alert').first(), /the service refused the correction/);
    await see.contains(
      customer.locator('.field', { has: page.getByLabel('Email') }),
      'email must be a valid email address',
    );
    expect(patches).toHaveLength(1);
    await customer.getByRole('button', { name: 'Cancel' }).click();

    // A valid correction: two fields, If-Match, the new audit rows shown.
    await delivery.getByLabel('Postal code').fill('28014');
    await delivery.getByLabel('City').fill('Madrid Centro');
    await delivery.getByLabel('Who asked for this correction?').selectOption('merchant');
    await delivery.getByLabel('Note (optional, kept in the audit trail)').fill('Shopper called: new flat');
    await delivery.getByRole('button', { name: 'Save delivery address' }).click();
    await see.text(delivery.getByRole('status'), /Saved: 2 fields changed/);
    expect(patches[1]).toMatch(/\/orders\/A14%2F2025-0042\/delivery-address if-match="\d+"$/);
    const newRows = delivery.locator('table.changes tbody tr');
    await see.texts(newRows, ['postal_code 28013 28014', 'city Madrid Madrid Centro']);
    await see.contains(
      delivery.locator('.saved-rows'),
      /Recorded .* by backoffice \(Marta\) · Merchant · Note: Shopper called: new flat/,
    );
    await see.contains(delivery.locator('dl'), '28014');
    // The order's audit trail (reloaded after the save) has them too. The merchant's correction of
    // this shipped order is not sent by Order Update: seQura has not heard of the shipment yet, and the
    // next delivery report carries it with the corrected address (daily mode).
    const audit = page.locator('section', { has: page.getByRole('heading', { name: /audit trail/ }) });
    await see.count(audit.locator('tbody tr'), 2);
    const calls = page.locator('section', { has: page.getByRole('heading', { name: 'seQura calls (outbox)' }) });
    await see.contains(calls, 'No call to seQura queued for this order.');

    // The README's picture: refreshed only on request (UPDATE_SCREENSHOT=1), so a test run leaves the tree clean.
    const shot = process.env.UPDATE_SCREENSHOT === '1' ? 'docs/admin-order.png' : join(tmpdir(), 'admin-order.png');
    mkdirSync(dirname(shot), { recursive: true });
    await page.getByRole('heading', { level: 2 }).scrollIntoViewIfNeeded();
    const png = await page.screenshot({ path: shot, fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('does not overwrite a correction made meanwhile in another tab (412): says so and shows the current data', async () => {
    const ref = 'A14/2025-0050';
    await approvedOrder(t, ref);
    const [first, second] = [await tab(), await tab()];
    for (const page of [first, second]) {
      await signIn(page, t.baseUrl, ADMIN_KEY, page === first ? 'Luis' : 'Marta');
      await page.goto(`${t.baseUrl}/admin/#/orders/${encodeURIComponent(ref)}`);
      await page
        .locator('[data-section="invoice_address"]')
        .getByRole('button', { name: 'Correct invoice address' })
        .click();
      await page.locator('[data-section="invoice_address"]').getByLabel('City').waitFor();
    }

    const a = first.locator('[data-section="invoice_address"]');
    await a.getByLabel('City').fill('Alcalá de Henares');
    await a.getByLabel('Postal code').fill('28801');
    await a.getByRole('button', { name: 'Save invoice address' }).click();
    await see.text(a.getByRole('status'), /Saved: 2 fields changed/);

    const b = second.locator('[data-section="invoice_address"]');
    await b.getByLabel('Address line 1').fill('Calle Mayor 3');
    await b.getByRole('button', { name: 'Save invoice address' }).click();
    await see.text(
      b.getByRole('alert'),
      /Someone else changed this order’s customer data after you opened the form\. Your correction was not saved/,
    );
    // The current data, not the stale one: in the read-only view and in the re-opened form.
    await see.contains(b.locator('dl'), 'Alcalá de Henares');
    await see.value(b.getByLabel('City'), 'Alcalá de Henares');
    await see.value(b.getByLabel('Postal code'), '28801');
    await see.value(b.getByLabel('Address line 1'), 'Calle Mayor 1');
    await see.texts(b.locator('table.unsaved tbody tr'), [/address_line_1\s*Calle Mayor 3\s*Calle Mayor 1/]);
    const [stored] = await t.db.query(`SELECT invoice_address FROM orders WHERE order_ref_1 = $1`, [ref]);
    expect(stored.invoice_address).toMatchObject({
      city: 'Alcalá de Henares',
      postal_code: '28801',
      address_line_1: 'Calle Mayor 1',
    });

    // Re-applied on the current data, it saves (the form carries the new ETag).
    await b.getByLabel('Address line 1').fill('Calle Mayor 3');
    await b.getByRole('button', { name: 'Save invoice address' }).click();
    await see.text(b.getByRole('status'), /Saved: one field changed/);
    const audit = await t.db.query(
      `SELECT field, actor FROM customer_data_changes WHERE order_ref_1 = $1 ORDER BY id`,
      [ref],
    );
    expect(audit).toEqual([
      { field: expect.any(String), actor: 'backoffice (Luis)' },
      { field: expect.any(String), actor: 'backoffice (Luis)' },
      { field: 'address_line_1', actor: 'backoffice (Marta)' },
    ]);
  });

  it('says plainly when the order can no longer be corrected (409) after the form was opened', async () => {
    const ref = 'A14/2025-0060';
    await register(t, ref);
    const page = await tab();
    await signIn(page, t.baseUrl, ADMIN_KEY);
    await page.goto(`${t.baseUrl}/admin/#/orders/${encodeURIComponent(ref)}`);
    const customer = page.locator('[data-section="customer"]');
    await customer.getByRole('button', { name: 'Correct customer' }).click();
    await customer.getByLabel('Email').fill('ana.garcia@example.com');
    expect((await t.request('POST', `/orders/${encodeURIComponent(ref)}/cancel`, { body: {} })).status).toBe(200);
    await customer.getByRole('button', { name: 'Save customer' }).click();
    await see.text(
      customer.getByRole('alert'),
      /Not saved\. Not possible in the order's current state\. The service said: “Order 'A14\/2025-0060' is cancelled/,
    );
  });

  it('lists shipping-report runs, previews the next one, runs one now against seQura (the stand-in) and opens it', async () => {
    standIn.reset();
    const page = await tab();
    await signIn(page, t.baseUrl, ADMIN_KEY);
    await page.getByRole('link', { name: 'Shipping reports' }).click();
    await see.visible(page.getByText('No report has been run yet.'));

    await page.getByRole('button', { name: 'Preview the next report' }).click();
    const preview = page.locator('section', { has: page.getByRole('heading', { name: /Next report/ }) });
    await see.contains(preview, /Shipped orders not reported yet\s*1/);
    expect(standIn.requests).toEqual([]);

    await page.getByRole('button', { name: 'Run a report now' }).click();
    await see.text(page.getByRole('status'), /Report run: one batch, one order\. Sent; seQura answered 204\./);
    const posts = standIn.requests.filter((r) => r.method === 'POST' && r.path === '/orders/delivery_reports');
    expect(posts).toHaveLength(1);
    expect(
      posts[0].body.delivery_report.orders.map(
        (o: { merchant_reference: { order_ref_1: string } }) => o.merchant_reference.order_ref_1,
      ),
    ).toEqual([RICH]);
    // The corrected address reached seQura.
    expect(posts[0].body.delivery_report.orders[0].delivery_address).toMatchObject({
      postal_code: '28014',
      city: 'Madrid Centro',
    });

    const runs = page.locator('table.runs tbody tr');
    await see.count(runs, 1);
    await see.contains(runs.nth(0), 'manual');
    await see.contains(runs.nth(0), 'sent');
    await see.contains(runs.nth(0), '204');
    await runs.nth(0).getByRole('link', { name: /Open/ }).click();
    await page.getByRole('heading', { name: 'Shipping report run' }).waitFor();
    await see.visible(
      page
        .locator('section', { has: page.getByRole('heading', { name: 'Orders in this report' }) })
        .getByRole('link', { name: RICH }),
    );
    await see.contains(page.locator('dl'), /seQura’s answer 204/);

    // seQura refusing the next one: the failure and seQura's messages are shown, not swallowed.
    standIn.failNext(1, 'reject422');
    await page.getByRole('link', { name: '← Shipping reports' }).click();
    await page.getByRole('button', { name: 'Run a report now' }).click();
    await see.text(page.getByRole('alert'), /seQura refused it/);
    await see.contains(page.locator('table.runs tbody tr').nth(0), 'failed');
  });

  it('shows every attempt to start the order at seQura, which seQura order is current, and an IPN refused for a replaced one', async () => {
    const ref = 'A14/2025-0080';
    await register(t, ref);
    const body = {
      customer: { ip_number: '203.0.113.7', user_agent: 'Mozilla/5.0' },
      gui: { layout: 'smartphone' },
      return_url: 'https://shop.example/thanks',
      abort_url: 'https://shop.example/payment',
    };
    const checkout = () => t.request('POST', `/orders/${encodeURIComponent(ref)}/checkout`, { body });
    const first = (await checkout()).body.sequra_order_ref as string;
    standIn.failNext(1, 'error500');
    expect((await checkout()).status).toBe(503);
    const latest = (await checkout()).body.sequra_order_ref as string;
    // The shopper finished the replaced seQura order's form: its IPN is refused (404), the order stays pending.
    expect((await postWebhook(t, 'ipn', ipnForm('approved', ref, first))).status).toBe(404);

    const page = await tab();
    await signIn(page, t.baseUrl, ADMIN_KEY);
    await page.goto(`${t.baseUrl}/admin/#/orders/${encodeURIComponent(ref)}`);
    const panel = page.locator('#checkout');
    await see.contains(panel, /Current seQura order\s*/);
    await see.contains(panel.locator('dl'), latest);
    await see.contains(panel.locator('dl'), /seQura orders started\s*2/);
    await see.contains(panel.locator('dl'), 'https://shop.example/thanks');
    await see.texts(panel.locator('table.checkout-attempts tbody tr'), [
      new RegExp(`started seQura order started · smartphone shop ${first} \\(replaced\\) 204`),
      /unavailable seQura could not be reached.* shop — 500 HTTP 500/,
      new RegExp(`started seQura order started · smartphone shop ${latest} \\(current\\) 204`),
      new RegExp(
        'IPN approved for a seQura order that is not the latest: refused \\(404\\), nothing changed ' +
          `seQura ${first} \\(replaced\\)`,
      ),
    ]);
    await see.count(page.getByText(/Could not load/), 0);
  });

  it('records a return and a refund of a shipped order, shows seQura’s view before and after it is told, and a 409 in plain words', async () => {
    const ref = 'A14/2025-0070';
    await seedConfirmedOrder(t, standIn, ref, { state: 'shipped', set: { reportedAt: new Date() } });
    const page = await tab();
    await signIn(page, t.baseUrl, ADMIN_KEY, 'Marta');
    await page.goto(`${t.baseUrl}/admin/#/orders/${encodeURIComponent(ref)}`);
    const view = page.locator('[data-panel="sequra-view"]');
    await see.contains(view, 'seQura holds these carts');
    await see.contains(view, /Shipped cart: what seQura charges the shopper for.*Total €83\.50/);
    const panel = page.locator('[data-panel="adjustments"]');
    await see.contains(panel, 'No return or refund recorded.');
    // Units can only be cancelled while some are left to ship: none are.
    await see.disabled(panel.getByRole('button', { name: 'Cancel units not yet shipped' }));

    await panel.getByRole('button', { name: 'Record a return or refund' }).click();
    const shirt = panel.getByLabel('shirt: units returned (up to 1)');
    // Checked before sending: one shirt shipped, so at most one comes back.
    await shirt.fill('2');
    await panel.getByRole('button', { name: 'Record the return or refund' }).click();
    await see.text(panel.getByRole('alert'), 'Not sent: correct the fields marked.');
    await see.text(panel.locator('.field-error li'), 'At most 1.');

    await shirt.fill('1');
    await panel.getByLabel('Amount refunded as money (optional)').fill('10,50');
    await panel.getByLabel('Reason (optional)').fill('damaged');
    await panel.getByRole('button', { name: 'Record the return or refund' }).click();
    await see.text(
      page.locator('#messages').getByRole('status'),
      /^Recorded: €10\.50 refunded, 1 line\(s\) returned\./,
    );
    const stored = (await t.request('GET', `/orders/${encodeURIComponent(ref)}`)).body;
    expect(stored.refunds).toEqual([
      expect.objectContaining({
        n: 1,
        items: { shirt1234: 1 },
        amount: 1050,
        reason: 'damaged',
        actor: 'backoffice (Marta)',
      }),
    ]);
    const adjustments = page.locator('[data-panel="adjustments"]');
    await see.contains(adjustments.locator('table.refunds tbody tr'), /1 × shirt1234.*€10\.50.*damaged/);
    await see.contains(page.locator('[data-panel="sequra-view"]'), 'An Order Update is owed');

    // The relay tells seQura; the page, reloaded, says seQura holds the new carts.
    standIn.reset();
    await t.app.get(OutboxRelayService).drainOnce();
    expect(standIn.orders.get(ref)!.shipped_cart.order_total_with_tax).toBe(8350 - 1250 - 1050);
    await page.getByRole('button', { name: 'Reload order' }).click();
    await see.contains(page.locator('[data-panel="sequra-view"]'), 'seQura holds these carts');

    // More than is left: the service's 409, in plain words, and nothing recorded.
    const again = page.locator('[data-panel="adjustments"]');
    await again.getByRole('button', { name: 'Record a return or refund' }).click();
    await again.getByLabel('Amount refunded as money (optional)').fill('100');
    await again.getByRole('button', { name: 'Record the return or refund' }).click();
    await see.text(
      again.getByRole('alert'),
      "Not recorded. Not possible in the order's current state. " +
        'The service said: “amount 10000 is more than the 6050 cents left in shipped_cart”',
    );
    expect((await t.request('GET', `/orders/${encodeURIComponent(ref)}`)).body.refunds).toHaveLength(1);
  });
});
