import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { OutboxRelayService } from './outbox-relay.service.js';
import { SequraClient } from './sequra-client.js';

/**
 * Everything that talks to seQura: the client, and the relay that delivers the outbox to the Order
 * Update API. Sits above orders and the outbox (which never import it): orders and data sync write
 * the outbox directly, in their own transactions.
 */
@Module({
  imports: [OrdersModule, OutboxModule],
  providers: [SequraClient, OutboxRelayService],
  exports: [SequraClient, OutboxRelayService],
})
export class SequraModule {}
