/** The schedule's name in `shipping_report_ticks` and in the SchedulerRegistry. */
export const SHIPPING_REPORT_JOB = 'shipping-report';

/**
 * A tick's key: its nominal time truncated to the expression's resolution (the second for a
 * 6-field expression, else the minute), so sub-second differences between replicas vanish.
 */
export function nominalTickTime(tick: Date, cronExpression: string): Date {
  const hasSeconds = cronExpression.trim().split(/\s+/).length >= 6;
  const step = hasSeconds ? 1000 : 60_000;
  return new Date(Math.floor(tick.getTime() / step) * step);
}
