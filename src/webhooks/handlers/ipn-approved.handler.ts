import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction-runner.js';
import { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import type { Order } from '../../orders/order.entity.js';
import { sequraViewOf } from '../../orders/sequra-view.js';
import { ok, refused, WebhookHandler, WebhookNotification, WebhookOutcome } from '../webhook-handler.js';
import { IpnAcknowledgement } from './ipn-acknowledgement.js';
import { refusedAsNotLatestSequraOrder } from './not-latest-sequra-order.js';

/** IPN `sq_state=approved`: confirm to seQura first, then approve and keep seQura's order uuid. */
@Injectable()
export class IpnApprovedHandler implements WebhookHandler {
  constructor(
    private readonly acknowledgement: IpnAcknowledgement,
    private readonly lifecycle: OrderLifecycleService,
  ) {}

  async handle(notification: WebhookNotification, order: Order, tx: Tx): Promise<WebhookOutcome> {
    const notLatest = await refusedAsNotLatestSequraOrder(this.lifecycle, tx, order, notification);
    if (notLatest) return notLatest;
    switch (order.state) {
      case 'pending':
      case 'on_hold': {
        const refusal = await this.acknowledgement.acknowledge(tx, order, notification, 'confirmed');
        if (refusal) return refusal;
        await this.lifecycle.transition(
          tx,
          order,
          'approved',
          {
            type: 'ipn_approved',
            orderRef: notification.sequraOrderRef,
            productCode: notification.fields.product_code ?? null,
          },
          // seQura now holds the order as confirmed: everything still to ship.
          { sequraOrderRef: notification.sequraOrderRef, sequraView: sequraViewOf(order) },
        );
        return ok();
      }
      case 'approved':
      case 'shipped':
      case 'refunded':
        if (order.sequraOrderRef && order.sequraOrderRef !== notification.sequraOrderRef) {
          // A second seQura order approved for an order already paid with another one: refusing it
          // stops seQura from charging the shopper twice. Staff see why in the history.
          await this.lifecycle.note(tx, order, {
            type: 'second_sequra_order_refused',
            orderRef: notification.sequraOrderRef,
            sequraOrderRef: order.sequraOrderRef,
          });
          return refused(`Order is already paid with seQura order '${order.sequraOrderRef}'`);
        }
        return ok(); // A repeat: seQura is not called again.
      case 'cancelled':
      case 'denied':
        return refused(`Order is ${order.state}`, { state: order.state });
    }
  }
}
