/**
 * Capped exponential backoff with full jitter: a uniformly random wait in
 * [0, min(max, base · 2^(attempt-1))], so replicas that failed together do not retry together.
 */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * A tick's key: its nominal time truncated to the expression's resolution (the second for a
 * 6-field expression, else the minute), so sub-second differences between replicas vanish.
 */
export function nominalTickTime(tick: Date, cronExpression: string): Date {
  const hasSeconds = cronExpression.trim().split(/\s+/).length >= 6;
  const step = hasSeconds ? 1000 : 60_000;
  return new Date(Math.floor(tick.getTime() / step) * step);
}
