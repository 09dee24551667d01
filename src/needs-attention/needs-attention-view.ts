import { isoOrNull } from '../common/wire-format.js';
import { toOutboxView } from '../outbox/outbox-view.js';
import type { SequraOutboxEntry } from '../outbox/sequra-outbox.entity.js';
import { toShippingReportView } from '../shipping-reports/shipping-report-view.js';
import type { CancelRetryRow, FailedUpdateRow, Listed, OnHoldRow } from './needs-attention.repository.js';
import type { NeedsAttention } from './needs-attention.service.js';
import type {
  CancelRetryView,
  FailedOrderUpdateView,
  NeedsAttentionView,
  OnHoldView,
  RetriedUpdateView,
} from './dto/needs-attention-view.dto.js';

const list = <T, V>(listed: Listed<T>, view: (row: T) => V) => ({
  total: listed.total,
  data: listed.rows.map(view),
});

const failedUpdateView = (row: FailedUpdateRow): FailedOrderUpdateView => ({
  id: row.id,
  order_ref_1: row.order_ref_1,
  order_state: row.order_state,
  kind: row.kind,
  attempts: row.attempts,
  last_status: row.last_status,
  last_error: row.last_error,
  response: row.response ?? null,
  cancellation_reason: row.cancellation_reason,
  created_at: isoOrNull(row.created_at),
  failed_at: isoOrNull(row.updated_at),
});

const cancelRetryView = (row: CancelRetryRow): CancelRetryView => ({
  order_ref_1: row.order_ref_1,
  risk_level: row.risk_level,
  fulfilment_started_at: isoOrNull(row.fulfilment_started_at),
  requested_at: isoOrNull(row.requested_at),
  webhook_event_id: row.webhook_event_id,
  cancellation_request_url: row.cancellation_request_url,
});

const onHoldView = (row: OnHoldRow): OnHoldView => ({
  order_ref_1: row.order_ref_1,
  risk_level: row.risk_level,
  on_hold_since: isoOrNull(row.on_hold_since),
  created_at: isoOrNull(row.created_at),
});

/** `GET /needs-attention`: four lists, each `{total, data}`. */
export function toNeedsAttentionView(lists: NeedsAttention, onHoldHours: number): NeedsAttentionView {
  return {
    failed_order_updates: list(lists.failedOrderUpdates, failedUpdateView),
    failed_report_runs: list(lists.failedReportRuns, (run) => toShippingReportView(run)),
    cancel_requests_answered_retry: list(lists.cancelRequestsAnsweredRetry, cancelRetryView),
    orders_on_hold: { ...list(lists.ordersOnHold, onHoldView), longer_than_hours: onHoldHours },
  };
}

/** An Order Update after a retry: the row as the order page shows it, with seQura's last answer. */
export function toRetriedUpdateView(row: SequraOutboxEntry): RetriedUpdateView {
  return { ...toOutboxView(row), order_ref_1: row.orderRef1, response: row.response ?? null };
}
