import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ApiErrors } from '../common/api-docs.js';
import { AppConfig } from '../config/app-config.js';
import { OrderView } from './dto/order-view.dto.js';
import { FulfilmentService } from './fulfilment.service.js';
import type { Caller } from './order-history-entries.js';
import { toOrderView } from './order-view.js';
import { ApiActorHeader, ApiOrderRef, ORDER_NOT_FOUND } from './order-api-docs.js';

const NOT_FOUND = ORDER_NOT_FOUND;

/** The fulfilment marker of an order (service or admin key). `:ref` is order_ref_1. */
@ApiTags('orders')
@ApiOrderRef()
@ApiActorHeader()
@Controller('orders/:ref/fulfilment')
export class FulfilmentController {
  constructor(
    private readonly fulfilment: FulfilmentService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'startFulfilment',
    summary: 'Mark an approved order as being picked: a seQura cancel request then answers retry',
  })
  @ApiOkResponse({ type: OrderView, description: 'The order; already marked: no change' })
  @ApiErrors({
    404: NOT_FOUND,
    409: {
      description: 'The order is not approved',
      message: "Only an approved order can be marked in fulfilment; this one is 'shipped'",
      extra: { state: 'shipped' },
    },
  })
  async start(@Param('ref') ref: string, @CurrentPrincipal() caller: Caller): Promise<OrderView> {
    return toOrderView(await this.fulfilment.start(ref, caller), this.config);
  }

  @Delete()
  @HttpCode(200)
  @ApiOperation({ operationId: 'stopFulfilment', summary: 'Clear the fulfilment marker' })
  @ApiOkResponse({ type: OrderView, description: 'The order; not marked: no change' })
  @ApiErrors({ 404: NOT_FOUND })
  async stop(@Param('ref') ref: string, @CurrentPrincipal() caller: Caller): Promise<OrderView> {
    return toOrderView(await this.fulfilment.stop(ref, caller), this.config);
  }
}
