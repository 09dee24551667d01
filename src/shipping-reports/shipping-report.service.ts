import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { NotFoundError, ValidationFailedError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { platformInfo, SequraClient, SequraResult } from '../sequra/sequra-client.js';
import { ListShippingReportsQuery } from './dto/list-shipping-reports.query.js';
import {
  compressPayload,
  decompressPayload,
  REPORT_ORDER_COLUMNS,
  ReportOrderRow,
  STATISTICS_COLUMNS,
  StatisticsRow,
  writeDeliveryReport,
} from './shipping-report-payload.js';
import { backoffDelay } from '../common/background/retry-policy.js';
import { decodeCursor, encodeCursor } from '../common/keyset-cursor.js';
import { ShippingReport, ShippingReportTrigger } from './shipping-report.entity.js';

/** Serializes run creation across replicas (any fixed 64-bit key, distinct from the migration lock). */
const CLAIM_LOCK_KEY = 7_345_001_005;
/** The schedule's name in `shipping_report_ticks` and in the SchedulerRegistry. */
export const SHIPPING_REPORT_JOB = 'shipping-report';
/** How soon to look again at a due run that another replica holds (it may die mid-send). */
const RESUME_POLL_MS = 1000;
const STATISTICS_DAYS = 7;

/** Shipped, not reported, and in no pending run (`o` is the orders alias). */
const UNREPORTED = `o.state = 'shipped' AND o.reported_at IS NULL AND NOT EXISTS (SELECT 1 FROM shipping_report_claims c WHERE c.order_id = o.id)`;
const ORDER_COLUMNS = REPORT_ORDER_COLUMNS.map((c) => `o.${c}`).join(', ');

type AttemptOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

interface LockedRun {
  id: string;
  batch: number;
  attempts: number;
  order_count: number;
  /** The stored (compressed) body, read only when the claim did not hand the JSON over. */
  payload?: Buffer;
}

/** One batch of a claim: the run id, its orders and statistics, and where the next batch starts. */
interface ClaimedPage {
  runId: string;
  rows: ReportOrderRow[];
  /** undefined: statistics are switched off. */
  statisticsRows?: StatisticsRow[];
  orderCursor: string;
  moreOrders: boolean;
  moreStatistics: boolean;
}


/**
 * Delivery reports to seQura, exactly once per shipment:
 *
 * 1. **Claim** — the shipped, not yet reported orders that no pending run holds are claimed in keyset
 *    pages of `batchSize`, one transaction per page under a transaction-level advisory lock: one
 *    statement inserts a narrow `shipping_report_claims` row (order, run, version) per order and
 *    returns the orders' current data; the page's report is written from that data and stored, as
 *    it will be sent, in a `shipping_reports` row (a "run"). A scheduled claim first inserts its
 *    `(job, scheduled_for)` tick row: the replicas that lose that insert create nothing.
 * 2. **Send** — each run is POSTed as soon as its claim has committed, while the next page is being
 *    claimed, with its row held `FOR UPDATE` (another replica skips it). On 2xx, the same transaction
 *    marks the run sent and its orders reported (`reported_at`, and `shipping_report_id` = this run),
 *    and drops its claims. A transient failure schedules a retry (capped exponential backoff, full
 *    jitter); a refusal, or too many attempts, marks the run failed and drops its claims, which
 *    releases its orders to the next run.
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
        try {
          // Blocking lock: if another replica's resumer took one of these runs, wait for its outcome.
          const runs = await this.claimAndSend('manual', undefined, false);
          return await this.findRuns(runs.map((r) => r.id));
        } finally {
          // Retries due later, and runs left unsent by an error, are picked up by the timer.
          await this.armResumeTimer().catch(() => undefined);
        }
      })(),
    );
  }

  /** One schedule tick: create this tick's runs unless another replica already did, then send whatever is due. */
  async runScheduledTick(scheduledFor: Date): Promise<ShippingReport[]> {
    if (this.stopping) return [];
    return this.background(
      (async () => {
        try {
          // Another replica's resumer may already be sending one of them: leave it to that one.
          return await this.claimAndSend('schedule', scheduledFor, true);
        } finally {
          // Whatever is due (runs an error left unsent, earlier retries) is sent now or scheduled.
          await this.resumeDue();
        }
      })(),
    );
  }

  /**
   * Claims the runs and sends each as soon as its claim has committed, while the next batch is
   * being claimed: claiming (mostly this process writing bodies) and sending (mostly PostgreSQL
   * marking orders reported) overlap. See {@link SendPipeline} for the order and the bounds.
   */
  private async claimAndSend(trigger: ShippingReportTrigger, scheduledFor: Date | undefined, skipLocked: boolean): Promise<ShippingReport[]> {
    const sends = new SendPipeline(
      (id, payload, answered) => this.attempt(id, skipLocked, payload, answered),
      () => this.stopping,
    );
    let runs: ShippingReport[];
    try {
      runs = await this.createRuns(trigger, scheduledFor, (id, payload) => sends.add(id, payload));
    } finally {
      await sends.settled();
    }
    sends.rethrow();
    return runs;
  }

  /**
   * The claim: creates the runs (at least one: seQura wants a report every day, even an empty one)
   * and claims their orders, one transaction per batch (run row, claims and body together), each
   * under the claim lock. A scheduled claim's first transaction also inserts the tick row: a replica
   * that loses that insert creates nothing. `onCreated` is given each run, with its stored body, once
   * committed; the next page is claimed when it resolves. Public so a test can stop here, as a killed
   * process would.
   */
  async createRuns(
    trigger: ShippingReportTrigger,
    scheduledFor?: Date,
    onCreated?: (runId: string, payload: Buffer) => Promise<void>,
  ): Promise<ShippingReport[]> {
    const { statistics, batchSize } = this.config.shippingReport;
    const platform = await this.platform();
    const created: string[] = [];
    const statisticsPages = new StatisticsPages((after) => this.statisticsPage(this.dataSource.manager, after, batchSize + 1), batchSize, statistics);
    let page: ClaimedPage = { runId: '', rows: [], orderCursor: '0', moreOrders: true, moreStatistics: statistics };
    try {
      for (let batch = 1; batch === 1 || page.moreOrders || page.moreStatistics; batch++) {
        const claimed = await this.dataSource.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK_KEY]);
          if (batch === 1 && scheduledFor) {
            const tick = await tx.query(`INSERT INTO shipping_report_ticks (job, scheduled_for) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job`, [
              SHIPPING_REPORT_JOB,
              scheduledFor,
            ]);
            if (tick.length === 0) return null;
          }
          const next = await this.claimNext(tx, page, statisticsPages);
          const payload = await this.insertRun(tx, { id: next.runId, trigger, scheduledFor, batch, rows: next.rows, statisticsRows: next.statisticsRows, platform });
          // Only where the next batch starts is kept: the rows are garbage from here on (while this
          // commits and the body waits to be sent), which keeps them out of the old generation.
          return { page: { ...next, rows: [], statisticsRows: undefined }, payload };
        });
        if (!claimed) break;
        page = claimed.page;
        created.push(page.runId);
        await onCreated?.(page.runId, claimed.payload);
      }
    } finally {
      await statisticsPages.settled();
    }
    return this.findRuns(created);
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
    const rows: ReportOrderRow[] = await this.dataSource.query(`SELECT ${ORDER_COLUMNS} FROM orders o WHERE ${UNREPORTED} ORDER BY o.seq LIMIT $1`, [batchSize]);
    const [{ orders, pending }] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM orders o WHERE ${UNREPORTED})::integer AS orders,
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
    // Written by the same code as a run's body.
    const { json, orderCount, brokenRefs } = writeDeliveryReport({
      merchantId: this.config.sequra.merchantId,
      rows,
      statisticsRows,
      platform,
      timeZone: this.config.shippingReport.timeZone,
    });
    return {
      order_count: orders as number,
      statistics_count: statisticsCount,
      batch_size: batchSize,
      batches: Math.max(1, Math.ceil(orders / batchSize), Math.ceil(statisticsCount / batchSize)),
      pending_runs: pending as number,
      first_batch: { order_count: orderCount, broken_order_count: brokenRefs.length, payload: JSON.parse(json.toString('utf8')) as unknown },
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

  /** Claims the batch after `previous` for a new run: its orders (if any are left) and its statistics page (if on and any are left). */
  private async claimNext(tx: EntityManager, previous: ClaimedPage, statisticsPages: StatisticsPages): Promise<ClaimedPage> {
    const runId = randomUUID();
    const claimed = previous.moreOrders ? await this.claimPage(tx, runId, previous.orderCursor) : { rows: [], more: false };
    const statisticsPage = previous.moreStatistics ? await statisticsPages.take() : { rows: [], more: false };
    const last = claimed.rows[claimed.rows.length - 1];
    return {
      runId,
      rows: claimed.rows,
      statisticsRows: this.config.shippingReport.statistics ? statisticsPage.rows : undefined,
      orderCursor: last ? last.seq : previous.orderCursor,
      moreOrders: claimed.more,
      moreStatistics: statisticsPage.more,
    };
  }

  /**
   * Claims the next page of unreported shipments for `runId`, in seq order, in one statement: a claim
   * row per order (with the version read) and the orders' data, read in the same snapshot, so the
   * body is built from exactly the versions claimed. One row more than a batch is looked at, to tell
   * whether another batch follows. No lock is taken on orders: an order that changes afterwards has
   * a new version and is left unreported when the run is sent.
   */
  private async claimPage(tx: EntityManager, runId: string, afterSeq: string): Promise<{ rows: ReportOrderRow[]; more: boolean }> {
    const batchSize = this.config.shippingReport.batchSize;
    const rows: (ReportOrderRow & { more: boolean })[] = await tx.query(
      `WITH candidates AS MATERIALIZED (
         SELECT ${ORDER_COLUMNS} FROM orders o WHERE ${UNREPORTED} AND o.seq > $2 ORDER BY o.seq LIMIT $3::integer + 1
       ), page AS MATERIALIZED (
         SELECT * FROM candidates ORDER BY seq LIMIT $3
       ), claimed AS (
         INSERT INTO shipping_report_claims (order_id, report_id, version) SELECT id, $1, version FROM page
       )
       SELECT page.*, (SELECT count(*) FROM candidates) > $3 AS more FROM page ORDER BY seq`,
      [runId, afterSeq, batchSize],
    );
    return { rows, more: rows.length > 0 && rows[0].more };
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

  /** Writes a run's body from its claimed rows and stores the run; returns the body as stored (UTF-8 JSON). */
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
  ): Promise<Buffer> {
    const { json, orderCount, brokenRefs } = writeDeliveryReport({
      merchantId: this.config.sequra.merchantId,
      rows: run.rows,
      statisticsRows: run.statisticsRows,
      platform: run.platform,
      timeZone: this.config.shippingReport.timeZone,
    });
    const brokenCount = brokenRefs.length;
    await tx.query(
      `INSERT INTO shipping_reports (id, trigger, status, scheduled_for, batch, order_count, broken_order_count, statistics_count, payload)
       VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8)`,
      [run.id, run.trigger, run.scheduledFor ?? null, run.batch, orderCount, brokenCount, run.statisticsRows?.length ?? 0, await compressPayload(json)],
    );
    if (brokenRefs.length > 0) {
      this.logger.warn(`Shipping report ${run.id}: ${brokenRefs.length} order(s) whose cart lines do not add up to the total go in broken_orders: ${brokenRefs.join(', ')}`);
    }
    return json;
  }

  // ---- send ----------------------------------------------------------------------------------------

  /**
   * One POST of one run, holding its row lock for the duration (`skipLocked`: leave it to whoever
   * holds it; otherwise wait for that sender and then see the outcome). The run is re-read under the
   * lock, so a run another replica has just sent is never sent again. `json`: the JSON the
   * claim has just stored, handed over so it need not be read back and decompressed (the same bytes).
   * `answered` is called once seQura has answered (before the outcome is written).
   */
  private async attempt(id: string, skipLocked: boolean, json?: Buffer, answered?: () => void): Promise<AttemptOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const [run]: LockedRun[] = await tx.query(
        `SELECT id, batch, attempts, order_count${json === undefined ? ', payload' : ''} FROM shipping_reports
         WHERE id = $1 AND status = 'pending' AND next_attempt_at <= clock_timestamp()
         FOR UPDATE ${skipLocked ? 'SKIP LOCKED' : ''}`,
        [id],
      );
      if (!run) return 'skipped';
      const attempts = run.attempts + 1;
      const result = await this.client.sendDeliveryReportJson(json ?? (await decompressPayload(run.payload!)));
      answered?.();
      if (result.kind === 'success') {
        await this.markSent(tx, run, attempts, result);
        return 'sent';
      }
      const { maxAttempts, backoffBaseMs, backoffMaxMs } = this.config.shippingReport;
      if (result.kind === 'retryable' && attempts < maxAttempts) {
        const delay = backoffDelay(attempts, backoffBaseMs, backoffMaxMs);
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
   * its entry was built: it is left unreported, and dropping the claims releases it, so the next run
   * carries its current data.
   */
  private async markSent(tx: EntityManager, run: LockedRun, attempts: number, result: Extract<SequraResult, { kind: 'success' }>): Promise<void> {
    const [, reported]: [unknown, number] = await tx.query(
      `UPDATE orders o SET reported_at = clock_timestamp(), updated_at = clock_timestamp(), shipping_report_id = c.report_id
       FROM shipping_report_claims c
       WHERE c.report_id = $1 AND o.id = c.order_id AND o.version = c.version`,
      [run.id],
    );
    const changed = (await this.releaseOrders(tx, run.id)) - reported;
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

  /** Drops the run's claims (its orders are then free for the next run); returns how many there were. */
  private async releaseOrders(tx: EntityManager, runId: string): Promise<number> {
    const [, count]: [unknown, number] = await tx.query(`DELETE FROM shipping_report_claims WHERE report_id = $1`, [runId]);
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

/**
 * The sends of one claim, in batch order. A run's POST starts once the previous run's POST has been
 * answered, so its orders are marked reported (in PostgreSQL) while the next body travels; at most
 * two attempts are in flight, and the claim waits while two runs are queued, so only a few bodies
 * are held however large the day. The first error stops the sends not yet started and is rethrown
 * by {@link rethrow} once all have settled.
 */
class SendPipeline {
  private readonly attempts: Promise<void>[] = [];
  private previousAnswered: Promise<void> = Promise.resolve();
  private queued = 0;
  private dequeued: () => void = () => undefined;
  private failure?: { error: unknown };

  constructor(
    private readonly send: (id: string, payload: Buffer, answered: () => void) => Promise<unknown>,
    private readonly stopping: () => boolean,
  ) {}

  /** Queues a run; resolves when the caller may claim the next batch. */
  add(id: string, payload: Buffer): Promise<void> {
    this.queued++;
    let answered: () => void = () => undefined;
    const thisAnswered = new Promise<void>((resolve) => (answered = resolve));
    const attempt = Promise.all([this.previousAnswered, this.attempts[this.attempts.length - 2]])
      .then(async () => {
        this.queued--;
        this.dequeued();
        if (this.failure || this.stopping()) return;
        try {
          await this.send(id, payload, answered);
        } catch (error) {
          this.failure ??= { error };
        }
      })
      .finally(answered);
    this.attempts.push(attempt);
    this.previousAnswered = thisAnswered;
    return this.queued > 1 ? new Promise<void>((resolve) => (this.dequeued = resolve)) : Promise.resolve();
  }

  /** Resolves once every queued attempt has finished (never rejects). */
  async settled(): Promise<void> {
    await Promise.all(this.attempts);
  }

  rethrow(): void {
    if (this.failure) throw this.failure.error;
  }
}

/**
 * The statistics pages of one claim, each read one batch ahead on a pooled connection of its own:
 * they need not be read in the claim's transaction (they are not claimed, only reported), so
 * PostgreSQL reads the next page while the claim goes on.
 */
class StatisticsPages {
  private ahead?: Promise<StatisticsRow[]>;

  constructor(
    private readonly read: (after: { key: string; seq: string }) => Promise<StatisticsRow[]>,
    private readonly pageSize: number,
    enabled: boolean,
  ) {
    if (enabled) this.ahead = this.start({ key: '-infinity', seq: '0' });
  }

  /** The next page (at most `pageSize` rows) and whether another follows; starts reading that one. */
  async take(): Promise<{ rows: StatisticsRow[]; more: boolean }> {
    if (!this.ahead) return { rows: [], more: false };
    const page = await this.ahead;
    const rows = page.slice(0, this.pageSize);
    const more = page.length > this.pageSize;
    const last = rows[rows.length - 1];
    this.ahead = more ? this.start({ key: last.created_key, seq: last.seq }) : undefined;
    return { rows, more };
  }

  /** Waits for a read still in flight (its result is not needed), so no query outlives the claim. */
  async settled(): Promise<void> {
    await this.ahead?.catch(() => undefined);
  }

  private start(after: { key: string; seq: string }): Promise<StatisticsRow[]> {
    const page = this.read(after);
    // Handled here so an error does not go unhandled before take() awaits it (and rethrows it).
    page.catch(() => undefined);
    return page;
  }
}
