import { Module } from '@nestjs/common';
import { SequraModule } from '../sequra/sequra.module.js';
import { ShippingReportScheduler } from './shipping-report-scheduler.service.js';
import { ShippingReportService } from './shipping-report.service.js';
import { ShippingReportsController } from './shipping-reports.controller.js';
import { TriggerReportController } from './trigger-report.controller.js';

@Module({
  imports: [SequraModule],
  controllers: [ShippingReportsController, TriggerReportController],
  providers: [ShippingReportService, ShippingReportScheduler],
  exports: [ShippingReportService],
})
export class ShippingReportsModule {}
