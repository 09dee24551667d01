import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OrdersModule } from '../orders/orders.module.js';
import { SequraModule } from '../sequra/sequra.module.js';
import { WEBHOOK_HANDLERS } from './handlers/index.js';
import { IpnAcknowledgement } from './handlers/ipn-acknowledgement.js';
import { OrderWebhooksController } from './order-webhooks.controller.js';
import { WebhookEventsService } from './webhook-events.service.js';
import { WebhookHandlerRegistry } from './webhook-handler.registry.js';
import { WebhookRouteOptions } from './webhook-route-options.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** seQura's IPN and events webhook, and the idempotency store. */
@Module({
  imports: [DiscoveryModule, OrdersModule, SequraModule],
  controllers: [WebhooksController, OrderWebhooksController],
  providers: [
    WebhooksService,
    WebhookHandlerRegistry,
    WebhookEventsService,
    WebhookRouteOptions,
    IpnAcknowledgement,
    ...WEBHOOK_HANDLERS,
  ],
})
export class WebhooksModule {}
