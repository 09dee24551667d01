import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ApiErrors } from '../common/api-docs.js';
import { ApiActorHeader } from '../orders/order-api-docs.js';
import type { Caller } from '../orders/order-history-entries.js';
import { toShippingReportView } from '../shipping-reports/shipping-report-view.js';
import { NeedsAttentionView, OrderUpdateRetryView, ReportRunRetryView } from './dto/needs-attention-view.dto.js';
import { OrderUpdateIdParam } from './dto/order-update-id.param.js';
import { toNeedsAttentionView, toRetriedUpdateView } from './needs-attention-view.js';
import { NeedsAttentionService, ON_HOLD_HOURS } from './needs-attention.service.js';

/** What needs a person, and the retries once its cause is fixed. Admin keys only. */
@ApiTags('needs attention')
@AdminOnly()
@Controller('needs-attention')
export class NeedsAttentionController {
  constructor(private readonly attention: NeedsAttentionService) {}

  @Get()
  @ApiOperation({
    operationId: 'listNeedsAttention',
    summary: 'Failed Order Updates, failed report runs, cancel requests answered retry, orders on hold over a day',
  })
  @ApiOkResponse({ type: NeedsAttentionView })
  async list(): Promise<NeedsAttentionView> {
    return toNeedsAttentionView(await this.attention.list(), ON_HOLD_HOURS);
  }

  @Post('order-updates/:id/retry')
  @HttpCode(200)
  @ApiParam({ name: 'id', description: 'the Order Update (a positive integer)', example: '42' })
  @ApiActorHeader()
  @ApiOperation({
    operationId: 'retryOrderUpdate',
    summary: 'Send a failed Order Update again (after fixing its cause); noted in the order history',
  })
  @ApiOkResponse({ type: OrderUpdateRetryView, description: 'The update, pending and due now' })
  @ApiErrors({
    400: {
      description: '`id` is not the number of an Order Update',
      message: 'Validation failed: id',
      extra: { errors: [{ field: 'id', messages: ['id must be the number of an Order Update'] }] },
    },
    404: { description: 'No Order Update with this id', message: "Order Update '42' not found", extra: { id: '42' } },
    409: {
      description: "The update is not failed, or the order's data was erased since",
      message: "Order Update '42' is sent: only a failed update can be sent again",
      extra: { id: '42', status: 'sent' },
    },
  })
  async retryOrderUpdate(
    @Param() params: OrderUpdateIdParam,
    @CurrentPrincipal() caller: Caller,
  ): Promise<OrderUpdateRetryView> {
    return { order_update: toRetriedUpdateView(await this.attention.retryOrderUpdate(params.id, caller)) };
  }

  @Post('report-runs/:id/retry')
  @HttpCode(200)
  @ApiParam({ name: 'id', format: 'uuid', description: 'the failed run' })
  @ApiActorHeader()
  @ApiOperation({
    operationId: 'retryReportRun',
    summary: 'Retry a failed report run: a new report of its account now carries its orders; records who retried',
  })
  @ApiOkResponse({ type: ReportRunRetryView })
  @ApiErrors({
    400: { description: '`id` is not a uuid', message: 'Validation failed (uuid is expected)' },
    404: {
      description: 'No run with this id',
      message: "Shipping report '0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59' not found",
      extra: { id: '0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59' },
    },
    409: {
      description: 'The run is not failed, or was retried already',
      message: "Shipping report '0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59' is sent: only a failed run can be retried",
      extra: { id: '0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59', status: 'sent' },
    },
  })
  async retryReportRun(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentPrincipal() caller: Caller,
  ): Promise<ReportRunRetryView> {
    const { run, runs } = await this.attention.retryReportRun(id, caller);
    return { run: toShippingReportView(run), runs: runs.map((r) => toShippingReportView(r)) };
  }
}
