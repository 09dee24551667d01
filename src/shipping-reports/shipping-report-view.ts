import type { ShippingReport } from './shipping-report.entity.js';
import { isoOrNull } from '../common/wire-format.js';
import type { ShippingReportDetailView, ShippingReportView } from './dto/shipping-report-view.dto.js';

/**
 * A run on the wire; `payload` (the body sent, up to a batch of orders) only on the single-run view,
 * null once the retention job dropped it (`payload_dropped_at`).
 */
export function toShippingReportView(
  run: ShippingReport,
  options: { withPayload?: boolean } = {},
): ShippingReportView | ShippingReportDetailView {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    scheduled_for: isoOrNull(run.scheduledFor),
    batch: run.batch,
    order_count: run.orderCount,
    broken_order_count: run.brokenOrderCount,
    statistics_count: run.statisticsCount,
    attempts: run.attempts,
    next_attempt_at: run.status === 'pending' ? isoOrNull(run.nextAttemptAt) : null,
    last_error: run.lastError,
    sequra_status: run.sequraStatus,
    sequra_response: run.sequraResponse ?? null,
    created_at: run.createdAt.toISOString(),
    updated_at: run.updatedAt.toISOString(),
    sent_at: isoOrNull(run.sentAt),
    failed_at: isoOrNull(run.failedAt),
    payload_dropped_at: isoOrNull(run.payloadDroppedAt),
    retried_at: isoOrNull(run.retriedAt),
    retried_by: run.retriedBy,
    retry_run_ids: run.retryRunIds ?? [],
    ...(options.withPayload ? { payload: run.payload } : {}),
  };
}
