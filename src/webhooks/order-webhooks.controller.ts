import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { toOrderView } from '../orders/order-view.js';
import { ListWebhookEventsQuery } from './dto/list-webhook-events.query.js';
import { FulfilmentService } from './fulfilment.service.js';
import { toWebhookEventView, WebhookEventsService } from './webhook-events.service.js';

/** Internal routes (service or admin key) about an order's seQura webhooks. `:ref` is order_ref_1. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders/:ref')
export class OrderWebhooksController {
  constructor(
    private readonly fulfilment: FulfilmentService,
    private readonly events: WebhookEventsService,
    private readonly config: AppConfig,
  ) {}

  @Post('fulfilment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an approved order as being picked: a seQura cancel request then answers retry' })
  async startFulfilment(@Param('ref') ref: string, @CurrentPrincipal() principal: Principal & { actor: string }) {
    return toOrderView(await this.fulfilment.start(ref, principal), this.config);
  }

  @Delete('fulfilment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Clear the fulfilment marker' })
  async stopFulfilment(@Param('ref') ref: string, @CurrentPrincipal() principal: Principal & { actor: string }) {
    return toOrderView(await this.fulfilment.stop(ref, principal), this.config);
  }

  @Get('webhook-events')
  @ApiOperation({ summary: 'The seQura webhook requests received for this order and their answers, newest first' })
  async webhookEvents(@Param('ref') ref: string, @Query() query: ListWebhookEventsQuery) {
    return { data: (await this.events.listForOrder(ref, query.limit ?? 100)).map(toWebhookEventView) };
  }
}
