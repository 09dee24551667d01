import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config.js';
import { RetentionService } from './retention.service.js';

/** The job's name in the SchedulerRegistry. */
export const RETENTION_JOB = 'retention';

/**
 * The retention schedule (`RETENTION_CRON` in `SHIPPING_REPORT_TZ`, default 04:30), registered at
 * start-up only when `RETENTION_ENABLED`. Every replica runs it; the advisory lock lets one of them
 * do the work.
 */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly retention: RetentionService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { enabled, cron } = this.config.retention;
    if (!enabled) return;
    const timeZone = this.config.shippingReport.timeZone;
    const job = CronJob.from({ cronTime: cron, timeZone, start: false, onTick: () => this.retention.tick() });
    this.registry.addCronJob(RETENTION_JOB, job);
    job.start();
    this.logger.log(`Retention scheduled '${cron}' (${timeZone}); next at ${job.nextDate().toISO()}`);
  }

  onModuleDestroy(): void {
    if (this.registry.doesExist('cron', RETENTION_JOB)) this.registry.deleteCronJob(RETENTION_JOB);
  }
}
