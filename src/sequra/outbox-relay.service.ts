import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { OrderLifecycleService } from '../orders/order-lifecycle.service.js';
import { Order } from '../orders/order.entity.js';
import { backoffDelay } from '../common/background/retry-policy.js';
import { SequraClient, SequraResult } from './sequra-client.js';
import { orderUpdatePayload } from './sequra-payloads.js';
import { SequraOutboxEntry } from './sequra-outbox.entity.js';

/**
 * Picks one due row and locks it, skipping rows another relay holds. A row waits while an older
 * pending row of the same order exists, so one order's updates reach seQura one at a time and in
 * order (each body is built from the order as stored at send time; an older send arriving last
 * could otherwise overwrite newer data). `$1` lists the rows this drain already handled.
 */
const CLAIM_SQL = `
  SELECT o.id
  FROM sequra_outbox o
  WHERE o.status = 'pending'
    AND o.next_attempt_at <= clock_timestamp()
    AND o.id <> ALL($1::bigint[])
    AND NOT EXISTS (
      SELECT 1 FROM sequra_outbox older
      WHERE older.order_id = o.order_id AND older.status = 'pending' AND older.id < o.id
    )
  ORDER BY o.next_attempt_at, o.id
  LIMIT 1
  FOR UPDATE OF o SKIP LOCKED`;

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
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopping = false;
  /** Parallel senders per replica; at most half the pool, so the API always has connections. */
  private readonly concurrency: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly client: SequraClient,
    private readonly lifecycle: OrderLifecycleService,
    private readonly config: AppConfig,
  ) {
    this.concurrency = Math.max(1, Math.min(4, Math.floor(config.dbPoolSize / 2)));
  }

  onApplicationBootstrap(): void {
    if (this.config.outbox.enabled) this.schedule(0);
  }

  /**
   * Stops polling and waits for the send in flight, before the data source closes (this hook runs
   * before every `onApplicationShutdown`, where TypeORM destroys its pool).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /**
   * Sends every row due now, once each (a row that fails and becomes due again waits for the next
   * drain). Returns the number of rows attempted. Safe to call while the poller runs and from
   * several replicas at once.
   */
  async drainOnce(): Promise<number> {
    const handled: string[] = [];
    const worker = async () => {
      while (!this.stopping && handled.length < MAX_ROWS_PER_DRAIN) {
        try {
          if (!(await this.processNext(handled))) return;
        } catch (error) {
          // The transaction rolled back: the row stays pending and is retried by a later drain.
          // This worker stops, so a database outage does not spin; the others finish their rows.
          this.logger.warn(`outbox drain: ${(error as Error).message}`);
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    return handled.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => void this.poll(), delayMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    this.running = this.drainOnce();
    try {
      await this.running;
    } finally {
      this.running = undefined;
      this.schedule(this.config.outbox.pollMs);
    }
  }

  /** Claims, sends and records one row in one transaction. Returns false when nothing is due. */
  private async processNext(handled: string[]): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const rows: { id: string }[] = await tx.query(CLAIM_SQL, [handled]);
      if (rows.length === 0) return false;
      const id = String(rows[0].id);
      handled.push(id);
      const entry = await tx.findOneByOrFail(SequraOutboxEntry, { id });
      // Read, not locked: the merchant and seQura's webhooks must not wait on seQura's answer.
      const order = await tx.findOneByOrFail(Order, { id: entry.orderId });
      const payload = orderUpdatePayload(order, this.config.sequra.merchantId, { cancellationReason: entry.cancellationReason ?? undefined });
      const result = await this.client.updateOrder(order.orderRef1, payload);
      await this.record(tx, entry, order, result);
      return true;
    });
  }

  private async record(tx: EntityManager, entry: SequraOutboxEntry, order: Order, result: SequraResult): Promise<void> {
    const attempts = entry.attempts + 1;
    const ref = order.orderRef1;
    const lastStatus = 'status' in result && result.status ? result.status : null;

    if (result.kind === 'success') {
      await tx.update(SequraOutboxEntry, { id: entry.id }, { status: 'sent', attempts, lastStatus, lastError: null, response: result.body as never, sentAt: new Date() });
      this.logger.log(`outbox ${entry.id} (${entry.kind}) for order ${ref} delivered after ${attempts} attempt(s)`);
      return;
    }

    if (result.kind === 'rejected' && result.status === 404 && (order.state === 'cancelled' || order.state === 'on_hold')) {
      // seQura answers 404 to a cancel of an order it never confirmed (on hold, or cancelled from
      // checkout); its own integration core treats that as done, and so do we.
      await tx.update(SequraOutboxEntry, { id: entry.id }, { status: 'sent', attempts, lastStatus, lastError: null, response: { errors: result.errors } as never, sentAt: new Date() });
      this.logger.log(`outbox ${entry.id} (${entry.kind}) for order ${ref}: seQura answered 404 for a ${order.state} order, counted as done`);
      return;
    }

    if (result.kind === 'retryable' && attempts < this.config.outbox.maxAttempts) {
      const delay = backoffDelay(attempts, this.config.outbox.backoffBaseMs, this.config.outbox.backoffMaxMs);
      // The database's clock, not this replica's: every relay compares against it.
      await tx.update(SequraOutboxEntry, { id: entry.id }, {
        attempts,
        lastStatus,
        lastError: result.reason,
        nextAttemptAt: () => `clock_timestamp() + interval '${delay} milliseconds'`,
      } as never);
      this.logger.warn(`outbox ${entry.id} (${entry.kind}) for order ${ref}: ${result.reason}; attempt ${attempts}, retry in ${delay} ms`);
      return;
    }

    // A refusal (409, other 4xx) will not change by retrying, and a retryable failure ran out of
    // attempts: give up, keep seQura's words, and put a note on the order for staff.
    const errors = result.kind === 'retryable' ? [`${result.reason} (gave up after ${attempts} attempts)`] : result.errors;
    await tx.update(SequraOutboxEntry, { id: entry.id }, {
      status: 'failed',
      attempts,
      lastStatus,
      lastError: errors.join('; '),
      response: (result.kind === 'retryable' ? null : { errors }) as never,
    });
    await this.lifecycle.note(tx, order, {
      cause: 'system',
      actor: 'sequra-outbox',
      details: { event: 'sequra_update_failed', outbox_id: entry.id, kind: entry.kind, http_status: lastStatus, errors },
    });
    this.logger.error(`outbox ${entry.id} (${entry.kind}) for order ${ref} failed: ${result.kind}${lastStatus ? ` ${lastStatus}` : ''}`);
  }
}
