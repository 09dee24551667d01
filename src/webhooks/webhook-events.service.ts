import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { OrdersService } from '../orders/orders.service.js';
import { WebhookEvent, WebhookKind } from './webhook-event.entity.js';
import type { WebhookNotification } from './webhook-strategy.js';

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

  /** Stores a request; inside `tx` when given, so it commits (or not) with the change it caused. */
  async record(record: WebhookEventRecord, tx?: EntityManager): Promise<string> {
    const manager = tx ?? this.dataSource.manager;
    const result = await manager.insert(WebhookEvent, {
      kind: record.kind,
      event: record.event,
      orderRef1: record.orderRef1,
      orderRef2: record.orderRef2,
      orderRef: record.orderRef,
      payload: record.payload as never,
      status: record.status,
      responseBody: record.responseBody,
      dedupeKey: record.dedupeKey ?? null,
      final: record.final ?? false,
      replayOf: record.replayOf ?? null,
    });
    return String(result.identifiers[0].id);
  }

  /**
   * The settled answer to this event, if any. Called while holding the order's row lock, so a
   * concurrent identical request either committed before (and is seen here) or waits behind us.
   */
  findFinal(tx: EntityManager, key: string): Promise<WebhookEvent | null> {
    return tx.findOne(WebhookEvent, { where: { dedupeKey: key, final: true, replayOf: IsNull() } });
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
