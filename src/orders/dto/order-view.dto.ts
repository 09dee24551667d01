import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { OutboxSummaryView } from '../../outbox/outbox-view.dto.js';
import type { HistoryCause } from '../order-history.entity.js';
import { GUI_LAYOUTS, type GuiLayout, type OrderCheckout } from '../order-checkout.js';
import { ORDER_STATES, type OrderState } from '../order-states.js';
import type { SequraView } from '../sequra-view.js';
import {
  type Address,
  type Cart,
  type Customer,
  type DeliveryMethod,
  type Quantities,
  type ShippedQuantities,
  TRACKING_TYPES,
  type TrackingType,
} from '../sequra-objects.js';
import { EXAMPLE_REGISTRATION } from './order-examples.js';
import { AddressDto, CartDto, CustomerDto, DeliveryMethodDto } from './sequra-objects.dto.js';

/**
 * The wire shapes of `order-view.ts`, for the OpenAPI document and as the view functions' return
 * types (so a field added to a view without its documentation does not compile). Never instantiated.
 * The stored seQura objects (cart, customer, addresses) are exactly what registration accepted, so
 * they reuse the request's schemas.
 */

const CAUSES: HistoryCause[] = ['api', 'ipn', 'webhook', 'admin', 'system'];

@ApiSchema({ name: 'NotificationParameters' })
export class NotificationParametersView {
  @ApiProperty({
    description: 'base64url HMAC-SHA256 of order_ref_1 with WEBHOOK_SECRET',
    example: 'mZb1n1wPqvE6g2X3oQ0pUq8Yx7bq3m3J0w1r2s3t4u8',
  })
  signature: string;

  @ApiProperty({ description: 'order_ref_1', example: 'QWER1234' })
  order: string;
}

@ApiSchema({ name: 'EventsWebhook' })
export class EventsWebhookView {
  @ApiProperty({ example: 'https://shop.example/webhooks/sequra/events' })
  url: string;

  @ApiProperty({ type: NotificationParametersView })
  parameters: NotificationParametersView;
}

@ApiSchema({
  name: 'SequraCallbacks',
  description: 'What the shop copies into the `merchant` section of the order it sends seQura',
})
export class SequraCallbacksView {
  @ApiProperty({ example: 'https://shop.example/webhooks/sequra/ipn' })
  notify_url: string;

  @ApiProperty({ type: NotificationParametersView })
  notification_parameters: NotificationParametersView;

  @ApiProperty({ type: EventsWebhookView })
  events_webhook: EventsWebhookView;
}

@ApiSchema({
  name: 'Tracking',
  description: "One shipment's tracking, in seQura's shape: postal (`carrier`) or a pickup store or point",
})
export class TrackingView {
  @ApiProperty({ enum: TRACKING_TYPES, example: 'postal' })
  type: TrackingType;

  @ApiProperty({ description: 'unique within the order (T1, T2, … when not given)', example: 'T1' })
  reference: string;

  @ApiPropertyOptional({ example: '0123456789' })
  tracking_number?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  delivered_at?: string;

  @ApiPropertyOptional({ description: 'postal', example: 'MRW' })
  carrier?: string;

  @ApiPropertyOptional({ description: 'postal', example: 'https://www.mrw.es/seguimiento_envios/?num=0123456789' })
  tracking_url?: string;

  @ApiPropertyOptional({ description: 'pickup' }) operator_ref?: string;
  @ApiPropertyOptional({ description: 'pickup' }) store_ref?: string;
  @ApiPropertyOptional({ description: 'pickup', format: 'date-time' }) available_at?: string;
  @ApiPropertyOptional({ description: 'pickup' }) address_line_1?: string;
  @ApiPropertyOptional({ description: 'pickup' }) address_line_2?: string;
  @ApiPropertyOptional({ description: 'pickup' }) postal_code?: string;
  @ApiPropertyOptional({ description: 'pickup' }) city?: string;
  @ApiPropertyOptional({ description: 'pickup' }) state?: string;
  @ApiPropertyOptional({ description: 'pickup' }) country_code?: string;
}

@ApiSchema({
  name: 'Refund',
  description: 'One return (units sent back) and/or money refund of a shipped order',
})
export class RefundView {
  @ApiProperty({ description: '1, 2, … in the order recorded; its money line in shipped_cart is `refund-<n>`' })
  n: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'units returned per item reference',
    example: { shirt1234: 1 },
  })
  items: Quantities;

  @ApiProperty({ description: 'cents refunded as money (0 when only items came back)', example: 0 })
  amount: number;

  @ApiProperty({ type: String, nullable: true, example: 'damaged' })
  reason: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ example: 'shop' })
  actor: string;
}

@ApiSchema({
  name: 'SequraCarts',
  description: "The two carts of seQura's Order Update API: what is shipped (charged) and what is still to ship",
})
export class SequraCartsView {
  @ApiProperty({ type: CartDto })
  shipped_cart: Cart;

  @ApiProperty({ type: CartDto })
  unshipped_cart: Cart;
}

@ApiSchema({ name: 'SequraView', description: "seQura's view of the order and whether seQura holds it" })
export class SequraViewView {
  @ApiProperty({ type: SequraCartsView, description: "what seQura should hold now, from the order's lines" })
  current: SequraView;

  @ApiProperty({
    type: SequraCartsView,
    nullable: true,
    description: 'what seQura last answered 2xx to; null before its confirmation',
  })
  acknowledged: SequraView | null;

  @ApiProperty({ description: 'current and acknowledged are the same: no Order Update owed' })
  in_step: boolean;

  @ApiProperty({ description: 'daily mode: the next delivery report carries the first shipment and what follows' })
  waits_for_report: boolean;
}

@ApiSchema({
  name: 'OrderCheckout',
  description: 'The seQura checkout this service started (`POST /orders/{ref}/checkout`): its latest solicitation',
})
export class OrderCheckoutView implements OrderCheckout {
  @ApiProperty({ format: 'date-time', description: 'when seQura accepted the latest solicitation' })
  started_at: string;

  @ApiProperty({ description: 'the merchant account the latest seQura order was started for', example: 'merchant-es' })
  merchant_id: string;

  @ApiProperty({ example: 'https://shop.example/checkout/QWER1234/thanks' })
  return_url: string;

  @ApiProperty({ example: 'https://shop.example/checkout/QWER1234/payment' })
  abort_url: string;

  @ApiProperty({ enum: GUI_LAYOUTS, example: 'desktop' })
  layout: GuiLayout;

  @ApiProperty({
    description: 'seQura orders started for this order so far (each replaced the one before)',
    example: 1,
  })
  solicitations: number;
}

@ApiSchema({ name: 'Order', description: 'An order: flat, snake_case, like seQura’s own payloads; money in cents' })
export class OrderView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: "the shop's order reference", example: 'QWER1234' })
  order_ref_1: string;

  @ApiProperty({ type: String, nullable: true, example: 'cart-77' })
  order_ref_2: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "seQura's order uuid (`order_ref` in its IPN)",
    example: 'ca412138-0af6-4079-a92d-24f7a0ffb18a',
  })
  sequra_order_ref: string | null;

  @ApiProperty({
    description: 'the seQura merchant account the order belongs to, chosen at registration and never changed',
    example: 'shop-es',
  })
  sequra_merchant_id: string;

  @ApiProperty({
    type: OrderCheckoutView,
    nullable: true,
    description:
      'the seQura checkout this service started; `sequra_order_ref` is its latest seQura order, the only one whose ' +
      'IPN is taken. Null when the shop started the seQura order itself',
  })
  checkout: OrderCheckoutView | null;

  @ApiProperty({ enum: ORDER_STATES, example: 'approved' })
  state: OrderState;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "seQura's last `risk_assessment`: low_risk, high_risk, under_evaluation",
    example: 'low_risk',
  })
  risk_level: string | null;

  @ApiProperty({ type: CartDto, example: EXAMPLE_REGISTRATION.cart })
  cart: Cart;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'quantity shipped so far per item reference (product and service lines)',
    example: { shirt1234: 1 },
  })
  shipped_quantities: ShippedQuantities;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'units cancelled before shipping (out of stock), per item reference',
    example: {},
  })
  cancelled_quantities: Quantities;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'units the shopper sent back, per item reference',
    example: {},
  })
  returned_quantities: Quantities;

  @ApiProperty({ type: [RefundView], description: 'returns and money refunds, oldest first' })
  refunds: RefundView[];

  @ApiProperty({ type: DeliveryMethodDto, nullable: true, example: EXAMPLE_REGISTRATION.delivery_method })
  delivery_method: DeliveryMethod | null;

  @ApiProperty({ type: CustomerDto, example: EXAMPLE_REGISTRATION.customer })
  customer: Customer;

  @ApiProperty({ type: AddressDto, nullable: true, example: EXAMPLE_REGISTRATION.delivery_address })
  delivery_address: Address | null;

  @ApiProperty({ type: AddressDto, nullable: true, example: EXAMPLE_REGISTRATION.invoice_address })
  invoice_address: Address | null;

  @ApiProperty({ type: [TrackingView] })
  trackings: TrackingView[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approved_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the first shipment' })
  shipped_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancelled_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when a delivery report carried it' })
  reported_at: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the shipping report that carried it' })
  shipping_report_id: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'set while the order is being picked (a seQura cancel then answers retry)',
  })
  fulfilment_started_at: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "when the shopper's personal data was erased (customer and addresses then hold placeholders)",
  })
  erased_at: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({
    format: 'date-time',
    description: 'the last change of the order (as `version`); seQura being told of it moves `reported_at` only',
  })
  updated_at: string;

  @ApiProperty({ description: 'increases with every change', example: 3 })
  version: number;

  @ApiProperty({ type: SequraCallbacksView })
  sequra: SequraCallbacksView;

  @ApiProperty({ type: SequraViewView })
  sequra_view: SequraViewView;
}

@ApiSchema({ name: 'OrderDetail', description: 'An order and the Order Update calls it owes seQura' })
export class OrderDetailView extends OrderView {
  @ApiProperty({ type: OutboxSummaryView })
  sequra_updates: OutboxSummaryView;
}

@ApiSchema({ name: 'OrderPage', description: 'Orders, newest first' })
export class OrderPage {
  @ApiProperty({ type: [OrderView] })
  data: OrderView[];

  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last' })
  next_cursor: string | null;
}

@ApiSchema({ name: 'HistoryEntry', description: 'A state change (`transition`) or a note staff must see (`note`)' })
export class HistoryEntryView {
  @ApiProperty({ enum: ['transition', 'note'] })
  kind: 'transition' | 'note';

  @ApiProperty({ enum: ORDER_STATES, nullable: true, description: 'null for the registration' })
  from_state: OrderState | null;

  @ApiProperty({ enum: ORDER_STATES })
  to_state: OrderState;

  @ApiProperty({ enum: CAUSES })
  cause: HistoryCause;

  @ApiProperty({ type: String, nullable: true, example: 'shop' })
  actor: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'what happened, by `type` (ipn_approved, shipped, merchant_cancel, risk_level_changed, …)',
    example: { type: 'shipped', items: { shirt1234: 1 } },
  })
  details: Record<string, unknown> | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

@ApiSchema({ name: 'HistoryList' })
export class HistoryList {
  @ApiProperty({ type: [HistoryEntryView] })
  data: HistoryEntryView[];
}
