import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config.js';
import { nominalTickTime, SHIPPING_REPORT_JOB } from './shipping-report-timing.js';
import { ShippingReportService } from './shipping-report.service.js';

/**
 * The nightly schedule (`SHIPPING_REPORT_CRON` in `SHIPPING_REPORT_TZ`), registered at start-up
 * only when `SHIPPING_REPORT_ENABLED`. Every replica runs it; the tick row makes one of them create
 * the tick's runs.
 */
@Injectable()
export class ShippingReportScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ShippingReportScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly reports: ShippingReportService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { enabled, cron, timeZone } = this.config.shippingReport;
    if (!enabled) return;
    // The tick's key is the date cron computed for it before it fired, not the clock at firing: a
    // replica whose event loop fired late, or whose clock differs, still names the same tick.
    let upcoming: Date | undefined;
    const job = CronJob.from({
      cronTime: cron,
      timeZone,
      start: false,
      onTick: async () => {
        const scheduledFor = nominalTickTime(upcoming ?? job.lastDate() ?? new Date(), cron);
        upcoming = job.nextDate().toJSDate();
        try {
          const runs = await this.reports.runScheduledTick(scheduledFor);
          if (runs.length > 0) {
            this.logger.log(`Tick ${scheduledFor.toISOString()}: ${runs.length} shipping report run(s) created`);
          }
        } catch (error) {
          this.logger.error(
            `Tick ${scheduledFor.toISOString()} failed: ${(error as Error).message}; it is claimed again shortly`,
          );
        }
      },
    });
    this.registry.addCronJob(SHIPPING_REPORT_JOB, job);
    job.start();
    upcoming = job.nextDate().toJSDate();
    this.logger.log(`Shipping reports scheduled '${cron}' (${timeZone}); next at ${job.nextDate().toISO()}`);
  }

  onModuleDestroy(): void {
    if (this.registry.doesExist('cron', SHIPPING_REPORT_JOB)) this.registry.deleteCronJob(SHIPPING_REPORT_JOB);
  }
}
