import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BackgroundWorker } from '../common/background/background-worker.js';
import { AppConfig } from '../config/app-config.js';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { SendPipeline } from './send-pipeline.js';
import { ShippingReportClaimService } from './shipping-report-claim.service.js';
import { ShippingReportSendService } from './shipping-report-send.service.js';
import { ShippingReport, ShippingReportTrigger } from './shipping-report.entity.js';
import { ShippingReportRepository } from './shipping-report.repository.js';

/** How soon to look again at a due run that another replica holds (it may die mid-send). */
const RESUME_POLL_MS = 1000;

/**
 * Delivery reports to seQura, exactly once per shipment: when runs are claimed and sent.
 *
 * 1. **Claim** ({@link ShippingReportClaimService}): the orders to report, in batches, each stored
 *    as a run with the body it will send; a schedule tick creates its runs on one replica only.
 * 2. **Send** ({@link ShippingReportSendService}): each run is POSTed as soon as its claim has
 *    committed, while the next page is being claimed; a 2xx marks its orders reported, a transient
 *    failure schedules a retry, a refusal or too many attempts releases its orders to the next run.
 * 3. **Resume** (here, on the {@link BackgroundWorker}): a run left pending (process killed, retry
 *    due) is resent, with the same body, at start-up, on every tick, and when its next attempt is due.
 */
@Injectable()
export class ShippingReportService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ShippingReportService.name);
  /**
   * The resume pass: a schedule tick that failed, every due run, then a wake-up for the next one.
   * A failed pass (the database down or frozen) is tried again by itself, backing off.
   */
  private readonly worker: BackgroundWorker;
  /** The latest tick whose claim failed (or waited while the database fails): the resume pass claims it. */
  private failedTick?: Date;

  constructor(
    private readonly claims: ShippingReportClaimService,
    private readonly sender: ShippingReportSendService,
    private readonly reports: ShippingReportRepository,
    private readonly transactions: TransactionRunner,
    config: AppConfig,
  ) {
    this.worker = new BackgroundWorker(
      () => this.resumePass(),
      (error) =>
        this.logger.error(
          `Resuming shipping reports failed: ${(error as Error).message} ` +
            `(failure ${this.worker.consecutiveFailures} in a row, backing off)`,
        ),
      { baseMs: RESUME_POLL_MS, maxMs: config.backgroundBackoffMaxMs },
    );
  }

  /** Runs left pending by a previous process (killed mid-run) are resent at start-up, in the background. */
  onApplicationBootstrap(): void {
    void this.worker.run();
  }

  /**
   * Stops the resume timer and waits for sends in flight (each bounded by the seQura timeout).
   * Before shutdown, not at module destroy: TypeORM closes its pool at shutdown, after this.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /**
   * `POST /shipping-reports` and `/triggerreport`: claim now, send each new run once; retries go on
   * in the background.
   */
  runNow(account?: string): Promise<ShippingReport[]> {
    return this.worker.track(
      (async () => {
        try {
          // Blocking lock: if another replica's resumer took one of these runs, wait for its outcome.
          const runs = await this.claimAndSend('manual', undefined, false, account);
          return await this.reports.findRuns(runs.map((r) => r.id));
        } finally {
          // Retries due later, and runs left unsent by an error, are picked up by the timer (soon, if
          // the database could not even say when).
          await this.scheduleNextResume().catch(() => this.worker.wake(RESUME_POLL_MS));
        }
      })(),
    );
  }

  /**
   * A person retries a failed run, after fixing its cause (the needs-attention list). Its orders were
   * released when it failed, so the retry is a new report now, built from the orders as they are
   * (with the fix), not the failed body again; the failed run records who retried it and the new
   * runs, and leaves the list. One person at a time: the failed run stays locked meanwhile.
   */
  async retryFailed(id: string, actor: string): Promise<{ run: ShippingReport; runs: ShippingReport[] }> {
    return this.transactions.run(async (tx) => {
      const run = await this.reports.lockRun(tx, id);
      if (!run) throw new NotFoundError(`Shipping report '${id}' not found`, { id });
      if (run.status !== 'failed') {
        throw new ConflictError(`Shipping report '${id}' is ${run.status}: only a failed run can be retried`, {
          id,
          status: run.status,
        });
      }
      if (run.retried_at) {
        throw new ConflictError(
          `Shipping report '${id}' was already retried by ${run.retried_by} at ${run.retried_at.toISOString()}`,
          { id, retried_at: run.retried_at.toISOString(), retried_by: run.retried_by },
        );
      }
      // That run's account only (every account for a run made before accounts: its body names one).
      const runs = await this.runNow(run.sequra_merchant_id ?? undefined);
      await this.reports.markRetried(
        tx,
        id,
        actor,
        runs.map((r) => r.id),
      );
      this.logger.log(`Failed shipping report ${id} retried: ${runs.length} new run(s) (who: see its retried_by)`);
      const [retried] = await this.reports.findRuns([id], tx);
      return { run: retried, runs };
    });
  }

  /**
   * One schedule tick: create this tick's runs unless another replica already did, then send whatever
   * is due. A tick whose claim fails (the database down) is not lost: the resume pass claims it again,
   * backing off, until it succeeds (the latest such tick; the tick row keeps replicas from doubling it).
   */
  async runScheduledTick(scheduledFor: Date): Promise<ShippingReport[]> {
    if (this.worker.stopping) return [];
    if (this.failedTick || this.worker.consecutiveFailures > 0) {
      // The database is failing: claims wait for the resume pass's backoff instead of piling up.
      this.deferTick(scheduledFor);
      return [];
    }
    return this.worker.track(
      (async () => {
        try {
          // Another replica's resumer may already be sending one of them: leave it to that one.
          const runs = await this.claimAndSend('schedule', scheduledFor, true);
          // Whatever is due (runs an error left unsent, earlier retries) is sent now or scheduled.
          await this.resumeDue();
          return runs;
        } catch (error) {
          this.deferTick(scheduledFor);
          throw error;
        }
      })(),
    );
  }

  /** The resume pass claims this tick (the latest deferred one: it claims every order left). */
  private deferTick(scheduledFor: Date): void {
    if (!this.failedTick || this.failedTick < scheduledFor) this.failedTick = scheduledFor;
    this.worker.wake(RESUME_POLL_MS);
  }

  /**
   * Every pending run whose attempt is due, oldest first; a run another replica is sending is
   * skipped. A call during a pass gets one more pass (new runs may just have been created).
   */
  resumeDue(): Promise<void> {
    return this.worker.run();
  }

  /**
   * Claims the runs and sends each as soon as its claim has committed, while the next batch is
   * being claimed: claiming (mostly this process writing bodies) and sending (mostly PostgreSQL
   * marking orders reported) overlap. See {@link SendPipeline} for the order and the bounds.
   */
  private async claimAndSend(
    trigger: ShippingReportTrigger,
    scheduledFor: Date | undefined,
    skipLocked: boolean,
    account?: string,
  ): Promise<ShippingReport[]> {
    const sends = new SendPipeline(
      (id, payload, answered) => this.sender.attempt(id, skipLocked, payload, answered),
      () => this.worker.stopping,
    );
    let runs: ShippingReport[];
    try {
      runs = await this.claims.createRuns(trigger, scheduledFor, (id, payload) => sends.add(id, payload), account);
    } finally {
      await sends.settled();
    }
    sends.rethrow();
    return runs;
  }

  private async resumePass(): Promise<void> {
    const tick = this.failedTick;
    if (tick) {
      await this.claimAndSend('schedule', tick, true);
      if (this.failedTick === tick) this.failedTick = undefined;
      this.logger.log(`Tick ${tick.toISOString()}: claimed after an earlier failure`);
    }
    for (const id of await this.reports.findDueRunIds()) {
      if (this.worker.stopping) return;
      await this.sender.attempt(id, true);
    }
    await this.scheduleNextResume();
  }

  /** Wakes this process when the earliest pending run is due (or soon, if it is due but held elsewhere). */
  private async scheduleNextResume(): Promise<void> {
    if (this.worker.stopping) return;
    const delay = await this.reports.msUntilNextDue();
    if (delay === null) return;
    this.worker.wake(delay > 0 ? delay : RESUME_POLL_MS);
  }
}
