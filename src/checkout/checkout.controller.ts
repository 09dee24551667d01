import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ApiErrors } from '../common/api-docs.js';
import type { Caller } from '../orders/order-history-entries.js';
import { ApiActorHeader, ApiOrderRef, ORDER_NOT_FOUND } from '../orders/order-api-docs.js';
import { toStartedCheckoutView } from './checkout-view.js';
import { CheckoutService } from './checkout.service.js';
import { CheckoutFormQuery } from './dto/checkout-form.query.js';
import { PaymentMethodsView, StartedCheckoutView } from './dto/checkout-views.dto.js';
import { StartCheckoutDto } from './dto/start-checkout.dto.js';

const SEQURA_DOWN = {
  description: 'seQura could not be reached, timed out or answered 5xx (or refused our credentials): retry later',
  message: "seQura could not start order 'QWER1234' (HTTP 500); retry later",
};
const NO_CHECKOUT = {
  description:
    'No checkout was started here (`reason: not_started`), the order is no longer pending (`not_pending`), or ' +
    "seQura refused (`sequra_status`, seQura's `errors`: start the checkout again)",
  message: "No seQura checkout was started for order 'QWER1234': POST /orders/QWER1234/checkout first",
  extra: { order_ref_1: 'QWER1234', state: 'pending', reason: 'not_started' },
};

/** The start of an order at seQura (service or admin key). `:ref` is order_ref_1, URL-encoded. */
@ApiTags('checkout')
@Controller('orders/:ref/checkout')
export class CheckoutController {
  constructor(private readonly checkout: CheckoutService) {}

  @Post()
  @ApiOrderRef()
  @ApiActorHeader()
  @ApiOperation({
    operationId: 'startCheckout',
    summary: 'Start (or start again) the order at seQura: the solicitation, then its payment methods',
    description:
      'seQura\'s `POST orders` with the whole order, `state: ""` and our merchant block (callbacks, return and ' +
      'abort URLs). Again: a new seQura order replaces the one before; only the latest can be approved.',
  })
  @ApiBody({
    type: StartCheckoutDto,
    examples: {
      checkout: {
        summary: 'A shopper on a phone',
        value: {
          customer: { ip_number: '203.0.113.7', user_agent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)' },
          gui: { layout: 'smartphone' },
          return_url: 'https://shop.example/checkout/QWER1234/thanks',
          abort_url: 'https://shop.example/checkout/QWER1234/payment',
        },
      },
    },
  })
  @ApiCreatedResponse({ type: StartedCheckoutView, description: 'seQura started the order (2xx with its Location)' })
  @ApiErrors({
    404: ORDER_NOT_FOUND,
    409: {
      description:
        "seQura refused the order (its 409, or another 4xx: `sequra_status` and seQura's `errors`; offer another " +
        'payment method); or the order is not pending (`reason: not_pending`), or lacks what seQura requires ' +
        '(`missing`)',
      message: "seQura refused to start order 'QWER1234' (HTTP 409): offer the shopper another payment method",
      extra: {
        sequra_status: 409,
        errors: ["Invalid data: items' total_with_tax add up to 8350 (1250+7100) but order_total_with_tax is 8400."],
      },
    },
    503: SEQURA_DOWN,
  })
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
  @ApiOrderRef()
  @ApiProduces('text/html')
  @ApiOperation({
    operationId: 'getCheckoutForm',
    summary: "seQura's identification form of the latest seQura order, as HTML to embed as is",
    description:
      "seQura's `GET orders/{uuid}/form_v2` with the parameters given. Insert it in the page and call " +
      '`window.SequraFormInstance.show()` once defined. Never cached.',
  })
  @ApiOkResponse({
    description: "seQura's fragment: a hidden iframe and two scripts",
    content: {
      'text/html': {
        schema: { type: 'string' },
        example:
          '<iframe id=\'sq-identification-i1\' class="sq-identification-iframe" src="…/pumbaa_form?product=i1"' +
          ' style="display:none"></iframe>\n<script>window.SequraFormElement = \'sq-identification-i1\';</script>\n',
      },
    },
  })
  @ApiErrors({
    400: {
      description: 'A query parameter is not valid',
      message: 'Validation failed: product',
      extra: { errors: [{ field: 'product', messages: ['product must be a seQura product code such as i1 or pp3'] }] },
    },
    404: ORDER_NOT_FOUND,
    409: NO_CHECKOUT,
    503: { ...SEQURA_DOWN, message: 'seQura could not be reached' },
  })
  async form(@Param('ref') ref: string, @Query() query: CheckoutFormQuery): Promise<string> {
    return this.checkout.form(ref, query);
  }

  @Get('payment-methods')
  @ApiOrderRef()
  @ApiOperation({
    operationId: 'getCheckoutPaymentMethods',
    summary: 'The payment methods seQura offers for the latest seQura order, as seQura answers them',
  })
  @ApiOkResponse({ type: PaymentMethodsView })
  @ApiErrors({
    404: ORDER_NOT_FOUND,
    409: NO_CHECKOUT,
    503: { ...SEQURA_DOWN, message: 'seQura could not be reached' },
  })
  async paymentMethods(@Param('ref') ref: string): Promise<unknown> {
    return this.checkout.paymentMethods(ref);
  }
}
