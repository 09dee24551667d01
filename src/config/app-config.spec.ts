import { ConfigError, loadConfig, parseApiKeys } from './app-config.js';

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

describe('loadConfig', () => {
  it('starts with no configuration at all outside production, warning about each default secret', () => {
    const warnings: string[] = [];
    const config = loadConfig({}, (w) => warnings.push(w));
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./.data');
    expect(config.sequra.baseUrl).toBe('https://sandbox.sequrapi.com');
    expect(config.sequra.timeoutMs).toBe(8000);
    expect(config.shippingReport).toMatchObject({
      cron: '0 3 * * *',
      timeZone: 'Europe/Madrid',
      batchSize: 1000,
      enabled: true,
      statistics: true,
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
    ['LOG_LEVEL', 'loud'],
    ['WEBHOOK_EVENTS_RETENTION_DAYS', '0'],
    ['REPORT_PAYLOAD_RETENTION_DAYS', 'ninety'],
    ['RETENTION_BATCH_SIZE', '20000'],
    ['RETENTION_ENABLED', 'sometimes'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadConfig({ ...PROD, [name]: value })).toThrow(new RegExp(`${name}:`));
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
