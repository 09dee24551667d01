import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { AppConfig } from '../config/app-config.js';
import type { Caller } from '../orders/order-history-entries.js';
import { toOrderView } from '../orders/order-view.js';
import { EraseOrderDto } from './dto/erase-order.dto.js';
import { ErasureService } from './erasure.service.js';

/** GDPR erasure of a shopper's data. Admin keys only. `:ref` is order_ref_1, URL-encoded. */
@ApiTags('orders')
@ApiBearerAuth()
@AdminOnly()
@Controller('orders')
export class ErasureController {
  constructor(
    private readonly erasure: ErasureService,
    private readonly config: AppConfig,
  ) {}

  @Post(':ref/erase')
  @HttpCode(200)
  @ApiOperation({
    summary: "Erase the shopper's personal data (cancelled, denied or refunded orders; shipped once reported)",
  })
  async erase(@Param('ref') ref: string, @Body() dto: EraseOrderDto, @CurrentPrincipal() caller: Caller) {
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
