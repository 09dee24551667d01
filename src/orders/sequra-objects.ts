/**
 * seQura's wire shapes, stored as JSONB exactly as they travel (snake_case, money in integer cents),
 * so that what the shop registered is what goes back to seQura.
 */
export type ItemType =
  'product' | 'service' | 'handling' | 'discount' | 'invoice_fee' | 'other_payment' | 'registration';

export interface CartItem {
  type: ItemType;
  reference?: string;
  name?: string;
  price_with_tax?: number;
  quantity?: number;
  total_with_tax: number;
  downloadable?: boolean;
  [extra: string]: unknown;
}

export interface Cart {
  currency: string;
  order_total_with_tax: number;
  gift?: boolean;
  cart_ref?: string;
  items: CartItem[];
}

export interface DeliveryMethod {
  name: string;
  days?: string;
  provider?: string;
  home_delivery?: boolean;
}

export interface Customer {
  given_names?: string;
  surnames?: string;
  email: string;
  [field: string]: unknown;
}

export interface Address {
  given_names?: string;
  surnames?: string;
  address_line_1?: string;
  postal_code?: string;
  city?: string;
  country_code?: string;
  [field: string]: unknown;
}

/** seQura's tracking types (integration-core `TrackingType`). */
export const TRACKING_TYPES = ['postal', 'pickup_store', 'pickup_point'] as const;
export type TrackingType = (typeof TRACKING_TYPES)[number];

/**
 * A tracking in seQura's shape (order API reference §6): `type` and `reference` always; a postal
 * tracking names its `carrier`; pickup trackings name the store or point. Stored as it travels.
 */
export interface Tracking {
  type: TrackingType;
  reference: string;
  tracking_number?: string;
  delivered_at?: string;
  // postal
  carrier?: string;
  tracking_url?: string;
  // pickup_store, pickup_point
  operator_ref?: string;
  store_ref?: string;
  available_at?: string;
  address_line_1?: string;
  address_line_2?: string;
  postal_code?: string;
  city?: string;
  state?: string;
  country_code?: string;
}

/** A quantity per item reference (product and service lines only). */
export type Quantities = Record<string, number>;
/** Quantity shipped so far, per item reference. */
export type ShippedQuantities = Quantities;

/**
 * One refund of a shipped order: units the shopper sent back (they leave `shipped_cart`) and/or
 * money given back (a negative `other_payment` line in `shipped_cart`, as seQura's WooCommerce
 * plugin sends it).
 */
export interface Refund {
  /** 1, 2, … in the order the refunds were recorded; the money line's reference is `refund-<n>`. */
  n: number;
  /** Units returned, per item reference. */
  items: Quantities;
  /** Money refunded, in cents (0 when only items came back). */
  amount: number;
  reason: string | null;
  /** ISO 8601. */
  at: string;
  actor: string;
}
