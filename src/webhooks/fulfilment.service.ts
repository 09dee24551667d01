import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/auth.decorators.js';
import { ConflictError } from '../common/domain-errors.js';
import { OrderLifecycleService } from '../orders/order-lifecycle.service.js';
import type { Order } from '../orders/order.entity.js';
import { causeOf } from '../orders/orders.service.js';

/**
 * The warehouse's "we are picking this order" marker (`fulfilment_started_at`). While it is set, a
 * seQura `cancel` request answers `retry`, so staff can decide instead of the order being cancelled
 * under the picker's hands.
 */
@Injectable()
export class FulfilmentService {
  constructor(private readonly lifecycle: OrderLifecycleService) {}

  /** Marks an approved order in fulfilment. Already marked: no-op (the first time is kept). */
  start(orderRef1: string, principal: Principal & { actor: string }): Promise<Order> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      if (order.state !== 'approved') {
        throw new ConflictError(`Only an approved order can be marked in fulfilment; this one is '${order.state}'`, { state: order.state });
      }
      if (order.fulfilmentStartedAt) return order;
      await this.lifecycle.update(tx, order, { fulfilmentStartedAt: new Date() });
      await this.lifecycle.note(tx, order, { cause: causeOf(principal), actor: principal.actor, details: { event: 'fulfilment_started' } });
      return order;
    });
  }

  /** Clears the marker (the picking was stopped). Not marked: no-op. */
  stop(orderRef1: string, principal: Principal & { actor: string }): Promise<Order> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      if (!order.fulfilmentStartedAt) return order;
      await this.lifecycle.update(tx, order, { fulfilmentStartedAt: null });
      await this.lifecycle.note(tx, order, { cause: causeOf(principal), actor: principal.actor, details: { event: 'fulfilment_cleared' } });
      return order;
    });
  }
}
