import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { MerchantAccountsController } from './merchant-accounts.controller.js';
import { MerchantDiscoveryService } from './merchant-discovery.service.js';
import { OutboxRelayService } from './outbox-relay.service.js';
import { SequraClient } from './sequra-client.js';

/**
 * Everything that talks to seQura: the client (per merchant account), the relay that delivers the
 * outbox to the Order Update API, and the discovery of the merchant accounts (at start-up, and on
 * demand: `/merchant-accounts`). Sits above orders, the merchant accounts and the outbox (which never
 * import it): orders and data sync write the outbox directly, in their own transactions.
 */
@Module({
  imports: [OrdersModule, OutboxModule],
  controllers: [MerchantAccountsController],
  providers: [SequraClient, OutboxRelayService, MerchantDiscoveryService],
  exports: [SequraClient, OutboxRelayService],
})
export class SequraModule {}
