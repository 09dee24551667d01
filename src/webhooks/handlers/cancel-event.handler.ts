import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { Tx } from '../../database/transaction-runner.js';
import { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import type { Order } from '../../orders/order.entity.js';
import { WebhookHandler, WebhookNotification, WebhookOutcome } from '../webhook-handler.js';
import { ignoredAsOtherSequraOrder } from './other-sequra-order.js';

const MINUTE = 60_000;
const minutesSince = (at: Date | null, now: Date) =>
  at ? Math.max(0, Math.floor((now.getTime() - at.getTime()) / MINUTE)) : 0;

const cancelled = (): WebhookOutcome => ({ status: 200, json: { result: 'cancelled' }, final: true });
const tooLate = (since: number): WebhookOutcome => ({ status: 200, json: { result: 'toolate', since }, final: true });
/** Not final: seQura asks again later, and that request must be decided afresh. */
const retry = (): WebhookOutcome => ({ status: 200, json: { result: 'retry' }, final: false });

/**
 * `cancel`: seQura asks the shop to cancel an order after confirmation. The answer is always 200
 * JSON with `result`: `cancelled` (done, or already), `toolate` + `since` in minutes, or `retry`
 * (the warehouse is picking it: staff decide, seQura asks again).
 */
@Injectable()
export class CancelEventHandler implements WebhookHandler {
  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly config: AppConfig,
  ) {}

  async handle(notification: WebhookNotification, order: Order, tx: Tx): Promise<WebhookOutcome> {
    const now = new Date();
    // Not the seQura order this one is paid with: nothing of ours goes ahead under that one.
    if (await ignoredAsOtherSequraOrder(this.lifecycle, tx, order, notification)) return cancelled();
    switch (order.state) {
      case 'cancelled':
      case 'denied':
        return cancelled();
      case 'shipped':
        return tooLate(minutesSince(order.shippedAt, now));
      case 'approved': {
        // The merchant's window (CANCEL_WINDOW_MINUTES) closes cancellation whatever the warehouse is
        // doing, so it is checked before the fulfilment marker.
        const window = this.config.cancelWindowMinutes;
        if (window !== undefined && order.approvedAt && now.getTime() - order.approvedAt.getTime() > window * MINUTE) {
          return tooLate(minutesSince(order.approvedAt, now) - window);
        }
        if (order.fulfilmentStartedAt) return retry();
        break;
      }
      case 'pending':
      case 'on_hold':
        break;
    }
    await this.lifecycle.transition(tx, order, 'cancelled', {
      type: 'sequra_cancel',
      orderRef: notification.sequraOrderRef,
      cancellationRequestUrl: notification.fields.cancellation_request_url ?? null,
    });
    return cancelled();
  }
}
