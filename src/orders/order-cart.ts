import type { Cart, CartItem, Quantities } from './sequra-objects.js';

/** Lines shipped by quantity. Handling, discounts and fees belong to the order as a whole. */
export function isShippableItem(item: Pick<CartItem, 'type'>): boolean {
  return item.type === 'product' || item.type === 'service';
}

/** The shippable lines of a cart, by reference (references of shippable lines are unique). */
export function shippableLines(cart: Cart): Map<string, CartItem> {
  const lines = new Map<string, CartItem>();
  for (const item of cart.items) if (isShippableItem(item) && item.reference) lines.set(item.reference, item);
  return lines;
}

/** Quantity of each shippable line still to ship (ordered − shipped − cancelled), by reference. */
export function remainingQuantities(cart: Cart, shipped: Quantities, cancelled: Quantities = {}): Quantities {
  const remaining: Quantities = {};
  for (const [reference, item] of shippableLines(cart)) {
    remaining[reference] = (item.quantity ?? 1) - (shipped[reference] ?? 0) - (cancelled[reference] ?? 0);
  }
  return remaining;
}

export function hasRemainingItems(cart: Cart, shipped: Quantities, cancelled: Quantities = {}): boolean {
  return Object.values(remainingQuantities(cart, shipped, cancelled)).some((q) => q > 0);
}

/** Adds quantities per reference. */
export function addQuantities(a: Quantities, b: Quantities): Quantities {
  const sum: Quantities = { ...a };
  for (const [reference, quantity] of Object.entries(b)) sum[reference] = (sum[reference] ?? 0) + quantity;
  return sum;
}

/** seQura's `isConsistentCart`: the lines add up to the declared total. */
export function isConsistentCart(cart: Cart): boolean {
  return linesTotal(cart.items) === cart.order_total_with_tax;
}

export function linesTotal(items: readonly CartItem[]): number {
  return items.reduce((sum, i) => sum + i.total_with_tax, 0);
}

/** An empty cart: what the Order Update API expects for what is not there (both, for a cancellation). */
export function emptyCart(currency: string): Cart {
  return { currency, order_total_with_tax: 0, items: [] };
}
