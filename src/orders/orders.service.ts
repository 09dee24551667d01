import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidTransitionError, OrderNotFoundError } from '../common/domain-errors.js';
import { decodeCursor, keysetPage } from '../common/keyset-cursor.js';
import { OutboxRepository, OutboxSummary } from '../outbox/outbox.repository.js';
import type { SequraOutboxEntry } from '../outbox/sequra-outbox.entity.js';
import { CancelOrderDto } from './dto/cancel-order.dto.js';
import { ListOrdersQuery } from './dto/list-orders.query.js';
import { RegisterOrderDto } from './dto/register-order.dto.js';
import { ShipOrderDto } from './dto/ship-order.dto.js';
import { hasRemainingItems } from './order-cart.js';
import type { Caller } from './order-history-entries.js';
import type { OrderHistory } from './order-history.entity.js';
import { OrderLifecycleService } from './order-lifecycle.service.js';
import { newOrderOf } from './order-registration.js';
import { planShipment } from './order-shipment.js';
import { shipmentStep } from './order-states.js';
import type { Order } from './order.entity.js';
import { OrderRepository } from './order.repository.js';
import type { Tracking } from './sequra-objects.js';

/** The internal orders API: register, read, list, ship, cancel. */
@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrderRepository,
    private readonly lifecycle: OrderLifecycleService,
    private readonly outbox: OutboxRepository,
  ) {}

  register(dto: RegisterOrderDto): Promise<Order> {
    return this.orders.insert(newOrderOf(dto));
  }

  async get(orderRef1: string): Promise<Order> {
    const order = await this.orders.findByRef(orderRef1);
    if (!order) throw new OrderNotFoundError(orderRef1);
    return order;
  }

  /** The order and the state of its updates to seQura (`GET /orders/:ref`). */
  async getWithSequraUpdates(orderRef1: string): Promise<{ order: Order; sequraUpdates: OutboxSummary }> {
    const order = await this.get(orderRef1);
    return { order, sequraUpdates: await this.outbox.summaryForOrder(order.id) };
  }

  /** Keyset pagination on the insertion sequence, newest first: stable under concurrent inserts. */
  async list(query: ListOrdersQuery): Promise<{ orders: Order[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const rows = await this.orders.list({
      state: query.state,
      updatedSince: query.updated_since ? new Date(query.updated_since) : undefined,
      refContains: query.q,
      beforeSeq: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: limit + 1,
    });
    const { page, nextCursor } = keysetPage(rows, limit);
    return { orders: page, nextCursor };
  }

  async history(orderRef1: string): Promise<OrderHistory[]> {
    return this.orders.history((await this.get(orderRef1)).id);
  }

  /** Every Order Update owed to seQura for the order, oldest first. */
  async sequraUpdates(orderRef1: string): Promise<SequraOutboxEntry[]> {
    return this.outbox.listForOrder((await this.get(orderRef1)).id);
  }

  /**
   * Records a shipment. Only approved orders ship (seQura forbids shipping an order on hold); the
   * first shipment moves the order to `shipped`, later ones ship what is left.
   */
  async ship(orderRef1: string, dto: ShipOrderDto, caller: Caller): Promise<Order> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      const step = shipmentStep(order.state, hasRemainingItems(order.cart, order.shippedQuantities));
      if (step === 'nothing_left') {
        const details = { from_state: order.state, to_state: 'shipped' };
        throw new ConflictError('Every item of this order has already shipped', details);
      }
      if (step === 'refused') throw new InvalidTransitionError(order.state, 'shipped');
      const { shippedQuantities, items } = planShipment(order, dto);
      const shippedAt = dto.shipped_at ? new Date(dto.shipped_at) : new Date();
      const trackings: Tracking[] = dto.tracking
        ? [...order.trackings, { ...dto.tracking, shipped_at: shippedAt.toISOString() }]
        : order.trackings;
      if (step === 'first') {
        const patch = { shippedQuantities, trackings, shippedAt };
        await this.lifecycle.transition(tx, order, 'shipped', { type: 'shipped', by: caller, items }, patch);
      } else {
        // A later partial shipment: not a state change, but the next report must carry it again.
        await this.lifecycle.update(tx, order, { shippedQuantities, trackings, reportedAt: null });
        await this.lifecycle.note(tx, order, { type: 'additional_shipment', by: caller, items });
      }
      return order;
    });
  }

  /**
   * Merchant cancellation. Shipped orders cannot be cancelled; an already cancelled one is a no-op.
   * seQura hears of it through the outbox, written in the same transaction: the cancel answers at
   * once whether or not seQura is up, and the update is never lost.
   */
  async cancel(orderRef1: string, dto: CancelOrderDto, caller: Caller): Promise<Order> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      const entry = { type: 'merchant_cancel', by: caller, reason: dto.reason } as const;
      const changed = await this.lifecycle.transition(tx, order, 'cancelled', entry);
      if (changed) await this.outbox.enqueue(tx, order, 'cancellation', { cancellationReason: dto.reason });
      return order;
    });
  }
}
