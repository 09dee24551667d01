import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { Tx } from '../../database/transaction-runner.js';
import { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import type { Order } from '../../orders/order.entity.js';
import { emptyView } from '../../orders/sequra-view.js';
import { SequraClient, SequraResult } from '../../sequra/sequra-client.js';
import { orderUpdatePayload } from '../../sequra/sequra-payloads.js';
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
 * (seQura asks again later).
 *
 * `cancelled` means "cancelled manually or through the Order Update API", so for an order we can
 * cancel, seQura is told first, as seQura's PrestaShop and Magento modules do: the empty-cart Order
 * Update, sent now (bounded by SEQURA_TIMEOUT_MS) while the order's row lock is held, so nothing
 * else changes the order meanwhile (the outbox relay skips a locked order). Its 2xx, or a 404 for
 * an order seQura holds as pending or on hold (as its core accepts), cancels the order here. When
 * seQura cannot be reached or refuses, nothing changes but a history note, and the answer is
 * `retry`.
 */
@Injectable()
export class CancelEventHandler implements WebhookHandler {
  private readonly logger = new Logger(CancelEventHandler.name);

  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly sequra: SequraClient,
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
      case 'refunded':
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

    const view = emptyView(order.cart.currency);
    const result = await this.sequra.updateOrder(
      order.orderRef1,
      orderUpdatePayload(order, view, this.config.sequra.merchantId),
    );
    if (result.kind !== 'success' && !notFoundCountsAsDone(order, result)) {
      const failure = describeFailure(result);
      this.logger.warn(`cancel for order ${order.orderRef1}: seQura was not told (${failure.reason}); answered retry`);
      await this.lifecycle.note(tx, order, {
        type: 'sequra_cancel_failed',
        orderRef: notification.sequraOrderRef,
        httpStatus: failure.status,
        errors: failure.errors,
      });
      return retry();
    }
    await this.lifecycle.transition(
      tx,
      order,
      'cancelled',
      {
        type: 'sequra_cancel',
        orderRef: notification.sequraOrderRef,
        cancellationRequestUrl: notification.fields.cancellation_request_url ?? null,
      },
      // seQura holds both carts empty now (on a 404 it holds no confirmed order at all).
      result.kind === 'success' ? { sequraView: view } : {},
    );
    return cancelled();
  }
}

/** A 404 for an order seQura never confirmed (pending, on hold): its core treats that as cancelled, and so do we. */
function notFoundCountsAsDone(order: Order, result: SequraResult): boolean {
  const neverConfirmed = order.state === 'pending' || order.state === 'on_hold';
  return result.kind === 'rejected' && result.status === 404 && neverConfirmed;
}

function describeFailure(result: Exclude<SequraResult, { kind: 'success' }>) {
  if (result.kind === 'retryable')
    return { status: result.status ?? null, errors: [result.reason], reason: result.reason };
  return { status: result.status, errors: result.errors, reason: `HTTP ${result.status}` };
}
