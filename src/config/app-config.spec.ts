import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkoutUrl, ConfigError, defaultDataDir, loadConfig, parseApiKeys } from './app-config.js';

const PROD = {
  NODE_ENV: 'production',
  PUBLIC_BASE_URL: 'https://shop.example',
  API_KEYS: 'shop:service-secret-1',
  ADMIN_API_KEYS: 'ops:admin-secret-1',
  WEBHOOK_SECRET: 'a-webhook-secret-long-enough',
  SEQURA_USER: 'u',
  SEQURA_PASSWORD: 'p',
  SEQURA_MERCHANT_ID: 'm',
};

describe('defaultDataDir (DATA_DIR unset)', () => {
  it('is ./.data for a normal user', () => {
    expect(defaultDataDir(false, '/root/shop')).toBe('./.data');
  });

  it('is one folder per clone under /var/lib for root, which the postgres user can reach', () => {
    const dir = defaultDataDir(true, '/root/shop');
    expect(dir).toMatch(/^\/var\/lib\/sequra-merchant-backend\/shop-[0-9a-f]{12}$/);
    expect(defaultDataDir(true, '/root/shop')).toBe(dir);
    expect(defaultDataDir(true, '/home/ana/shop')).not.toBe(dir);
  });

  it('keeps a ./.data that already holds a cluster for root (the earlier default)', () => {
    const clone = mkdtempSync(path.join(os.tmpdir(), 'sequra-clone-'));
    try {
      expect(defaultDataDir(true, clone)).not.toBe('./.data');
      mkdirSync(path.join(clone, '.data', 'pg'), { recursive: true });
      writeFileSync(path.join(clone, '.data', 'pg', 'PG_VERSION'), '18\n');
      expect(defaultDataDir(true, clone)).toBe('./.data');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

describe('loadConfig', () => {
  it('starts with no configuration at all outside production, warning about each default secret', () => {
    const warnings: string[] = [];
    const config = loadConfig({}, (w) => warnings.push(w));
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(defaultDataDir());
    expect(config.sequra.baseUrl).toBe('https://sandbox.sequrapi.com');
    expect(config.sequra.timeoutMs).toBe(8000);
    expect(config.shippingReport).toMatchObject({
      cron: '0 3 * * *',
      timeZone: 'Europe/Madrid',
      batchSize: 1000,
      enabled: true,
      statistics: true,
      mode: 'daily',
    });
    expect(config.retention).toEqual({
      enabled: true,
      cron: '30 4 * * *',
      webhookEventsDays: 90,
      reportPayloadDays: 90,
      batchSize: 1000,
    });
    expect(warnings.join('\n')).toMatch(/WEBHOOK_SECRET is not set/);
    expect(warnings.join('\n')).toMatch(/API_KEYS is not set/);
  });

  it('refuses to start in production without a secret, naming it', () => {
    const { WEBHOOK_SECRET: _w, ...rest } = PROD;
    expect(() => loadConfig(rest)).toThrow(new ConfigError('WEBHOOK_SECRET must be set when NODE_ENV=production'));
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({ ...PROD, SEQURA_ENV: 'live' });
    expect(config.isProduction).toBe(true);
    expect(config.sequra.baseUrl).toBe('https://live.sequrapi.com');
    expect(config.apiKeys).toEqual([{ name: 'shop', secret: 'service-secret-1' }]);
  });

  it('lets SEQURA_BASE_URL override SEQURA_ENV', () => {
    expect(loadConfig({ ...PROD, SEQURA_BASE_URL: 'http://127.0.0.1:8089/' }).sequra.baseUrl).toBe(
      'http://127.0.0.1:8089',
    );
  });

  it.each([
    ['PORT', 'abc'],
    ['SEQURA_ENV', 'staging'],
    ['SEQURA_TIMEOUT_MS', '60000'],
    ['DATABASE_URL', 'mysql://x'],
    ['SHIPPING_REPORT_BATCH_SIZE', '0'],
    ['SHIPPING_REPORT_ENABLED', 'maybe'],
    ['SHIPPING_REPORT_MODE', 'weekly'],
    ['LOG_LEVEL', 'loud'],
    ['AUTH_FAILURES_PER_MINUTE', '0'],
    ['AUTH_FAILURES_PER_MINUTE', 'many'],
    ['METRICS_TOKEN', 'too-short'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '1'],
    ['TRUST_PROXY', '10.0.0.0/8, proxy.internal'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['WEBHOOK_EVENTS_RETENTION_DAYS', '0'],
    ['REPORT_PAYLOAD_RETENTION_DAYS', 'ninety'],
    ['RETENTION_BATCH_SIZE', '20000'],
    ['RETENTION_ENABLED', 'sometimes'],
    ['DB_QUERY_TIMEOUT_MS', '50'],
    ['SHIPPING_REPORT_BACKOFF_MAX_MS', '3000000000'],
    ['OUTBOX_BACKOFF_MAX_MS', '86400001'],
    ['DB_CONNECT_TIMEOUT_MS', 'soon'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadConfig({ ...PROD, [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it('operations: the failed-authentication limit, the metrics token and the trusted proxies', () => {
    const defaults = loadConfig(PROD);
    expect(defaults).toMatchObject({ authFailuresPerMinute: 30, trustProxy: false });
    expect(defaults.metricsToken).toBeUndefined();
    const set = loadConfig({
      ...PROD,
      AUTH_FAILURES_PER_MINUTE: '5',
      METRICS_TOKEN: 'a-metrics-token-long-enough',
      TRUST_PROXY: '10.0.0.0/8, 192.168.1.10, loopback, fd00::/8',
    });
    expect(set).toMatchObject({
      authFailuresPerMinute: 5,
      metricsToken: 'a-metrics-token-long-enough',
      trustProxy: ['10.0.0.0/8', '192.168.1.10', 'loopback', 'fd00::/8'],
    });
    expect(loadConfig({ ...PROD, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(() => loadConfig({ ...PROD, TRUST_PROXY: 'true' })).toThrow(/X-Forwarded-For/);
  });

  it('checkout: default return and abort URLs, unset by default, {order_ref_1} filled in per order', () => {
    expect(loadConfig(PROD).checkout).toEqual({ returnUrl: undefined, abortUrl: undefined });
    const set = loadConfig({
      ...PROD,
      CHECKOUT_RETURN_URL: 'https://shop.example/checkout/{order_ref_1}/done',
      CHECKOUT_ABORT_URL: 'https://shop.example/checkout/payment',
    });
    expect(set.checkout).toEqual({
      returnUrl: 'https://shop.example/checkout/{order_ref_1}/done',
      abortUrl: 'https://shop.example/checkout/payment',
    });
    expect(checkoutUrl(set.checkout.returnUrl!, 'A14/12 3')).toBe('https://shop.example/checkout/A14%2F12%203/done');
    for (const bad of ['/checkout/done', 'ftp://shop.example/x', 'https://shop example/x', 'not a url']) {
      expect(() => loadConfig({ ...PROD, CHECKOUT_RETURN_URL: bad })).toThrow(/CHECKOUT_RETURN_URL: expected/);
      expect(() => loadConfig({ ...PROD, CHECKOUT_ABORT_URL: bad })).toThrow(/CHECKOUT_ABORT_URL: expected/);
    }
  });

  it('bounds every wait on the database by default, and checks the waits against each other', () => {
    expect(loadConfig(PROD).dbTimeouts).toEqual({
      connectMs: 2000,
      queryMs: 5000,
      statementMs: 4000,
      idleInTransactionMs: 30_000,
    });
    expect(loadConfig(PROD).backgroundBackoffMaxMs).toBe(30_000);
    expect(() => loadConfig({ ...PROD, DB_STATEMENT_TIMEOUT_MS: '5000' })).toThrow(
      /DB_STATEMENT_TIMEOUT_MS \(5000\) must be below DB_QUERY_TIMEOUT_MS \(5000\)/,
    );
    // Transactions stay open across a call to seQura: the idle limit must outlast it.
    expect(() => loadConfig({ ...PROD, SEQURA_TIMEOUT_MS: '29000' })).toThrow(/DB_IDLE_IN_TRANSACTION_TIMEOUT_MS/);
    expect(
      loadConfig({ ...PROD, SEQURA_TIMEOUT_MS: '29000', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '31000' }).dbTimeouts
        .idleInTransactionMs,
    ).toBe(31_000);
  });

  it('rejects an unknown time zone and a malformed cron', () => {
    expect(() => loadConfig({ ...PROD, SHIPPING_REPORT_TZ: 'Mars/Olympus' })).toThrow(/SHIPPING_REPORT_TZ/);
    expect(() => loadConfig({ ...PROD, SHIPPING_REPORT_CRON: '* *' })).toThrow(/SHIPPING_REPORT_CRON/);
    expect(() => loadConfig({ ...PROD, RETENTION_CRON: '61 4 * * *' })).toThrow(/RETENTION_CRON/);
    expect(loadConfig({ ...PROD, RETENTION_CRON: '0 */6 * * *' }).retention.cron).toBe('0 */6 * * *');
  });
});

describe('parseApiKeys', () => {
  it('reads named and bare keys, so two can be live during a rotation', () => {
    expect(parseApiKeys('API_KEYS', 'shop:old-secret-1, new-secret-22', 'service')).toEqual([
      { name: 'shop', secret: 'old-secret-1' },
      { name: 'service-2', secret: 'new-secret-22' },
    ]);
  });
  it('refuses short keys and empty lists', () => {
    expect(() => parseApiKeys('API_KEYS', 'short', 'service')).toThrow(/at least 8/);
    expect(() => parseApiKeys('API_KEYS', ' , ', 'service')).toThrow(/no key given/);
  });
});
