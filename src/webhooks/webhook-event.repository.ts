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

/**
 * The `webhook_events` table: every request and its answer; the idempotency store. Rows are only
 * ever inserted. The two statements on the webhook hot path are plain SQL, not the query builder:
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

  /** The requests received for an order (by `order_ref_1`), newest first. */
  listForOrder(orderRef1: string, limit: number, tx?: Tx): Promise<WebhookEvent[]> {
    const manager = tx ?? this.dataSource.manager;
    return manager.getRepository(WebhookEvent).find({ where: { orderRef1 }, order: { id: 'DESC' }, take: limit });
  }
}
