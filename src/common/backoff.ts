/**
 * Delay before the next retry (seQura outbox and shipping reports), "full jitter" style: a uniform random delay in
 * [0, min(maxMs, baseMs · 2^(attempt-1))). The cap keeps a long outage from pushing retries hours
 * out; the jitter spreads the retries of many rows (and replicas) so seQura is not hit in waves when
 * it comes back. `attempt` is the number of attempts made so far (1 after the first failure).
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 52)); // 2^52·base already exceeds any cap
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}
