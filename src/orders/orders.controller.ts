import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { toOutboxView } from '../outbox/outbox-view.js';
import { CancelOrderDto } from './dto/cancel-order.dto.js';
import { ListOrdersQuery } from './dto/list-orders.query.js';
import { RefundOrderDto } from './dto/refund-order.dto.js';
import { RegisterOrderDto } from './dto/register-order.dto.js';
import { ShipOrderDto } from './dto/ship-order.dto.js';
import type { Caller } from './order-history-entries.js';
import { toHistoryView, toOrderDetailView, toOrderView } from './order-view.js';
import { OrdersService } from './orders.service.js';

/** `:ref` is order_ref_1, URL-encoded (a `/` in it travels as `%2F`). */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  async register(@Body() dto: RegisterOrderDto) {
    return toOrderView(await this.orders.register(dto), this.config);
  }

  @Get()
  async list(@Query() query: ListOrdersQuery) {
    const page = await this.orders.list(query);
    return { data: page.orders.map((o) => toOrderView(o, this.config)), next_cursor: page.nextCursor };
  }

  @Get(':ref')
  async get(@Param('ref') ref: string) {
    const { order, sequraUpdates } = await this.orders.getWithSequraUpdates(ref);
    return toOrderDetailView(order, sequraUpdates, this.config);
  }

  @Get(':ref/history')
  async history(@Param('ref') ref: string) {
    return { data: (await this.orders.history(ref)).map(toHistoryView) };
  }

  @Get(':ref/sequra-updates')
  @ApiOperation({ summary: 'The Order Update calls owed to seQura for this order and their outcome, oldest first' })
  async sequraUpdates(@Param('ref') ref: string) {
    return { data: (await this.orders.sequraUpdates(ref)).map(toOutboxView) };
  }

  @Post(':ref/shipments')
  @HttpCode(200)
  async ship(@Param('ref') ref: string, @Body() dto: ShipOrderDto, @CurrentPrincipal() caller: Caller) {
    return toOrderView(await this.orders.ship(ref, dto, caller), this.config);
  }

  @Post(':ref/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the whole order, or (with items) units not yet shipped' })
  async cancel(@Param('ref') ref: string, @Body() dto: CancelOrderDto, @CurrentPrincipal() caller: Caller) {
    return toOrderView(await this.orders.cancel(ref, dto, caller), this.config);
  }

  @Post(':ref/refunds')
  @ApiOperation({ summary: 'Record a return (items) and/or a money refund (amount, cents) of a shipped order' })
  async refund(@Param('ref') ref: string, @Body() dto: RefundOrderDto, @CurrentPrincipal() caller: Caller) {
    return toOrderView(await this.orders.refund(ref, dto, caller), this.config);
  }
}
