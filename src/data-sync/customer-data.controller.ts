import { Body, Controller, Get, Headers, Param, Patch, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Order } from '../orders/order.entity.js';
import type { CustomerDataChange } from './customer-data-change.entity.js';
import { toChangeView, toCustomerDataView } from './customer-data-view.js';
import type { Section } from './customer-data-fields.js';
import { DataSyncService } from './data-sync.service.js';
import { AddressPatchDto } from './dto/address-patch.dto.js';
import { CustomerPatchDto } from './dto/customer-patch.dto.js';
import type { EditMetaDto } from './dto/edit-meta.dto.js';
import { etagOf } from './etag.js';
import { editContext } from './request-context.js';

type Caller = { actor: string };

/** Back-office view and edits of an order's customer data. `:ref` is order_ref_1, URL-encoded. */
@ApiTags('data sync')
@ApiBearerAuth()
@AdminOnly()
@Controller('orders')
export class CustomerDataController {
  constructor(private readonly dataSync: DataSyncService) {}

  @Get(':ref/customer-data')
  async get(@Param('ref') ref: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(reply, await this.dataSync.getOrder(ref));
  }

  @Get(':ref/customer-data/changes')
  async changes(@Param('ref') ref: string, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', 'no-store');
    return { data: (await this.dataSync.changes(ref)).map(toChangeView) };
  }

  @Patch(':ref/customer')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag from GET /orders/:ref/customer-data' })
  editCustomer(
    @Param('ref') ref: string,
    @Body() dto: CustomerPatchDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Caller,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.edit('customer', ref, dto, ifMatch, caller, req, reply);
  }

  @Patch(':ref/delivery-address')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag from GET /orders/:ref/customer-data' })
  editDeliveryAddress(
    @Param('ref') ref: string,
    @Body() dto: AddressPatchDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Caller,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.edit('delivery_address', ref, dto, ifMatch, caller, req, reply);
  }

  @Patch(':ref/invoice-address')
  @ApiHeader({ name: 'If-Match', required: true, description: 'the ETag from GET /orders/:ref/customer-data' })
  editInvoiceAddress(
    @Param('ref') ref: string,
    @Body() dto: AddressPatchDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Caller,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.edit('invoice_address', ref, dto, ifMatch, caller, req, reply);
  }

  private async edit(
    section: Section,
    ref: string,
    dto: EditMetaDto,
    ifMatch: string | undefined,
    caller: Caller,
    req: FastifyRequest,
    reply: FastifyReply,
  ) {
    const { order, changes } = await this.dataSync.editSection(
      ref,
      section,
      dto,
      ifMatch,
      editContext(caller.actor, req),
    );
    return { ...this.answer(reply, order), changes: changes.map((c: CustomerDataChange) => toChangeView(c)) };
  }

  /** Personal data: never cached by a proxy; the ETag is what the next edit must send back. */
  private answer(reply: FastifyReply, order: Order) {
    void reply.header('etag', etagOf(order.version)).header('cache-control', 'no-store');
    return toCustomerDataView(order);
  }
}
