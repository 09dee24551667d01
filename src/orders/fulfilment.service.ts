import { Injectable } from '@nestjs/common';
import { ConflictError } from '../common/domain-errors.js';
import type { Caller } from './order-history-entries.js';
import { OrderLifecycleService } from './order-lifecycle.service.js';
import type { Order } from './order.entity.js';

/**
 * The warehouse's "we are picking this order" marker (`fulfilment_started_at`). While it is set, a
 * seQura `cancel` request answers `retry`, so staff can decide instead of the order being cancelled
 * under the picker's hands.
 */
@Injectable()
export class FulfilmentService {
  constructor(private readonly lifecycle: OrderLifecycleService) {}

  /** Marks an approved order in fulfilment. Already marked: no-op (the first time is kept). */
  start(orderRef1: string, caller: Caller): Promise<Order> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      if (order.state !== 'approved') {
        const message = `Only an approved order can be marked in fulfilment; this one is '${order.state}'`;
        throw new ConflictError(message, { state: order.state });
      }
      if (order.fulfilmentStartedAt) return order;
      await this.lifecycle.update(tx, order, { fulfilmentStartedAt: new Date() });
      await this.lifecycle.note(tx, order, { type: 'fulfilment_started', by: caller });
      return order;
    });
  }

  /** Clears the marker (the picking was stopped). Not marked: no-op. */
  stop(orderRef1: string, caller: Caller): Promise<Order> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      if (!order.fulfilmentStartedAt) return order;
      await this.lifecycle.update(tx, order, { fulfilmentStartedAt: null });
      await this.lifecycle.note(tx, order, { type: 'fulfilment_cleared', by: caller });
      return order;
    });
  }
}
