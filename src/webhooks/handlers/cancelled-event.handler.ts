import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/transaction-runner.js';
import { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import type { Order } from '../../orders/order.entity.js';
import { ok, WebhookHandler, WebhookNotification, WebhookOutcome } from '../webhook-handler.js';
import { ignoredAsOtherSequraOrder } from './other-sequra-order.js';

/** `cancelled`: seQura has cancelled the order (e.g. rejected after review). Informative; seQura expects an empty 200. */
@Injectable()
export class CancelledEventHandler implements WebhookHandler {
  constructor(private readonly lifecycle: OrderLifecycleService) {}

  async handle(notification: WebhookNotification, order: Order, tx: Tx): Promise<WebhookOutcome> {
    if (await ignoredAsOtherSequraOrder(this.lifecycle, tx, order, notification)) return ok();
    const context = { cause: 'webhook' as const, actor: 'seQura', details: { event: 'cancelled', order_ref: notification.sequraOrderRef } };
    switch (order.state) {
      case 'pending':
      case 'on_hold':
      case 'approved':
        await this.lifecycle.transition(tx, order, 'cancelled', context);
        return ok();
      case 'shipped':
        // Goods are out but seQura will not pay: the state stays, staff must act.
        await this.lifecycle.note(tx, order, { ...context, details: { ...context.details, warning: 'seQura cancelled an order that has already shipped' } });
        return ok();
      case 'cancelled': // A repeat: never flips back (WooCommerce's bug).
      case 'denied': // Already not going ahead.
        return ok();
    }
  }
}
