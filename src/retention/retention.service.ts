import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { BackgroundWorker } from '../common/background/background-worker.js';
import { AppConfig } from '../config/app-config.js';
import { AdvisoryLockRepository } from '../database/advisory-lock.repository.js';
import { ShippingReportRepository } from '../shipping-reports/shipping-report.repository.js';
import { WebhookEventRepository } from '../webhooks/webhook-event.repository.js';

/** The retention job's lock (any fixed 64-bit key, distinct from the migration and claim locks). */
export const RETENTION_LOCK_KEY = 7_345_001_015;

/** What one run removed; `skipped` when another replica was running it. */
export type RetentionResult =
  { skipped: false; webhookEvents: number; reportBodies: number; ms: number } | { skipped: true };

/**
 * Retention: webhook events older than `WEBHOOK_EVENTS_RETENTION_DAYS` are deleted, and the stored
 * bodies of report runs older than `REPORT_PAYLOAD_RETENTION_DAYS` are dropped (the runs stay, with
 * their status and seQura's answer). Once a day ({@link RetentionScheduler}), one replica at a time
 * (a session-level advisory lock: the others skip the day's run), in batches of
 * `RETENTION_BATCH_SIZE`, each one statement in its own short transaction, so a busy table is never
 * locked for long and webhooks keep flowing. A run that stops midway (shutdown, a lost database)
 * leaves nothing half-done: the rest goes in the next run.
 */
@Injectable()
export class RetentionService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private readonly worker = new BackgroundWorker(
    async () => void (await this.runOnce()),
    (error) => this.logger.error(`Retention failed: ${(error as Error).message}`),
  );

  constructor(
    private readonly locks: AdvisoryLockRepository,
    private readonly webhookEvents: WebhookEventRepository,
    private readonly reports: ShippingReportRepository,
    private readonly config: AppConfig,
  ) {}

  /** The schedule's tick: one run in the background (a tick during a run adds none). */
  tick(): Promise<void> {
    return this.worker.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /** One run now, unless another replica is running one (then `skipped`). */
  async runOnce(): Promise<RetentionResult> {
    const started = Date.now();
    const outcome = await this.locks.whileHolding(RETENTION_LOCK_KEY, async () => ({
      webhookEvents: await this.deleteWebhookEvents(),
      reportBodies: await this.dropReportBodies(),
    }));
    if (!outcome.ran) {
      this.logger.log('Retention: another replica is running it; skipped');
      return { skipped: true };
    }
    const result = { skipped: false as const, ...outcome.value, ms: Date.now() - started };
    const { webhookEventsDays, reportPayloadDays } = this.config.retention;
    this.logger.log(
      `Retention: ${result.webhookEvents} webhook event(s) older than ${webhookEventsDays} days deleted, ` +
        `${result.reportBodies} report body(ies) older than ${reportPayloadDays} days dropped, in ${result.ms} ms`,
    );
    return result;
  }

  private async deleteWebhookEvents(): Promise<number> {
    const { webhookEventsDays, batchSize } = this.config.retention;
    let deleted = 0;
    let afterId = '0';
    while (!this.worker.stopping) {
      const batch = await this.webhookEvents.deleteOlderThan(afterId, webhookEventsDays, batchSize);
      deleted += batch.deleted;
      afterId = batch.lastId;
      if (batch.done) break;
    }
    return deleted;
  }

  private async dropReportBodies(): Promise<number> {
    const { reportPayloadDays, batchSize } = this.config.retention;
    let dropped = 0;
    while (!this.worker.stopping) {
      const n = await this.reports.dropPayloadsOlderThan(reportPayloadDays, batchSize);
      dropped += n;
      if (n < batchSize) break;
    }
    return dropped;
  }
}
