import { hasRemainingItems, isConsistentCart, remainingQuantities, splitCart } from './order-cart.js';
import type { Cart } from './sequra-objects.js';

const cart: Cart = {
  currency: 'EUR',
  order_total_with_tax: 9850,
  items: [
    { type: 'product', reference: 'shirt', name: 'shirt', price_with_tax: 1250, quantity: 2, total_with_tax: 2500 },
    { type: 'product', reference: 'jacket', name: 'jacket', price_with_tax: 7100, quantity: 1, total_with_tax: 7100 },
    { type: 'handling', reference: 'ship', name: 'shipping', total_with_tax: 450 },
    { type: 'discount', reference: 'promo', name: 'promo', total_with_tax: -200 },
  ],
};

describe('splitCart', () => {
  it('puts everything in remaining before any shipment', () => {
    const { shipped, remaining } = splitCart(cart, {});
    expect(shipped.items).toEqual([]);
    expect(shipped.order_total_with_tax).toBe(0);
    expect(remaining.items).toHaveLength(4);
    expect(remaining.order_total_with_tax).toBe(9850);
  });

  it('splits a partial shipment by quantity; order-level lines go with the first shipment', () => {
    const { shipped, remaining } = splitCart(cart, { shirt: 1 });
    expect(shipped.items.map((i) => [i.reference, i.quantity ?? null, i.total_with_tax])).toEqual([
      ['shirt', 1, 1250],
      ['ship', null, 450],
      ['promo', null, -200],
    ]);
    expect(shipped.order_total_with_tax).toBe(1500);
    expect(shipped.currency).toBe('EUR');
    expect(remaining.items.map((i) => [i.reference, i.quantity, i.total_with_tax])).toEqual([
      ['shirt', 1, 1250],
      ['jacket', 1, 7100],
    ]);
    expect(remaining.order_total_with_tax).toBe(8350);
    expect(shipped.order_total_with_tax + remaining.order_total_with_tax).toBe(cart.order_total_with_tax);
  });

  it('has nothing remaining once all shipped', () => {
    const { shipped, remaining } = splitCart(cart, { shirt: 2, jacket: 1 });
    expect(remaining.items).toEqual([]);
    expect(shipped.order_total_with_tax).toBe(9850);
    expect(hasRemainingItems(cart, { shirt: 2, jacket: 1 })).toBe(false);
  });

  it('counts what is left per reference', () => {
    expect(remainingQuantities(cart, { shirt: 1 })).toEqual({ shirt: 1, jacket: 1 });
  });
});

describe('isConsistentCart', () => {
  it('is true when the lines add up to the total', () => {
    expect(isConsistentCart(cart)).toBe(true);
  });
  it('is false when they do not', () => {
    expect(isConsistentCart({ ...cart, order_total_with_tax: 9851 })).toBe(false);
  });
});
