import { AppConfig } from '../config/app-config.js';
import { toOutboxSummaryView } from '../outbox/outbox-view.js';
import type { OutboxSummary } from '../outbox/outbox.repository.js';
import type { OrderHistory } from './order-history.entity.js';
import { signOrderRef } from './order-ref-signature.js';
import type { Order } from './order.entity.js';
import { isoOrNull } from '../common/wire-format.js';
import type { HistoryEntryView, OrderDetailView, OrderView, SequraViewView } from './dto/order-view.dto.js';
import { acknowledgedView, returnedQuantities, sameView, sequraViewOf, waitsForReport } from './sequra-view.js';

/** What the shop copies into the `merchant` section of the order it sends seQura. */
export function sequraCallbacks(config: AppConfig, orderRef1: string) {
  const parameters = { signature: signOrderRef(config.webhookSecret, orderRef1), order: orderRef1 };
  return {
    notify_url: `${config.publicBaseUrl}/webhooks/sequra/ipn`,
    notification_parameters: parameters,
    events_webhook: { url: `${config.publicBaseUrl}/webhooks/sequra/events`, parameters },
  };
}

/** The order on the wire: flat, snake_case, like seQura's own payloads. */
export function toOrderView(order: Order, config: AppConfig): OrderView {
  return {
    id: order.id,
    order_ref_1: order.orderRef1,
    order_ref_2: order.orderRef2,
    sequra_order_ref: order.sequraOrderRef,
    checkout: order.checkout,
    state: order.state,
    risk_level: order.riskLevel,
    cart: order.cart,
    shipped_quantities: order.shippedQuantities,
    cancelled_quantities: order.cancelledQuantities,
    returned_quantities: returnedQuantities(order.refunds),
    refunds: order.refunds,
    delivery_method: order.deliveryMethod,
    customer: order.customer,
    delivery_address: order.deliveryAddress,
    invoice_address: order.invoiceAddress,
    trackings: order.trackings,
    approved_at: isoOrNull(order.approvedAt),
    shipped_at: isoOrNull(order.shippedAt),
    cancelled_at: isoOrNull(order.cancelledAt),
    reported_at: isoOrNull(order.reportedAt),
    shipping_report_id: order.shippingReportId,
    fulfilment_started_at: isoOrNull(order.fulfilmentStartedAt),
    erased_at: isoOrNull(order.erasedAt),
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
    version: order.version,
    sequra: sequraCallbacks(config, order.orderRef1),
    sequra_view: sequraViewView(order, config),
  };
}

/**
 * seQura's view of the order: `current` (what seQura should hold now, from the order's lines),
 * `acknowledged` (what it last answered 2xx to; null before its confirmation), `in_step` (the two
 * are the same: no Order Update owed), `waits_for_report` (daily mode: the next delivery report
 * carries the first shipment and every change until then).
 */
function sequraViewView(order: Order, config: AppConfig): SequraViewView {
  const current = sequraViewOf(order);
  const acknowledged = acknowledgedView(order);
  return {
    current,
    acknowledged,
    in_step: acknowledged !== null && sameView(acknowledged, current),
    waits_for_report: waitsForReport(order, config.shippingReport.mode),
  };
}

/** `GET /orders/:ref`: the order, and what the shop still owes seQura for it (the outbox). */
export function toOrderDetailView(order: Order, sequraUpdates: OutboxSummary, config: AppConfig): OrderDetailView {
  return { ...toOrderView(order, config), sequra_updates: toOutboxSummaryView(sequraUpdates) };
}

export function toHistoryView(row: OrderHistory): HistoryEntryView {
  return {
    kind: row.kind,
    from_state: row.fromState,
    to_state: row.toState,
    cause: row.cause,
    actor: row.actor,
    details: row.details,
    at: row.createdAt.toISOString(),
  };
}
