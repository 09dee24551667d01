import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { ShippingReportsModule } from '../shipping-reports/shipping-reports.module.js';
import { NeedsAttentionController } from './needs-attention.controller.js';
import { NeedsAttentionRepository } from './needs-attention.repository.js';
import { NeedsAttentionService } from './needs-attention.service.js';

/** The needs-attention list and its retries: above the shipping reports, the orders and the outbox. */
@Module({
  imports: [OrdersModule, OutboxModule, ShippingReportsModule],
  controllers: [NeedsAttentionController],
  providers: [NeedsAttentionRepository, NeedsAttentionService],
})
export class NeedsAttentionModule {}
