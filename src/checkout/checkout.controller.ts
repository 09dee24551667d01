import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Caller } from '../orders/order-history-entries.js';
import { toStartedCheckoutView } from './checkout-view.js';
import { CheckoutService } from './checkout.service.js';
import { CheckoutFormQuery } from './dto/checkout-form.query.js';
import { PaymentMethodsDto, StartedCheckoutView } from './dto/checkout-views.dto.js';
import { StartCheckoutDto } from './dto/start-checkout.dto.js';

/** The start of an order at seQura (service or admin key). `:ref` is order_ref_1, URL-encoded. */
@ApiTags('checkout')
@ApiBearerAuth()
@Controller('orders/:ref/checkout')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  @Post()
  @ApiOperation({
    summary: 'Start (or start again) the order at seQura: solicitation, then its payment methods',
    description:
      '201 with `sequra_order_ref`, `form_url` and `payment_methods`. seQura refused (409 with its `errors`): offer ' +
      'another payment method. seQura down or timing out: 503. Not pending: 409.',
  })
  @ApiCreatedResponse({ type: StartedCheckoutView })
  @ApiConflictResponse({ description: "Not pending; or seQura refused (`sequra_status`, seQura's `errors`)" })
  @ApiServiceUnavailableResponse({ description: 'seQura down, timing out, or refusing our credentials: retry later' })
  async start(
    @Param('ref') ref: string,
    @Body() dto: StartCheckoutDto,
    @CurrentPrincipal() caller: Caller,
  ): Promise<StartedCheckoutView> {
    return toStartedCheckoutView(await this.checkout.start(ref, dto, caller));
  }

  @Get('form')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @ApiProduces('text/html')
  @ApiOperation({ summary: "seQura's identification form of the latest seQura order, as HTML to embed as is" })
  @ApiOkResponse({ description: "seQura's form_v2 fragment (an iframe and two scripts)", schema: { type: 'string' } })
  @ApiConflictResponse({ description: 'No checkout started here, not pending, or seQura refused: start it again' })
  @ApiServiceUnavailableResponse({ description: 'seQura down or timing out: retry later' })
  async form(@Param('ref') ref: string, @Query() query: CheckoutFormQuery): Promise<string> {
    return this.checkout.form(ref, query);
  }

  @Get('payment-methods')
  @ApiOperation({ summary: 'The payment methods seQura offers for the latest seQura order, as seQura answers them' })
  @ApiOkResponse({ type: PaymentMethodsDto })
  @ApiConflictResponse({ description: 'No checkout started here, not pending, or seQura refused: start it again' })
  @ApiServiceUnavailableResponse({ description: 'seQura down or timing out: retry later' })
  async paymentMethods(@Param('ref') ref: string): Promise<unknown> {
    return this.checkout.paymentMethods(ref);
  }
}
