import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { orderBody } from '../support/fixtures.js';
import { seedOrder } from '../support/order-fixtures.js';
import type { TestApp } from '../support/test-app.js';
import { eventForm, ipnForm, postWebhook } from '../webhooks/webhook-test-helpers.js';

/** Debian's chromium (browser downloads are impossible here); the flags keep it quiet and offline. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** The tests start the app from source, which serves `admin/dist`: build it first. */
export function buildAdminBundle(): void {
  execSync('npm run build:admin --silent', { cwd: process.cwd(), stdio: 'pipe' });
}

/** A fresh tab (its own sessionStorage, like a second browser tab) at 1280×900, a laptop screen. */
export async function newTab(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Madrid',
  });
  const page = await context.newPage();
  // Anything the page logs as an error, or throws, fails loudly in the test output.
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

export async function signIn(page: Page, baseUrl: string, key: string, name?: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await page.getByLabel('Admin API key').fill(key);
  if (name) await page.getByLabel('Your name (optional)').fill(name);
  await page.getByLabel('Admin API key').press('Enter');
  await page.getByRole('heading', { name: 'Orders', level: 2 }).waitFor();
}

export async function register(t: TestApp, ref: string, overrides: Record<string, unknown> = {}): Promise<void> {
  const res = await t.request('POST', '/orders', { body: orderBody(ref, overrides) });
  if (res.status !== 201) throw new Error(`register ${ref}: ${res.status} ${res.text}`);
}

/** Approved the way seQura does it: a signed IPN (the service then acknowledges it to the stand-in). */
export async function approveByIpn(t: TestApp, ref: string): Promise<string> {
  const sequraRef = randomUUID();
  const res = await postWebhook(t, 'ipn', ipnForm('approved', ref, sequraRef));
  if (res.status !== 200) throw new Error(`IPN for ${ref}: ${res.status} ${res.text}`);
  return sequraRef;
}

export async function riskAssessment(
  t: TestApp,
  ref: string,
  sequraRef: string,
  level: 'low_risk' | 'high_risk',
): Promise<void> {
  const res = await postWebhook(
    t,
    'events',
    eventForm('risk_assessment', ref, sequraRef, { extra: { risk_level: level } }),
  );
  if (res.status !== 200) throw new Error(`risk_assessment for ${ref}: ${res.status} ${res.text}`);
}

/** An approved order seeded through the repository, for tests that need no webhook. */
export async function approvedOrder(t: TestApp, ref: string): Promise<void> {
  await seedOrder(t, ref, { state: 'approved' });
}

/**
 * playwright-core has no web-first `expect`: these poll until the page agrees (or 10 s pass, then
 * the last assertion error is thrown), so the tests wait for the UI instead of sleeping.
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const matches = (actual: string, expected: string | RegExp, whole: boolean) => {
  if (expected instanceof RegExp) expect(actual).toMatch(expected);
  else if (whole) expect(actual).toBe(expected);
  else expect(actual).toContain(expected);
};

export const see = {
  /** The element's text (whitespace collapsed) is `expected`, or matches it. */
  text: (locator: Locator, expected: string | RegExp) =>
    eventually(async () => matches(squash(await locator.innerText({ timeout: 1000 })), expected, true)),
  /** Each element's text, in order. */
  texts: (locator: Locator, expected: (string | RegExp)[]) =>
    eventually(async () => {
      const texts = (await locator.allInnerTexts()).map(squash);
      expect(texts).toHaveLength(expected.length);
      texts.forEach((text, i) => matches(text, expected[i], true));
    }),
  contains: (locator: Locator, expected: string | RegExp) =>
    eventually(async () => matches(squash(await locator.innerText({ timeout: 1000 })), expected, false)),
  count: (locator: Locator, count: number) => eventually(async () => expect(await locator.count()).toBe(count)),
  value: (locator: Locator, value: string) =>
    eventually(async () => expect(await locator.inputValue({ timeout: 1000 })).toBe(value)),
  attribute: (locator: Locator, name: string, value: string) =>
    eventually(async () => expect(await locator.getAttribute(name, { timeout: 1000 })).toBe(value)),
  disabled: (locator: Locator) =>
    eventually(async () => expect(await locator.isDisabled({ timeout: 1000 })).toBe(true)),
  visible: (locator: Locator) => locator.waitFor({ state: 'visible', timeout: 10_000 }),
};
