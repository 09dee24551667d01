import {
  firstLineBeyondCartBound,
  isAmountWithinBounds,
  isQuantityWithinBounds,
  MAX_AMOUNT_CENTS,
  MAX_QUANTITY,
} from './money.js';

const INT32_MAX = 2 ** 31 - 1;

describe('amount and quantity bounds', () => {
  test('the bound leaves room for a broken cart: a declared total and lines on top still fit in 32 bits', () => {
    expect(2 * MAX_AMOUNT_CENTS).toBeLessThanOrEqual(INT32_MAX);
  });

  test('amounts: integers within ±bound; negative only when allowed', () => {
    expect(isAmountWithinBounds(MAX_AMOUNT_CENTS)).toBe(true);
    expect(isAmountWithinBounds(-MAX_AMOUNT_CENTS)).toBe(true);
    expect(isAmountWithinBounds(-1, false)).toBe(false);
    for (const bad of [MAX_AMOUNT_CENTS + 1, -MAX_AMOUNT_CENTS - 1, 2 ** 31, 1e300, 1.5, NaN, Infinity, '5', null])
      expect(isAmountWithinBounds(bad)).toBe(false);
  });

  test('quantities: integers from 1 to the bound', () => {
    expect(isQuantityWithinBounds(1)).toBe(true);
    expect(isQuantityWithinBounds(MAX_QUANTITY)).toBe(true);
    for (const bad of [0, -1, MAX_QUANTITY + 1, 1.5, '1']) expect(isQuantityWithinBounds(bad)).toBe(false);
  });

  test('a cart: lines added up by size (total, or price × quantity when larger), first line past the bound', () => {
    const half = MAX_AMOUNT_CENTS / 2;
    expect(firstLineBeyondCartBound([{ total_with_tax: half }, { total_with_tax: half }])).toBe(-1);
    expect(firstLineBeyondCartBound([{ total_with_tax: half }, { total_with_tax: -half - 1 }])).toBe(1);
    expect(
      firstLineBeyondCartBound([
        { total_with_tax: 1, price_with_tax: 1 },
        { total_with_tax: 10, price_with_tax: half, quantity: 3 },
      ]),
    ).toBe(1);
    expect(firstLineBeyondCartBound([])).toBe(-1);
  });
});
