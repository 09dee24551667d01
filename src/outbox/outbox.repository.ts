import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transaction-runner.js';
import { OutboxKind, OutboxStatus, SequraOutboxEntry } from './sequra-outbox.entity.js';

/** The order an update is owed for. Structural, so the outbox stays below the orders module. */
export interface OutboxOrder {
  id: string;
  orderRef1: string;
}

/** What `GET /orders/:ref` shows of an order's updates to seQura. */
export interface OutboxSummary {
  pending: number;
  sent: number;
  failed: number;
  /** Rows that had nothing to send when their turn came. */
  skipped: number;
  /** The newest row, so the order page can say "cancel not yet confirmed by seQura" at a glance. */
  latest: SequraOutboxEntry | null;
}

/** How one delivery attempt ended, as stored on its row. */
export interface OutboxAttempt {
  attempts: number;
  /** HTTP status of seQura's answer; null when there was none (timeout, connection error). */
  lastStatus: number | null;
}

/**
 * Picks one due row and locks it, skipping rows another relay holds. A row waits while an older
 * pending row of the same order exists, so one order's updates reach seQura one at a time and in
 * order (each body is built from the order as stored at send time; an older send arriving last
 * could otherwise overwrite newer data). `$1` lists the rows this drain already handled.
 */
const CLAIM_SQL = `
  SELECT o.id
  FROM sequra_outbox o
  WHERE o.status = 'pending'
    AND o.next_attempt_at <= clock_timestamp()
    AND o.id <> ALL($1::bigint[])
    AND NOT EXISTS (
      SELECT 1 FROM sequra_outbox older
      WHERE older.order_id = o.order_id AND older.status = 'pending' AND older.id < o.id
    )
  ORDER BY o.next_attempt_at, o.id
  LIMIT 1
  FOR UPDATE OF o SKIP LOCKED`;

/** The outbox as the metrics show it: what waits, for how long, and what needs a person. */
export interface OutboxBacklog {
  pending: number;
  /** Age of the oldest pending row on the database's clock; 0 when nothing is pending. */
  oldestPendingSeconds: number;
  failed: number;
}

/**
 * Pending and failed rows through their partial indexes (`sequra_outbox_due_idx`,
 * `sequra_outbox_failed_idx`): the cost follows the backlog, not the sent rows the table keeps.
 */
const BACKLOG_SQL = `
  SELECT p.pending, COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - p.oldest), 0)::float8 AS oldest_seconds,
         (SELECT count(*) FROM sequra_outbox WHERE status = 'failed') AS failed
  FROM (SELECT count(*) AS pending, min(created_at) AS oldest FROM sequra_outbox WHERE status = 'pending') p`;

/** A JSONB parameter as TypeORM writes one: SQL NULL for null, JSON text otherwise. */
const jsonb = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * The `sequra_outbox` table: Order Update API calls owed to seQura. Writers pass their own
 * transaction, so the change to the order and the promise to tell seQura about it commit (or roll
 * back) together; the relay claims, sends and records rows one transaction each.
 */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Queues one Order Update API call for `order`, inside the caller's transaction. */
  async enqueue(
    tx: Tx,
    order: OutboxOrder,
    kind: OutboxKind,
    options: { cancellationReason?: string } = {},
  ): Promise<void> {
    await tx.insert(SequraOutboxEntry, {
      orderId: order.id,
      orderRef1: order.orderRef1,
      kind,
      status: 'pending',
      cancellationReason: options.cancellationReason ?? null,
    });
  }

  /** Every row of an order, oldest first. */
  listForOrder(orderId: string, tx: Tx = this.dataSource.manager): Promise<SequraOutboxEntry[]> {
    return tx.find(SequraOutboxEntry, { where: { orderId }, order: { id: 'ASC' } });
  }

  /** Whether an update of the order still waits to be sent (its body is built from the order at send time). */
  async hasPending(tx: Tx, orderId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM sequra_outbox WHERE order_id = $1 AND status = 'pending'`, [
      orderId,
    ]);
    return rows.length > 0;
  }

  async summaryForOrder(orderId: string, tx?: Tx): Promise<OutboxSummary> {
    const rows = await this.listForOrder(orderId, tx);
    const count = (status: OutboxStatus) => rows.filter((r) => r.status === status).length;
    return {
      pending: count('pending'),
      sent: count('sent'),
      failed: count('failed'),
      skipped: count('skipped'),
      latest: rows.at(-1) ?? null,
    };
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row]: { pending: string; oldest_seconds: number; failed: string }[] =
      await this.dataSource.query(BACKLOG_SQL);
    return { pending: Number(row.pending), oldestPendingSeconds: row.oldest_seconds, failed: Number(row.failed) };
  }

  /**
   * Locks the next due row (see {@link CLAIM_SQL}) for the rest of `tx`, or returns null when none
   * is due. `skipIds`: rows the caller already handled in this drain.
   */
  async claimNext(tx: Tx, skipIds: readonly string[]): Promise<SequraOutboxEntry | null> {
    const rows: { id: string }[] = await tx.query(CLAIM_SQL, [skipIds]);
    if (rows.length === 0) return null;
    return tx.findOneByOrFail(SequraOutboxEntry, { id: String(rows[0].id) });
  }

  findById(id: string, tx: Tx = this.dataSource.manager): Promise<SequraOutboxEntry | null> {
    return tx.findOne(SequraOutboxEntry, { where: { id } });
  }

  /** Locks one row for the rest of `tx` (a person retrying it; the relay skips it meanwhile). */
  lockById(tx: Tx, id: string): Promise<SequraOutboxEntry | null> {
    return tx.findOne(SequraOutboxEntry, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * A failed row, due again now with a fresh count of attempts (a person fixed the cause). seQura's
   * last answer stays on the row until the next attempt replaces it.
   */
  async requeue(tx: Tx, id: string): Promise<void> {
    await tx.query(
      `UPDATE sequra_outbox SET status = 'pending', attempts = 0, next_attempt_at = clock_timestamp(),
         updated_at = CURRENT_TIMESTAMP WHERE id = $1 AND status = 'failed'`,
      [id],
    );
  }

  /** Delivered (or, for seQura's 404 on an order it never confirmed, counted as delivered). */
  async markSent(tx: Tx, id: string, attempt: OutboxAttempt, response: unknown): Promise<void> {
    await tx.query(
      `UPDATE sequra_outbox SET status = 'sent', attempts = $2, last_status = $3, last_error = NULL,
         response = $4::jsonb, sent_at = clock_timestamp(), updated_at = CURRENT_TIMESTAMP WHERE id = $1`,
      [id, attempt.attempts, attempt.lastStatus, jsonb(response)],
    );
  }

  /** Nothing to send when its turn came (`reason` is kept as its last error, for people). Not an attempt. */
  async markSkipped(tx: Tx, id: string, reason: string): Promise<void> {
    await tx.query(
      `UPDATE sequra_outbox SET status = 'skipped', last_error = $2, updated_at = CURRENT_TIMESTAMP WHERE id = $1`,
      [id, reason],
    );
  }

  /** Not its turn yet (the order is in a report run being sent): due again in `delayMs`, not an attempt. */
  async postpone(tx: Tx, id: string, delayMs: number): Promise<void> {
    await tx.query(
      `UPDATE sequra_outbox SET next_attempt_at = clock_timestamp() + $2::integer * interval '1 millisecond',
         updated_at = CURRENT_TIMESTAMP WHERE id = $1`,
      [id, delayMs],
    );
  }

  /** Due again in `delayMs`, on the database's clock: every relay compares against that one. */
  async scheduleRetry(tx: Tx, id: string, attempt: OutboxAttempt, lastError: string, delayMs: number): Promise<void> {
    await tx.query(
      `UPDATE sequra_outbox SET attempts = $2, last_status = $3, last_error = $4,
         next_attempt_at = clock_timestamp() + $5::integer * interval '1 millisecond', updated_at = CURRENT_TIMESTAMP
       WHERE id = $1`,
      [id, attempt.attempts, attempt.lastStatus, lastError, delayMs],
    );
  }

  /** Given up: it needs a person (the needs-attention list, where it can be sent again once fixed). */
  async markFailed(tx: Tx, id: string, attempt: OutboxAttempt, lastError: string, response: unknown): Promise<void> {
    await tx.query(
      `UPDATE sequra_outbox SET status = 'failed', attempts = $2, last_status = $3, last_error = $4,
         response = $5::jsonb, updated_at = CURRENT_TIMESTAMP WHERE id = $1`,
      [id, attempt.attempts, attempt.lastStatus, lastError, jsonb(response)],
    );
  }
}
