import { Module } from '@nestjs/common';
import { OutboxMetrics } from './outbox-metrics.js';
import { OutboxRepository } from './outbox.repository.js';

/**
 * The outbox of Order Update API calls owed to seQura: a lower module that orders and data sync
 * write to directly, in their own transactions. Sending is the seQura module's relay.
 */
@Module({
  providers: [OutboxRepository, OutboxMetrics],
  exports: [OutboxRepository],
})
export class OutboxModule {}
