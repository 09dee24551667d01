import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InvalidTransitionError, OrderNotFoundError } from '../common/domain-errors.js';
import { HistoryCause, OrderHistory } from './order-history.entity.js';
import { canTransition, INITIAL_ORDER_STATE, ORDER_TRANSITIONS, OrderState, validateStateGraph } from './order-states.js';
import { Order } from './order.entity.js';

export interface ChangeContext {
  cause: HistoryCause;
  actor?: string | null;
  details?: Record<string, unknown> | null;
}

/** Timestamp set when an order enters a state. */
const ENTERED_AT: Partial<Record<OrderState, keyof Order>> = {
  approved: 'approvedAt',
  shipped: 'shippedAt',
  cancelled: 'cancelledAt',
};

/**
 * Every change to an order goes through here: one transaction, the row locked with
 * `SELECT … FOR UPDATE`, the transition checked against the table, the row updated, a history row
 * written. Webhooks, the REST API, data sync and the outbox all serialize on that row lock.
 */
@Injectable()
export class OrderLifecycleService implements OnModuleInit {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Fail at boot, not at request time, if the state table is not a sound graph. */
  onModuleInit(): void {
    const problems = validateStateGraph(ORDER_TRANSITIONS, INITIAL_ORDER_STATE);
    if (problems.length > 0) throw new Error(`Order state graph is invalid: ${problems.join('; ')}`);
  }

  /** Runs `work` in a transaction holding the order's row lock. Unknown ref → {@link OrderNotFoundError}. */
  async withLockedOrder<T>(orderRef1: string, work: (order: Order, tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      const order = await tx.findOne(Order, { where: { orderRef1 }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new OrderNotFoundError(orderRef1);
      return work(order, tx);
    });
  }

  /**
   * Moves a locked order to `to`. The same state is a no-op (returns false, no history row); a
   * refused transition throws {@link InvalidTransitionError} naming both states. `patch` is written
   * in the same UPDATE.
   */
  async transition(tx: EntityManager, order: Order, to: OrderState, context: ChangeContext, patch: Partial<Order> = {}): Promise<boolean> {
    const from = order.state;
    if (from === to) return false;
    if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
    const enteredAt = ENTERED_AT[to];
    const changes: Partial<Order> = { ...patch, state: to, ...(enteredAt && !patch[enteredAt] ? { [enteredAt]: new Date() } : {}) };
    await this.update(tx, order, changes);
    await tx.insert(OrderHistory, {
      orderId: order.id,
      kind: 'transition',
      fromState: from,
      toState: to,
      cause: context.cause,
      actor: context.actor ?? null,
      details: (context.details ?? null) as never,
    });
    return true;
  }

  /** Writes fields of a locked order without a state change (version and updated_at move). */
  async update(tx: EntityManager, order: Order, changes: Partial<Order>): Promise<void> {
    await tx.update(Order, { id: order.id }, changes as never);
    Object.assign(order, changes);
    order.version += 1;
  }

  /** A history entry that is not a transition: something staff must see (kind `note`). */
  async note(tx: EntityManager, order: Order, context: ChangeContext): Promise<void> {
    await tx.insert(OrderHistory, {
      orderId: order.id,
      kind: 'note',
      fromState: order.state,
      toState: order.state,
      cause: context.cause,
      actor: context.actor ?? null,
      details: (context.details ?? null) as never,
    });
  }
}
