import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { NotFoundError, ValidationFailedError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { platformInfo, SequraClient, SequraResult } from '../sequra/sequra-client.js';
import { ListShippingReportsQuery } from './dto/list-shipping-reports.query.js';
import {
  deliveryReportBody,
  REPORT_ORDER_COLUMNS,
  reportOrderEntry,
  ReportOrderRow,
  STATISTICS_COLUMNS,
  statisticsEntry,
  StatisticsRow,
} from './shipping-report-payload.js';
import { backoffDelayMs } from './shipping-report-timing.js';
import { ShippingReport, ShippingReportTrigger } from './shipping-report.entity.js';

/** Serializes run creation across replicas (any fixed 64-bit key, distinct from the migration lock). */
const CLAIM_LOCK_KEY = 7_345_001_005;
/** The schedule's name in `shipping_report_ticks` and in the SchedulerRegistry. */
export const SHIPPING_REPORT_JOB = 'shipping-report';
/** How soon to look again at a due run that another replica holds (it may die mid-send). */
const RESUME_POLL_MS = 1000;
const STATISTICS_DAYS = 7;

const UNREPORTED = `state = 'shipped' AND reported_at IS NULL AND shipping_report_id IS NULL`;
const ORDER_COLUMNS = REPORT_ORDER_COLUMNS.join(', ');

type AttemptOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

interface LockedRun {
  id: string;
  batch: number;
  attempts: number;
  order_count: number;
  payload: { delivery_report: Record<string, unknown> };
}

const encodeCursor = (seq: string) => Buffer.from(seq, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const seq = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{1,19}$/.test(seq)) throw new ValidationFailedError([{ field: 'cursor', messages: ['cursor is not one this API handed out'] }]);
  return seq;
}

/**
 * Delivery reports to seQura, exactly once per shipment:
 *
 * 1. **Claim** — one transaction under a transaction-level advisory lock reads the shipped, not yet
 *    reported, unclaimed orders in keyset pages of `batchSize`, builds each page's report from the
 *    orders' current data, stores it in a `shipping_reports` row (a "run") and sets
 *    `orders.shipping_report_id`. A scheduled claim first inserts its `(job, scheduled_for)` tick row:
 *    the replicas that lose that insert create nothing.
 * 2. **Send** — each pending run is POSTed while its row is held `FOR UPDATE` (another replica skips
 *    it). On 2xx, the same transaction marks the run sent and its orders reported. A transient failure
 *    schedules a retry (capped exponential backoff, full jitter); a refusal, or too many attempts,
 *    marks the run failed and releases its orders to the next run.
 * 3. **Resume** — a run left pending (process killed, retry due) is resent, with the same body, at
 *    start-up, on every tick, and by an in-process timer set for its next attempt.
 */
@Injectable()
export class ShippingReportService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ShippingReportService.name);
  private dbVersion?: string;
  private stopping = false;
  private resumeTimer?: NodeJS.Timeout;
  private resuming: Promise<void> | null = null;
  private resumeAgain = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly client: SequraClient,
    private readonly config: AppConfig,
  ) {}

  /** Runs left pending by a previous process (killed mid-run) are resent at start-up, in the background. */
  onApplicationBootstrap(): void {
    void this.background(this.resumeDue());
  }

  /** Stops the retry timer and waits for sends in flight (each bounded by the seQura timeout). */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.resumeTimer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** `POST /shipping-reports` and `/triggerreport`: claim now, send each new run once; retries go on in the background. */
  async runNow(): Promise<ShippingReport[]> {
    return this.background(
      (async () => {
        const runs = await this.createRuns('manual');
        // Blocking lock: if another replica's resumer took one of these runs, wait for its outcome.
        for (const run of runs) if (!this.stopping) await this.attempt(run.id, false);
        await this.armResumeTimer();
        return this.findRuns(runs.map((r) => r.id));
      })(),
    );
  }

  /** One schedule tick: create this tick's runs unless another replica already did, then send whatever is due. */
  async runScheduledTick(scheduledFor: Date): Promise<ShippingReport[]> {
    if (this.stopping) return [];
    return this.background(
      (async () => {
        const runs = await this.createRuns('schedule', scheduledFor);
        await this.resumeDue();
        return runs;
      })(),
    );
  }

  /**
   * The claim: creates the runs (at least one: seQura wants a report every day, even an empty one)
   * and claims their orders, without sending. Public so a test can stop here, as a killed process would.
   */
  async createRuns(trigger: ShippingReportTrigger, scheduledFor?: Date): Promise<ShippingReport[]> {
    const { batchSize, statistics } = this.config.shippingReport;
    const platform = await this.platform();
    const ids = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK_KEY]);
      if (scheduledFor) {
        const tick = await tx.query(`INSERT INTO shipping_report_ticks (job, scheduled_for) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job`, [
          SHIPPING_REPORT_JOB,
          scheduledFor,
        ]);
        if (tick.length === 0) return [];
      }
      const created: string[] = [];
      let orderCursor = '0';
      let statisticsCursor = { key: '-infinity', seq: '0' };
      let moreOrders = true;
      let moreStatistics = statistics;
      for (let batch = 1; batch === 1 || moreOrders || moreStatistics; batch++) {
        const id = randomUUID();
        const rows: ReportOrderRow[] = moreOrders ? await this.claimPage(tx, id, orderCursor) : [];
        if (rows.length > 0) orderCursor = rows[rows.length - 1].seq;
        moreOrders = rows.length > 0 && (await this.hasUnclaimedAfter(tx, orderCursor));
        let statisticsRows: StatisticsRow[] | undefined;
        if (statistics) {
          const page = moreStatistics ? await this.statisticsPage(tx, statisticsCursor, batchSize + 1) : [];
          moreStatistics = page.length > batchSize;
          statisticsRows = page.slice(0, batchSize);
          if (statisticsRows.length > 0) {
            const last = statisticsRows[statisticsRows.length - 1];
            statisticsCursor = { key: last.created_key, seq: last.seq };
          }
        }
        await this.insertRun(tx, { id, trigger, scheduledFor, batch, rows, statisticsRows, platform });
        created.push(id);
      }
      return created;
    });
    return this.findRuns(ids);
  }

  /** Every pending run whose attempt is due, oldest first; a run another replica is sending is skipped. */
  async resumeDue(): Promise<void> {
    if (this.resuming) {
      this.resumeAgain = true;
      return this.resuming;
    }
    this.resuming = (async () => {
      try {
        // A call that arrives during a pass (new runs just created) gets one more pass.
        for (;;) {
          this.resumeAgain = false;
          const due: { id: string }[] = await this.dataSource.query(
            `SELECT id FROM shipping_reports WHERE status = 'pending' AND next_attempt_at <= clock_timestamp() ORDER BY seq`,
          );
          for (const { id } of due) {
            if (this.stopping) return;
            await this.attempt(id, true);
          }
          await this.armResumeTimer();
          if (!this.resumeAgain || this.stopping) break;
        }
      } catch (error) {
        this.logger.error(`Resuming pending shipping reports failed: ${(error as Error).message}`);
      } finally {
        this.resuming = null;
      }
    })();
    return this.resuming;
  }

  /** What a run would send now, without claiming anything: the first batch's body and the totals. */
  async preview() {
    const { batchSize, statistics } = this.config.shippingReport;
    const platform = await this.platform();
    const rows: ReportOrderRow[] = await this.dataSource.query(`SELECT ${ORDER_COLUMNS} FROM orders WHERE ${UNREPORTED} ORDER BY seq LIMIT $1`, [batchSize]);
    const [{ orders, pending }] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM orders WHERE ${UNREPORTED})::integer AS orders,
              (SELECT count(*) FROM shipping_reports WHERE status = 'pending')::integer AS pending`,
    );
    let statisticsRows: StatisticsRow[] | undefined;
    let statisticsCount = 0;
    if (statistics) {
      statisticsRows = await this.statisticsPage(this.dataSource.manager, { key: '-infinity', seq: '0' }, batchSize);
      [{ n: statisticsCount }] = await this.dataSource.query(
        `SELECT count(*)::integer AS n FROM orders WHERE created_at >= now() - make_interval(days => ${STATISTICS_DAYS})`,
      );
    }
    const { body, orderCount, brokenCount } = this.buildBody(rows, statisticsRows, platform);
    return {
      order_count: orders as number,
      statistics_count: statisticsCount,
      batch_size: batchSize,
      batches: Math.max(1, Math.ceil(orders / batchSize), Math.ceil(statisticsCount / batchSize)),
      pending_runs: pending as number,
      first_batch: { order_count: orderCount, broken_order_count: brokenCount, payload: body },
    };
  }

  async list(query: ListShippingReportsQuery): Promise<{ runs: ShippingReport[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const qb = this.dataSource.getRepository(ShippingReport).createQueryBuilder('r').orderBy('r.seq', 'DESC').limit(limit + 1);
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.trigger) qb.andWhere('r.trigger = :trigger', { trigger: query.trigger });
    if (query.cursor) qb.andWhere('r.seq < :seq', { seq: decodeCursor(query.cursor) });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return { runs: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].seq) : null };
  }

  async get(id: string): Promise<ShippingReport> {
    const run = await this.dataSource.getRepository(ShippingReport).createQueryBuilder('r').addSelect('r.payload').where('r.id = :id', { id }).getOne();
    if (!run) throw new NotFoundError(`Shipping report '${id}' not found`, { id });
    return run;
  }

  // ---- claim ---------------------------------------------------------------------------------------

  /** Claims the next page of unreported shipments (rows locked, then marked with the run id), in seq order. */
  private async claimPage(tx: EntityManager, runId: string, afterSeq: string): Promise<ReportOrderRow[]> {
    const [rows]: [ReportOrderRow[], number] = await tx.query(
      `WITH page AS (
         SELECT id FROM orders WHERE ${UNREPORTED} AND seq > $2 ORDER BY seq LIMIT $3 FOR UPDATE
       )
       UPDATE orders o SET shipping_report_id = $1 FROM page WHERE o.id = page.id
       RETURNING ${REPORT_ORDER_COLUMNS.map((c) => `o.${c}`).join(', ')}`,
      [runId, afterSeq, this.config.shippingReport.batchSize],
    );
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq));
  }

  private async hasUnclaimedAfter(tx: EntityManager, afterSeq: string): Promise<boolean> {
    const [{ more }] = await tx.query(`SELECT EXISTS (SELECT 1 FROM orders WHERE ${UNREPORTED} AND seq > $1) AS more`, [afterSeq]);
    return more as boolean;
  }

  /** Orders of the last 7 days, any state, in (created_at, seq) keyset pages. */
  private statisticsPage(manager: EntityManager, after: { key: string; seq: string }, limit: number): Promise<StatisticsRow[]> {
    return manager.query(
      `SELECT ${STATISTICS_COLUMNS} FROM orders
       WHERE created_at >= now() - make_interval(days => ${STATISTICS_DAYS}) AND (created_at, seq) > ($1::timestamptz, $2::bigint)
       ORDER BY created_at, seq LIMIT $3`,
      [after.key, after.seq, limit],
    );
  }

  private buildBody(rows: ReportOrderRow[], statisticsRows: StatisticsRow[] | undefined, platform: Record<string, unknown>) {
    const timeZone = this.config.shippingReport.timeZone;
    const orders: Record<string, unknown>[] = [];
    const brokenOrders: Record<string, unknown>[] = [];
    const brokenRefs: string[] = [];
    for (const row of rows) {
      const { entry, broken } = reportOrderEntry(row, timeZone);
      (broken ? brokenOrders : orders).push(entry);
      if (broken) brokenRefs.push(row.order_ref_1);
    }
    const body = deliveryReportBody({
      merchantId: this.config.sequra.merchantId,
      orders,
      brokenOrders,
      statistics: statisticsRows?.map((row) => statisticsEntry(row, timeZone)),
      platform,
    });
    return { body, orderCount: orders.length, brokenCount: brokenOrders.length, brokenRefs };
  }

  private async insertRun(
    tx: EntityManager,
    run: {
      id: string;
      trigger: ShippingReportTrigger;
      scheduledFor?: Date;
      batch: number;
      rows: ReportOrderRow[];
      statisticsRows?: StatisticsRow[];
      platform: Record<string, unknown>;
    },
  ): Promise<void> {
    const { body, orderCount, brokenCount, brokenRefs } = this.buildBody(run.rows, run.statisticsRows, run.platform);
    const claimed = Object.fromEntries(run.rows.map((r) => [r.id, r.version]));
    await tx.query(
      `INSERT INTO shipping_reports (id, trigger, status, scheduled_for, batch, order_count, broken_order_count, statistics_count, payload, claimed_orders)
       VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
      [run.id, run.trigger, run.scheduledFor ?? null, run.batch, orderCount, brokenCount, run.statisticsRows?.length ?? 0, JSON.stringify(body), JSON.stringify(claimed)],
    );
    if (brokenRefs.length > 0) {
      this.logger.warn(`Shipping report ${run.id}: ${brokenRefs.length} order(s) whose cart lines do not add up to the total go in broken_orders: ${brokenRefs.join(', ')}`);
    }
  }

  // ---- send ----------------------------------------------------------------------------------------

  /**
   * One POST of one run, holding its row lock for the duration (`skipLocked`: leave it to whoever
   * holds it; otherwise wait for that sender and then see the outcome). The run is re-read under the
   * lock, so a run another replica has just sent is never sent again.
   */
  private async attempt(id: string, skipLocked: boolean): Promise<AttemptOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const [run]: LockedRun[] = await tx.query(
        `SELECT id, batch, attempts, order_count, payload FROM shipping_reports
         WHERE id = $1 AND status = 'pending' AND next_attempt_at <= clock_timestamp()
         FOR UPDATE ${skipLocked ? 'SKIP LOCKED' : ''}`,
        [id],
      );
      if (!run) return 'skipped';
      const attempts = run.attempts + 1;
      const result = await this.client.sendDeliveryReport(run.payload.delivery_report);
      if (result.kind === 'success') {
        await this.markSent(tx, run, attempts, result);
        return 'sent';
      }
      const { maxAttempts, backoffBaseMs, backoffMaxMs } = this.config.shippingReport;
      if (result.kind === 'retryable' && attempts < maxAttempts) {
        const delay = backoffDelayMs(attempts, backoffBaseMs, backoffMaxMs);
        await tx.query(
          `UPDATE shipping_reports SET attempts = $2, next_attempt_at = clock_timestamp() + make_interval(secs => $3::double precision / 1000),
             last_error = $4, sequra_status = $5, updated_at = clock_timestamp() WHERE id = $1`,
          [id, attempts, delay, result.reason, result.status ?? null],
        );
        this.logger.warn(`Shipping report ${id} (batch ${run.batch}): attempt ${attempts} failed (${result.reason}); next in ${delay} ms`);
        return 'retry';
      }
      await this.markFailed(tx, run, attempts, result);
      return 'failed';
    });
  }

  /**
   * seQura has the report: the run is sent and its orders reported, in one transaction. An order
   * whose version moved since the claim (a later partial shipment, a staff correction) changed after
   * its entry was built: it is released unreported, so the next run carries its current data.
   */
  private async markSent(tx: EntityManager, run: LockedRun, attempts: number, result: Extract<SequraResult, { kind: 'success' }>): Promise<void> {
    const [{ reported }] = await tx.query(
      `WITH reported AS (
         UPDATE orders o SET reported_at = clock_timestamp(), updated_at = clock_timestamp(), shipping_report_id = NULL
         FROM shipping_reports r, jsonb_each_text(r.claimed_orders) AS c(id, version)
         WHERE r.id = $1 AND o.id = c.id::uuid AND o.shipping_report_id = $1 AND o.version = c.version::integer
         RETURNING o.id, o.state
       ), notes AS (
         INSERT INTO order_history (order_id, kind, from_state, to_state, cause, actor, details)
         SELECT id, 'note', state, state, 'system', 'shipping-report', jsonb_build_object('event', 'reported_to_sequra', 'shipping_report_id', $1::text)
         FROM reported RETURNING 1
       )
       SELECT count(*)::integer AS reported FROM notes`,
      [run.id],
    );
    const changed = await this.releaseOrders(tx, run.id);
    await tx.query(
      `UPDATE shipping_reports SET status = 'sent', attempts = $2, sequra_status = $3, sequra_response = $4::jsonb,
         sent_at = clock_timestamp(), updated_at = clock_timestamp() WHERE id = $1`,
      [run.id, attempts, result.status, result.body === null || result.body === undefined || result.body === '' ? null : JSON.stringify(result.body)],
    );
    this.logger.log(`Shipping report ${run.id} (batch ${run.batch}) delivered: HTTP ${result.status}, ${reported} order(s) reported, attempt ${attempts}`);
    if (changed > 0) this.logger.log(`Shipping report ${run.id}: ${changed} order(s) changed while in flight; they go in the next run`);
  }

  /**
   * seQura refused the report (4xx, 409) or it could not be delivered in `maxAttempts`: the run is
   * failed with seQura's answer kept, and its orders are released for the next run, so no shipment
   * vanishes. Logged at error level (ids only: seQura's messages may quote personal data).
   */
  private async markFailed(tx: EntityManager, run: LockedRun, attempts: number, result: Exclude<SequraResult, { kind: 'success' }>): Promise<void> {
    const errors = result.kind === 'retryable' ? [`${result.reason} (gave up after ${attempts} attempts)`] : result.errors;
    await this.releaseOrders(tx, run.id);
    await tx.query(
      `UPDATE shipping_reports SET status = 'failed', attempts = $2, sequra_status = $3, sequra_response = $4::jsonb, last_error = $5,
         failed_at = clock_timestamp(), updated_at = clock_timestamp() WHERE id = $1`,
      [run.id, attempts, result.status ?? null, JSON.stringify({ errors }), errors.join('; ')],
    );
    this.logger.error(
      `Shipping report ${run.id} (batch ${run.batch}, ${run.order_count} order(s)) failed after ${attempts} attempt(s)` +
        `${result.status ? ` with HTTP ${result.status}` : ''}; its orders are released to the next run. See GET /shipping-reports/${run.id}`,
    );
  }

  private async releaseOrders(tx: EntityManager, runId: string): Promise<number> {
    const [, count]: [unknown, number] = await tx.query(`UPDATE orders SET shipping_report_id = NULL WHERE shipping_report_id = $1`, [runId]);
    return count;
  }

  /** Wakes this process when the earliest pending run is due (or soon, if it is due but held elsewhere). */
  private async armResumeTimer(): Promise<void> {
    if (this.stopping) return;
    const [{ delay }] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM min(next_attempt_at) - clock_timestamp()) * 1000)::integer AS delay
       FROM shipping_reports WHERE status = 'pending'`,
    );
    clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    if (delay === null || this.stopping) return;
    const wait = delay > 0 ? delay : RESUME_POLL_MS;
    this.resumeTimer = setTimeout(() => void this.background(this.resumeDue()), wait);
    this.resumeTimer.unref();
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private async findRuns(ids: string[]): Promise<ShippingReport[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(ShippingReport).find({ where: { id: In(ids) }, order: { seq: 'ASC' } });
  }

  /** seQura's `platform` block, with the real PostgreSQL version (read once). */
  private async platform(): Promise<Record<string, unknown>> {
    if (!this.dbVersion) {
      const [{ server_version }] = await this.dataSource.query('SHOW server_version');
      this.dbVersion = server_version as string;
    }
    return platformInfo(this.dbVersion);
  }

  /** Tracks work so shutdown can wait for it before the database pool closes. */
  private background<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }
}
