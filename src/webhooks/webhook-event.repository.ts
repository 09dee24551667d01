import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transaction-runner.js';
import { WebhookEvent, WebhookKind } from './webhook-event.entity.js';

/** The settled answer to an event: what every repeat gets again. */
export interface FinalAnswer {
  id: string;
  status: number;
  responseBody: string | null;
}

/** One request as it will be stored. */
export interface WebhookEventRecord {
  kind: WebhookKind;
  event: string | null;
  orderRef1: string | null;
  orderRef2: string | null;
  orderRef: string | null;
  payload: Record<string, unknown> | null;
  status: number;
  /** The exact body answered; '' for an empty body, null when not known. */
  responseBody: string | null;
  dedupeKey?: string | null;
  final?: boolean;
  replayOf?: string | null;
}

/** One batch of the retention's delete: how many rows went, where the next batch starts, whether it is the last. */
export interface RetentionBatch {
  deleted: number;
  lastId: string;
  done: boolean;
}

/**
 * The `webhook_events` table: every request and its answer; the idempotency store. Rows are never
 * updated; the retention job deletes old ones ({@link deleteOlderThan}). The two statements on the
 * webhook hot path are plain SQL, not the query builder:
 * they run on every request, and building the statement cost more CPU than PostgreSQL spends
 * executing it (see the webhook benchmark in bench/).
 */
@Injectable()
export class WebhookEventRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a request; inside `tx` when given, so it commits (or not) with the change it caused;
   * on its own otherwise (a refused request, a rolled-back attempt). Returns the row's id.
   */
  async record(record: WebhookEventRecord, tx?: Tx): Promise<string> {
    const manager = tx ?? this.dataSource.manager;
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO webhook_events (kind, event, order_ref_1, order_ref_2, order_ref, payload,
                                   status, response_body, dedupe_key, final, replay_of)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11) RETURNING id`,
      [
        record.kind,
        record.event,
        record.orderRef1,
        record.orderRef2,
        record.orderRef,
        record.payload === null ? null : JSON.stringify(record.payload),
        record.status,
        record.responseBody,
        record.dedupeKey ?? null,
        record.final ?? false,
        record.replayOf ?? null,
      ],
    );
    return String(row.id);
  }

  /**
   * The settled answer to this event, if any. Called while holding the order's row lock, so a
   * concurrent identical request either committed before (and is seen here) or waits behind us.
   */
  async findFinal(tx: Tx, key: string): Promise<FinalAnswer | null> {
    const [row]: { id: string; status: number; response_body: string | null }[] = await tx.query(
      `SELECT id, status, response_body FROM webhook_events
       WHERE dedupe_key = $1 AND final AND replay_of IS NULL LIMIT 1`,
      [key],
    );
    return row ? { id: String(row.id), status: row.status, responseBody: row.response_body } : null;
  }

  /**
   * Retention: deletes, in one statement (its own short transaction), the rows older than `days`
   * among the next `limit` rows after id `afterId`, with the repeats of those rows (a repeat goes
   * with the event it repeated; left alone, it would become an original of the same dedupe key as
   * its siblings, which the unique index refuses). Walks the primary key instead of an index on
   * `received_at`, which every webhook would pay to maintain: ids grow with `received_at` (both are
   * set at insert), so the first batch holding a row young enough to keep is the last one; a row
   * a concurrent transaction slipped in among them goes the next day.
   */
  async deleteOlderThan(afterId: string, days: number, limit: number): Promise<RetentionBatch> {
    const [row]: { deleted: number; last_id: string | null; all_old: boolean | null }[] = await this.dataSource.query(
      `WITH batch AS (
         SELECT id, received_at < now() - make_interval(days => $2) AS old
         FROM webhook_events WHERE id > $1 ORDER BY id LIMIT $3
       ), gone AS (
         DELETE FROM webhook_events w WHERE w.id IN (
           SELECT id FROM batch WHERE old
           UNION SELECT r.id FROM webhook_events r JOIN batch b ON r.replay_of = b.id WHERE b.old
         )
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM gone)::integer AS deleted, max(id)::text AS last_id, bool_and(old) AS all_old
       FROM batch`,
      [afterId, days, limit],
    );
    return {
      deleted: row.deleted,
      lastId: row.last_id ?? afterId,
      done: row.last_id === null || row.all_old !== true,
    };
  }

  /** The requests received for an order (by `order_ref_1`), newest first. */
  listForOrder(orderRef1: string, limit: number, tx?: Tx): Promise<WebhookEvent[]> {
    const manager = tx ?? this.dataSource.manager;
    return manager.getRepository(WebhookEvent).find({ where: { orderRef1 }, order: { id: 'DESC' }, take: limit });
  }
}
