import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { FulfilmentService } from './fulfilment.service.js';
import type { Caller } from './order-history-entries.js';
import { toOrderView } from './order-view.js';

/** The fulfilment marker of an order (service or admin key). `:ref` is order_ref_1. */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders/:ref/fulfilment')
export class FulfilmentController {
  constructor(
    private readonly fulfilment: FulfilmentService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an approved order as being picked: a seQura cancel request then answers retry' })
  async start(@Param('ref') ref: string, @CurrentPrincipal() caller: Caller) {
    return toOrderView(await this.fulfilment.start(ref, caller), this.config);
  }

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: 'Clear the fulfilment marker' })
  async stop(@Param('ref') ref: string, @CurrentPrincipal() caller: Caller) {
    return toOrderView(await this.fulfilment.stop(ref, caller), this.config);
  }
}
