import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction-runner.js';
import { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import { isCancellable } from '../../orders/order-states.js';
import type { Order } from '../../orders/order.entity.js';
import { ok, WebhookHandler, WebhookNotification, WebhookOutcome } from '../webhook-handler.js';
import { ignoredAsOtherSequraOrder } from './other-sequra-order.js';

/**
 * `cancelled`: seQura has cancelled the order (e.g. rejected after review). Informative; seQura expects an empty
 * 200.
 */
@Injectable()
export class CancelledEventHandler implements WebhookHandler {
  constructor(private readonly lifecycle: OrderLifecycleService) {}

  async handle(notification: WebhookNotification, order: Order, tx: Tx): Promise<WebhookOutcome> {
    if (await ignoredAsOtherSequraOrder(this.lifecycle, tx, order, notification)) return ok();
    const orderRef = notification.sequraOrderRef;
    if (isCancellable(order.state)) {
      await this.lifecycle.transition(tx, order, 'cancelled', { type: 'sequra_cancelled', orderRef });
    } else if (order.state === 'shipped' || order.state === 'refunded') {
      // Goods are out but seQura will not pay: the state stays, staff must act.
      await this.lifecycle.note(tx, order, { type: 'cancelled_after_shipment', orderRef });
    }
    // Cancelled: a repeat, never flips back (WooCommerce's bug). Denied: already not going ahead.
    return ok();
  }
}
