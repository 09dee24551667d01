import { applyDecorators, Body, Controller, Get, Headers, Param, Patch, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ApiErrors } from '../common/api-docs.js';
import { ApiActorHeader, ApiOrderRef, ORDER_NOT_FOUND } from '../orders/order-api-docs.js';
import type { Order } from '../orders/order.entity.js';
import type { CustomerDataChange } from './customer-data-change.entity.js';
import { toChangeView, toCustomerDataView } from './customer-data-view.js';
import type { Section } from './customer-data-fields.js';
import { DataSyncService } from './data-sync.service.js';
import { AddressPatchDto } from './dto/address-patch.dto.js';
import { CustomerPatchDto } from './dto/customer-patch.dto.js';
import { ChangeList, CustomerDataEditView, CustomerDataView } from './dto/customer-data-view.dto.js';
import type { EditMetaDto } from './dto/edit-meta.dto.js';
import { etagOf } from './etag.js';
import { editContext } from './request-context.js';

type Caller = { actor: string };

const ORDER_404 = ORDER_NOT_FOUND;

const ETAG_HEADER = {
  ETag: {
    required: true,
    description: 'the version of the data, `"<version>"`: send it back as If-Match to edit',
    schema: { type: 'string', example: '"3"' },
  },
  'Cache-Control': { required: true, description: 'personal data: `no-store`', schema: { type: 'string' } },
};

/** What every PATCH documents: If-Match, the edit's answer and its errors. */
const ApiEdit = (section: string, operationId: string) =>
  applyDecorators(
    ApiActorHeader(),
    ApiHeader({ name: 'If-Match', required: true, description: 'the ETag from GET /orders/{ref}/customer-data' }),
    ApiOperation({
      operationId,
      summary: `Correct the ${section}`,
      description:
        'An absent field is untouched; `null` clears an optional field. An edit that changes nothing answers 200 and ' +
        'writes nothing. `source: merchant` on an approved or shipped order also queues an Order Update to seQura.',
    }),
    ApiOkResponse({ type: CustomerDataEditView, headers: ETAG_HEADER, description: 'The new data and ETag' }),
    ApiErrors({
      400: {
        description: 'A field breaks a rule (named in `errors`), or If-Match is not an ETag',
        message: 'Validation failed: postal_code',
        extra: { errors: [{ field: 'postal_code', messages: ['postal_code must be 5 digits for ES'] }] },
      },
      404: ORDER_404,
      409: {
        description: 'The order is cancelled or denied: its customer data can no longer be edited',
        message: "Order 'QWER1234' is cancelled: its customer data can no longer be edited",
        extra: { order_ref_1: 'QWER1234', state: 'cancelled' },
      },
      412: {
        description: 'Someone changed the data since it was read: nothing was written; `ETag` is the current one',
        message:
          "The customer data of order 'QWER1234' changed since it was read (now version 4); " +
          'read it again and redo the edit',
        extra: { current_version: 4, current_etag: '"4"' },
        headers: ETAG_HEADER,
      },
      428: {
        description: 'If-Match is missing (or `*`)',
        message: 'If-Match is required: send the ETag from GET /orders/:ref/customer-data',
        extra: { header: 'If-Match' },
      },
    }),
  );

/** Back-office view and edits of an order's customer data. `:ref` is order_ref_1, URL-encoded. */
@ApiTags('data sync')
@AdminOnly()
@ApiOrderRef()
@Controller('orders')
export class CustomerDataController {
  constructor(private readonly dataSync: DataSyncService) {}

  @Get(':ref/customer-data')
  @ApiOperation({ operationId: 'getCustomerData', summary: 'The customer and both addresses, with their ETag' })
  @ApiOkResponse({ type: CustomerDataView, headers: ETAG_HEADER })
  @ApiErrors({ 404: ORDER_404 })
  async get(@Param('ref') ref: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<CustomerDataView> {
    return this.answer(reply, await this.dataSync.getOrder(ref));
  }

  @Get(':ref/customer-data/changes')
  @ApiOperation({ operationId: 'listCustomerDataChanges', summary: 'The audit trail of the order, newest first' })
  @ApiOkResponse({ type: ChangeList })
  @ApiErrors({ 404: ORDER_404 })
  async changes(@Param('ref') ref: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ChangeList> {
    void reply.header('cache-control', 'no-store');
    return { data: (await this.dataSync.changes(ref)).map(toChangeView) };
  }

  @Patch(':ref/customer')
  @ApiEdit('customer', 'editCustomer')
  editCustomer(
    @Param('ref') ref: string,
    @Body() dto: CustomerPatchDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Caller,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerDataEditView> {
    return this.edit('customer', ref, dto, ifMatch, caller, req, reply);
  }

  @Patch(':ref/delivery-address')
  @ApiEdit('delivery address', 'editDeliveryAddress')
  editDeliveryAddress(
    @Param('ref') ref: string,
    @Body() dto: AddressPatchDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Caller,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerDataEditView> {
    return this.edit('delivery_address', ref, dto, ifMatch, caller, req, reply);
  }

  @Patch(':ref/invoice-address')
  @ApiEdit('invoice address', 'editInvoiceAddress')
  editInvoiceAddress(
    @Param('ref') ref: string,
    @Body() dto: AddressPatchDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() caller: Caller,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerDataEditView> {
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
  ): Promise<CustomerDataEditView> {
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
  private answer(reply: FastifyReply, order: Order): CustomerDataView {
    void reply.header('etag', etagOf(order.version)).header('cache-control', 'no-store');
    return toCustomerDataView(order);
  }
}
