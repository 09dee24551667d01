import { emptyCart, splitCart } from '../orders/order-cart.js';
import type { Order } from '../orders/order.entity.js';
import { platformInfo } from './sequra-client.js';

const merchantReference = (order: Order) => ({
  order_ref_1: order.orderRef1,
  ...(order.orderRef2 ? { order_ref_2: order.orderRef2 } : {}),
});

/** Drops null/undefined members, as seQura's php-client does before sending. */
function withoutNulls<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** Body of the IPN acknowledgement (`PUT /orders/{uuid}`), from the order as stored. */
export function acknowledgementPayload(order: Order, state: 'confirmed' | 'on_hold', merchantId: string) {
  return withoutNulls({
    state,
    merchant: { id: merchantId },
    merchant_reference: merchantReference(order),
    cart: order.cart,
    delivery_method: order.deliveryMethod,
    customer: order.customer,
    delivery_address: order.deliveryAddress,
    invoice_address: order.invoiceAddress,
    platform: platformInfo(),
  });
}

/**
 * Body of an Order Update API call, from the order as stored now: shipped and unshipped carts from
 * the shipped quantities, or both empty with a `cancellation_reason` for a cancellation.
 */
export function orderUpdatePayload(order: Order, merchantId: string, options: { cancellationReason?: string } = {}) {
  const cancelled = order.state === 'cancelled';
  const carts = cancelled
    ? { shipped_cart: emptyCart(order.cart.currency), unshipped_cart: emptyCart(order.cart.currency) }
    : (({ shipped, remaining }) => ({ shipped_cart: shipped, unshipped_cart: remaining }))(
        splitCart(order.cart, order.shippedQuantities),
      );
  return withoutNulls({
    merchant: { id: merchantId },
    merchant_reference: merchantReference(order),
    ...carts,
    ...(cancelled ? { cancellation_reason: options.cancellationReason ?? 'merchant_cancel' } : {}),
    trackings: order.trackings.length > 0 ? order.trackings : undefined,
    delivery_method: order.deliveryMethod,
    delivery_address: order.deliveryAddress,
    invoice_address: order.invoiceAddress,
    customer: order.customer,
    platform: platformInfo(),
  });
}
