import { Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository.js';

/**
 * The outbox of Order Update API calls owed to seQura: a lower module that orders and data sync
 * write to directly, in their own transactions. Sending is the seQura module's relay.
 */
@Module({
  providers: [OutboxRepository],
  exports: [OutboxRepository],
})
export class OutboxModule {}
