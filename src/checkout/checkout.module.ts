import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { SequraModule } from '../sequra/sequra.module.js';
import { CheckoutController } from './checkout.controller.js';
import { CheckoutService } from './checkout.service.js';

/**
 * The start of an order at seQura (solicitation, identification form, payment methods), so a shop
 * needs no seQura code: a feature above the seQura client and the orders, like the webhooks that
 * later receive the IPN of the seQura order it started.
 */
@Module({
  imports: [OrdersModule, SequraModule],
  controllers: [CheckoutController],
  providers: [CheckoutService],
})
export class CheckoutModule {}
