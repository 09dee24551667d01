import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ApiErrors } from '../common/api-docs.js';
import { AppConfig } from '../config/app-config.js';
import { ApiActorHeader, ApiOrderRef, ORDER_NOT_FOUND } from '../orders/order-api-docs.js';
import type { Caller } from '../orders/order-history-entries.js';
import { toOrderView } from '../orders/order-view.js';
import { EraseOrderDto } from './dto/erase-order.dto.js';
import { ErasureView } from './dto/erasure-view.dto.js';
import { ErasureService } from './erasure.service.js';

/** GDPR erasure of a shopper's data. Admin keys only. `:ref` is order_ref_1, URL-encoded. */
@ApiTags('orders')
@AdminOnly()
@Controller('orders')
export class ErasureController {
  constructor(
    private readonly erasure: ErasureService,
    private readonly config: AppConfig,
  ) {}

  @Post(':ref/erase')
  @HttpCode(200)
  @ApiOrderRef()
  @ApiActorHeader()
  @ApiOperation({
    operationId: 'eraseOrder',
    summary: "Erase the shopper's personal data (cancelled, denied or refunded orders; shipped once reported)",
    description: 'Erasing an order erased before answers 200 with `already_erased: true` and changes nothing.',
  })
  @ApiOkResponse({ type: ErasureView })
  @ApiErrors({
    404: ORDER_NOT_FOUND,
    409: {
      description: "seQura, an Order Update or a report on its way still needs the shopper's data (`reason`)",
      message:
        "Order 'QWER1234' is approved: seQura still needs the shopper's data until the order is cancelled, denied, " +
        'or shipped in full and reported',
      extra: { order_ref_1: 'QWER1234', state: 'approved', reason: 'still_needed' },
    },
  })
  async erase(
    @Param('ref') ref: string,
    @Body() dto: EraseOrderDto,
    @CurrentPrincipal() caller: Caller,
  ): Promise<ErasureView> {
    const result = await this.erasure.erase(ref, dto.reason.trim(), caller);
    return {
      order: toOrderView(result.order, this.config),
      erasure: {
        already_erased: result.alreadyErased,
        customer_data_changes: result.auditRows,
        shipping_reports: result.reportRuns,
      },
    };
  }
}
