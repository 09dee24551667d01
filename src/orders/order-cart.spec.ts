import { addQuantities, hasRemainingItems, isConsistentCart, remainingQuantities } from './order-cart.js';
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

describe('remainingQuantities', () => {
  it('counts what is left per reference: ordered − shipped − cancelled', () => {
    expect(remainingQuantities(cart, { shirt: 1 })).toEqual({ shirt: 1, jacket: 1 });
    expect(remainingQuantities(cart, { shirt: 1 }, { shirt: 1 })).toEqual({ shirt: 0, jacket: 1 });
  });

  it('has nothing remaining once everything shipped or was cancelled', () => {
    expect(hasRemainingItems(cart, { shirt: 2, jacket: 1 })).toBe(false);
    expect(hasRemainingItems(cart, { shirt: 2 }, { jacket: 1 })).toBe(false);
    expect(hasRemainingItems(cart, { shirt: 2 })).toBe(true);
  });

  it('adds quantities per reference', () => {
    expect(addQuantities({ shirt: 1 }, { shirt: 1, jacket: 1 })).toEqual({ shirt: 2, jacket: 1 });
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
