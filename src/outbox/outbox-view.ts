import type { OutboxSummary } from './outbox.repository.js';
import type { SequraOutboxEntry } from './sequra-outbox.entity.js';
import { isoOrNull } from '../common/wire-format.js';
import type { OutboxEntryView, OutboxSummaryView } from './outbox-view.dto.js';

/** An outbox row on the wire (snake_case, like the order view). */
export function toOutboxView(row: SequraOutboxEntry): OutboxEntryView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === 'pending' ? isoOrNull(row.nextAttemptAt) : null,
    last_status: row.lastStatus,
    last_error: row.lastError,
    cancellation_reason: row.cancellationReason,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    sent_at: isoOrNull(row.sentAt),
  };
}

/** `sequra_updates` of `GET /orders/:ref`: what the shop still owes seQura for the order. */
export function toOutboxSummaryView(summary: OutboxSummary): OutboxSummaryView {
  return { ...summary, latest: summary.latest ? toOutboxView(summary.latest) : null };
}
