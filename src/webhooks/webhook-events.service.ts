import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OrdersService } from '../orders/orders.service.js';
import { WebhookEvent, WebhookKind } from './webhook-event.entity.js';
import type { WebhookNotification } from './webhook-strategy.js';

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
 * What makes two requests "the same event": kind, name, both references and the fields the handler
 * names (e.g. `risk_level`). Not timestamps like `approved_since`, which change between retries.
 */
export function dedupeKey(notification: WebhookNotification, fields: readonly string[] = []): string {
  const parts = [
    notification.kind,
    notification.name,
    notification.orderRef1,
    notification.sequraOrderRef,
    ...fields.map((f) => [f, notification.fields[f] ?? null]),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The `webhook_events` table: every request and its answer; the idempotency store. */
@Injectable()
export class WebhookEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
  ) {}

  /**
   * Stores a request; inside `tx` when given, so it commits (or not) with the change it caused.
   * Plain SQL, not the query builder: this runs on every webhook, and building the statement cost
   * more CPU than PostgreSQL spends executing it (see the webhook benchmark in bench/).
   */
  async record(record: WebhookEventRecord, tx?: EntityManager): Promise<string> {
    const manager = tx ?? this.dataSource.manager;
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO webhook_events (kind, event, order_ref_1, order_ref_2, order_ref, payload, status, response_body, dedupe_key, final, replay_of)
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
  async findFinal(tx: EntityManager, key: string): Promise<FinalAnswer | null> {
    const [row]: { id: string; status: number; response_body: string | null }[] = await tx.query(
      `SELECT id, status, response_body FROM webhook_events WHERE dedupe_key = $1 AND final AND replay_of IS NULL LIMIT 1`,
      [key],
    );
    return row ? { id: String(row.id), status: row.status, responseBody: row.response_body } : null;
  }

  /** The requests received for an order, newest first (404 if the order does not exist). */
  async listForOrder(orderRef1: string, limit: number): Promise<WebhookEvent[]> {
    await this.orders.get(orderRef1);
    return this.dataSource.getRepository(WebhookEvent).find({ where: { orderRef1 }, order: { id: 'DESC' }, take: limit });
  }
}

export function toWebhookEventView(row: WebhookEvent) {
  return {
    id: row.id,
    received_at: row.receivedAt.toISOString(),
    kind: row.kind,
    event: row.event,
    order_ref_1: row.orderRef1,
    order_ref_2: row.orderRef2,
    order_ref: row.orderRef,
    payload: row.payload,
    status: row.status,
    response_body: row.responseBody,
    final: row.final,
    replay_of: row.replayOf,
  };
}
