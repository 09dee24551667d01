import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { SequraModule } from '../sequra/sequra.module.js';
import { IpnAcknowledgement } from './handlers/ipn-acknowledgement.js';
import { OrderWebhooksController } from './order-webhooks.controller.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import { WebhookEventsService } from './webhook-events.service.js';
import { WebhookHandlerRegistry } from './webhook-handler.registry.js';
import { WebhookMetrics } from './webhook-metrics.js';
import { WEBHOOK_HANDLER_CLASSES } from './webhook-handlers.js';
import { WebhookRouteOptions } from './webhook-route-options.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** seQura's IPN and events webhook, and the idempotency store. */
@Module({
  imports: [OrdersModule, SequraModule],
  controllers: [WebhooksController, OrderWebhooksController],
  providers: [
    WebhooksService,
    WebhookHandlerRegistry,
    WebhookEventsService,
    WebhookEventRepository,
    WebhookRouteOptions,
    WebhookMetrics,
    IpnAcknowledgement,
    ...WEBHOOK_HANDLER_CLASSES,
  ],
  exports: [WebhookEventRepository],
})
export class WebhooksModule {}
