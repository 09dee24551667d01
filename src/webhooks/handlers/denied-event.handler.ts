import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction-runner.js';
import { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import type { Order } from '../../orders/order.entity.js';
import { ok, WebhookHandler, WebhookNotification, WebhookOutcome } from '../webhook-handler.js';
import { ignoredAsOtherSequraOrder } from './other-sequra-order.js';

/** `denied`: seQura denied the solicitation. Informative; seQura expects an empty 200. */
@Injectable()
export class DeniedEventHandler implements WebhookHandler {
  constructor(private readonly lifecycle: OrderLifecycleService) {}

  async handle(notification: WebhookNotification, order: Order, tx: Tx): Promise<WebhookOutcome> {
    if (await ignoredAsOtherSequraOrder(this.lifecycle, tx, order, notification)) return ok();
    const orderRef = notification.sequraOrderRef;
    if (order.state === 'pending') {
      await this.lifecycle.transition(tx, order, 'denied', { type: 'sequra_denied', orderRef });
    } else if (order.state !== 'denied') {
      // Only a pending solicitation can be denied; anything else is for staff to look at, not to act on
      // automatically. An error status would only make seQura retry.
      await this.lifecycle.note(tx, order, { type: 'denied_ignored', state: order.state, orderRef });
    }
    return ok();
  }
}
