import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import { ApiOrderRef, ORDER_NOT_FOUND } from '../orders/order-api-docs.js';
import { ListWebhookEventsQuery } from './dto/list-webhook-events.query.js';
import { WebhookEventList } from './dto/webhook-docs.dto.js';
import { toWebhookEventView, WebhookEventsService } from './webhook-events.service.js';

/** Internal routes (service or admin key) about an order's seQura webhooks. `:ref` is order_ref_1. */
@ApiTags('orders')
@Controller('orders/:ref')
export class OrderWebhooksController {
  constructor(private readonly events: WebhookEventsService) {}

  @Get('webhook-events')
  @ApiOrderRef()
  @ApiOperation({
    operationId: 'listWebhookEvents',
    summary: 'The seQura webhook requests received for this order and their answers, newest first',
  })
  @ApiOkResponse({ type: WebhookEventList })
  @ApiErrors({
    400: {
      description: '`limit` is not an integer from 1 to 500',
      message: 'Validation failed: limit',
      extra: { errors: [{ field: 'limit', messages: ['limit must not be greater than 500'] }] },
    },
    404: ORDER_NOT_FOUND,
  })
  async webhookEvents(@Param('ref') ref: string, @Query() query: ListWebhookEventsQuery): Promise<WebhookEventList> {
    return { data: (await this.events.listForOrder(ref, query.limit ?? 100)).map(toWebhookEventView) };
  }
}
