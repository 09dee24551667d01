import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { CancelOrderDto } from './dto/cancel-order.dto.js';
import { ListOrdersQuery } from './dto/list-orders.query.js';
import { RegisterOrderDto } from './dto/register-order.dto.js';
import { ShipOrderDto } from './dto/ship-order.dto.js';
import { toHistoryView, toOrderView } from './order-view.js';
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
    const order = await this.orders.get(ref);
    return { ...toOrderView(order, this.config), ...(await this.orders.viewExtras(order)) };
  }

  @Get(':ref/history')
  async history(@Param('ref') ref: string) {
    return { data: (await this.orders.history(ref)).map(toHistoryView) };
  }

  @Post(':ref/shipments')
  @HttpCode(200)
  async ship(@Param('ref') ref: string, @Body() dto: ShipOrderDto, @CurrentPrincipal() principal: Principal) {
    return toOrderView(await this.orders.ship(ref, dto, principal), this.config);
  }

  @Post(':ref/cancel')
  @HttpCode(200)
  async cancel(@Param('ref') ref: string, @Body() dto: CancelOrderDto, @CurrentPrincipal() principal: Principal) {
    return toOrderView(await this.orders.cancel(ref, dto, principal), this.config);
  }
}
