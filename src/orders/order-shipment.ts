import { FieldError, ValidationFailedError } from '../common/domain-errors.js';
import type { ShipOrderDto, TrackingDto } from './dto/ship-order.dto.js';
import { remainingQuantities } from './order-cart.js';
import type { Order } from './order.entity.js';
import type { ShippedQuantities, Tracking } from './sequra-objects.js';

export interface PlannedShipment {
  /** The order's shipped quantities after this shipment. */
  shippedQuantities: ShippedQuantities;
  /** What this shipment ships, per reference (for the history). */
  items: Record<string, number>;
}

/**
 * A shipment checked against what is left (ordered, minus shipped, minus cancelled): no `items`
 * ships everything left; otherwise every reference must be a shippable line of the order and no
 * quantity may exceed what is left (400 naming the item).
 */
export function planShipment(order: Order, dto: ShipOrderDto): PlannedShipment {
  const remaining = remainingQuantities(order.cart, order.shippedQuantities, order.cancelledQuantities);
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

/**
 * A shipment's tracking in seQura's shape: `type` defaults to `postal`, and a `reference` is
 * generated (`T1`, `T2`, … the first not taken) when none is given; a given one must be new to the
 * order (400 naming it), since items and seQura point at trackings by it.
 */
export function newTracking(existing: readonly Tracking[], dto: TrackingDto): Tracking {
  const taken = new Set(existing.map((t) => t.reference));
  if (dto.reference !== undefined && taken.has(dto.reference)) {
    const message = `reference '${dto.reference}' is already used by another tracking of this order`;
    throw new ValidationFailedError([{ field: 'tracking.reference', messages: [message] }]);
  }
  let n = existing.length + 1;
  while (taken.has(`T${n}`)) n++;
  const tracking: Tracking = { type: dto.type ?? 'postal', reference: dto.reference ?? `T${n}` };
  // Plain values only, in the order seQura's fixtures list them; absent fields stay absent.
  const fields = [
    'tracking_number',
    'carrier',
    'tracking_url',
    'operator_ref',
    'store_ref',
    'available_at',
    'delivered_at',
    'address_line_1',
    'address_line_2',
    'postal_code',
    'city',
    'state',
    'country_code',
  ] as const;
  for (const field of fields) if (dto[field] !== undefined) tracking[field] = dto[field];
  return tracking;
}
