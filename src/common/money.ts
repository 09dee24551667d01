/**
 * The bounds of every amount and quantity the service accepts, in one place: every DTO field that
 * carries money or a quantity uses these, and the report builder checks stored data against them.
 *
 * Money is integer cents. seQura's documents name no maximum, so the bound is chosen for the
 * narrowest integer on the way: a 32-bit signed integer (2,147,483,647), the size of an `integer`
 * column and of seQura's client libraries' integers. {@link MAX_AMOUNT_CENTS} is half of it, so that
 * any cart whose lines are bounded as {@link firstLineBeyondCartBound} requires, and the declared
 * total of a broken cart on top of them (see the report's `broken_orders`), still fit in it.
 */

/** 1,000,000,000 cents: ten million in the cart's currency, far above any order seQura finances. */
export const MAX_AMOUNT_CENTS = 1_000_000_000;

/** Units of one cart line (and of one shipped line). */
export const MAX_QUANTITY = 1_000_000;

/** An integer number of cents within ±{@link MAX_AMOUNT_CENTS} (negative only where `allowNegative`). */
export function isAmountWithinBounds(value: unknown, allowNegative = true): value is number {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value <= MAX_AMOUNT_CENTS &&
    value >= (allowNegative ? -MAX_AMOUNT_CENTS : 0)
  );
}

/**
 * A cart total a delivery report may carry: lines bounded together by {@link MAX_AMOUNT_CENTS}, plus
 * (for an order in `broken_orders`) the declared total's unexplained difference, itself bounded.
 */
export function isCartTotalWithinBounds(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= 2 * MAX_AMOUNT_CENTS;
}

/** An integer quantity from 1 to {@link MAX_QUANTITY}. */
export function isQuantityWithinBounds(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_QUANTITY;
}

/** The amounts of one cart line that its carts (the whole cart, what shipped, what remains) can carry. */
export interface LineAmounts {
  total_with_tax: number;
  price_with_tax?: number;
  quantity?: number;
}

/**
 * What one line can add to any cart built from it: its total, or its unit price times its quantity
 * when a partial shipment splits it (whichever is larger in size).
 */
export function lineWeight(line: LineAmounts): number {
  const split = (line.price_with_tax ?? 0) * (line.quantity ?? 1);
  return Math.max(Math.abs(line.total_with_tax), Math.abs(split));
}

/**
 * A cart's lines, added up by size, stay within {@link MAX_AMOUNT_CENTS}: then every cart derived from
 * it (what shipped, what remains, any partial quantity) totals within the bound too. Returns the
 * index of the first line that takes the sum past the bound, or -1.
 */
export function firstLineBeyondCartBound(lines: readonly LineAmounts[]): number {
  let sum = 0;
  for (let i = 0; i < lines.length; i++) {
    sum += lineWeight(lines[i]);
    if (sum > MAX_AMOUNT_CENTS) return i;
  }
  return -1;
}
