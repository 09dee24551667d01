import type { Cart, CartItem, ShippedQuantities } from './sequra-objects.js';

/** Lines shipped by quantity. Handling, discounts and fees belong to the order as a whole. */
export function isShippableItem(item: Pick<CartItem, 'type'>): boolean {
  return item.type === 'product' || item.type === 'service';
}

/** Quantity of each shippable line still to ship, by reference. */
export function remainingQuantities(cart: Cart, shipped: ShippedQuantities): Record<string, number> {
  const remaining: Record<string, number> = {};
  for (const item of cart.items) {
    if (!isShippableItem(item) || !item.reference) continue;
    remaining[item.reference] = (item.quantity ?? 1) - (shipped[item.reference] ?? 0);
  }
  return remaining;
}

export function hasRemainingItems(cart: Cart, shipped: ShippedQuantities): boolean {
  return Object.values(remainingQuantities(cart, shipped)).some((q) => q > 0);
}

function withQuantity(item: CartItem, quantity: number): CartItem {
  if (quantity === (item.quantity ?? 1)) return item;
  return { ...item, quantity, total_with_tax: (item.price_with_tax ?? 0) * quantity };
}

function cartOf(cart: Cart, items: CartItem[]): Cart {
  const { items: _all, order_total_with_tax: _total, ...rest } = cart;
  return { ...rest, order_total_with_tax: items.reduce((sum, i) => sum + i.total_with_tax, 0), items };
}

/**
 * Splits an order's cart into what has shipped and what has not, in seQura's cart shape, each with
 * `order_total_with_tax` = the sum of its lines. Order-level lines (handling, discounts, fees) go with
 * the first shipment: that is when the shopper is charged for them.
 */
export function splitCart(cart: Cart, shipped: ShippedQuantities): { shipped: Cart; remaining: Cart } {
  const anyShipped = Object.values(shipped).some((q) => q > 0);
  const shippedItems: CartItem[] = [];
  const remainingItems: CartItem[] = [];
  for (const item of cart.items) {
    if (isShippableItem(item) && item.reference) {
      const total = item.quantity ?? 1;
      const done = Math.min(shipped[item.reference] ?? 0, total);
      if (done > 0) shippedItems.push(withQuantity(item, done));
      if (total - done > 0) remainingItems.push(withQuantity(item, total - done));
    } else {
      (anyShipped ? shippedItems : remainingItems).push(item);
    }
  }
  return { shipped: cartOf(cart, shippedItems), remaining: cartOf(cart, remainingItems) };
}

/** seQura's `isConsistentCart`: the lines add up to the declared total. */
export function isConsistentCart(cart: Cart): boolean {
  return cart.items.reduce((sum, i) => sum + i.total_with_tax, 0) === cart.order_total_with_tax;
}

/** Both carts empty: what the Order Update API expects for a cancellation. */
export function emptyCart(currency: string): Cart {
  return { currency, order_total_with_tax: 0, items: [] };
}
