import { Injectable } from '@nestjs/common';
import { sha256 } from '../common/digest.js';
import { OrdersService } from '../orders/orders.service.js';
import type { WebhookEventView } from './dto/webhook-docs.dto.js';
import type { WebhookEvent } from './webhook-event.entity.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import type { WebhookNotification } from './webhook-handler.js';

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
  return sha256(JSON.stringify(parts)).toString('hex');
}

/** Reading the stored webhook requests of an order, for staff. */
@Injectable()
export class WebhookEventsService {
  constructor(
    private readonly events: WebhookEventRepository,
    private readonly orders: OrdersService,
  ) {}

  /** The requests received for an order, newest first (404 if the order does not exist). */
  async listForOrder(orderRef1: string, limit: number): Promise<WebhookEvent[]> {
    await this.orders.get(orderRef1);
    return this.events.listForOrder(orderRef1, limit);
  }
}

export function toWebhookEventView(row: WebhookEvent): WebhookEventView {
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
