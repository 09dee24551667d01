import type { Order } from '../orders/order.entity.js';
import type { CustomerDataChange } from './customer-data-change.entity.js';
import type { ChangeView, CustomerDataView } from './dto/customer-data-view.dto.js';

export function toCustomerDataView(order: Order): CustomerDataView {
  return {
    order_ref_1: order.orderRef1,
    state: order.state,
    version: order.version,
    customer: order.customer,
    delivery_address: order.deliveryAddress,
    invoice_address: order.invoiceAddress,
  };
}

/** One audit row: when, who, source, field, before → after, note. */
export function toChangeView(row: CustomerDataChange): ChangeView {
  return {
    id: Number(row.id),
    at: row.createdAt.toISOString(),
    actor: row.actor,
    source: row.source,
    section: row.section,
    field: row.field,
    before: row.before ?? null,
    after: row.after ?? null,
    note: row.note,
    order_version: row.orderVersion,
    request_id: row.requestId,
  };
}
