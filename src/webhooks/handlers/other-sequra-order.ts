import type { Tx } from '../../database/transaction-runner.js';
import type { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import type { Order } from '../../orders/order.entity.js';
import type { WebhookNotification } from '../webhook-handler.js';

/**
 * An event about a different seQura order than the one this order is paid with (e.g. a late
 * `cancelled` for the shopper's first, abandoned attempt) must not touch the order. Returns true
 * (after a history note for staff) when that is the case.
 */
export async function ignoredAsOtherSequraOrder(
  lifecycle: OrderLifecycleService,
  tx: Tx,
  order: Order,
  notification: WebhookNotification,
): Promise<boolean> {
  if (order.sequraOrderRef === null || order.sequraOrderRef === notification.sequraOrderRef) return false;
  await lifecycle.note(tx, order, {
    type: 'other_sequra_order',
    event: notification.name,
    orderRef: notification.sequraOrderRef,
    sequraOrderRef: order.sequraOrderRef,
  });
  return true;
}
