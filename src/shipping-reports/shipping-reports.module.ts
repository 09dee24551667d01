import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { SequraModule } from '../sequra/sequra.module.js';
import { ShippingReportClaimService } from './shipping-report-claim.service.js';
import { ShippingReportErasureService } from './shipping-report-erasure.service.js';
import { ShippingReportReadService } from './shipping-report-read.service.js';
import { ShippingReportScheduler } from './shipping-report-scheduler.service.js';
import { ShippingReportSendService } from './shipping-report-send.service.js';
import { ShippingReportRepository } from './shipping-report.repository.js';
import { ShippingReportService } from './shipping-report.service.js';
import { ShippingReportsController } from './shipping-reports.controller.js';
import { TriggerReportController } from './trigger-report.controller.js';

/** Imports OrdersModule for the order repository (orders are marked reported there). */
@Module({
  imports: [OrdersModule, SequraModule],
  controllers: [ShippingReportsController, TriggerReportController],
  providers: [
    ShippingReportRepository,
    ShippingReportClaimService,
    ShippingReportSendService,
    ShippingReportService,
    ShippingReportReadService,
    ShippingReportScheduler,
    ShippingReportErasureService,
  ],
  exports: [ShippingReportService, ShippingReportRepository, ShippingReportErasureService],
})
export class ShippingReportsModule {}
