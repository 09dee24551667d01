import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Principal } from '../auth/auth.decorators.js';
import { ConflictError, DuplicateOrderError, FieldError, InvalidTransitionError, OrderNotFoundError, ValidationFailedError } from '../common/domain-errors.js';
import { CancelOrderDto } from './dto/cancel-order.dto.js';
import { ListOrdersQuery } from './dto/list-orders.query.js';
import { RegisterOrderDto } from './dto/register-order.dto.js';
import { ShipOrderDto } from './dto/ship-order.dto.js';
import { decodeCursor, encodeCursor } from '../common/keyset-cursor.js';
import { hasRemainingItems, isShippableItem, remainingQuantities } from './order-cart.js';
import { OrderHistory } from './order-history.entity.js';
import { ChangeContext, OrderLifecycleService } from './order-lifecycle.service.js';
import { INITIAL_ORDER_STATE } from './order-states.js';
import { Order } from './order.entity.js';
import type { Cart, ShippedQuantities, Tracking } from './sequra-objects.js';

/** Hook for work that must happen in the same transaction as a merchant cancellation (the outbox). */
export interface CancellationListener {
  onMerchantCancel(tx: EntityManager, order: Order, reason: string | undefined): Promise<void>;
}

export const causeOf = (principal: Principal): ChangeContext['cause'] => (principal.role === 'admin' ? 'admin' : 'api');


@Injectable()
export class OrdersService {
  private cancellationListeners: CancellationListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: OrderLifecycleService,
  ) {}

  /** Lets another module (the seQura outbox) join the cancel transaction. */
  addCancellationListener(listener: CancellationListener): void {
    this.cancellationListeners.push(listener);
  }

  private viewExtensions: ((order: Order) => Promise<Record<string, unknown>>)[] = [];

  /** Lets another module add members to `GET /orders/:ref` (the seQura outbox's `sequra_updates`). */
  addViewExtension(extension: (order: Order) => Promise<Record<string, unknown>>): void {
    this.viewExtensions.push(extension);
  }

  async viewExtras(order: Order): Promise<Record<string, unknown>> {
    const parts = await Promise.all(this.viewExtensions.map((extension) => extension(order)));
    return Object.assign({}, ...parts);
  }

  async register(dto: RegisterOrderDto): Promise<Order> {
    this.assertUniqueReferences(dto.cart as Cart);
    const values: Partial<Order> = {
      orderRef1: dto.merchant_reference.order_ref_1,
      orderRef2: dto.merchant_reference.order_ref_2 ?? null,
      sequraOrderRef: dto.sequra_order_ref ?? null,
      state: INITIAL_ORDER_STATE,
      // Plain copies: the DTO instances would otherwise carry their class into JSONB.
      cart: structuredClone({ ...dto.cart }) as Cart,
      shippedQuantities: {},
      deliveryMethod: dto.delivery_method ? { ...dto.delivery_method } : null,
      customer: { ...dto.customer },
      deliveryAddress: dto.delivery_address ? { ...dto.delivery_address } : null,
      invoiceAddress: dto.invoice_address ? { ...dto.invoice_address } : null,
      trackings: [],
    };
    try {
      await this.dataSource.getRepository(Order).insert(values as never);
      return await this.get(values.orderRef1!);
    } catch (error) {
      const pg = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
      if (pg?.code === '23505') {
        if (pg.constraint === 'orders_sequra_order_ref_key') throw new DuplicateOrderError('sequra_order_ref', values.sequraOrderRef!);
        throw new DuplicateOrderError('order_ref_1', values.orderRef1!);
      }
      throw error;
    }
  }

  async get(orderRef1: string): Promise<Order> {
    const order = await this.dataSource.getRepository(Order).findOne({ where: { orderRef1 } });
    if (!order) throw new OrderNotFoundError(orderRef1);
    return order;
  }

  /** Keyset pagination on the insertion sequence, newest first: stable under concurrent inserts. */
  async list(query: ListOrdersQuery): Promise<{ orders: Order[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const qb = this.dataSource.getRepository(Order).createQueryBuilder('o').orderBy('o.seq', 'DESC').limit(limit + 1);
    if (query.state) qb.andWhere('o.state = :state', { state: query.state });
    if (query.updated_since) qb.andWhere('o.updated_at >= :since', { since: new Date(query.updated_since) });
    if (query.q) qb.andWhere("o.order_ref_1 ILIKE :q ESCAPE '\\'", { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (query.cursor) qb.andWhere('o.seq < :seq', { seq: decodeCursor(query.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return { orders: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].seq) : null };
  }

  async history(orderRef1: string): Promise<OrderHistory[]> {
    const order = await this.get(orderRef1);
    return this.dataSource.getRepository(OrderHistory).find({ where: { orderId: order.id }, order: { id: 'ASC' } });
  }

  /**
   * Records a shipment. Only approved orders ship (seQura forbids shipping an order on hold); the
   * first shipment moves the order to `shipped`, later ones ship what is left.
   */
  async ship(orderRef1: string, dto: ShipOrderDto, principal: Principal): Promise<Order> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      const canShipMore = order.state === 'shipped' && hasRemainingItems(order.cart, order.shippedQuantities);
      if (order.state !== 'approved' && !canShipMore) {
        throw order.state === 'shipped'
          ? new ConflictError('Every item of this order has already shipped', { from_state: order.state, to_state: 'shipped' })
          : new InvalidTransitionError(order.state, 'shipped');
      }
      const shippedQuantities = this.applyShipment(order, dto);
      const shippedAt = dto.shipped_at ? new Date(dto.shipped_at) : new Date();
      const trackings: Tracking[] = dto.tracking ? [...order.trackings, { ...dto.tracking, shipped_at: shippedAt.toISOString() }] : order.trackings;
      const context = { cause: causeOf(principal), actor: principal.name, details: { items: shippedQuantitiesDelta(order.shippedQuantities, shippedQuantities) } };
      if (order.state === 'approved') {
        await this.lifecycle.transition(tx, order, 'shipped', context, { shippedQuantities, trackings, shippedAt });
      } else {
        // A later partial shipment: not a state change, but the next report must carry it again.
        await this.lifecycle.update(tx, order, { shippedQuantities, trackings, reportedAt: null });
        await this.lifecycle.note(tx, order, { ...context, details: { ...context.details, event: 'additional_shipment' } });
      }
      return order;
    });
  }

  /** Merchant cancellation. Shipped orders cannot be cancelled; an already cancelled one is a no-op. */
  async cancel(orderRef1: string, dto: CancelOrderDto, principal: Principal): Promise<Order> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      const changed = await this.lifecycle.transition(tx, order, 'cancelled', {
        cause: causeOf(principal),
        actor: principal.name,
        details: dto.reason ? { reason: dto.reason } : null,
      });
      if (changed) for (const listener of this.cancellationListeners) await listener.onMerchantCancel(tx, order, dto.reason);
      return order;
    });
  }

  private assertUniqueReferences(cart: Cart): void {
    const seen = new Set<string>();
    const errors: FieldError[] = [];
    cart.items.forEach((item, i) => {
      if (!isShippableItem(item) || !item.reference) return;
      if (seen.has(item.reference)) errors.push({ field: `cart.items.${i}.reference`, messages: [`reference '${item.reference}' appears twice in the cart`] });
      seen.add(item.reference);
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }

  private applyShipment(order: Order, dto: ShipOrderDto): ShippedQuantities {
    const remaining = remainingQuantities(order.cart, order.shippedQuantities);
    const next: ShippedQuantities = { ...order.shippedQuantities };
    if (!dto.items) {
      for (const [reference, quantity] of Object.entries(remaining)) if (quantity > 0) next[reference] = (next[reference] ?? 0) + quantity;
      return next;
    }
    const errors: FieldError[] = [];
    const requested: Record<string, number> = {};
    dto.items.forEach((item, i) => {
      if (!(item.reference in remaining)) {
        errors.push({ field: `items.${i}.reference`, messages: [`no shippable item with reference '${item.reference}' in this order`] });
        return;
      }
      requested[item.reference] = (requested[item.reference] ?? 0) + item.quantity;
      if (requested[item.reference] > remaining[item.reference]) {
        errors.push({ field: `items.${i}.quantity`, messages: [`only ${remaining[item.reference]} of '${item.reference}' left to ship`] });
      }
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
    for (const [reference, quantity] of Object.entries(requested)) next[reference] = (next[reference] ?? 0) + quantity;
    return next;
  }
}

function shippedQuantitiesDelta(before: ShippedQuantities, after: ShippedQuantities): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [reference, quantity] of Object.entries(after)) {
    const d = quantity - (before[reference] ?? 0);
    if (d > 0) delta[reference] = d;
  }
  return delta;
}
