import { jest } from '@jest/globals';
import { loadConfig } from '../config/app-config.js';
import { AuthFailureLimiter, clientKey } from './auth-failure-limiter.js';

const limiterAllowing = (perMinute: number) =>
  new AuthFailureLimiter(loadConfig({ NODE_ENV: 'test', AUTH_FAILURES_PER_MINUTE: String(perMinute) }));

describe('clientKey', () => {
  test.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
  ])('%s is counted as %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});

describe('AuthFailureLimiter', () => {
  afterEach(() => jest.useRealTimers());

  test('allows AUTH_FAILURES_PER_MINUTE failures, then answers the seconds left in the minute', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T10:00:00Z') });
    const limiter = limiterAllowing(3);
    for (let i = 0; i < 3; i++) expect(await limiter.fail('198.51.100.1')).toBeUndefined();
    expect(await limiter.fail('198.51.100.1')).toBe(60);
    jest.advanceTimersByTime(20_500);
    expect(await limiter.fail('198.51.100.1')).toBe(40);
    // Another address has a budget of its own.
    expect(await limiter.fail('198.51.100.2')).toBeUndefined();
  });

  test('a new minute starts a new budget', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T10:00:00Z') });
    const limiter = limiterAllowing(2);
    await limiter.fail('198.51.100.1');
    await limiter.fail('198.51.100.1');
    expect(await limiter.fail('198.51.100.1')).toBeGreaterThan(0);
    jest.advanceTimersByTime(60_001);
    expect(await limiter.fail('198.51.100.1')).toBeUndefined();
  });

  test('the addresses of one IPv6 /64 share one budget', async () => {
    const limiter = limiterAllowing(2);
    expect(await limiter.fail('2001:db8:1:2::a')).toBeUndefined();
    expect(await limiter.fail('2001:db8:1:2::b')).toBeUndefined();
    expect(await limiter.fail('2001:db8:1:2:ffff::c')).toBeGreaterThan(0);
    expect(await limiter.fail('2001:db8:1:3::a')).toBeUndefined();
  });
});
