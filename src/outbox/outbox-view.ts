import type { OutboxSummary } from './outbox.repository.js';
import type { SequraOutboxEntry } from './sequra-outbox.entity.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An outbox row on the wire (snake_case, like the order view). */
export function toOutboxView(row: SequraOutboxEntry) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
    last_status: row.lastStatus,
    last_error: row.lastError,
    cancellation_reason: row.cancellationReason,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    sent_at: iso(row.sentAt),
  };
}

/** `sequra_updates` of `GET /orders/:ref`: what the shop still owes seQura for the order. */
export function toOutboxSummaryView(summary: OutboxSummary) {
  return { ...summary, latest: summary.latest ? toOutboxView(summary.latest) : null };
}
