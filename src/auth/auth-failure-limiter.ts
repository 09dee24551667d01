import { Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config.js';

/**
 * The key a client address is counted under. IPv4 as is (an IPv4-mapped IPv6 address is its IPv4
 * address); IPv6 by its /64, the block one subscriber usually holds, so that walking through the
 * 2^64 addresses of one network is not 2^64 fresh budgets.
 */
export function clientKey(address: string): string {
  const plain = address.split('%')[0].toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1];
  if (isIP(plain) !== 6) return plain;
  const [head, tail] = plain.split('::');
  const groups = (part: string | undefined) =>
    part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : [];
  const left = groups(head);
  const right = groups(tail);
  const full =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${full
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * Failed authentication per client address: wrong or missing API keys, bad webhook signatures, wrong
 * report-trigger and metrics tokens. Up to `AUTH_FAILURES_PER_MINUTE` failures in a fixed one-minute
 * window (from the address's first failure); past that, each further failure is answered 429 with
 * `Retry-After` (the seconds left in the window) instead of 401/403. Only failures are counted: a
 * request with a valid key or signature is never counted and never refused, even from an address
 * over the limit, so one misbehaving client behind a shared address (a NAT, a proxy) cannot lock the
 * others out.
 *
 * Counted in this replica's memory (rate-limiter-flexible's RateLimiterMemory: a map with one
 * expiring entry per address); each replica applies the limit on its own.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(config: AppConfig) {
    this.limiter = new RateLimiterMemory({
      keyPrefix: 'auth-failures',
      points: config.authFailuresPerMinute,
      duration: 60,
    });
  }

  /**
   * Records one failed check from `address`. Resolves to undefined while the address is within the
   * limit (answer 401/403 as usual), or to the whole seconds until its window ends (answer 429).
   */
  async fail(address: string): Promise<number | undefined> {
    try {
      await this.limiter.consume(clientKey(address));
      return undefined;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    }
  }
}
