import fc from 'fast-check';
import { backoffDelay, decideRetry } from './retry-policy.js';

describe('backoffDelay (capped exponential, full jitter)', () => {
  test('the ceiling doubles with each attempt, from the base', () => {
    const almostOne = () => 0.999999;
    expect(backoffDelay(1, 1000, 300_000, almostOne)).toBe(999);
    expect(backoffDelay(2, 1000, 300_000, almostOne)).toBe(1999);
    expect(backoffDelay(3, 1000, 300_000, almostOne)).toBe(3999);
    expect(backoffDelay(6, 1000, 300_000, almostOne)).toBe(31_999);
  });

  test('the ceiling never exceeds the cap, however many attempts', () => {
    const almostOne = () => 0.999999;
    expect(backoffDelay(10, 1000, 300_000, almostOne)).toBe(299_999);
    expect(backoffDelay(1_000, 1000, 300_000, almostOne)).toBe(299_999);
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, 1000, 300_000, almostOne)).toBe(299_999);
  });

  test('full jitter: the lowest draw means no wait, a middle draw half the ceiling', () => {
    expect(backoffDelay(4, 1000, 300_000, () => 0)).toBe(0);
    expect(backoffDelay(4, 1000, 300_000, () => 0.5)).toBe(4000);
  });

  test('property: always an integer in [0, min(max, base·2^(attempt-1)))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 3_600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, max, draw) => {
          const delay = backoffDelay(attempt, base, max, () => draw);
          const ceiling = Math.min(max, base * 2 ** (attempt - 1));
          return Number.isInteger(delay) && delay >= 0 && delay < ceiling && delay < max;
        },
      ),
    );
  });

  test('with the real random source, delays spread over the whole range', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(5, 100, 60_000));
    const ceiling = 1600;
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(ceiling);
    expect(Math.min(...delays)).toBeLessThan(ceiling * 0.1);
    expect(Math.max(...delays)).toBeGreaterThan(ceiling * 0.9);
    expect(new Set(delays).size).toBeGreaterThan(500);
  });
});

describe('decideRetry', () => {
  const policy = { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 60_000 };

  test('a retryable failure below the limit retries after the jittered backoff', () => {
    expect(decideRetry(policy, 1, true, () => 0.5)).toEqual({ kind: 'retry', delayMs: 500 });
    expect(decideRetry(policy, 2, true, () => 0.5)).toEqual({ kind: 'retry', delayMs: 1000 });
  });

  test('the last allowed attempt gives up, and so does any refusal', () => {
    expect(decideRetry(policy, 3, true)).toEqual({ kind: 'give_up' });
    expect(decideRetry(policy, 1, false)).toEqual({ kind: 'give_up' });
  });
});
