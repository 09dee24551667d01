import type { Order } from '../../src/orders/order.entity.js';
import { acknowledgedView } from '../../src/orders/sequra-view.js';
import type { SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { OrderSource, seedOrder, SeedOptions } from './order-fixtures.js';

/**
 * An order seeded in our database (see {@link seedOrder}) and, when seQura has confirmed it, on
 * seQura's side too: the stand-in holds the view the order says seQura acknowledged, as if the IPN
 * acknowledgement (and a report, for a reported shipment) had reached it. Without this the
 * stand-in, like seQura, answers 404 to an Order Update for the order.
 */
export async function seedConfirmedOrder(
  source: OrderSource,
  standIn: SequraStandIn,
  ref: string,
  options: SeedOptions = {},
): Promise<Order> {
  const order = await seedOrder(source, ref, options);
  confirmAtSequra(standIn, order);
  return order;
}

/**
 * seQura's side of an order already stored: what it acknowledged (on hold: held, not confirmed;
 * nothing, when it never heard of it).
 */
export function confirmAtSequra(standIn: SequraStandIn, order: Order): void {
  if (order.state === 'on_hold') return standIn.confirmOrder(order.orderRef1, order.cart, 'on_hold');
  const view = acknowledgedView(order);
  if (!view) return;
  standIn.confirmOrder(order.orderRef1, view.unshipped_cart);
  standIn.orders.get(order.orderRef1)!.shipped_cart = view.shipped_cart;
}
