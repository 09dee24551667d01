import type { ShippingReportMode } from '../config/app-config.js';
import { emptyCart, isShippableItem, linesTotal } from './order-cart.js';
import { isReportable, OrderState } from './order-states.js';
import type { Cart, CartItem, Quantities, Refund } from './sequra-objects.js';

/**
 * seQura's view of an order: the two carts of the Order Update API (order API reference §5).
 * `shipped_cart` is what seQura charges the shopper and pays the merchant for; `unshipped_cart` is
 * what is still to ship and still charged. Each cart's `order_total_with_tax` is the sum of its
 * lines, so both are consistent (seQura answers 409 otherwise).
 */
export interface SequraView {
  shipped_cart: Cart;
  unshipped_cart: Cart;
}

/** What the view is computed from: the order entity, or a delivery-report row mapped to these names. */
export interface ViewSource {
  state: OrderState;
  cart: Cart;
  shippedQuantities: Quantities;
  cancelledQuantities: Quantities;
  refunds: readonly Refund[];
}

/** The units of one shippable line: ordered, and where they went. */
export interface LineUnits {
  item: CartItem;
  ordered: number;
  shipped: number;
  /** Cancelled before shipping (they never ship). */
  cancelled: number;
  /** Shipped and sent back. */
  returned: number;
}

/** Still to ship (ordered − shipped − cancelled). */
export const unshippedUnits = (line: LineUnits) => line.ordered - line.shipped - line.cancelled;
/** Shipped and kept by the shopper (shipped − returned). */
export const keptUnits = (line: LineUnits) => line.shipped - line.returned;

/** Units returned so far, per reference, over every refund. */
export function returnedQuantities(refunds: readonly Refund[]): Quantities {
  const returned: Quantities = {};
  for (const refund of refunds) {
    for (const [reference, quantity] of Object.entries(refund.items)) {
      returned[reference] = (returned[reference] ?? 0) + quantity;
    }
  }
  return returned;
}

/** Every shippable line of the order with its units, by reference, in cart order. */
export function lineUnits(source: ViewSource): Map<string, LineUnits> {
  const returned = returnedQuantities(source.refunds);
  const lines = new Map<string, LineUnits>();
  for (const item of source.cart.items) {
    if (!isShippableItem(item) || !item.reference) continue;
    lines.set(item.reference, {
      item,
      ordered: item.quantity ?? 1,
      shipped: source.shippedQuantities[item.reference] ?? 0,
      cancelled: source.cancelledQuantities[item.reference] ?? 0,
      returned: returned[item.reference] ?? 0,
    });
  }
  return lines;
}

/** A refund's money line in `shipped_cart`: a negative `other_payment`, as seQura's WooCommerce plugin sends it. */
export function refundLine(refund: Pick<Refund, 'n' | 'amount'>): CartItem {
  return { type: 'other_payment', reference: `refund-${refund.n}`, name: 'Refund', total_with_tax: -refund.amount };
}

function withQuantity(item: CartItem, quantity: number): CartItem {
  if (quantity === (item.quantity ?? 1)) return item;
  return { ...item, quantity, total_with_tax: (item.price_with_tax ?? 0) * quantity };
}

/** A cart like the registered one (currency, gift, cart_ref…) holding `items`, totalled from them. */
function cartOf(cart: Cart, items: CartItem[]): Cart {
  const { items: _all, order_total_with_tax: _total, ...rest } = cart;
  return { ...rest, order_total_with_tax: linesTotal(items), items };
}

/** Both carts empty: a cancelled order (or one that never went ahead). */
export function emptyView(currency: string): SequraView {
  return { shipped_cart: emptyCart(currency), unshipped_cart: emptyCart(currency) };
}

/**
 * What seQura should hold for the order now, from its lines:
 * - `shipped_cart`: the units shipped and not returned; the order-level lines (handling, discounts,
 *   fees), which go with the first shipment, that being when the shopper is charged for them; and a
 *   negative `other_payment` line per money refund. Once every shipped unit has come back and nothing
 *   is left to ship, the whole shipment went back: `shipped_cart` is empty.
 * - `unshipped_cart`: the units still to ship (cancelled ones left out), and the order-level lines
 *   while nothing has shipped.
 * A cancelled (or denied) order has both carts empty; so has a refunded one, where nothing stays
 * charged (as seQura's WooCommerce plugin sends a full refund: an empty `shipped_cart`).
 */
export function sequraViewOf(source: ViewSource): SequraView {
  const { cart } = source;
  if (source.state === 'cancelled' || source.state === 'denied' || source.state === 'refunded') {
    return emptyView(cart.currency);
  }
  const lines = lineUnits(source);
  const everShipped = [...lines.values()].some((l) => l.shipped > 0);
  const shipped: CartItem[] = [];
  const unshipped: CartItem[] = [];
  for (const item of cart.items) {
    const line = isShippableItem(item) && item.reference ? lines.get(item.reference) : undefined;
    if (!line) {
      (everShipped ? shipped : unshipped).push(item);
      continue;
    }
    if (keptUnits(line) > 0) shipped.push(withQuantity(item, keptUnits(line)));
    if (unshippedUnits(line) > 0) unshipped.push(withQuantity(item, unshippedUnits(line)));
  }
  for (const refund of source.refunds) if (refund.amount > 0) shipped.push(refundLine(refund));
  const allBack = [...lines.values()].every((l) => keptUnits(l) === 0 && unshippedUnits(l) === 0);
  if (everShipped && allBack) shipped.length = 0;
  return { shipped_cart: cartOf(cart, shipped), unshipped_cart: cartOf(cart, unshipped) };
}

/**
 * Nothing stays charged: `shipped_cart` totals 0 and nothing is left to ship. A shipped order in
 * that state is `refunded`.
 */
export function nothingCharged(view: SequraView): boolean {
  return view.shipped_cart.order_total_with_tax === 0 && view.unshipped_cart.items.length === 0;
}

/** JSON with object keys sorted: PostgreSQL's jsonb does not keep key order, so views are compared this way. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sameView(a: SequraView, b: SequraView): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The last view seQura acknowledged, as stored on the order: explicit (`sequraView`: the
 * confirmation, an Order Update answered 2xx), or "the view the order had at version N"
 * (`sequraViewVersion`, set in bulk when a delivery report carrying version N is answered 2xx: the
 * report's entry is exactly that view). OrderRepository.update pins the latter as an explicit view
 * before the version moves, so it always describes the current row. null: seQura never confirmed it.
 */
export interface AcknowledgedViewSource extends ViewSource {
  version: number;
  sequraView: SequraView | null;
  sequraViewVersion: number | null;
}
export function acknowledgedView(order: AcknowledgedViewSource): SequraView | null {
  if (order.sequraViewVersion !== null && order.sequraViewVersion === order.version) return sequraViewOf(order);
  return order.sequraView;
}

/**
 * In `daily` mode, an order whose first shipment seQura has not been told about yet: its changes
 * wait for the delivery report, which carries the order's net state (seQura would otherwise hear of
 * the shipment twice: from an Order Update and from the report).
 */
export function waitsForReport(
  order: { state: OrderState; reportedAt: Date | null },
  mode: ShippingReportMode,
): boolean {
  return mode === 'daily' && isReportable(order.state) && order.reportedAt === null;
}

/** Why an Order Update is owed (the outbox row's kind). */
export type SequraUpdateReason = 'cancellation' | 'customer_data' | 'shipment' | 'refund' | 'cancel_units';

/**
 * Whether seQura must be told about the order now, after a change made for `reason`: not while the
 * delivery report is to carry it; otherwise when seQura's view differs from the one it acknowledged
 * (no difference, no call). Customer data is not part of the view: a merchant's correction is
 * always sent. A cancellation of an order seQura never confirmed is sent too (seQura answers 404,
 * which counts as done, as its own core does).
 */
export function owesSequraUpdate(
  order: AcknowledgedViewSource & { reportedAt: Date | null },
  reason: SequraUpdateReason,
  mode: ShippingReportMode,
): boolean {
  if (waitsForReport(order, mode)) return false;
  if (reason === 'customer_data') return true;
  const acknowledged = acknowledgedView(order);
  if (!acknowledged) return reason === 'cancellation';
  return !sameView(acknowledged, sequraViewOf(order));
}
