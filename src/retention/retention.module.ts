import { Module } from '@nestjs/common';
import { ShippingReportsModule } from '../shipping-reports/shipping-reports.module.js';
import { WebhooksModule } from '../webhooks/webhooks.module.js';
import { RetentionScheduler } from './retention-scheduler.service.js';
import { RetentionService } from './retention.service.js';

/**
 * The daily clean-up of old webhook events and stored report bodies. Above the two features whose
 * tables it trims; their repositories own the statements.
 */
@Module({
  imports: [WebhooksModule, ShippingReportsModule],
  providers: [RetentionService, RetentionScheduler],
  exports: [RetentionService],
})
export class RetentionModule {}
