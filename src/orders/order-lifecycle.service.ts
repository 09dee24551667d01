import { Injectable, OnModuleInit } from '@nestjs/common';
import { InvalidTransitionError, OrderNotFoundError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionRunner, Tx } from '../database/transaction-runner.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { historyRecord, NoteEntry, TransitionEntry } from './order-history-entries.js';
import type { OrderHistory } from './order-history.entity.js';
import {
  canTransition,
  enteredAtChanges,
  INITIAL_ORDER_STATE,
  ORDER_TRANSITIONS,
  OrderState,
  validateStateGraph,
} from './order-states.js';
import type { Order } from './order.entity.js';
import { OrderRepository } from './order.repository.js';
import { owesSequraUpdate, SequraUpdateReason } from './sequra-view.js';

/**
 * Every change to an order goes through here: one transaction, the row locked with
 * `SELECT … FOR UPDATE`, the transition checked against the table, the row updated, a typed history
 * entry written. Webhooks, the REST API, data sync and the outbox all serialize on that row lock.
 */
@Injectable()
export class OrderLifecycleService implements OnModuleInit {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly orders: OrderRepository,
    private readonly outbox: OutboxRepository,
    private readonly config: AppConfig,
  ) {}

  /** Fail at boot, not at request time, if the state table is not a sound graph. */
  onModuleInit(): void {
    const problems = validateStateGraph(ORDER_TRANSITIONS, INITIAL_ORDER_STATE);
    if (problems.length > 0) throw new Error(`Order state graph is invalid: ${problems.join('; ')}`);
  }

  /** Runs `work` in a transaction holding the order's row lock. Unknown ref → {@link OrderNotFoundError}. */
  withLockedOrder<T>(orderRef1: string, work: (order: Order, tx: Tx) => Promise<T>): Promise<T> {
    return this.transactions.run(async (tx) => {
      const order = await this.orders.lockByRef(tx, orderRef1);
      if (!order) throw new OrderNotFoundError(orderRef1);
      return work(order, tx);
    });
  }

  /**
   * Moves a locked order to `to`. The same state is a no-op (returns false, no history row); a
   * refused transition throws {@link InvalidTransitionError} naming both states. `patch` is written
   * in the same UPDATE, with the timestamp of the state entered.
   */
  async transition(
    tx: Tx,
    order: Order,
    to: OrderState,
    entry: TransitionEntry,
    patch: Partial<Order> = {},
  ): Promise<boolean> {
    const from = order.state;
    if (from === to) return false;
    if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
    await this.orders.update(tx, order, { ...patch, state: to, ...enteredAtChanges(to, patch) });
    await this.write(tx, order.id, 'transition', from, to, entry);
    return true;
  }

  /** Writes fields of a locked order without a state change (version and updated_at move). */
  update(tx: Tx, order: Order, changes: Partial<Order>): Promise<void> {
    return this.orders.update(tx, order, changes);
  }

  /**
   * After a change to a locked order, in the same transaction: queues one Order Update for seQura
   * through the outbox when seQura's view of the order now differs from the one it acknowledged
   * (see {@link owesSequraUpdate}: not while the delivery report is to carry the order, and not when
   * nothing seQura holds changed). The relay builds the body from the order as stored when it sends.
   * Returns whether an update was queued.
   */
  async queueSequraUpdate(
    tx: Tx,
    order: Order,
    reason: SequraUpdateReason,
    options: { cancellationReason?: string } = {},
  ): Promise<boolean> {
    if (!owesSequraUpdate(order, reason, this.config.shippingReport.mode)) return false;
    await this.outbox.enqueue(tx, order, reason, options);
    return true;
  }

  /** A history entry that is not a transition: something staff must see (kind `note`). */
  note(tx: Tx, order: Pick<Order, 'id' | 'state'>, entry: NoteEntry): Promise<void> {
    return this.write(tx, order.id, 'note', order.state, order.state, entry);
  }

  private write(
    tx: Tx,
    orderId: string,
    kind: OrderHistory['kind'],
    fromState: OrderState,
    toState: OrderState,
    entry: TransitionEntry | NoteEntry,
  ): Promise<void> {
    return this.orders.insertHistory(tx, { orderId, kind, fromState, toState, ...historyRecord(entry) });
  }
}
