import type { GuiLayout } from '../orders/order-checkout.js';
import type { Order } from '../orders/order.entity.js';
import type { SequraView } from '../orders/sequra-view.js';
import { platformInfo } from './sequra-client.js';

/**
 * The `merchant` block of an order sent to seQura. The merchant id is always a parameter of the
 * builders (never read from the configuration in here), so that a call can be made for any of
 * several merchant accounts. The IPN acknowledgement also carries the callbacks seQura uses
 * (`notify_url`, `notification_parameters`, `events_webhook`), as handed out at registration.
 */
export interface MerchantBlock {
  id: string;
  notify_url?: string;
  notification_parameters?: Record<string, string>;
  events_webhook?: { url: string; parameters: Record<string, string> };
  /** Where the shopper lands once seQura has the IPN confirmed (a checkout started here). */
  return_url?: string;
  /** Where the shopper goes to pick another payment method. */
  abort_url?: string;
}

/**
 * The layout of an order's acknowledgement: the one its checkout gave, else desktop (the shopper's
 * device is not known; seQura's Magento plugin always sends desktop).
 */
const guiOf = (order: Order) => ({ layout: order.checkout?.layout ?? 'desktop' });

const merchantReference = (order: Order) => ({
  order_ref_1: order.orderRef1,
  ...(order.orderRef2 ? { order_ref_2: order.orderRef2 } : {}),
});

/** Drops null/undefined members, as seQura's core and php-client do before sending. */
function withoutNulls<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** The shopper's device, which seQura requires at solicitation (`customer.ip_number`, `user_agent`). */
export interface ShopperDevice {
  ip_number: string;
  user_agent: string;
}

/**
 * Body of the start solicitation (`POST /orders`, order API reference §1): the whole order as
 * seQura's plugins send it, with `state: ""` (nothing confirmed yet), our `merchant` block (the
 * callbacks, return and abort URLs), the shopper's device in `customer` (`logged_in` "unknown" when
 * the shop did not say, as the core defaults it) and the layout of the form to show.
 */
export function solicitationPayload(order: Order, merchant: MerchantBlock, device: ShopperDevice, layout: GuiLayout) {
  return withoutNulls({
    state: '',
    merchant,
    merchant_reference: merchantReference(order),
    cart: order.cart,
    delivery_method: order.deliveryMethod,
    delivery_address: order.deliveryAddress,
    invoice_address: order.invoiceAddress,
    customer: { logged_in: 'unknown', ...order.customer, ...device },
    gui: { layout },
    platform: platformInfo(),
  });
}

/**
 * Body of the IPN acknowledgement (`PUT /orders/{uuid}`, order API reference §2): the whole order
 * as seQura's integration core sends it (`CreateOrderRequest`), from what was registered: `state`,
 * `merchant` with its callbacks, `merchant_reference`, the `cart` as at checkout, `delivery_method`,
 * both addresses, `customer`, `gui` and `platform`. No trackings (the core omits them). For an order
 * whose checkout started here, `merchant` carries its return and abort URLs and `gui` its layout,
 * as at solicitation (the acknowledgement replaces the order at seQura).
 */
export function acknowledgementPayload(order: Order, state: 'confirmed' | 'on_hold', merchant: MerchantBlock) {
  return withoutNulls({
    state,
    merchant,
    merchant_reference: merchantReference(order),
    cart: order.cart,
    delivery_method: order.deliveryMethod,
    delivery_address: order.deliveryAddress,
    invoice_address: order.invoiceAddress,
    customer: order.customer,
    gui: guiOf(order),
    platform: platformInfo(),
  });
}

/**
 * Body of an Order Update API call (order API reference §5): the order's full state as seQura's
 * core sends it (`UpdateOrderRequest`): `merchant` (id only), `merchant_reference`, both carts of
 * `view`, `trackings` (when any), `delivery_method`, both addresses, `customer` and `platform`. A
 * merchant's cancellation adds `cancellation_reason` (as seQura's PrestaShop module does). An order
 * whose personal data was erased sends no customer nor addresses (the core does not require them):
 * its placeholders must not overwrite what seQura holds.
 */
export function orderUpdatePayload(
  order: Order,
  view: SequraView,
  merchantId: string,
  options: { cancellationReason?: string } = {},
) {
  return withoutNulls({
    merchant: { id: merchantId },
    merchant_reference: merchantReference(order),
    shipped_cart: view.shipped_cart,
    unshipped_cart: view.unshipped_cart,
    cancellation_reason: options.cancellationReason,
    trackings: order.trackings.length > 0 ? order.trackings : undefined,
    delivery_method: order.deliveryMethod,
    ...(order.erasedAt
      ? {}
      : { delivery_address: order.deliveryAddress, invoice_address: order.invoiceAddress, customer: order.customer }),
    platform: platformInfo(),
  });
}
