import { Module } from '@nestjs/common';
import { DataSyncModule } from '../data-sync/data-sync.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { ShippingReportsModule } from '../shipping-reports/shipping-reports.module.js';
import { ErasureController } from './erasure.controller.js';
import { ErasureService } from './erasure.service.js';

/**
 * Erasure of a shopper's personal data: above the features that keep it (data sync's audit trail,
 * the shipping reports' stored bodies) and the orders.
 */
@Module({
  imports: [OrdersModule, OutboxModule, DataSyncModule, ShippingReportsModule],
  controllers: [ErasureController],
  providers: [ErasureService],
})
export class ErasureModule {}
