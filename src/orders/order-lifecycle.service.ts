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
  private lockSql?: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Fail at boot, not at request time, if the state table is not a sound graph. */
  onModuleInit(): void {
    const problems = validateStateGraph(ORDER_TRANSITIONS, INITIAL_ORDER_STATE);
    if (problems.length > 0) throw new Error(`Order state graph is invalid: ${problems.join('; ')}`);
  }

  /** Runs `work` in a transaction holding the order's row lock. Unknown ref → {@link OrderNotFoundError}. */
  async withLockedOrder<T>(orderRef1: string, work: (order: Order, tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      const order = await this.lockOrder(tx, orderRef1);
      if (!order) throw new OrderNotFoundError(orderRef1);
      return work(order, tx);
    });
  }

  /**
   * `SELECT … FOR UPDATE` of every column, hydrated with the driver's own conversions: the entity
   * `tx.findOne(Order, { lock })` returns, but the SQL is built once instead of on every call (the
   * query builder cost more CPU than PostgreSQL spent on the query; see bench/webhooks.bench.ts).
   */
  private async lockOrder(tx: EntityManager, orderRef1: string): Promise<Order | null> {
    const metadata = this.dataSource.getMetadata(Order);
    this.lockSql ??= `SELECT ${metadata.columns.map((c) => `"${c.databaseName}"`).join(', ')} FROM "${metadata.tableName}" WHERE "order_ref_1" = $1 FOR UPDATE`;
    const [row]: Record<string, unknown>[] = await tx.query(this.lockSql, [orderRef1]);
    if (!row) return null;
    const order = metadata.create(tx.queryRunner, { fromDeserializer: true }) as Order;
    for (const column of metadata.columns) column.setEntityValue(order, this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column));
    return order;
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
    await this.insertHistory(tx, order.id, 'transition', from, to, context);
    return true;
  }

  /** Writes fields of a locked order without a state change (version and updated_at move). */
  async update(tx: EntityManager, order: Order, changes: Partial<Order>): Promise<void> {
    // The statement `tx.update(Order, { id }, changes)` sends, values converted by the same driver
    // (undefined skipped), without the query builder's per-call cost (see lockOrder).
    const metadata = this.dataSource.getMetadata(Order);
    const assignments: string[] = ['"version" = "version" + 1', '"updated_at" = CURRENT_TIMESTAMP'];
    const params: unknown[] = [order.id];
    for (const [property, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      const column = metadata.findColumnWithPropertyName(property);
      if (!column || !column.isUpdate || column.isVersion || column.isUpdateDate) throw new Error(`Order.${property} cannot be updated`);
      params.push(this.dataSource.driver.preparePersistentValue(value, column));
      assignments.push(`"${column.databaseName}" = $${params.length}`);
    }
    await tx.query(`UPDATE "orders" SET ${assignments.join(', ')} WHERE "id" = $1`, params);
    Object.assign(order, changes);
    order.version += 1;
  }

  /** A history entry that is not a transition: something staff must see (kind `note`). */
  async note(tx: EntityManager, order: Order, context: ChangeContext): Promise<void> {
    await this.insertHistory(tx, order.id, 'note', order.state, order.state, context);
  }

  /** One `order_history` row, in plain SQL: it is written on most webhooks (see {@link lockOrder}). */
  private async insertHistory(tx: EntityManager, orderId: string, kind: OrderHistory['kind'], from: OrderState, to: OrderState, context: ChangeContext): Promise<void> {
    await tx.query(
      `INSERT INTO order_history (order_id, kind, from_state, to_state, cause, actor, details) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [orderId, kind, from, to, context.cause, context.actor ?? null, context.details ? JSON.stringify(context.details) : null],
    );
  }
}
