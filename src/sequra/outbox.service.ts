import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Order } from '../orders/order.entity.js';
import { OrdersService } from '../orders/orders.service.js';
import { OutboxKind, OutboxStatus, SequraOutboxEntry } from './sequra-outbox.entity.js';

export interface SequraUpdatesSummary {
  pending: number;
  sent: number;
  failed: number;
  /** The newest row, so the order page can say "cancel not yet confirmed by seQura" at a glance. */
  latest: ReturnType<typeof toOutboxView> | null;
}

/**
 * Writes the outbox. Callers pass their own transaction, so the change to the order and the promise
 * to tell seQura about it commit (or roll back) together. The relay does the sending.
 */
@Injectable()
export class OutboxService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrdersService,
  ) {}

  /**
   * Merchant cancellations reach seQura through the outbox, in the cancel's own transaction; the
   * order page shows what is still owed to seQura.
   */
  onModuleInit(): void {
    this.orders.addCancellationListener({
      onMerchantCancel: (tx, order, reason) => this.enqueueOrderUpdate(tx, order, 'cancellation', { cancellationReason: reason }),
    });
    this.orders.addViewExtension(async (order) => ({ sequra_updates: await this.summaryForOrder(order.id) }));
  }

  /** Queues one Order Update API call for `order`, inside the caller's transaction `tx`. */
  async enqueueOrderUpdate(
    tx: EntityManager,
    order: Order,
    reason: OutboxKind,
    options: { cancellationReason?: string } = {},
  ): Promise<void> {
    await tx.insert(SequraOutboxEntry, {
      orderId: order.id,
      orderRef1: order.orderRef1,
      kind: reason,
      status: 'pending',
      cancellationReason: options.cancellationReason ?? null,
    });
  }

  /** Every outbox row of an order, oldest first. Unknown ref → 404. */
  async listForOrder(orderRef1: string): Promise<SequraOutboxEntry[]> {
    const order = await this.orders.get(orderRef1);
    return this.dataSource.getRepository(SequraOutboxEntry).find({ where: { orderId: order.id }, order: { id: 'ASC' } });
  }

  async summaryForOrder(orderId: string): Promise<SequraUpdatesSummary> {
    const rows = await this.dataSource.getRepository(SequraOutboxEntry).find({ where: { orderId }, order: { id: 'ASC' } });
    const count = (status: OutboxStatus) => rows.filter((r) => r.status === status).length;
    return {
      pending: count('pending'),
      sent: count('sent'),
      failed: count('failed'),
      latest: rows.length > 0 ? toOutboxView(rows[rows.length - 1]) : null,
    };
  }
}

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
