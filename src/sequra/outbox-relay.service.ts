import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BackgroundWorker } from '../common/background/background-worker.js';
import { decideRetry } from '../common/background/retry-policy.js';
import { isDatabaseUnavailable } from '../common/all-exceptions.filter.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionRunner, Tx } from '../database/transaction-runner.js';
import { OrderLifecycleService } from '../orders/order-lifecycle.service.js';
import type { Order } from '../orders/order.entity.js';
import { OrderRepository } from '../orders/order.repository.js';
import { acknowledgedView, sameView, SequraView, sequraViewOf, waitsForReport } from '../orders/sequra-view.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import type { SequraOutboxEntry } from '../outbox/sequra-outbox.entity.js';
import { SequraClient, SequraResult } from './sequra-client.js';
import { orderUpdatePayload } from './sequra-payloads.js';

/** Rows one drain handles at most; the next poll picks up the rest. */
const MAX_ROWS_PER_DRAIN = 500;

/**
 * Sends the outbox to seQura's Order Update API.
 *
 * Claiming: a row is locked with `SELECT … FOR UPDATE SKIP LOCKED` and the lock is HELD while the
 * HTTP call runs; the outcome is written in that same transaction. Several replicas therefore never
 * send the same row at the same time, and a replica that dies mid-send releases its claim at once
 * (PostgreSQL drops the lock with the connection), so the row is simply sent again later: delivery
 * is at-least-once, which is safe because an Order Update carries the order's whole current state.
 * A lease column would free the connection during the call, but needs an expiry tuned against the
 * timeout and a sweeper; holding the lock costs one pooled connection per in-flight call, bounded
 * by {@link concurrency} and `SEQURA_TIMEOUT_MS`.
 *
 * Polling, and waiting for the sends in flight at shutdown, is the {@link BackgroundWorker}'s job;
 * attempts and backoff follow {@link decideRetry} with the `OUTBOX_*` policy.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly worker: BackgroundWorker;
  /** Parallel senders per replica; at most half the pool, so the API always has connections. */
  private readonly concurrency: number;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxRepository,
    private readonly orders: OrderRepository,
    private readonly lifecycle: OrderLifecycleService,
    private readonly client: SequraClient,
    private readonly config: AppConfig,
  ) {
    this.concurrency = Math.max(1, Math.min(4, Math.floor(config.dbPoolSize / 2)));
    // While the database fails, polls back off (OUTBOX_POLL_MS doubling up to BACKGROUND_BACKOFF_MAX_MS).
    this.worker = new BackgroundWorker(
      () => this.poll(),
      (error) =>
        this.logger.warn(
          `outbox poll: ${(error as Error).message} (failure ${this.worker.consecutiveFailures} in a row, backing off)`,
        ),
      { baseMs: config.outbox.pollMs, maxMs: config.backgroundBackoffMaxMs },
    );
  }

  onApplicationBootstrap(): void {
    if (this.config.outbox.enabled) this.worker.wake(0);
  }

  /**
   * Stops polling and waits for the sends in flight, before the data source closes (this hook runs
   * before every `onApplicationShutdown`, where TypeORM destroys its pool).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }

  /**
   * Sends every row due now, once each (a row that fails and becomes due again waits for the next
   * drain). Returns the number of rows attempted. Safe to call while the poller runs and from
   * several replicas at once; shutdown waits for it too.
   */
  async drainOnce(): Promise<number> {
    return (await this.worker.track(this.drain())).handled;
  }

  /**
   * One drain, then the next poll in OUTBOX_POLL_MS. A drain the database failed throws instead:
   * the worker then backs off before the next poll.
   */
  private async poll(): Promise<void> {
    const { databaseError } = await this.drain();
    if (databaseError) throw databaseError;
    this.worker.wake(this.config.outbox.pollMs);
  }

  private async drain(): Promise<{ handled: number; databaseError?: Error }> {
    const handled: string[] = [];
    let databaseError: Error | undefined;
    const sender = async () => {
      while (!this.worker.stopping && handled.length < MAX_ROWS_PER_DRAIN) {
        try {
          if (!(await this.processNext(handled))) return;
        } catch (error) {
          // The transaction rolled back: the row stays pending and is retried by a later drain.
          // This sender stops, so a database outage does not spin; the others finish their rows.
          if (isDatabaseUnavailable(error)) databaseError ??= error as Error;
          else this.logger.warn(`outbox drain: ${(error as Error).message}`);
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, sender));
    return { handled: handled.length, databaseError };
  }

  /**
   * Claims, sends and records one row in one transaction. Returns false when nothing is due.
   *
   * The order is locked too (`FOR UPDATE SKIP LOCKED`) for the call: its body is built from the
   * order as it is while seQura is called, seQura's answer is recorded on it, and a request that
   * changes the order (a seQura `cancel` sending its own Order Update, a refund) waits for the
   * answer, so two updates of one order never cross. An order locked by a request is left for the
   * next drain rather than waited for: nothing here waits on a lock while holding one.
   */
  private processNext(handled: string[]): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const entry = await this.outbox.claimNext(tx, handled);
      if (!entry) return false;
      handled.push(entry.id);
      const order = await this.orders.lockByIdUnlessLocked(tx, entry.orderId);
      if (!order) {
        if (!(await this.orders.findById(entry.orderId, tx))) throw new Error(`outbox ${entry.id}: order not found`);
        return true; // Busy: the next drain sends it.
      }
      // A delivery report run holding the order may still reach seQura after this update and undo
      // it: the update goes once the run is settled.
      if (await this.orders.inPendingReport(tx, order.id)) {
        await this.outbox.postpone(tx, entry.id, this.config.outbox.pollMs);
        return true;
      }
      const mode = this.config.shippingReport.mode;
      if (waitsForReport(order, mode)) {
        await this.outbox.markSkipped(tx, entry.id, 'the delivery report carries the first shipment and this change');
        return true;
      }
      const view = sequraViewOf(order);
      const acknowledged = acknowledgedView(order);
      // A change of the carts only: nothing to say when seQura already holds them (an earlier row,
      // built at its send time, carried this change too). A cancellation (its reason) and corrected
      // customer data (addresses are not in the view) are always sent.
      const cartsOnly = entry.kind === 'shipment' || entry.kind === 'refund' || entry.kind === 'cancel_units';
      if (cartsOnly && acknowledged && sameView(acknowledged, view)) {
        await this.outbox.markSkipped(tx, entry.id, 'seQura already holds this state of the order');
        return true;
      }
      const cancellationReason =
        entry.kind === 'cancellation' && order.state === 'cancelled'
          ? (entry.cancellationReason ?? 'merchant_cancel')
          : undefined;
      const payload = orderUpdatePayload(order, view, this.config.sequra.merchantId, { cancellationReason });
      const result = await this.client.updateOrder(order.orderRef1, payload);
      await this.record(tx, entry, order, view, result);
      return true;
    });
  }

  private async record(
    tx: Tx,
    entry: SequraOutboxEntry,
    order: Order,
    view: SequraView,
    result: SequraResult,
  ): Promise<void> {
    const lastStatus = 'status' in result && result.status ? result.status : null;
    const attempt = { attempts: entry.attempts + 1, lastStatus };
    const about = `outbox ${entry.id} (${entry.kind}) for order ${order.orderRef1}`;

    if (result.kind === 'success') {
      await this.outbox.markSent(tx, entry.id, attempt, result.body);
      await this.orders.recordSequraView(tx, order, view);
      this.logger.log(`${about} delivered after ${attempt.attempts} attempt(s)`);
      return;
    }

    // seQura answers 404 to a cancel of an order it never confirmed (on hold, or cancelled from
    // checkout); its own integration core treats that as done, and so do we.
    const neverConfirmed = order.state === 'cancelled' || order.state === 'on_hold';
    if (result.kind === 'rejected' && result.status === 404 && neverConfirmed) {
      await this.outbox.markSent(tx, entry.id, attempt, { errors: result.errors });
      this.logger.log(`${about}: seQura answered 404 for a ${order.state} order, counted as done`);
      return;
    }

    const decision = decideRetry(this.config.outbox, attempt.attempts, result.kind === 'retryable');
    if (result.kind === 'retryable' && decision.kind === 'retry') {
      await this.outbox.scheduleRetry(tx, entry.id, attempt, result.reason, decision.delayMs);
      this.logger.warn(`${about}: ${result.reason}; attempt ${attempt.attempts}, retry in ${decision.delayMs} ms`);
      return;
    }

    // A refusal (409, other 4xx) will not change by retrying, and a retryable failure ran out of
    // attempts: give up, keep seQura's words, and put a note on the order for staff.
    const errors =
      result.kind === 'retryable' ? [`${result.reason} (gave up after ${attempt.attempts} attempts)`] : result.errors;
    const response = result.kind === 'retryable' ? null : { errors };
    await this.outbox.markFailed(tx, entry.id, attempt, errors.join('; '), response);
    await this.lifecycle.note(tx, order, {
      type: 'sequra_update_failed',
      outboxId: entry.id,
      kind: entry.kind,
      httpStatus: attempt.lastStatus,
      errors,
    });
    this.logger.error(`${about} failed: ${result.kind}${attempt.lastStatus ? ` ${attempt.lastStatus}` : ''}`);
  }
}
