import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Tx } from '../database/transaction-runner.js';
import { REPORT_ORDER_COLUMNS, ReportOrderRow, STATISTICS_COLUMNS, StatisticsRow } from './shipping-report-payload.js';
import { ShippingReport, ShippingReportStatus, ShippingReportTrigger } from './shipping-report.entity.js';

/** Serializes run creation across replicas (any fixed 64-bit key, distinct from the migration lock). */
const CLAIM_LOCK_KEY = 7_345_001_005;
/** How far back the report's statistics go. */
const STATISTICS_DAYS = 7;

/**
 * Unreported shipments: each report state not reported yet (their partial index,
 * `order_report_states_unreported_idx`, leads with the account, in seq order) with its order, when that
 * is shipped and not found unreportable as it is now (the state literal is `isReportable`,
 * order-states.ts). The order is looked up row by row, in a LATERAL subquery with a LIMIT, which the
 * planner keeps as a nested loop that stops with the page: as a plain join it chose a merge join that
 * read `orders` from the first order on every page.
 */
const UNREPORTED_FROM = `order_report_states r CROSS JOIN LATERAL (
    SELECT * FROM orders o WHERE o.seq = r.order_seq AND o.state = 'shipped'
      AND o.unreportable_version IS DISTINCT FROM o.version
    LIMIT 1) o`;
const UNREPORTED = `r.reported_at IS NULL`;
/** In no pending run. The claim learns it from its own insert instead (see claimPage). */
const UNCLAIMED = `NOT EXISTS (SELECT 1 FROM shipping_report_claims c WHERE c.order_id = o.id)`;
const ORDER_COLUMNS = REPORT_ORDER_COLUMNS.map((c) => `o.${c}`).join(', ');

/** A pending run, locked for one attempt. */
export interface LockedRun {
  id: string;
  /** The account the run reports for; null for a run made before accounts (its body names it). */
  sequra_merchant_id: string | null;
  batch: number;
  attempts: number;
  order_count: number;
  /** The stored (compressed) body, read only when asked for (the claim usually hands the JSON over). */
  payload?: Buffer;
}

/** A run locked to be retried by a person. */
interface LockedForRetry {
  status: ShippingReportStatus;
  /** Null for a run made before accounts. */
  sequra_merchant_id: string | null;
  retried_at: Date | null;
  retried_by: string | null;
}

/** A run as the claim stores it, body already written and compressed. */
export interface NewRun {
  id: string;
  sequraMerchantId: string;
  trigger: ShippingReportTrigger;
  scheduledFor?: Date;
  batch: number;
  orderCount: number;
  brokenOrderCount: number;
  statisticsCount: number;
  payload: Buffer;
}

/** Where a statistics page starts: after this (created_at as PostgreSQL prints it, seq). */
export interface StatisticsKey {
  key: string;
  seq: string;
}

/**
 * Every statement of the shipping reports (runs, claims, schedule ticks) and their reads of
 * `orders`. The claim, statistics and marking statements are hand-tuned for the 100,000-order
 * benchmark: keep them raw. Marking orders reported belongs to the order repository.
 */
@Injectable()
export class ShippingReportRepository {
  private version?: string;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // ---- claim ---------------------------------------------------------------------------------------

  /** The claim lock, held until `tx` ends: one replica at a time creates runs. */
  async lockClaims(tx: Tx): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK_KEY]);
  }

  /** Inserts a schedule tick; false when another replica already did (it creates the tick's runs). */
  async insertTick(tx: Tx, job: string, scheduledFor: Date): Promise<boolean> {
    const tick: unknown[] = await tx.query(
      `INSERT INTO shipping_report_ticks (job, scheduled_for) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job`,
      [job, scheduledFor],
    );
    return tick.length > 0;
  }

  /**
   * The accounts orders use that have something to report: unreported shipments (`orders`) or orders in
   * the statistics window (`statistics`). Loose index scans, one probe per account rather than a read of
   * every order: the accounts of unreported shipments straight from their partial index (claimed ones
   * included: an account whose shipments all wait in pending runs merely gets an empty report), and for
   * each account any order the statistics window holds, the first one by date on the account index.
   */
  async accountsWithWork(what: { orders: boolean; statistics: boolean }, tx: Tx = this.dataSource.manager) {
    const rows: { id: string }[] = await tx.query(
      `WITH RECURSIVE unreported AS (
         SELECT min(sequra_merchant_id) AS id FROM order_report_states WHERE $1 AND reported_at IS NULL
         UNION ALL
         SELECT (SELECT min(sequra_merchant_id) FROM order_report_states
                 WHERE reported_at IS NULL AND sequra_merchant_id > u.id)
         FROM unreported u WHERE u.id IS NOT NULL
       ), accounts AS (
         SELECT min(sequra_merchant_id) AS id FROM orders WHERE $2
         UNION ALL
         SELECT (SELECT min(sequra_merchant_id) FROM orders WHERE sequra_merchant_id > a.id)
         FROM accounts a WHERE a.id IS NOT NULL
       )
       SELECT id FROM unreported WHERE id IS NOT NULL
       UNION
       SELECT id FROM accounts a WHERE id IS NOT NULL
         AND (SELECT o.created_at FROM orders o WHERE o.sequra_merchant_id = a.id
                AND o.created_at >= now() - make_interval(days => ${STATISTICS_DAYS})
              ORDER BY o.created_at LIMIT 1) IS NOT NULL
       ORDER BY id`,
      [what.orders, what.statistics],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Claims the next page of one account's unreported shipments for `runId`, in seq order, in one
   * statement: a claim row per order (with the version read) and the orders' data, read in the same
   * snapshot, so the body is built from exactly the versions claimed. The next `batchSize` unreported
   * shipments after `afterSeq` are looked at (one more tells whether another page follows); those a
   * pending run already holds are passed over by the claim insert itself (`ON CONFLICT DO NOTHING` on
   * the claims' primary key, one index probe each): a `NOT EXISTS` over claims was planned from
   * statistics taken while the table was nearly empty, and scanned every claim for every order (1.5 s a
   * page at 1,000,000 orders). A page may hold fewer orders than looked at, even none; `cursor` is where
   * the next one starts (null when nothing was looked at). No lock is taken on orders: an order that
   * changes afterwards has a new version and is left unreported when the run is sent.
   */
  async claimPage(
    tx: Tx,
    runId: string,
    merchantId: string,
    afterSeq: string,
    batchSize: number,
  ): Promise<{ rows: ReportOrderRow[]; more: boolean; cursor: string | null }> {
    const rows: (ReportOrderRow & { more: boolean; cursor: string | null })[] = await tx.query(
      `WITH candidates AS MATERIALIZED (
         SELECT ${ORDER_COLUMNS} FROM ${UNREPORTED_FROM}
         WHERE r.sequra_merchant_id = $4 AND ${UNREPORTED} AND r.order_seq > $2
         ORDER BY r.order_seq LIMIT $3::integer + 1
       ), looked AS MATERIALIZED (
         SELECT * FROM candidates ORDER BY seq LIMIT $3
       ), claimed AS (
         INSERT INTO shipping_report_claims (order_id, order_seq, report_id, version)
         SELECT id, seq, $1, version FROM looked
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id
       )
       SELECT page.*, s.more, s.cursor
       FROM (SELECT (SELECT count(*) FROM candidates) > $3 AS more, (SELECT max(seq) FROM looked) AS cursor) s
       LEFT JOIN (SELECT looked.* FROM looked JOIN claimed ON claimed.order_id = looked.id) page ON true
       ORDER BY page.seq`,
      [runId, afterSeq, batchSize, merchantId],
    );
    const [{ more, cursor }] = rows;
    return { rows: rows.filter((row) => row.id !== null), more, cursor };
  }

  /**
   * One account's orders of the last 7 days, any state, in (created_at, seq) keyset pages. Outside a
   * transaction by default: statistics are reported, not claimed, so a page may be read on a connection
   * of its own.
   */
  statisticsPage(
    merchantId: string,
    after: StatisticsKey,
    limit: number,
    tx: Tx = this.dataSource.manager,
  ): Promise<StatisticsRow[]> {
    return tx.query(
      `SELECT ${STATISTICS_COLUMNS} FROM orders
       WHERE sequra_merchant_id = $4 AND created_at >= now() - make_interval(days => ${STATISTICS_DAYS})
         AND (created_at, seq) > ($1::timestamptz, $2::bigint)
       ORDER BY created_at, seq LIMIT $3`,
      [after.key, after.seq, limit, merchantId],
    );
  }

  async insertRun(tx: Tx, run: NewRun): Promise<void> {
    await tx.query(
      `INSERT INTO shipping_reports (id, sequra_merchant_id, trigger, status, scheduled_for, batch, order_count,
         broken_order_count, statistics_count, payload)
       VALUES ($1, $9, $2, 'pending', $3, $4, $5, $6, $7, $8)`,
      [
        run.id,
        run.trigger,
        run.scheduledFor ?? null,
        run.batch,
        run.orderCount,
        run.brokenOrderCount,
        run.statisticsCount,
        run.payload,
        run.sequraMerchantId,
      ],
    );
  }

  // ---- send ----------------------------------------------------------------------------------------

  /**
   * Locks a run that is pending and due, until `tx` ends; undefined when there is none (sent or
   * failed meanwhile, not due, or, with `skipLocked`, held by another sender).
   */
  async lockDueRun(
    tx: Tx,
    id: string,
    options: { skipLocked: boolean; withPayload: boolean },
  ): Promise<LockedRun | undefined> {
    const [run]: LockedRun[] = await tx.query(
      `SELECT id, sequra_merchant_id, batch, attempts, order_count${options.withPayload ? ', payload' : ''}
       FROM shipping_reports
       WHERE id = $1 AND status = 'pending' AND next_attempt_at <= clock_timestamp()
       FOR UPDATE ${options.skipLocked ? 'SKIP LOCKED' : ''}`,
      [id],
    );
    return run;
  }

  /** Drops the claims of these orders (left out of the run that claimed them). */
  async releaseOrderClaims(tx: Tx, runId: string, orderIds: readonly string[]): Promise<void> {
    if (orderIds.length === 0) return;
    await tx.query(`DELETE FROM shipping_report_claims WHERE report_id = $1 AND order_id = ANY($2::uuid[])`, [
      runId,
      orderIds,
    ]);
  }

  /** Drops the run's claims (its orders are then free for the next run); returns how many there were. */
  async releaseClaims(tx: Tx, runId: string): Promise<number> {
    const [, count]: [unknown, number] = await tx.query(`DELETE FROM shipping_report_claims WHERE report_id = $1`, [
      runId,
    ]);
    return count;
  }

  async scheduleRetry(
    tx: Tx,
    id: string,
    retry: { attempts: number; delayMs: number; lastError: string; sequraStatus: number | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE shipping_reports SET attempts = $2,
         next_attempt_at = clock_timestamp() + make_interval(secs => $3::double precision / 1000),
         last_error = $4, sequra_status = $5, updated_at = clock_timestamp() WHERE id = $1`,
      [id, retry.attempts, retry.delayMs, retry.lastError, retry.sequraStatus],
    );
  }

  /** `response`: seQura's answer body, stored as JSON; null when it sent none. */
  async markSent(
    tx: Tx,
    id: string,
    sent: { attempts: number; sequraStatus: number; response: unknown },
  ): Promise<void> {
    await tx.query(
      `UPDATE shipping_reports SET status = 'sent', attempts = $2, sequra_status = $3, sequra_response = $4::jsonb,
         sent_at = clock_timestamp(), updated_at = clock_timestamp() WHERE id = $1`,
      [id, sent.attempts, sent.sequraStatus, sent.response === null ? null : JSON.stringify(sent.response)],
    );
  }

  async markFailed(
    tx: Tx,
    id: string,
    failed: { attempts: number; sequraStatus: number | null; response: unknown; lastError: string },
  ): Promise<void> {
    await tx.query(
      `UPDATE shipping_reports SET status = 'failed', attempts = $2, sequra_status = $3, sequra_response = $4::jsonb,
         last_error = $5, failed_at = clock_timestamp(), updated_at = clock_timestamp() WHERE id = $1`,
      [id, failed.attempts, failed.sequraStatus, JSON.stringify(failed.response), failed.lastError],
    );
  }

  // ---- resume --------------------------------------------------------------------------------------

  /** Every pending run whose attempt is due, oldest first. */
  async findDueRunIds(tx: Tx = this.dataSource.manager): Promise<string[]> {
    const due: { id: string }[] = await tx.query(
      `SELECT id FROM shipping_reports WHERE status = 'pending' AND next_attempt_at <= clock_timestamp() ORDER BY seq`,
    );
    return due.map((r) => r.id);
  }

  /** Milliseconds until the earliest pending run is due (≤ 0: due now); null when none is pending. */
  async msUntilNextDue(tx: Tx = this.dataSource.manager): Promise<number | null> {
    const [{ delay }]: { delay: number | null }[] = await tx.query(
      `SELECT ceil(extract(epoch FROM min(next_attempt_at) - clock_timestamp()) * 1000)::integer AS delay
       FROM shipping_reports WHERE status = 'pending'`,
    );
    return delay;
  }

  // ---- retention -----------------------------------------------------------------------------------

  /**
   * Retention: drops the stored bodies of up to `limit` sent or failed runs created more than `days`
   * ago, oldest first, in one statement; the runs stay with their status and seQura's answer. A
   * pending run keeps its body (it is resent with it); runs another transaction holds are left for
   * the next batch. Returns how many bodies were dropped.
   */
  async dropPayloadsOlderThan(days: number, limit: number): Promise<number> {
    const [, dropped]: [unknown, number] = await this.dataSource.query(
      `UPDATE shipping_reports r SET payload = NULL, payload_dropped_at = clock_timestamp()
       FROM (
         SELECT id FROM shipping_reports
         WHERE payload IS NOT NULL AND status <> 'pending' AND created_at < now() - make_interval(days => $1)
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED
       ) old
       WHERE r.id = old.id`,
      [days, limit],
    );
    return dropped;
  }

  // ---- retry by a person ---------------------------------------------------------------------------

  /** Locks a run for the rest of `tx`; what a retry needs to know of it. Undefined when there is none. */
  async lockRun(tx: Tx, id: string): Promise<LockedForRetry | undefined> {
    const [run]: LockedForRetry[] = await tx.query(
      `SELECT status, sequra_merchant_id, retried_at, retried_by FROM shipping_reports WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return run;
  }

  /** A failed run a person retried: who, when, and the runs that now carry its orders. */
  async markRetried(tx: Tx, id: string, retriedBy: string, runIds: string[]): Promise<void> {
    await tx.query(
      `UPDATE shipping_reports SET retried_at = clock_timestamp(), retried_by = $2, retry_run_ids = $3::uuid[],
         updated_at = clock_timestamp() WHERE id = $1`,
      [id, retriedBy, runIds],
    );
  }

  // ---- erasure -------------------------------------------------------------------------------------

  /** Whether a pending run claims the order (its body, as stored, is still to be sent). */
  async isClaimed(tx: Tx, orderId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM shipping_report_claims WHERE order_id = $1`, [orderId]);
    return rows.length > 0;
  }

  /**
   * Sent or failed runs created from `from` to `to` (now when null) whose body is still stored,
   * oldest first: the runs that may carry an order created at `from` and last reported at `to`.
   */
  async runsWithBodyBetween(tx: Tx, from: Date, to: Date | null): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM shipping_reports
       WHERE payload IS NOT NULL AND status <> 'pending' AND created_at >= $1 AND created_at <= coalesce($2, now())
       ORDER BY created_at, seq`,
      [from, to],
    );
    return rows.map((r) => r.id);
  }

  /** Locks a sent or failed run and reads its stored body; undefined when it has none any more. */
  async lockStoredBody(tx: Tx, id: string): Promise<Buffer | undefined> {
    const [row]: { payload: Buffer }[] = await tx.query(
      `SELECT payload FROM shipping_reports WHERE id = $1 AND payload IS NOT NULL AND status <> 'pending' FOR UPDATE`,
      [id],
    );
    return row?.payload;
  }

  async replaceStoredBody(tx: Tx, id: string, payload: Buffer): Promise<void> {
    await tx.query(`UPDATE shipping_reports SET payload = $2 WHERE id = $1`, [id, payload]);
  }

  // ---- read ----------------------------------------------------------------------------------------

  /** The first `limit` orders of an account a run would claim now, claiming nothing. */
  findUnreported(merchantId: string, limit: number, tx: Tx = this.dataSource.manager): Promise<ReportOrderRow[]> {
    return tx.query(
      `SELECT ${ORDER_COLUMNS} FROM ${UNREPORTED_FROM}
       WHERE r.sequra_merchant_id = $2 AND ${UNREPORTED} AND ${UNCLAIMED} ORDER BY r.order_seq LIMIT $1`,
      [limit, merchantId],
    );
  }

  /** Per account: the orders a run would claim now, and the orders in the statistics window. */
  async countsByAccount(
    tx: Tx = this.dataSource.manager,
  ): Promise<Map<string, { orders: number; statistics: number }>> {
    const rows: { id: string; orders: number; statistics: number }[] = await tx.query(
      `SELECT id, sum(orders)::integer AS orders, sum(statistics)::integer AS statistics FROM (
         SELECT r.sequra_merchant_id AS id, count(*) AS orders, 0 AS statistics FROM ${UNREPORTED_FROM}
         WHERE ${UNREPORTED} AND ${UNCLAIMED} GROUP BY r.sequra_merchant_id
         UNION ALL
         SELECT o.sequra_merchant_id, 0, count(*) FROM orders o
         WHERE o.created_at >= now() - make_interval(days => ${STATISTICS_DAYS}) GROUP BY o.sequra_merchant_id
       ) counts GROUP BY id`,
    );
    return new Map(rows.map((r) => [r.id, { orders: r.orders, statistics: r.statistics }]));
  }

  /** Runs still pending. */
  async countPending(tx: Tx = this.dataSource.manager): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.query(
      `SELECT count(*)::integer AS n FROM shipping_reports WHERE status = 'pending'`,
    );
    return n;
  }

  /** Runs newest first, `limit + 1` of them (one more tells whether a page follows), before `beforeSeq`. */
  listPage(
    filter: {
      status?: ShippingReportStatus;
      trigger?: ShippingReportTrigger;
      sequraMerchantId?: string;
      beforeSeq?: string;
      limit: number;
    },
    tx: Tx = this.dataSource.manager,
  ): Promise<ShippingReport[]> {
    const qb = tx
      .getRepository(ShippingReport)
      .createQueryBuilder('r')
      .orderBy('r.seq', 'DESC')
      .limit(filter.limit + 1);
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.trigger) qb.andWhere('r.trigger = :trigger', { trigger: filter.trigger });
    if (filter.sequraMerchantId) qb.andWhere('r.sequra_merchant_id = :merchant', { merchant: filter.sequraMerchantId });
    if (filter.beforeSeq) qb.andWhere('r.seq < :seq', { seq: filter.beforeSeq });
    return qb.getMany();
  }

  /** One run with its body (the list leaves it out). */
  async findWithPayload(id: string, tx: Tx = this.dataSource.manager): Promise<ShippingReport | null> {
    return tx
      .getRepository(ShippingReport)
      .createQueryBuilder('r')
      .addSelect('r.payload')
      .where('r.id = :id', { id })
      .getOne();
  }

  /** These runs, in creation order. */
  async findRuns(ids: string[], tx: Tx = this.dataSource.manager): Promise<ShippingReport[]> {
    if (ids.length === 0) return [];
    return tx.getRepository(ShippingReport).find({ where: { id: In(ids) }, order: { seq: 'ASC' } });
  }

  /** The PostgreSQL version, for the report's `platform` block (read once). */
  async serverVersion(): Promise<string> {
    if (!this.version) {
      const [{ server_version }]: { server_version: string }[] = await this.dataSource.query('SHOW server_version');
      this.version = server_version;
    }
    return this.version;
  }
}
