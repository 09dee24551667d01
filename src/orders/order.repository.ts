import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { DuplicateOrderError } from '../common/domain-errors.js';
import type { Tx } from '../database/transaction-runner.js';
import { HistoryCause, OrderHistory } from './order-history.entity.js';
import type { OrderState } from './order-states.js';
import { Order } from './order.entity.js';
import { SequraView, sequraViewOf } from './sequra-view.js';

type PgError = { code?: string; constraint?: string };

/** The report-state columns (`order_report_states`, one row per order that shipped) and their properties. */
const REPORT_STATE_COLUMNS = ['reported_at', 'shipping_report_id', 'sequra_view_version'] as const;
type ReportStateRow = Record<(typeof REPORT_STATE_COLUMNS)[number], unknown>;
const REPORT_STATE_FIELDS = ['reportedAt', 'shippingReportId', 'sequraViewVersion'] as const;
type ReportState = Pick<Order, (typeof REPORT_STATE_FIELDS)[number]>;

function reportStateOf(row: ReportStateRow | undefined): ReportState {
  return {
    reportedAt: (row?.reported_at as Date | null | undefined) ?? null,
    shippingReportId: (row?.shipping_report_id as string | null | undefined) ?? null,
    sequraViewVersion: (row?.sequra_view_version as number | null | undefined) ?? null,
  };
}

/** The report-state fields `changes` sets (undefined ones left out). */
function pickReportState(changes: Partial<Order>): Partial<ReportState> {
  return Object.fromEntries(REPORT_STATE_FIELDS.filter((f) => changes[f] !== undefined).map((f) => [f, changes[f]]));
}

/**
 * Orders per state, cheap at any table size. Each state is counted exactly through the
 * `orders_state_seq_idx` index (index-only) up to `$2` rows; a state with more is estimated from the
 * planner's statistics (its share of the sampled rows, `pg_stats.most_common_freqs`, times the row
 * count `reltuples`, scaled by how much the table grew since, as the planner does). Statistics are
 * refreshed by autovacuum's ANALYZE, so an estimate lags by up to about a tenth of the table.
 */
const COUNT_BY_STATE_SQL = `
  WITH total AS (
    SELECT CASE WHEN c.reltuples < 0 THEN NULL
                WHEN c.relpages > 0
                  THEN c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::int)
                ELSE c.reltuples END AS rows
    FROM pg_class c WHERE c.oid = 'orders'::regclass
  ), freqs AS (
    SELECT v.state, v.freq
    FROM pg_stats s, unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS v(state, freq)
    WHERE s.schemaname = current_schema() AND s.tablename = 'orders' AND s.attname = 'state' AND NOT s.inherited
  )
  SELECT s.state, c.counted::int AS counted,
         (SELECT round(f.freq * t.rows)::float8 FROM freqs f, total t WHERE f.state = s.state) AS estimated
  FROM unnest($1::text[]) AS s(state)
  CROSS JOIN LATERAL (SELECT count(*) AS counted FROM (SELECT 1 FROM orders o WHERE o.state = s.state LIMIT $2) x) c`;

/** How many orders are in a state: exact below the cap, estimated above it. */
export interface StateCount {
  state: OrderState;
  count: number;
  exact: boolean;
}

/** A new order's columns; the database fills in id, seq, timestamps and version. */
export type NewOrder = Pick<
  Order,
  | 'orderRef1'
  | 'orderRef2'
  | 'sequraOrderRef'
  | 'sequraMerchantId'
  | 'state'
  | 'cart'
  | 'shippedQuantities'
  | 'deliveryMethod'
  | 'customer'
  | 'deliveryAddress'
  | 'invoiceAddress'
  | 'trackings'
  | 'cancelledQuantities'
  | 'refunds'
  | 'sequraView'
> &
  Partial<Order>;

/** Filters of the order list; `beforeSeq` is the keyset (the last row of the previous page). */
export interface OrderListFilter {
  state?: OrderState;
  updatedSince?: Date;
  /** Part of order_ref_1, case-insensitive. */
  refContains?: string;
  /** Orders of this seQura merchant account only. */
  sequraMerchantId?: string;
  beforeSeq?: string;
  limit: number;
}

/** One `order_history` row to write. */
export interface NewHistoryRow {
  orderId: string;
  kind: OrderHistory['kind'];
  fromState: OrderState;
  toState: OrderState;
  cause: HistoryCause;
  actor: string | null;
  details: Record<string, unknown> | null;
}

/**
 * The `orders`, `order_report_states` and `order_history` tables: the one writer of orders. Every change
 * to a stored order goes through {@link lockByRef} and {@link update} inside a transaction (see
 * OrderLifecycleService); marking orders reported ({@link markReportedByRun}) is the one bulk write.
 *
 * An order that shipped has a narrow `order_report_states` row (keyed by its seq) with where it
 * stands with the delivery report: `reportedAt`, `shippingReportId`, `sequraViewVersion` on the
 * entity. Reads join it. A change locks it after the order's row, and the marking locks it before
 * reading the orders' versions, so a change of the order and its marking never interleave (and the
 * marking writes nothing to the wide order rows, not even a row lock).
 *
 * The webhook hot path (lock, update, history row) sends hand-built SQL: building the same
 * statements with the query builder cost more CPU than PostgreSQL spent running them (see
 * bench/webhooks.bench.ts). TypeORM's metadata and driver are used here, and only here, to keep the
 * entity's column mapping and value conversions.
 */
@Injectable()
export class OrderRepository {
  private lockSql?: string;
  private lockByIdSql?: string;
  private returningAll?: string;
  private selectWithReportSql?: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts an order and returns it as stored, in one statement (`INSERT … RETURNING` every column,
   * hydrated like {@link lockByRef}): what `getRepository(Order).insert` and a `findOne` did in two
   * round trips and two query builds (see bench/registration.bench.ts). A taken order_ref_1 or
   * seQura reference → 409.
   */
  async insert(values: NewOrder): Promise<Order> {
    const metadata = this.dataSource.getMetadata(Order);
    const columns: string[] = [];
    const params: unknown[] = [];
    for (const column of metadata.columns) {
      const value: unknown = column.getEntityValue(values);
      // Unset columns take the database's default: id, timestamps, version (seq is never inserted).
      if (value === undefined || !column.isInsert) continue;
      columns.push(`"${column.databaseName}"`);
      params.push(this.dataSource.driver.preparePersistentValue(value, column));
    }
    this.returningAll ??= metadata.columns.map((c) => `"${c.databaseName}"`).join(', ');
    let sql = `INSERT INTO "${metadata.tableName}" (${columns.join(', ')})
         VALUES (${params.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${this.returningAll}`;
    // Registration never gets here (a new order has not shipped); a test seeding a shipped order does.
    const reportState = values.shippedAt ? reportStateOf(undefined) : undefined;
    const given = pickReportState(values);
    if (!reportState && Object.values(given).some((v) => v !== null)) {
      throw new Error('An order has a report state only once it shipped (shippedAt)');
    }
    if (reportState) {
      Object.assign(reportState, given);
      params.push(reportState.reportedAt, reportState.shippingReportId, reportState.sequraViewVersion);
      const n = params.length;
      sql = `WITH o AS (${sql}), r AS (
           INSERT INTO order_report_states (order_seq, sequra_merchant_id, ${REPORT_STATE_COLUMNS.join(', ')})
           SELECT seq, sequra_merchant_id, $${n - 2}::timestamptz, $${n - 1}::uuid, $${n}::integer FROM o)
         SELECT * FROM o`;
    }
    try {
      const rows: Record<string, unknown>[] = await this.dataSource.query(sql, params);
      const order = this.hydrate(this.dataSource.manager, rows)!;
      if (reportState) Object.assign(order, reportState);
      return order;
    } catch (error) {
      const pg = error instanceof QueryFailedError ? (error.driverError as PgError) : undefined;
      if (pg?.code === '23505') {
        if (pg.constraint === 'orders_sequra_order_ref_key') {
          throw new DuplicateOrderError('sequra_order_ref', values.sequraOrderRef!);
        }
        throw new DuplicateOrderError('order_ref_1', values.orderRef1);
      }
      throw error;
    }
  }

  async findByRef(orderRef1: string, tx: Tx = this.dataSource.manager): Promise<Order | null> {
    const [order] = await this.select(tx, 'o."order_ref_1" = $1', [orderRef1]);
    return order ?? null;
  }

  async findById(id: string, tx: Tx = this.dataSource.manager): Promise<Order | null> {
    const [order] = await this.select(tx, 'o."id" = $1', [id]);
    return order ?? null;
  }

  /** Newest first, by the insertion sequence: pages stay stable under concurrent inserts. */
  list(filter: OrderListFilter): Promise<Order[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const and = (condition: (param: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (filter.state) and((p) => `o.state = ${p}`, filter.state);
    if (filter.updatedSince) and((p) => `o.updated_at >= ${p}`, filter.updatedSince);
    if (filter.sequraMerchantId) and((p) => `o.sequra_merchant_id = ${p}`, filter.sequraMerchantId);
    if (filter.refContains) {
      const pattern = `%${filter.refContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      and((p) => `o.order_ref_1 ILIKE ${p} ESCAPE '\\'`, pattern);
    }
    if (filter.beforeSeq) and((p) => `o.seq < ${p}`, filter.beforeSeq);
    params.push(filter.limit);
    return this.select(
      this.dataSource.manager,
      `${where.length > 0 ? where.join(' AND ') : 'true'} ORDER BY o.seq DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** Orders with their report state, in one statement (one snapshot). `condition` may end in ORDER BY/LIMIT. */
  private async select(tx: Tx, condition: string, params: unknown[]): Promise<Order[]> {
    this.selectWithReportSql ??=
      `SELECT ${this.orderColumns()}, ${REPORT_STATE_COLUMNS.map((c) => `r.${c}`).join(', ')} ` +
      `FROM orders o LEFT JOIN order_report_states r ON r.order_seq = o.seq WHERE `;
    const rows: Record<string, unknown>[] = await tx.query(this.selectWithReportSql + condition, params);
    return rows.map((row) => Object.assign(this.hydrate(tx, [row])!, reportStateOf(row as ReportStateRow)));
  }

  /**
   * Orders stored before merchant accounts existed have none: they were all made with `merchantId`, the
   * one account of the time, which they get now (once; the index on the account finds them). Returns how
   * many. Not a change of the order (neither version nor updated_at move).
   */
  async assignAccountToLegacyOrders(merchantId: string): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const [, n]: [unknown, number] = await tx.query(
        `UPDATE orders SET sequra_merchant_id = $1 WHERE sequra_merchant_id IS NULL`,
        [merchantId],
      );
      await tx.query(`UPDATE order_report_states SET sequra_merchant_id = $1 WHERE sequra_merchant_id IS NULL`, [
        merchantId,
      ]);
      return n;
    });
  }

  /** How many orders have no account yet (stored before accounts existed). */
  async countLegacyOrders(): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::integer AS n FROM orders WHERE sequra_merchant_id IS NULL`,
    );
    return n;
  }

  /** The `order_ref_1` of the order that holds seQura order `sequraOrderRef`, if any (a unique column). */
  async holderOfSequraOrder(sequraOrderRef: string, tx: Tx = this.dataSource.manager): Promise<string | null> {
    const [row]: { order_ref_1: string }[] = await tx.query(
      'SELECT order_ref_1 FROM orders WHERE sequra_order_ref = $1',
      [sequraOrderRef],
    );
    return row?.order_ref_1 ?? null;
  }

  /** An order's history, oldest first. */
  history(orderId: string, tx: Tx = this.dataSource.manager): Promise<OrderHistory[]> {
    return tx.find(OrderHistory, { where: { orderId }, order: { id: 'ASC' } });
  }

  /**
   * `SELECT … FOR UPDATE` of every column, hydrated with the driver's own conversions: the entity
   * `tx.findOne(Order, { lock })` returns, but the SQL is built once instead of on every call.
   */
  async lockByRef(tx: Tx, orderRef1: string): Promise<Order | null> {
    this.lockSql ??= `SELECT ${this.orderColumns()} FROM orders o WHERE o."order_ref_1" = $1 FOR UPDATE`;
    return this.withReportState(tx, this.hydrate(tx, await tx.query(this.lockSql, [orderRef1])));
  }

  /**
   * Locks an order by id unless another transaction holds it (`SKIP LOCKED`): null when it is
   * locked, or unknown. For background work that must not wait on a request holding the order.
   */
  async lockByIdUnlessLocked(tx: Tx, id: string): Promise<Order | null> {
    this.lockByIdSql ??= `SELECT ${this.orderColumns()} FROM orders o WHERE o."id" = $1 FOR UPDATE SKIP LOCKED`;
    return this.withReportState(tx, this.hydrate(tx, await tx.query(this.lockByIdSql, [id])));
  }

  /**
   * A locked order's report state, locked too, in a statement of its own: a marking in flight holds it
   * (markReportedByRun), and this waits for it and reads what it wrote. Only an order that shipped has
   * one: the webhook hot path (orders not shipped yet) sends no more statements for it.
   */
  private async withReportState(tx: Tx, order: Order | null): Promise<Order | null> {
    if (!order || order.shippedAt === null) return order;
    const [row]: ReportStateRow[] = await tx.query(
      `SELECT ${REPORT_STATE_COLUMNS.join(', ')} FROM order_report_states WHERE order_seq = $1 FOR UPDATE`,
      [order.seq],
    );
    return Object.assign(order, reportStateOf(row));
  }

  private orderColumns(): string {
    return this.dataSource
      .getMetadata(Order)
      .columns.map((c) => `o."${c.databaseName}"`)
      .join(', ');
  }

  private hydrate(tx: Tx, [row]: Record<string, unknown>[]): Order | null {
    if (!row) return null;
    const metadata = this.dataSource.getMetadata(Order);
    const order = metadata.create(tx.queryRunner, { fromDeserializer: true }) as Order;
    for (const column of metadata.columns) {
      column.setEntityValue(order, this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return order;
  }

  /**
   * Writes fields of a locked order (version and updated_at move) and applies them to `order`. The
   * statement `tx.update(Order, { id }, changes)` sends, values converted by the same driver
   * (undefined skipped), without the query builder's per-call cost.
   */
  async update(tx: Tx, order: Order, requested: Partial<Order>): Promise<void> {
    const changes = { ...this.pinnedView(order, requested), ...requested };
    const metadata = this.dataSource.getMetadata(Order);
    const assignments: string[] = ['"version" = "version" + 1', '"updated_at" = CURRENT_TIMESTAMP'];
    const params: unknown[] = [order.id];
    const reportState = pickReportState(changes);
    const columnChanges: Partial<Order> = {};
    for (const [property, value] of Object.entries(changes)) {
      if (value === undefined || property in reportState) continue;
      Object.assign(columnChanges, { [property]: value });
      const column = metadata.findColumnWithPropertyName(property);
      if (!column || !column.isUpdate || column.isVersion || column.isUpdateDate) {
        throw new Error(`Order.${property} cannot be updated`);
      }
      params.push(this.dataSource.driver.preparePersistentValue(value, column));
      assignments.push(`"${column.databaseName}" = $${params.length}`);
    }
    await tx.query(`UPDATE "orders" SET ${assignments.join(', ')} WHERE "id" = $1`, params);
    const shipsNow = order.shippedAt === null && changes.shippedAt != null;
    Object.assign(order, columnChanges);
    order.version += 1;
    if (shipsNow) await this.insertReportState(tx, order);
    await this.writeReportState(tx, order, reportState);
  }

  /** The report-state row of an order that ships now (none before): not reported yet. */
  private async insertReportState(tx: Tx, order: Order): Promise<void> {
    await tx.query(
      `INSERT INTO order_report_states (order_seq, sequra_merchant_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [order.seq, order.sequraMerchantId],
    );
  }

  /** Writes the report-state fields in `changes` that differ from the order's, and applies them. */
  private async writeReportState(tx: Tx, order: Order, changes: Partial<ReportState>): Promise<void> {
    const changed = REPORT_STATE_FIELDS.filter((f) => f in changes && changes[f] !== order[f]);
    if (changed.length === 0) return;
    if (order.shippedAt === null) throw new Error(`Order.${changed[0]} is only kept for an order that shipped`);
    const values = changed.map((f) => changes[f] ?? null);
    const columns = changed.map((f) => REPORT_STATE_COLUMNS[REPORT_STATE_FIELDS.indexOf(f)]);
    await tx.query(
      `UPDATE order_report_states SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE order_seq = $1`,
      [order.seq, ...values],
    );
    Object.assign(order, Object.fromEntries(changed.map((f, i) => [f, values[i]])));
  }

  /**
   * A view acknowledged by version ("seQura holds what this order was at version N", set in bulk by
   * a delivered report) describes the row only while the version stays: before it moves, the view
   * is written out explicitly. A change that sets `sequraView` itself says what seQura holds.
   */
  private pinnedView(order: Order, changes: Partial<Order>): Partial<Order> {
    if ('sequraView' in changes) return { sequraViewVersion: null };
    if (order.sequraViewVersion === null || order.sequraViewVersion !== order.version) return {};
    return { sequraView: sequraViewOf(order), sequraViewVersion: null };
  }

  /**
   * seQura answered 2xx to an Order Update carrying `view`: it now holds that view, and knows the
   * order shipped if it has (`reported_at`, when no report told it before). Neither the version nor
   * updated_at move: nothing of the order changed, and the customer-data ETag must stay valid.
   */
  async recordSequraView(tx: Tx, order: Order, view: SequraView): Promise<void> {
    const told = order.shippedAt !== null && order.reportedAt === null;
    await tx.query(`UPDATE orders SET sequra_view = $2::jsonb WHERE id = $1`, [order.id, JSON.stringify(view)]);
    order.sequraView = view;
    await this.writeReportState(tx, order, { sequraViewVersion: null, ...(told ? { reportedAt: new Date() } : {}) });
  }

  /**
   * The order is in a delivery report run that is not settled yet (claimed, pending): what that run
   * carries may still reach seQura, so an Order Update for the order waits until it is settled.
   */
  async inPendingReport(tx: Tx, orderId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM shipping_report_claims WHERE order_id = $1`, [orderId]);
    return rows.length > 0;
  }

  /** One `order_history` row, in plain SQL: it is written on most webhooks (see {@link lockByRef}). */
  async insertHistory(tx: Tx, row: NewHistoryRow): Promise<void> {
    await tx.query(
      `INSERT INTO order_history (order_id, kind, from_state, to_state, cause, actor, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [
        row.orderId,
        row.kind,
        row.fromState,
        row.toState,
        row.cause,
        row.actor,
        row.details ? JSON.stringify(row.details) : null,
      ],
    );
  }

  /**
   * Orders whose data cannot go in a delivery report, as claimed at `version`: the claim passes each
   * over while its version is still that one. Like {@link markReportedByRun}, no new version: the
   * order's data did not change. Returns how many were marked (an order changed since is not).
   */
  async markUnreportable(tx: Tx, orders: readonly { id: string; version: number }[]): Promise<number> {
    if (orders.length === 0) return 0;
    const [, n]: [unknown, number] = await tx.query(
      `UPDATE orders o SET unreportable_version = u.version
       FROM unnest($1::uuid[], $2::integer[]) AS u(id, version)
       WHERE o.id = u.id AND o.version = u.version`,
      [orders.map((o) => o.id), orders.map((o) => o.version)],
    );
    return n;
  }

  /**
   * Orders per state (see {@link COUNT_BY_STATE_SQL}): exact up to `exactUpTo` per state, estimated
   * above, never below `exactUpTo` (the rows actually seen).
   */
  async countByState(states: readonly OrderState[], exactUpTo: number): Promise<StateCount[]> {
    const rows: { state: OrderState; counted: number; estimated: number | null }[] = await this.dataSource.query(
      COUNT_BY_STATE_SQL,
      [states, exactUpTo],
    );
    return rows.map(({ state, counted, estimated }) =>
      counted < exactUpTo
        ? { state, count: counted, exact: true }
        : { state, count: Math.max(exactUpTo, estimated ?? 0), exact: false },
    );
  }

  /**
   * A delivered report run: its claimed orders become reported by it, except those whose version
   * moved since the claim (they changed after their entry was built, and go in the next run).
   * seQura now holds the view each entry carried, which is the order's view at that version
   * (`sequra_view_version`: one integer, not the carts, so marking stays one cheap statement).
   * Returns how many orders were marked.
   */
  async markReportedByRun(tx: Tx, runId: string): Promise<number> {
    // Their report states first, locked: a change of one of these orders holds its state from its lock
    // on (lockByRef) until it commits, so the marking waits for it here...
    await tx.query(
      `SELECT r.order_seq FROM shipping_report_claims c JOIN order_report_states r ON r.order_seq = c.order_seq
       WHERE c.report_id = $1 ORDER BY r.order_seq FOR UPDATE OF r`,
      [runId],
    );
    // ...and this statement's snapshot, taken once they are held, has the versions it committed.
    const [, n]: [unknown, number] = await tx.query(
      `UPDATE order_report_states r SET reported_at = clock_timestamp(), shipping_report_id = c.report_id,
         sequra_view_version = c.version
       FROM shipping_report_claims c JOIN orders o ON o.seq = c.order_seq
       WHERE c.report_id = $1 AND o.version = c.version AND r.order_seq = c.order_seq`,
      [runId],
    );
    return n;
  }
}
