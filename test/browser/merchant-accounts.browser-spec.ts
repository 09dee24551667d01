import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startSequraStandIn, type SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/test-app.js';
import { buildAdminBundle, launchBrowser, newTab, register, see, signIn } from './browser-helpers.js';

/**
 * The seQura merchant accounts in the back office, in a real headless Chromium against the real app and
 * a stand-in whose API user has a Spanish and a Portuguese account: the account on the order page, the
 * orders of one account, the accounts page and "discover again".
 */
describe('merchant accounts in the back office (Chromium)', () => {
  let standIn: SequraStandIn;
  let t: TestApp;
  let browser: Browser;
  let page: Page;

  const address = (country: string) => ({
    address_line_1: 'Rua Augusta 1',
    postal_code: '1100-048',
    city: 'Lisboa',
    country_code: country,
  });

  beforeAll(async () => {
    buildAdminBundle();
    standIn = await startSequraStandIn({
      merchants: [
        { ref: 'shop-es', country: 'ES' },
        { ref: 'shop-pt', country: 'PT' },
      ],
    });
    t = await startTestApp({ SEQURA_BASE_URL: standIn.url, SEQURA_MERCHANT_ID: 'shop-es' });
    browser = await launchBrowser();
    await register(t, 'ACC/ES-1');
    await register(t, 'ACC/PT-1', { delivery_address: address('PT'), invoice_address: address('PT') });
    page = await newTab(browser);
    await signIn(page, t.baseUrl, ADMIN_KEY, 'Marta');
  }, 120_000);

  afterAll(async () => {
    await page
      ?.context()
      .close()
      .catch(() => undefined);
    await browser?.close();
    await t?.close();
    await standIn?.close();
  });

  it("shows the order's account, and its link lists that account's orders only", async () => {
    await page.goto(`${t.baseUrl}/admin/#/orders/${encodeURIComponent('ACC/PT-1')}`);
    const summary = page.locator('section', { has: page.getByRole('heading', { name: 'Summary' }) });
    await see.contains(summary, /seQura merchant account\s*shop-pt/);

    await summary.getByRole('link', { name: 'shop-pt' }).click();
    await page.getByRole('heading', { name: 'Orders', level: 2 }).waitFor();
    await see.value(page.getByLabel('seQura account'), 'shop-pt');
    const rows = page.locator('table.orders tbody tr');
    await see.count(rows, 1);
    await see.contains(rows.first(), /ACC\/PT-1\s.*shop-pt/);
    await see.contains(page.locator('table.orders caption'), 'seQura account shop-pt');
  });

  it('filters the orders by account from the list of accounts', async () => {
    await page.goto(`${t.baseUrl}/admin/#/orders`);
    const select = page.getByLabel('seQura account');
    await see.count(select.locator('option'), 3); // Any account, shop-es, shop-pt
    await select.selectOption('shop-es');
    await page.getByRole('button', { name: 'Search' }).click();
    await see.contains(page.locator('table.orders caption'), 'seQura account shop-es');
    const refs = await page.locator('table.orders tbody th').allInnerTexts();
    expect(refs).toEqual(['ACC/ES-1']);
  });

  it('lists the accounts and discovers them again when seQura adds one', async () => {
    await page.getByRole('link', { name: 'Merchant accounts' }).click();
    await page.getByRole('heading', { name: 'seQura merchant accounts' }).waitFor();
    const accounts = page.locator('table.accounts tbody tr');
    await see.texts(accounts, [/^shop-es\s+ES/, /^shop-pt\s+PT/]);
    await see.contains(page.locator('main'), /Where they come from\s*listed by seQura/);
    await see.contains(page.locator('main'), /Countries without an account\s*go to shop-es/);

    standIn.merchants.push({ ref: 'shop-fr', country: 'FR', realm: 'svea' });
    await page.getByRole('button', { name: 'Discover again from seQura' }).click();
    await see.text(page.getByRole('status'), /seQura listed 3 account\(s\)/);
    await see.texts(accounts, [/^shop-es\s+ES/, /^shop-pt\s+PT/, /^shop-fr\s+FR.*svea/]);

    // seQura down: said in plain words, the list stays.
    standIn.failNext(1, 'error500');
    await page.getByRole('button', { name: 'Discover again from seQura' }).click();
    await see.text(page.getByRole('alert'), /The accounts were not changed\. .*unavailable.*HTTP 500/);
    await see.count(accounts, 3);
  });
});
