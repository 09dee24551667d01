import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidTransitionError, OrderNotFoundError } from '../common/domain-errors.js';
import { decodeCursor, keysetPage } from '../common/keyset-cursor.js';
import { OutboxRepository, OutboxSummary } from '../outbox/outbox.repository.js';
import type { SequraOutboxEntry } from '../outbox/sequra-outbox.entity.js';
import { CancelOrderDto } from './dto/cancel-order.dto.js';
import { ListOrdersQuery } from './dto/list-orders.query.js';
import { RefundOrderDto } from './dto/refund-order.dto.js';
import { RegisterOrderDto } from './dto/register-order.dto.js';
import { ItemUnitsDto, ShipOrderDto } from './dto/ship-order.dto.js';
import { planRefund, planUnitCancellation } from './order-adjustments.js';
import { hasRemainingItems } from './order-cart.js';
import type { Caller } from './order-history-entries.js';
import type { OrderHistory } from './order-history.entity.js';
import { OrderLifecycleService } from './order-lifecycle.service.js';
import { newOrderOf } from './order-registration.js';
import { newTracking, planShipment } from './order-shipment.js';
import { acceptsRefunds, acceptsUnitCancellation, shipmentStep } from './order-states.js';
import type { Order } from './order.entity.js';
import { OrderRepository } from './order.repository.js';
import { nothingCharged } from './sequra-view.js';

/** The internal orders API: register, read, list, ship, cancel (whole or units), refund. */
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
   * first shipment moves the order to `shipped`, later ones ship what is left. seQura hears of it
   * through the outbox (an Order Update), except a first shipment in `daily` mode: the delivery
   * report carries it, and every change until then (see OrderLifecycleService.queueSequraUpdate).
   */
  async ship(orderRef1: string, dto: ShipOrderDto, caller: Caller): Promise<Order> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      const left = hasRemainingItems(order.cart, order.shippedQuantities, order.cancelledQuantities);
      const step = shipmentStep(order.state, left);
      if (step === 'nothing_left') {
        const details = { from_state: order.state, to_state: 'shipped' };
        throw new ConflictError('Every item of this order has already shipped', details);
      }
      if (step === 'refused') throw new InvalidTransitionError(order.state, 'shipped');
      const { shippedQuantities, items } = planShipment(order, dto);
      const trackings = dto.tracking
        ? [...order.trackings, newTracking(order.trackings, dto.tracking)]
        : order.trackings;
      if (step === 'first') {
        const shippedAt = dto.shipped_at ? new Date(dto.shipped_at) : new Date();
        const patch = { shippedQuantities, trackings, shippedAt };
        await this.lifecycle.transition(tx, order, 'shipped', { type: 'shipped', by: caller, items }, patch);
      } else {
        // A later shipment: not reported again (the report carries an order's shipment once); it
        // goes by Order Update, or with the first one if that is not reported yet.
        await this.lifecycle.update(tx, order, { shippedQuantities, trackings });
        await this.lifecycle.note(tx, order, { type: 'additional_shipment', by: caller, items });
      }
      await this.lifecycle.queueSequraUpdate(tx, order, 'shipment');
      return order;
    });
  }

  /**
   * Merchant cancellation. Without `items`, the whole order: shipped orders cannot be cancelled, an
   * already cancelled one is a no-op. With `items`, those units not yet shipped ({@link cancelUnits}).
   * seQura hears of it through the outbox, written in the same transaction: the cancel answers at
   * once whether or not seQura is up, and the update is never lost.
   */
  async cancel(orderRef1: string, dto: CancelOrderDto, caller: Caller): Promise<Order> {
    if (dto.items) return this.cancelUnits(orderRef1, dto.items, dto.reason, caller);
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      const entry = { type: 'merchant_cancel', by: caller, reason: dto.reason } as const;
      const changed = await this.lifecycle.transition(tx, order, 'cancelled', entry);
      if (changed)
        await this.lifecycle.queueSequraUpdate(tx, order, 'cancellation', { cancellationReason: dto.reason });
      return order;
    });
  }

  /**
   * Cancels units not yet shipped (out of stock) of an approved order, or of a shipped one with
   * units left: they leave seQura's `unshipped_cart`. When nothing has shipped and nothing is left,
   * the order is cancelled; when everything else has shipped, it is simply fully shipped.
   */
  private cancelUnits(orderRef1: string, rows: ItemUnitsDto[], reason: string | undefined, caller: Caller) {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      if (!acceptsUnitCancellation(order.state)) {
        const message = `Units can be cancelled only on an approved or shipped order; this one is '${order.state}'`;
        throw new ConflictError(message, { state: order.state });
      }
      const plan = planUnitCancellation(order, rows);
      const entry = { type: 'units_cancelled', by: caller, items: plan.items, reason } as const;
      const patch = { cancelledQuantities: plan.cancelledQuantities };
      if (plan.nothingLeft) {
        await this.lifecycle.transition(tx, order, 'cancelled', entry, patch);
        await this.lifecycle.queueSequraUpdate(tx, order, 'cancellation', { cancellationReason: reason });
      } else {
        await this.lifecycle.update(tx, order, patch);
        await this.lifecycle.note(tx, order, entry);
        await this.lifecycle.queueSequraUpdate(tx, order, 'cancel_units');
      }
      return order;
    });
  }

  /**
   * A return and/or money refund of a shipped order, checked against what is left under the row
   * lock (see planRefund: 409 naming the limit, nothing written). When nothing stays charged the
   * order becomes `refunded`.
   */
  async refund(orderRef1: string, dto: RefundOrderDto, caller: Caller): Promise<Order> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      if (!acceptsRefunds(order.state)) {
        const message = `Only a shipped order can be refunded; this one is '${order.state}'`;
        throw new ConflictError(message, { state: order.state });
      }
      const { refund, refunds, view } = planRefund(order, dto, caller.actor, new Date());
      const entry = {
        type: 'refund',
        by: caller,
        refund: refund.n,
        items: refund.items,
        amount: refund.amount,
        reason: dto.reason,
      } as const;
      if (nothingCharged(view)) {
        await this.lifecycle.transition(tx, order, 'refunded', entry, { refunds });
      } else {
        await this.lifecycle.update(tx, order, { refunds });
        await this.lifecycle.note(tx, order, entry);
      }
      await this.lifecycle.queueSequraUpdate(tx, order, 'refund');
      return order;
    });
  }
}
