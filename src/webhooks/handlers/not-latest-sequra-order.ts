import type { Tx } from '../../database/transaction-runner.js';
import { isNotLatestSequraOrder } from '../../orders/order-checkout.js';
import type { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import type { Order } from '../../orders/order.entity.js';
import { notFound, WebhookNotification, WebhookOutcome } from '../webhook-handler.js';

/**
 * An IPN for a seQura order that is not the latest one this service started for the order (the
 * checkout was started again, so seQura's order was replaced) is refused before anything else: 404,
 * as seQura's core answers an IPN for an order it no longer keeps. Nothing is confirmed at seQura
 * and the order never moves; a history note says which seQura order is the latest (the answer,
 * which seQura reads, does not). Returns the
 * answer to give, or undefined when the IPN is about the latest seQura order (or the shop started it).
 */
export async function refusedAsNotLatestSequraOrder(
  lifecycle: OrderLifecycleService,
  tx: Tx,
  order: Order,
  notification: WebhookNotification,
): Promise<WebhookOutcome | undefined> {
  if (!isNotLatestSequraOrder(order, notification.sequraOrderRef)) return undefined;
  await lifecycle.note(tx, order, {
    type: 'not_latest_sequra_order',
    sqState: notification.name,
    orderRef: notification.sequraOrderRef,
    latest: order.sequraOrderRef,
  });
  return notFound(
    `seQura order '${notification.sequraOrderRef}' is not the latest one started for order '${order.orderRef1}'`,
    { order_ref_1: order.orderRef1 },
  );
}
