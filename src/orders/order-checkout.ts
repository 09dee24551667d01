import type { Order } from './order.entity.js';

/** `gui.layout` of a seQura order: the device the identification form is shown on. */
export const GUI_LAYOUTS = ['desktop', 'smartphone'] as const;
export type GuiLayout = (typeof GUI_LAYOUTS)[number];

/**
 * The seQura checkout this service started for an order (`POST /orders/:ref/checkout`): what its
 * latest solicitation sent, kept as seQura's core keeps the solicited order, so that the form, the
 * payment methods and the IPN acknowledgement use the same merchant account, URLs and layout. The
 * seQura order itself is the order's `sequraOrderRef`. Null when the shop started it itself.
 */
export interface OrderCheckout {
  /** ISO 8601: when seQura accepted the latest solicitation. */
  started_at: string;
  /** The merchant account the latest seQura order was started for. */
  merchant_id: string;
  return_url: string;
  abort_url: string;
  layout: GuiLayout;
  /** seQura orders started for this order so far; each one replaced the one before. */
  solicitations: number;
}

/**
 * Only the latest seQura order started for an order can be approved or held: seQura's core keeps
 * one solicited order per cart and answers an IPN for any other with 404 (order API reference §1,
 * "Re-solicitation"). True when the order's checkout started here and `sequraOrderRef` is not the
 * latest one (a replaced attempt, or one this service never started).
 */
export function isNotLatestSequraOrder(order: Order, sequraOrderRef: string): boolean {
  return order.checkout !== null && order.sequraOrderRef !== sequraOrderRef;
}
