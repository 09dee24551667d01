import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { FulfilmentController } from './fulfilment.controller.js';
import { FulfilmentService } from './fulfilment.service.js';
import { OrderLifecycleService } from './order-lifecycle.service.js';
import { OrderMetrics } from './order-metrics.js';
import { OrderRepository } from './order.repository.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';

/**
 * Orders: the state machine, the one writer of `orders` (OrderRepository, through the lifecycle),
 * the internal REST API and the fulfilment marker. Imports only the outbox below it; the feature
 * modules (webhooks, data sync, seQura, shipping reports) import this one.
 */
@Module({
  imports: [OutboxModule],
  controllers: [OrdersController, FulfilmentController],
  providers: [OrderRepository, OrdersService, OrderLifecycleService, FulfilmentService, OrderMetrics],
  exports: [OrderRepository, OrdersService, OrderLifecycleService],
})
export class OrdersModule {}
