import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListWebhookEventsQuery } from './dto/list-webhook-events.query.js';
import { toWebhookEventView, WebhookEventsService } from './webhook-events.service.js';

/** Internal routes (service or admin key) about an order's seQura webhooks. `:ref` is order_ref_1. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders/:ref')
export class OrderWebhooksController {
  constructor(private readonly events: WebhookEventsService) {}

  @Get('webhook-events')
  @ApiOperation({ summary: 'The seQura webhook requests received for this order and their answers, newest first' })
  async webhookEvents(@Param('ref') ref: string, @Query() query: ListWebhookEventsQuery) {
    return { data: (await this.events.listForOrder(ref, query.limit ?? 100)).map(toWebhookEventView) };
  }
}
