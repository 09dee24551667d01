import type { Order } from './order.entity.js';

/**
 * The order lifecycle as data, and every rule derived from it: the one place that says which state
 * may follow which, what each state means to seQura, and what may be done in it. Handlers and
 * services ask these functions instead of listing states themselves.
 */
export const ORDER_STATES = ['pending', 'on_hold', 'approved', 'shipped', 'refunded', 'denied', 'cancelled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const INITIAL_ORDER_STATE: OrderState = 'pending';

export const ORDER_TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  pending: ['approved', 'on_hold', 'denied', 'cancelled'],
  on_hold: ['approved', 'cancelled'],
  approved: ['shipped', 'cancelled'],
  // Every unit returned or every cent refunded: nothing stays charged.
  shipped: ['refunded'],
  refunded: [],
  denied: [],
  cancelled: [],
};

export function canTransition(from: OrderState, to: OrderState): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** The timestamp set when an order enters a state (kept when the caller sets it itself). */
export const ENTERED_AT: Readonly<Partial<Record<OrderState, 'approvedAt' | 'shippedAt' | 'cancelledAt'>>> = {
  approved: 'approvedAt',
  shipped: 'shippedAt',
  cancelled: 'cancelledAt',
};

/** The entered-at change of a transition to `to`, unless `patch` already carries that timestamp. */
export function enteredAtChanges(to: OrderState, patch: Partial<Order>, now = new Date()): Partial<Order> {
  const field = ENTERED_AT[to];
  return field && !patch[field] ? { [field]: now } : {};
}

/**
 * A seQura checkout may be started (or started again: the cart or the shopper changed) while the
 * order is pending: seQura has sent no IPN yet. Once approved or on hold, the seQura order is set.
 */
export function acceptsCheckout(state: OrderState): boolean {
  return state === INITIAL_ORDER_STATE;
}

/** Anyone (the merchant, seQura) may still cancel the order: pending, on hold or approved. */
export function isCancellable(state: OrderState): boolean {
  return canTransition(state, 'cancelled');
}

/**
 * What a shipment does to an order in `state`: the first one is the transition to `shipped` (only
 * approved orders ship: seQura forbids shipping an order on hold); a shipped order with items left
 * ships more of them; a shipped order with nothing left, or any other state, is refused.
 */
export type ShipmentStep = 'first' | 'more' | 'nothing_left' | 'refused';
export function shipmentStep(state: OrderState, itemsLeft: boolean): ShipmentStep {
  if (canTransition(state, 'shipped')) return 'first';
  if (state === 'shipped') return itemsLeft ? 'more' : 'nothing_left';
  return 'refused';
}

/**
 * Staff may correct the customer data: not once the order is cancelled, denied or refunded, because
 * seQura will never see it again (nothing of it is charged).
 */
export function isCustomerDataEditable(state: OrderState): boolean {
  return state !== 'cancelled' && state !== 'denied' && state !== 'refunded';
}

/**
 * seQura has confirmed the order on its side (approved, shipped, or shipped and refunded): a
 * merchant's change then goes to seQura through the Order Update API. Before that (pending, on hold)
 * seQura gets the stored data with the confirmation and the shipping report, and seQura's own plugins
 * refuse Order Update calls for on-hold orders.
 */
export function isConfirmedBySequra(state: OrderState): boolean {
  return state === 'approved' || state === 'shipped' || state === 'refunded';
}

/** Returns and refunds are recorded on a shipped order (a refunded one has nothing left to refund). */
export function acceptsRefunds(state: OrderState): boolean {
  return state === 'shipped';
}

/**
 * Units not yet shipped may be cancelled (out of stock) while the rest ships: on an approved order,
 * or a shipped one with units left. Before approval the whole order is cancelled instead.
 */
export function acceptsUnitCancellation(state: OrderState): boolean {
  return state === 'approved' || state === 'shipped';
}

/**
 * The order goes in the delivery report while its first shipment is not yet reported (the report
 * carries each order's shipment once; later changes go by Order Update).
 */
export function isReportable(state: OrderState): boolean {
  return state === 'shipped';
}

/**
 * States in which seQura needs nothing more of the shopper's data, so it may be erased on request:
 * refunded, denied, cancelled. A shipped order joins them once it is fully shipped and reported.
 */
export const DATA_NO_LONGER_NEEDED: readonly OrderState[] = ['refunded', 'denied', 'cancelled'];

/** Why an order's personal data may not be erased yet; `erasable` when it may. */
export type ErasureCheck = 'erasable' | 'still_needed' | 'not_reported' | 'items_left';

/**
 * Whether seQura still needs the shopper's data (GDPR erasure, `POST /orders/:ref/erase`): not once
 * the order is settled ({@link DATA_NO_LONGER_NEEDED}), or shipped in full and reported (a later
 * shipment would be reported with the addresses, and an unreported one still has to be).
 */
export function erasureCheck(state: OrderState, shipment: { reported: boolean; itemsLeft: boolean }): ErasureCheck {
  if (DATA_NO_LONGER_NEEDED.includes(state)) return 'erasable';
  if (!isReportable(state)) return 'still_needed';
  if (shipment.itemsLeft) return 'items_left';
  return shipment.reported ? 'erasable' : 'not_reported';
}

/** seQura's vocabulary for the delivery report's statistics (`raw_status` carries our state). */
export type StatisticsStatus = 'processing' | 'shipped' | 'cancelled';
const STATISTICS_STATUS: Readonly<Record<OrderState, StatisticsStatus>> = {
  pending: 'processing',
  on_hold: 'processing',
  approved: 'processing',
  shipped: 'shipped',
  // As seQura's WooCommerce plugin maps a refunded order.
  refunded: 'cancelled',
  denied: 'cancelled',
  cancelled: 'cancelled',
};
export function statisticsStatus(state: OrderState): StatisticsStatus {
  return STATISTICS_STATUS[state];
}

/**
 * Checks a transition table as a graph: the initial state exists, every target is a known state, no
 * self-loops, and every state is reachable from the initial one. Returns the problems found.
 */
export function validateStateGraph(
  transitions: Readonly<Record<string, readonly string[]>>,
  initial: string,
): string[] {
  const problems: string[] = [];
  const states = Object.keys(transitions);
  if (!states.includes(initial)) problems.push(`initial state '${initial}' is not in the table`);
  for (const [from, targets] of Object.entries(transitions)) {
    for (const to of targets) {
      if (!states.includes(to)) problems.push(`'${from}' -> '${to}': unknown target state`);
      if (to === from) problems.push(`'${from}' -> '${to}': a self-transition is a no-op, not an edge`);
    }
    if (new Set(targets).size !== targets.length) problems.push(`'${from}': duplicate targets`);
  }
  const reached = new Set<string>([initial]);
  const queue = [initial];
  while (queue.length > 0) {
    for (const to of transitions[queue.shift()!] ?? []) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  for (const state of states) if (!reached.has(state)) problems.push(`'${state}' is unreachable from '${initial}'`);
  return problems;
}
