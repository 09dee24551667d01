import { Injectable, Logger } from '@nestjs/common';
import { ServiceUnavailableError } from '../../common/domain-errors.js';
import { AppConfig } from '../../config/app-config.js';
import type { Tx } from '../../database/transaction-runner.js';
import { OrderLifecycleService } from '../../orders/order-lifecycle.service.js';
import { OrderRepository } from '../../orders/order.repository.js';
import type { Order } from '../../orders/order.entity.js';
import { sequraCallbacks } from '../../orders/order-view.js';
import { SequraClient } from '../../sequra/sequra-client.js';
import { acknowledgementPayload } from '../../sequra/sequra-payloads.js';
import { refused, WebhookNotification, WebhookOutcome } from '../webhook-handler.js';

/**
 * The call seQura requires before the IPN is answered: `PUT /orders/{order_ref}` with state
 * `confirmed` (approved) or `on_hold` (needs_review), carrying the whole order as seQura's core
 * sends it (see acknowledgementPayload), with the callbacks handed out at registration.
 *
 * It runs while the order's row lock is held, deliberately: a repeated or concurrent IPN for the same
 * order waits behind this one (up to SEQURA_TIMEOUT_MS) and then sees the order already moved, so
 * seQura is called once. The lock is short on the happy path and bounded by the client's timeout.
 */
@Injectable()
export class IpnAcknowledgement {
  private readonly logger = new Logger(IpnAcknowledgement.name);

  constructor(
    private readonly sequra: SequraClient,
    private readonly lifecycle: OrderLifecycleService,
    private readonly orders: OrderRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Returns undefined when seQura accepted; the 410 refusal to answer (after a history note, which
   * commits with it) when seQura refuses for good; throws ServiceUnavailableError (→ 503, rolled
   * back, seQura retries) otherwise: the handler error channel (see WebhookHandler).
   */
  async acknowledge(
    tx: Tx,
    order: Order,
    notification: WebhookNotification,
    state: 'confirmed' | 'on_hold',
  ): Promise<WebhookOutcome | undefined> {
    // A seQura order belongs to one of our orders: one that another order already holds is refused
    // before seQura is told anything (confirming it here would then fail our unique key, after the fact).
    const heldBy = await this.orders.holderOfSequraOrder(notification.sequraOrderRef, tx);
    if (heldBy !== null && heldBy !== order.orderRef1) {
      await this.lifecycle.note(tx, order, {
        type: 'sequra_order_of_other_order',
        orderRef: notification.sequraOrderRef,
        heldBy,
      });
      return refused(`seQura order '${notification.sequraOrderRef}' belongs to another order`);
    }
    // A checkout started here: the same return and abort URLs as its solicitation (the PUT replaces the order).
    const urls = order.checkout ? { return_url: order.checkout.return_url, abort_url: order.checkout.abort_url } : {};
    const merchant = { id: this.config.sequra.merchantId, ...sequraCallbacks(this.config, order.orderRef1), ...urls };
    const payload = acknowledgementPayload(order, state, merchant);
    const result = await this.sequra.acknowledgeOrder(notification.sequraOrderRef, payload);
    switch (result.kind) {
      case 'success':
        return undefined;
      case 'retryable':
        throw new ServiceUnavailableError(
          `seQura could not be reached to acknowledge the order (${result.reason}); retry later`,
        );
      case 'rejected':
        if (result.status === 401 || result.status === 403) {
          // Our credentials or merchant id are wrong: refusing the order would make seQura cancel a
          // good payment. Answer 503 so seQura retries once the configuration is fixed.
          this.logger.error(`seQura refused our credentials (${result.status}) acknowledging order ${order.orderRef1}`);
          throw new ServiceUnavailableError('seQura refused our credentials; retry later');
        }
        break;
      case 'conflict':
        break;
    }
    const reason = result.kind === 'conflict' ? 'cart_changed' : 'rejected';
    await this.lifecycle.note(tx, order, {
      type: 'acknowledgement_refused',
      state,
      reason,
      sequraStatus: result.status,
      errors: result.errors,
      orderRef: notification.sequraOrderRef,
    });
    return refused(
      result.kind === 'conflict'
        ? 'seQura refused the acknowledgement: the cart changed'
        : `seQura refused the acknowledgement (HTTP ${result.status})`,
      { errors: result.errors },
    );
  }
}
