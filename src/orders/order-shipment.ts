import { FieldError, ValidationFailedError } from '../common/domain-errors.js';
import type { ShipOrderDto } from './dto/ship-order.dto.js';
import { remainingQuantities } from './order-cart.js';
import type { Order } from './order.entity.js';
import type { ShippedQuantities } from './sequra-objects.js';

export interface PlannedShipment {
  /** The order's shipped quantities after this shipment. */
  shippedQuantities: ShippedQuantities;
  /** What this shipment ships, per reference (for the history). */
  items: Record<string, number>;
}

/**
 * A shipment checked against what is left: no `items` ships everything left; otherwise every
 * reference must be a shippable line of the order and no quantity may exceed what is left (400
 * naming the item).
 */
export function planShipment(order: Order, dto: ShipOrderDto): PlannedShipment {
  const remaining = remainingQuantities(order.cart, order.shippedQuantities);
  const requested: Record<string, number> = {};
  if (!dto.items) {
    for (const [reference, quantity] of Object.entries(remaining)) if (quantity > 0) requested[reference] = quantity;
  } else {
    const errors: FieldError[] = [];
    dto.items.forEach((item, i) => {
      if (!(item.reference in remaining)) {
        const message = `no shippable item with reference '${item.reference}' in this order`;
        errors.push({ field: `items.${i}.reference`, messages: [message] });
        return;
      }
      requested[item.reference] = (requested[item.reference] ?? 0) + item.quantity;
      if (requested[item.reference] > remaining[item.reference]) {
        const message = `only ${remaining[item.reference]} of '${item.reference}' left to ship`;
        errors.push({ field: `items.${i}.quantity`, messages: [message] });
      }
    });
    if (errors.length > 0) throw new ValidationFailedError(errors);
  }
  const shippedQuantities: ShippedQuantities = { ...order.shippedQuantities };
  for (const [reference, quantity] of Object.entries(requested)) {
    shippedQuantities[reference] = (shippedQuantities[reference] ?? 0) + quantity;
  }
  return { shippedQuantities, items: shippedDelta(order.shippedQuantities, shippedQuantities) };
}

function shippedDelta(before: ShippedQuantities, after: ShippedQuantities): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [reference, quantity] of Object.entries(after)) {
    const d = quantity - (before[reference] ?? 0);
    if (d > 0) delta[reference] = d;
  }
  return delta;
}
