import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { OutboxRelayService } from './outbox-relay.service.js';
import { OutboxService } from './outbox.service.js';
import { SequraClient } from './sequra-client.js';
import { SequraUpdatesController } from './sequra-updates.controller.js';

/**
 * Everything that talks to seQura: the client, and the outbox that carries merchant-side changes to
 * the Order Update API. Imports OrdersModule (never the other way round: orders reach the outbox
 * through `OrdersService.addCancellationListener`).
 */
@Module({
  imports: [OrdersModule],
  controllers: [SequraUpdatesController],
  providers: [SequraClient, OutboxService, OutboxRelayService],
  exports: [SequraClient, OutboxService, OutboxRelayService],
})
export class SequraModule {}
