import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ApiErrors } from '../common/api-docs.js';
import { AppConfig } from '../config/app-config.js';
import { OutboxEntryList } from '../outbox/outbox-view.dto.js';
import { toOutboxView } from '../outbox/outbox-view.js';
import { CancelOrderDto } from './dto/cancel-order.dto.js';
import { ListOrdersQuery } from './dto/list-orders.query.js';
import { EXAMPLE_REGISTRATION } from './dto/order-examples.js';
import { HistoryList, OrderDetailView, OrderPage, OrderView } from './dto/order-view.dto.js';
import { RefundOrderDto } from './dto/refund-order.dto.js';
import { RegisterOrderDto } from './dto/register-order.dto.js';
import { ShipOrderDto } from './dto/ship-order.dto.js';
import { ApiActorHeader, ApiOrderRef, ORDER_NOT_FOUND } from './order-api-docs.js';
import type { Caller } from './order-history-entries.js';
import { toHistoryView, toOrderDetailView, toOrderView } from './order-view.js';
import { OrdersService } from './orders.service.js';

const ORDER_404 = ORDER_NOT_FOUND;

/** `:ref` is order_ref_1, URL-encoded (a `/` in it travels as `%2F`). */
@ApiTags('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'registerOrder',
    summary: 'Register an order',
    description:
      'The same objects the shop sends seQura, in seQura’s shapes. The answer carries `sequra`: the `notify_url`, ' +
      '`notification_parameters` and `events_webhook` to copy into the `merchant` section of the seQura order.',
  })
  @ApiBody({ type: RegisterOrderDto, examples: { order: { summary: 'Two products', value: EXAMPLE_REGISTRATION } } })
  @ApiCreatedResponse({ type: OrderView, description: 'The order, `pending`' })
  @ApiErrors({
    409: {
      description: 'An order with this order_ref_1 (or sequra_order_ref) already exists',
      message: "An order with order_ref_1 'QWER1234' already exists",
      extra: { field: 'order_ref_1' },
    },
  })
  async register(@Body() dto: RegisterOrderDto): Promise<OrderView> {
    return toOrderView(await this.orders.register(dto), this.config);
  }

  @Get()
  @ApiOperation({
    operationId: 'listOrders',
    summary: 'List orders, newest first',
    description: 'Keyset pagination: pass `next_cursor` as `cursor` for the next page.',
  })
  @ApiOkResponse({ type: OrderPage })
  @ApiErrors({
    400: {
      description: 'A query parameter is not valid',
      message: 'Validation failed: limit',
      extra: { errors: [{ field: 'limit', messages: ['limit must not be greater than 200'] }] },
    },
  })
  async list(@Query() query: ListOrdersQuery): Promise<OrderPage> {
    const page = await this.orders.list(query);
    return { data: page.orders.map((o) => toOrderView(o, this.config)), next_cursor: page.nextCursor };
  }

  @Get(':ref')
  @ApiOrderRef()
  @ApiOperation({ operationId: 'getOrder', summary: 'One order, with the Order Update calls it owes seQura' })
  @ApiOkResponse({ type: OrderDetailView })
  @ApiErrors({ 404: ORDER_404 })
  async get(@Param('ref') ref: string): Promise<OrderDetailView> {
    const { order, sequraUpdates } = await this.orders.getWithSequraUpdates(ref);
    return toOrderDetailView(order, sequraUpdates, this.config);
  }

  @Get(':ref/history')
  @ApiOrderRef()
  @ApiOperation({ operationId: 'getOrderHistory', summary: 'State changes and staff notes, oldest first' })
  @ApiOkResponse({ type: HistoryList })
  @ApiErrors({ 404: ORDER_404 })
  async history(@Param('ref') ref: string): Promise<HistoryList> {
    return { data: (await this.orders.history(ref)).map(toHistoryView) };
  }

  @Get(':ref/sequra-updates')
  @ApiOrderRef()
  @ApiOperation({
    operationId: 'listSequraUpdates',
    summary: 'The Order Update calls owed to seQura for this order and their outcome, oldest first',
  })
  @ApiOkResponse({ type: OutboxEntryList })
  @ApiErrors({ 404: ORDER_404 })
  async sequraUpdates(@Param('ref') ref: string): Promise<OutboxEntryList> {
    return { data: (await this.orders.sequraUpdates(ref)).map(toOutboxView) };
  }

  @Post(':ref/shipments')
  @HttpCode(200)
  @ApiOrderRef()
  @ApiActorHeader()
  @ApiOperation({
    operationId: 'shipOrder',
    summary: 'Record a shipment',
    description:
      '`{}` ships everything left; `items` ships part of it. Only approved orders ship; the first shipment makes ' +
      'the order `shipped`, later ones ship what is left.',
  })
  @ApiOkResponse({ type: OrderView, description: 'The order after the shipment' })
  @ApiErrors({
    404: ORDER_404,
    409: {
      description: 'The order is not approved (or everything has shipped already)',
      message: "Order cannot go from 'on_hold' to 'shipped'",
      extra: { from_state: 'on_hold', to_state: 'shipped' },
    },
  })
  async ship(
    @Param('ref') ref: string,
    @Body() dto: ShipOrderDto,
    @CurrentPrincipal() caller: Caller,
  ): Promise<OrderView> {
    return toOrderView(await this.orders.ship(ref, dto, caller), this.config);
  }

  @Post(':ref/cancel')
  @HttpCode(200)
  @ApiOrderRef()
  @ApiActorHeader()
  @ApiOperation({
    operationId: 'cancelOrder',
    summary: 'Cancel the whole order, or (with items) units not yet shipped',
    description:
      'Without `items`, the whole order: writes the cancellation and queues the Order Update to seQura in one ' +
      'transaction; already cancelled → 200, no change. With `items`, those units not yet shipped are cancelled ' +
      '(out of stock) while the rest ships.',
  })
  @ApiOkResponse({ type: OrderView, description: 'The order, `cancelled`' })
  @ApiErrors({
    404: ORDER_404,
    409: {
      description:
        'The order cannot be cancelled in its state (shipped, denied), ' +
        'or the units to cancel exceed what is left (`limit`)',
      message: "Order cannot go from 'shipped' to 'cancelled'",
      extra: { from_state: 'shipped', to_state: 'cancelled' },
    },
  })
  async cancel(
    @Param('ref') ref: string,
    @Body() dto: CancelOrderDto,
    @CurrentPrincipal() caller: Caller,
  ): Promise<OrderView> {
    return toOrderView(await this.orders.cancel(ref, dto, caller), this.config);
  }

  @Post(':ref/refunds')
  @ApiOrderRef()
  @ApiActorHeader()
  @ApiOperation({
    operationId: 'refundOrder',
    summary: 'Record a return (items) and/or a money refund (amount, cents) of a shipped order',
    description:
      'Checked against what is left under the order lock. When nothing stays charged the order becomes `refunded`. ' +
      'seQura is told by an Order Update (or by the next delivery report, if it has not heard of the shipment yet).',
  })
  @ApiCreatedResponse({ type: OrderView, description: 'The order with the refund recorded' })
  @ApiErrors({
    404: ORDER_404,
    409: {
      description: 'The order is not shipped, or the return or refund exceeds what is left (`limit`)',
      message: "only 1 of 'shirt1234' shipped and not yet returned",
      extra: { limit: 'returnable_quantity', reference: 'shirt1234', requested: 2, available: 1 },
    },
  })
  async refund(
    @Param('ref') ref: string,
    @Body() dto: RefundOrderDto,
    @CurrentPrincipal() caller: Caller,
  ): Promise<OrderView> {
    return toOrderView(await this.orders.refund(ref, dto, caller), this.config);
  }
}
