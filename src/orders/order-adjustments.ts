import { ConflictError, FieldError, ValidationFailedError } from '../common/domain-errors.js';
import type { ItemUnitsDto } from './dto/ship-order.dto.js';
import { addQuantities } from './order-cart.js';
import type { Order } from './order.entity.js';
import type { Quantities, Refund } from './sequra-objects.js';
import { keptUnits, LineUnits, lineUnits, SequraView, sequraViewOf, unshippedUnits } from './sequra-view.js';

/**
 * Returns, refunds and cancelled units, checked against the order's lines before anything is
 * written. Called under the order's row lock, so two concurrent requests see each other's result
 * and cannot both pass a limit. A reference that is not a shippable line is a 400 naming the
 * field; a quantity or amount above what is left is a 409 naming the limit (`limit`, `requested`,
 * `available`): it depends on the order's current state, not on the request alone.
 */

/** Units per reference from `{reference, quantity}` rows: unknown references → 400 naming the row. */
function requestedUnits(lines: Map<string, LineUnits>, items: readonly ItemUnitsDto[]): Quantities {
  const errors: FieldError[] = [];
  const requested: Quantities = {};
  items.forEach((item, i) => {
    if (!lines.has(item.reference)) {
      const message = `no shippable item with reference '${item.reference}' in this order`;
      errors.push({ field: `items.${i}.reference`, messages: [message] });
      return;
    }
    requested[item.reference] = (requested[item.reference] ?? 0) + item.quantity;
  });
  if (errors.length > 0) throw new ValidationFailedError(errors);
  return requested;
}

function limitExceeded(message: string, details: Record<string, unknown>): ConflictError {
  return new ConflictError(message, details);
}

export interface PlannedRefund {
  refund: Refund;
  /** The order's refunds with this one. */
  refunds: Refund[];
  /** seQura's view once it is recorded. */
  view: SequraView;
}

/**
 * A refund of a shipped order: `items` may not exceed what shipped and was not yet returned
 * (`returnable_quantity`); the returns may not take `shipped_cart` below zero (`shipped_cart_total`:
 * a discount or an earlier money refund would then exceed the goods left, which seQura's own
 * Magento plugin refuses too), and `amount` may not exceed what is left in `shipped_cart` after
 * them (`refundable_amount`).
 */
export function planRefund(
  order: Order,
  request: { items?: readonly ItemUnitsDto[]; amount?: number; reason?: string },
  actor: string,
  now: Date,
): PlannedRefund {
  const lines = lineUnits(order);
  const items = requestedUnits(lines, request.items ?? []);
  for (const [reference, requested] of Object.entries(items)) {
    const available = keptUnits(lines.get(reference)!);
    if (requested > available) {
      throw limitExceeded(`only ${available} of '${reference}' shipped and not yet returned`, {
        limit: 'returnable_quantity',
        reference,
        requested,
        available,
      });
    }
  }
  const n = order.refunds.length + 1;
  const returnsOnly: Refund = { n, items, amount: 0, reason: request.reason ?? null, at: now.toISOString(), actor };
  const left = sequraViewOf({ ...order, refunds: [...order.refunds, returnsOnly] }).shipped_cart.order_total_with_tax;
  if (left < 0) {
    throw limitExceeded(
      `returning these units would leave shipped_cart at ${left} cents: the order's discounts and earlier ` +
        'refunds exceed the goods left; return every unit left, or refund what is due as an amount',
      { limit: 'shipped_cart_total', requested: items, available: 0 },
    );
  }
  const amount = request.amount ?? 0;
  if (amount > left) {
    throw limitExceeded(`amount ${amount} is more than the ${left} cents left in shipped_cart`, {
      limit: 'refundable_amount',
      requested: amount,
      available: left,
    });
  }
  const refund: Refund = { ...returnsOnly, amount };
  const refunds = [...order.refunds, refund];
  return { refund, refunds, view: sequraViewOf({ ...order, refunds }) };
}

export interface PlannedUnitCancellation {
  /** What this request cancels, per reference. */
  items: Quantities;
  /** The order's cancelled quantities with these. */
  cancelledQuantities: Quantities;
  /** Nothing ever shipped and nothing is left to ship: the whole order is cancelled. */
  nothingLeft: boolean;
  view: SequraView;
}

/**
 * Units cancelled before shipping: no more than are still to ship (`unshipped_quantity`), and not
 * so many that the order-level lines still in `unshipped_cart` (a discount, before any shipment)
 * would exceed the goods left (`unshipped_cart_total`).
 */
export function planUnitCancellation(order: Order, itemRows: readonly ItemUnitsDto[]): PlannedUnitCancellation {
  const lines = lineUnits(order);
  const items = requestedUnits(lines, itemRows);
  for (const [reference, requested] of Object.entries(items)) {
    const available = unshippedUnits(lines.get(reference)!);
    if (requested > available) {
      throw limitExceeded(`only ${available} of '${reference}' left to ship`, {
        limit: 'unshipped_quantity',
        reference,
        requested,
        available,
      });
    }
  }
  const cancelledQuantities = addQuantities(order.cancelledQuantities, items);
  const after = { ...order, cancelledQuantities };
  const afterLines = [...lineUnits(after).values()];
  const nothingLeft = afterLines.every((l) => l.shipped === 0 && unshippedUnits(l) === 0);
  const view = sequraViewOf(nothingLeft ? { ...after, state: 'cancelled' } : after);
  if (view.unshipped_cart.order_total_with_tax < 0) {
    throw limitExceeded(
      `cancelling these units would leave unshipped_cart at ${view.unshipped_cart.order_total_with_tax} cents: ` +
        "the order's discounts exceed the goods left; cancel the whole order instead",
      { limit: 'unshipped_cart_total', requested: items, available: 0 },
    );
  }
  return { items, cancelledQuantities, nothingLeft, view };
}
