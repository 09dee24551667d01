import { Module } from '@nestjs/common';
import { MerchantAccountsModule } from '../merchants/merchant-accounts.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { FulfilmentController } from './fulfilment.controller.js';
import { FulfilmentService } from './fulfilment.service.js';
import { OrderAccountsBackfill } from './order-accounts-backfill.js';
import { OrderLifecycleService } from './order-lifecycle.service.js';
import { OrderMetrics } from './order-metrics.js';
import { OrderRepository } from './order.repository.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';

/**
 * Orders: the state machine, the one writer of `orders` (OrderRepository, through the lifecycle),
 * the internal REST API and the fulfilment marker. Imports only the outbox and the merchant accounts
 * below it; the feature modules (webhooks, data sync, seQura, shipping reports) import this one.
 */
@Module({
  imports: [OutboxModule, MerchantAccountsModule],
  controllers: [OrdersController, FulfilmentController],
  providers: [
    OrderRepository,
    OrdersService,
    OrderLifecycleService,
    FulfilmentService,
    OrderMetrics,
    OrderAccountsBackfill,
  ],
  exports: [OrderRepository, OrdersService, OrderLifecycleService, MerchantAccountsModule],
})
export class OrdersModule {}
