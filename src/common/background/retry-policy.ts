/** How a piece of background work (an Order Update, a report run) is retried: attempts and capped backoff. */
export interface RetryPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** What to do after a failed attempt: try again after `delayMs`, or give up. */
export type RetryDecision = { kind: 'retry'; delayMs: number } | { kind: 'give_up' };

/**
 * Decides after a failure. `attempts` counts the attempts made so far, this one included; a failure
 * that retrying cannot change (`retryable: false`, e.g. seQura's 409) gives up at once.
 */
export function decideRetry(
  policy: RetryPolicy,
  attempts: number,
  retryable: boolean,
  random: () => number = Math.random,
): RetryDecision {
  if (!retryable || attempts >= policy.maxAttempts) return { kind: 'give_up' };
  return { kind: 'retry', delayMs: backoffDelay(attempts, policy.backoffBaseMs, policy.backoffMaxMs, random) };
}

/**
 * Delay before the next retry, "full jitter" style: a uniform random delay in
 * [0, min(maxMs, baseMs · 2^(attempt-1))). The cap keeps a long outage from pushing retries hours
 * out; the jitter spreads the retries of many rows (and replicas) so seQura is not hit in waves when
 * it comes back. `attempt` is the number of attempts made so far (1 after the first failure).
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 52)); // 2^52·base already exceeds any cap
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
