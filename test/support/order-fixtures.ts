import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { TransactionRunner } from '../../src/database/transaction-runner.js';
import type { RegisterOrderDto } from '../../src/orders/dto/register-order.dto.js';
import { remainingQuantities } from '../../src/orders/order-cart.js';
import { newOrderOf } from '../../src/orders/order-registration.js';
import { isConfirmedBySequra, OrderState } from '../../src/orders/order-states.js';
import type { Order } from '../../src/orders/order.entity.js';
import { OrderRepository } from '../../src/orders/order.repository.js';
import { sequraViewOf } from '../../src/orders/sequra-view.js';
import { orderBody } from './fixtures.js';
import { TEST_MERCHANT } from './test-app.js';

/**
 * Order state for tests, written the way the service writes it: through OrderRepository (never a raw
 * `UPDATE orders`), so the column mapping, versions and JSON shapes are the real ones.
 */

/** Where fixtures write: the repository of a running test app, or one of its own (see {@link openOrderStore}). */
export interface OrderStore {
  orders: OrderRepository;
  transactions: TransactionRunner;
}
export type OrderSource = { app: INestApplicationContext } | OrderStore;

function storeOf(source: OrderSource): OrderStore {
  if (!('app' in source)) return source;
  return { orders: source.app.get(OrderRepository), transactions: source.app.get(TransactionRunner) };
}

/**
 * An OrderRepository on a small pool of its own, for scenarios whose service runs in another
 * process (the fault suite). Close it when done.
 */
export async function openOrderStore(url: string, poolSize = 2): Promise<OrderStore & { close(): Promise<void> }> {
  const dataSource = await new DataSource(dataSourceOptions(url, poolSize)).initialize();
  return {
    orders: new OrderRepository(dataSource),
    transactions: new TransactionRunner(dataSource),
    close: () => dataSource.destroy(),
  };
}

/** The states an order passes through on its way to `state`, for their entered-at timestamps. */
const PATH: Record<OrderState, OrderState[]> = {
  pending: [],
  on_hold: ['on_hold'],
  approved: ['approved'],
  shipped: ['approved', 'shipped'],
  refunded: ['approved', 'shipped', 'refunded'],
  denied: ['denied'],
  cancelled: ['cancelled'],
};

export interface SeedOptions {
  /** Default `pending`. */
  state?: OrderState;
  /** seQura's order uuid as stored; default: a fresh one once seQura confirmed the order (approved, shipped). */
  sequraOrderRef?: string | null;
  /** Overrides of the registration body ({@link orderBody}). */
  body?: Record<string, unknown>;
  /** The seQura merchant account; default the test apps' SEQURA_MERCHANT_ID ({@link TEST_MERCHANT}). */
  merchantId?: string;
  /**
   * Any other column; for a shipped order `shippedQuantities` defaults to everything (a refunded one
   * also returned everything). seQura's acknowledged view defaults to the confirmation (everything
   * unshipped) for an order seQura confirmed, or to the order as stored when `reportedAt` is set.
   */
  set?: Partial<Order>;
}

/**
 * A new order already in `state`, as if registered through `POST /orders` (same body mapping) and
 * moved there by the webhooks and the API: inserted by OrderRepository with the entered-at time of
 * each state on its way (approved_at, shipped_at, cancelled_at: now). No history rows; version 1.
 */
export async function seedOrder(source: OrderSource, ref: string, options: SeedOptions = {}): Promise<Order> {
  const state = options.state ?? 'pending';
  const values = newOrderOf(
    orderBody(ref, options.body) as unknown as RegisterOrderDto,
    options.merchantId ?? TEST_MERCHANT,
  );
  const now = new Date();
  const path = PATH[state];
  const defaultRef = isConfirmedBySequra(state) ? randomUUID() : null;
  const sequraOrderRef = options.sequraOrderRef === undefined ? defaultRef : options.sequraOrderRef;
  const everything = remainingQuantities(values.cart, {});
  const confirmed = path.includes('approved');
  return storeOf(source).orders.insert({
    ...values,
    state,
    sequraOrderRef,
    ...(confirmed ? { approvedAt: now, sequraView: sequraViewOf({ ...values, state: 'approved' }) } : {}),
    ...(path.includes('shipped') ? { shippedAt: now, shippedQuantities: everything } : {}),
    ...(path.includes('refunded')
      ? { refunds: [{ n: 1, items: everything, amount: 0, reason: null, at: now.toISOString(), actor: 'seed' }] }
      : {}),
    ...(path.includes('cancelled') ? { cancelledAt: now } : {}),
    ...(options.set?.reportedAt ? { sequraView: null, sequraViewVersion: 1 } : {}),
    ...options.set,
  });
}

/**
 * Changes a stored order through the repository under its row lock, as the service would (version
 * and updated_at move; no history row): for what the API does not do, such as a cart that no longer
 * adds up. `changes` may be computed from the order as locked.
 */
export async function changeOrder(
  source: OrderSource,
  ref: string,
  changes: Partial<Order> | ((order: Order) => Partial<Order>),
): Promise<Order> {
  const [order] = await changeOrders(source, [ref], changes);
  return order;
}

/** {@link changeOrder} for several orders in one transaction: other sessions see all the changes at once. */
export async function changeOrders(
  source: OrderSource,
  refs: readonly string[],
  changes: Partial<Order> | ((order: Order) => Partial<Order>),
): Promise<Order[]> {
  const { orders, transactions } = storeOf(source);
  return transactions.run(async (tx) => {
    const changed: Order[] = [];
    for (const ref of refs) {
      const order = await orders.lockByRef(tx, ref);
      if (!order) throw new Error(`changeOrder: no order '${ref}'`);
      await orders.update(tx, order, typeof changes === 'function' ? changes(order) : changes);
      changed.push(order);
    }
    return changed;
  });
}

/** `orders o` with each order's report state `r` (reported_at, shipping_report_id, sequra_view_version), for SQL. */
export const ORDERS_WITH_REPORT_STATE = 'orders o LEFT JOIN order_report_states r ON r.order_seq = o.seq';

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

/**
 * Clock travel: sets the given timestamps of an order to that many milliseconds before now (an
 * order approved 100 minutes ago, registered 8 days ago), through {@link changeOrder}.
 */
export function backdate(
  source: OrderSource,
  ref: string,
  ago: Partial<Record<'approvedAt' | 'shippedAt' | 'createdAt', number>>,
): Promise<Order> {
  const now = Date.now();
  const changes = Object.fromEntries(Object.entries(ago).map(([field, ms]) => [field, new Date(now - ms)]));
  return changeOrder(source, ref, changes);
}
