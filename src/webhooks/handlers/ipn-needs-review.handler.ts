import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction-runner.js';
import { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import type { Order } from '../../orders/order.entity.js';
import { ok, refused, WebhookHandler, WebhookNotification, WebhookOutcome } from '../webhook-handler.js';
import { IpnAcknowledgement } from './ipn-acknowledgement.js';
import { refusedAsNotLatestSequraOrder } from './not-latest-sequra-order.js';

/** IPN `sq_state=needs_review`: put on hold at seQura first, then hold the order (it must not ship yet). */
@Injectable()
export class IpnNeedsReviewHandler implements WebhookHandler {
  constructor(
    private readonly acknowledgement: IpnAcknowledgement,
    private readonly lifecycle: OrderLifecycleService,
  ) {}

  async handle(notification: WebhookNotification, order: Order, tx: Tx): Promise<WebhookOutcome> {
    const notLatest = await refusedAsNotLatestSequraOrder(this.lifecycle, tx, order, notification);
    if (notLatest) return notLatest;
    switch (order.state) {
      case 'pending': {
        const refusal = await this.acknowledgement.acknowledge(tx, order, notification, 'on_hold');
        if (refusal) return refusal;
        await this.lifecycle.transition(
          tx,
          order,
          'on_hold',
          {
            type: 'ipn_needs_review',
            orderRef: notification.sequraOrderRef,
            productCode: notification.fields.product_code ?? null,
          },
          { sequraOrderRef: notification.sequraOrderRef },
        );
        return ok();
      }
      case 'on_hold':
        return ok(); // A repeat.
      case 'approved':
      case 'shipped':
      case 'refunded':
        // Late: the order was approved since. Never step back; note it so staff can see it.
        await this.lifecycle.note(tx, order, {
          type: 'needs_review_ignored',
          state: order.state,
          orderRef: notification.sequraOrderRef,
        });
        return ok();
      case 'cancelled':
      case 'denied':
        return refused(`Order is ${order.state}`, { state: order.state });
    }
  }
}
