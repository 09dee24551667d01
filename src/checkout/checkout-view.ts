import type { StartedCheckout } from './checkout.service.js';
import type { PaymentMethodsView, StartedCheckoutView } from './dto/checkout-views.dto.js';

/** The checkout routes of an order, relative to this service. */
export function checkoutPaths(orderRef1: string) {
  const base = `/orders/${encodeURIComponent(orderRef1)}/checkout`;
  return { form_url: `${base}/form`, payment_methods_url: `${base}/payment-methods` };
}

/** `POST /orders/:ref/checkout` → 201: the seQura order started, where its form is, its payment methods. */
export function toStartedCheckoutView(started: StartedCheckout): StartedCheckoutView {
  return {
    order_ref_1: started.order.orderRef1,
    sequra_order_ref: started.sequraOrderRef,
    replaced_sequra_order_ref: started.replaced,
    merchant_id: started.merchantId,
    ...checkoutPaths(started.order.orderRef1),
    payment_methods: started.paymentMethods as PaymentMethodsView | null,
    ...(started.paymentMethodsError ? { payment_methods_error: started.paymentMethodsError } : {}),
  };
}
