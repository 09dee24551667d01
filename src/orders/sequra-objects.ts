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

export interface Tracking {
  carrier?: string;
  tracking_number?: string;
  tracking_url?: string;
  shipped_at: string;
}

/** Quantity shipped so far, per item reference (product and service lines only). */
export type ShippedQuantities = Record<string, number>;
