import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../common/domain-errors.js';
import type { Caller } from '../orders/order-history-entries.js';
import { OrderLifecycleService } from '../orders/order-lifecycle.service.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import type { SequraOutboxEntry } from '../outbox/sequra-outbox.entity.js';
import type { ShippingReport } from '../shipping-reports/shipping-report.entity.js';
import { ShippingReportService } from '../shipping-reports/shipping-report.service.js';
import {
  CancelRetryRow,
  FailedUpdateRow,
  Listed,
  NeedsAttentionRepository,
  OnHoldRow,
} from './needs-attention.repository.js';

/** Rows per list: the page shows them all; `total` says when there are more. */
export const LIST_LIMIT = 100;
/** An order on hold longer than this needs a person (seQura usually decides within hours). */
export const ON_HOLD_HOURS = 24;

export interface NeedsAttention {
  failedOrderUpdates: Listed<FailedUpdateRow>;
  failedReportRuns: Listed<ShippingReport>;
  cancelRequestsAnsweredRetry: Listed<CancelRetryRow>;
  ordersOnHold: Listed<OnHoldRow>;
}

/**
 * What needs a person, without SQL: failed Order Updates with seQura's answer, failed report runs,
 * seQura `cancel` requests answered `retry`, orders on hold for more than a day; and the two retries
 * (an Order Update, a report run) once the cause is fixed, each recorded with who did it.
 */
@Injectable()
export class NeedsAttentionService {
  private readonly logger = new Logger(NeedsAttentionService.name);

  constructor(
    private readonly lists: NeedsAttentionRepository,
    private readonly outbox: OutboxRepository,
    private readonly lifecycle: OrderLifecycleService,
    private readonly reports: ShippingReportService,
  ) {}

  async list(): Promise<NeedsAttention> {
    const [failedOrderUpdates, failedReportRuns, cancelRequestsAnsweredRetry, ordersOnHold] = await Promise.all([
      this.lists.failedOrderUpdates(LIST_LIMIT),
      this.lists.failedReportRuns(LIST_LIMIT),
      this.lists.cancelRequestsAnsweredRetry(LIST_LIMIT),
      this.lists.ordersOnHoldLongerThan(ON_HOLD_HOURS, LIST_LIMIT),
    ]);
    return { failedOrderUpdates, failedReportRuns, cancelRequestsAnsweredRetry, ordersOnHold };
  }

  /**
   * Sends a failed Order Update again: pending and due now, with a fresh count of attempts, and a
   * history note on the order naming who did it. Under the order's row lock, like every change to
   * the order; the relay picks it up on its next poll and builds the body from the order as it is.
   */
  async retryOrderUpdate(id: string, by: Caller): Promise<SequraOutboxEntry> {
    const found = await this.outbox.findById(id);
    if (!found) throw new NotFoundError(`Order Update '${id}' not found`, { id });
    return this.lifecycle.withLockedOrder(found.orderRef1, async (order, tx) => {
      const entry = (await this.outbox.lockById(tx, id))!;
      if (entry.status !== 'failed') {
        throw new ConflictError(`Order Update '${id}' is ${entry.status}: only a failed update can be sent again`, {
          id,
          status: entry.status,
        });
      }
      if (order.erasedAt) {
        throw new ConflictError(
          `The shopper's data of order '${order.orderRef1}' was erased: an Order Update would send the erased data`,
          { id, order_ref_1: order.orderRef1 },
        );
      }
      await this.outbox.requeue(tx, id);
      await this.lifecycle.note(tx, order, {
        type: 'sequra_update_retried',
        by,
        outboxId: id,
        kind: entry.kind,
        previousAttempts: entry.attempts,
        previousHttpStatus: entry.lastStatus,
      });
      this.logger.log(
        `Failed Order Update ${id} (${entry.kind}) of order ${order.orderRef1} requeued by key ${by.name}`,
      );
      return (await this.outbox.findById(id, tx))!;
    });
  }

  /** A failed report run, retried: see {@link ShippingReportService.retryFailed}. */
  retryReportRun(id: string, by: Caller): Promise<{ run: ShippingReport; runs: ShippingReport[] }> {
    return this.reports.retryFailed(id, by.actor);
  }
}
