import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Caller } from '../orders/order-history-entries.js';
import { toShippingReportView } from '../shipping-reports/shipping-report-view.js';
import { OrderUpdateIdParam } from './dto/order-update-id.param.js';
import { toNeedsAttentionView, toRetriedUpdateView } from './needs-attention-view.js';
import { NeedsAttentionService, ON_HOLD_HOURS } from './needs-attention.service.js';

/** What needs a person, and the retries once its cause is fixed. Admin keys only. */
@ApiTags('needs attention')
@ApiBearerAuth()
@AdminOnly()
@Controller('needs-attention')
export class NeedsAttentionController {
  constructor(private readonly attention: NeedsAttentionService) {}

  @Get()
  @ApiOperation({
    summary: 'Failed Order Updates, failed report runs, cancel requests answered retry, orders on hold over a day',
  })
  async list() {
    return toNeedsAttentionView(await this.attention.list(), ON_HOLD_HOURS);
  }

  @Post('order-updates/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed Order Update again (after fixing its cause); noted in the order history' })
  async retryOrderUpdate(@Param() params: OrderUpdateIdParam, @CurrentPrincipal() caller: Caller) {
    return { order_update: toRetriedUpdateView(await this.attention.retryOrderUpdate(params.id, caller)) };
  }

  @Post('report-runs/:id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retry a failed report run: a new report now carries its orders; records who retried' })
  async retryReportRun(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() caller: Caller) {
    const { run, runs } = await this.attention.retryReportRun(id, caller);
    return { run: toShippingReportView(run), runs: runs.map((r) => toShippingReportView(r)) };
  }
}
