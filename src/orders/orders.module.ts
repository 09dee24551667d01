import { Module } from '@nestjs/common';
import { OrderLifecycleService } from './order-lifecycle.service.js';
import { OrderRepository } from './order.repository.js';
import { OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';

@Module({
  controllers: [OrdersController],
  providers: [OrdersService, OrderLifecycleService, OrderRepository],
  exports: [OrdersService, OrderLifecycleService, OrderRepository],
})
export class OrdersModule {}
