import type { ShippingReport } from './shipping-report.entity.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A run on the wire; `payload` (the body sent, up to a batch of orders) only on the single-run view,
 * null once the retention job dropped it (`payload_dropped_at`).
 */
export function toShippingReportView(run: ShippingReport, options: { withPayload?: boolean } = {}) {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    scheduled_for: iso(run.scheduledFor),
    batch: run.batch,
    order_count: run.orderCount,
    broken_order_count: run.brokenOrderCount,
    statistics_count: run.statisticsCount,
    attempts: run.attempts,
    next_attempt_at: run.status === 'pending' ? iso(run.nextAttemptAt) : null,
    last_error: run.lastError,
    sequra_status: run.sequraStatus,
    sequra_response: run.sequraResponse ?? null,
    created_at: iso(run.createdAt),
    updated_at: iso(run.updatedAt),
    sent_at: iso(run.sentAt),
    failed_at: iso(run.failedAt),
    payload_dropped_at: iso(run.payloadDroppedAt),
    retried_at: iso(run.retriedAt),
    retried_by: run.retriedBy,
    retry_run_ids: run.retryRunIds ?? [],
    ...(options.withPayload ? { payload: run.payload } : {}),
  };
}
