import { Injectable, Logger } from '@nestjs/common';
import { decideRetry } from '../common/background/retry-policy.js';
import { AppConfig } from '../config/app-config.js';
import { Tx, TransactionRunner } from '../database/transaction-runner.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { OrderRepository } from '../orders/order.repository.js';
import { SequraClient, SequraResult } from '../sequra/sequra-client.js';
import { decompressPayload } from './shipping-report-payload.js';
import { LockedRun, ShippingReportRepository } from './shipping-report.repository.js';

export type AttemptOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

/** The run statuses counted in `sequra_shipping_report_runs_total`: how a run ended. */
const FINAL_OUTCOMES = ['sent', 'failed'] as const satisfies readonly AttemptOutcome[];

/**
 * The send: one POST of one run, with its row held `FOR UPDATE` (another replica skips it or waits
 * for the outcome). On 2xx, the same transaction marks the run sent and its orders reported
 * (`reported_at`, and `shipping_report_id` = this run), and drops its claims. A transient failure
 * schedules a retry (capped exponential backoff, full jitter); a refusal, or too many attempts,
 * marks the run failed and drops its claims, which releases its orders to the next run.
 */
@Injectable()
export class ShippingReportSendService {
  private readonly logger = new Logger(ShippingReportSendService.name);
  private readonly runs;

  constructor(
    private readonly reports: ShippingReportRepository,
    private readonly orders: OrderRepository,
    private readonly transactions: TransactionRunner,
    private readonly client: SequraClient,
    private readonly config: AppConfig,
    metrics: MetricsRegistry,
  ) {
    this.runs = metrics.counter({
      name: 'sequra_shipping_report_runs_total',
      help: 'Shipping report runs this replica finished, by status: sent (seQura took it) or failed (needs a person)',
      labelNames: ['status'],
    });
    // Both series exist from the start, so increase() sees the first failure after a restart.
    for (const status of FINAL_OUTCOMES) this.runs.inc({ status }, 0);
  }

  /**
   * One POST of one run, holding its row lock for the duration (`skipLocked`: leave it to whoever
   * holds it; otherwise wait for that sender and then see the outcome). The run is re-read under the
   * lock, so a run another replica has just sent is never sent again. `json`: the JSON the claim has
   * just stored, handed over so it need not be read back and decompressed (the same bytes).
   * `answered` is called once seQura has answered (before the outcome is written).
   */
  async attempt(id: string, skipLocked: boolean, json?: Buffer, answered?: () => void): Promise<AttemptOutcome> {
    const outcome = await this.send(id, skipLocked, json, answered);
    // Counted once the outcome has committed: a rolled-back attempt ended nothing.
    if (outcome === 'sent' || outcome === 'failed') this.runs.inc({ status: outcome });
    return outcome;
  }

  private send(id: string, skipLocked: boolean, json?: Buffer, answered?: () => void): Promise<AttemptOutcome> {
    return this.transactions.run(async (tx) => {
      const run = await this.reports.lockDueRun(tx, id, { skipLocked, withPayload: json === undefined });
      if (!run) return 'skipped';
      const attempts = run.attempts + 1;
      const result = await this.client.sendDeliveryReportJson(json ?? (await decompressPayload(run.payload!)));
      answered?.();
      if (result.kind === 'success') {
        await this.markSent(tx, run, attempts, result);
        return 'sent';
      }
      const decision = decideRetry(this.config.shippingReport, attempts, result.kind === 'retryable');
      if (result.kind === 'retryable' && decision.kind === 'retry') {
        await this.reports.scheduleRetry(tx, id, {
          attempts,
          delayMs: decision.delayMs,
          lastError: result.reason,
          sequraStatus: result.status ?? null,
        });
        this.logger.warn(
          `Shipping report ${id} (batch ${run.batch}): attempt ${attempts} failed (${result.reason}); ` +
            `next in ${decision.delayMs} ms`,
        );
        return 'retry';
      }
      await this.markFailed(tx, run, attempts, result);
      return 'failed';
    });
  }

  /**
   * seQura has the report: the run is sent and its orders reported, in one transaction. An order
   * whose version moved since the claim (a later partial shipment, a staff correction) changed after
   * its entry was built: it is left unreported, and dropping the claims releases it, so the next run
   * carries its current data.
   */
  private async markSent(
    tx: Tx,
    run: LockedRun,
    attempts: number,
    result: Extract<SequraResult, { kind: 'success' }>,
  ): Promise<void> {
    // Marked before the claims are dropped: the marking joins them.
    const reported = await this.orders.markReportedByRun(tx, run.id);
    const changed = (await this.reports.releaseClaims(tx, run.id)) - reported;
    const { body } = result;
    const response = body === null || body === undefined || body === '' ? null : body;
    await this.reports.markSent(tx, run.id, { attempts, sequraStatus: result.status, response });
    this.logger.log(
      `Shipping report ${run.id} (batch ${run.batch}) delivered: HTTP ${result.status}, ` +
        `${reported} order(s) reported, attempt ${attempts}`,
    );
    if (changed > 0) {
      this.logger.log(`Shipping report ${run.id}: ${changed} order(s) changed in flight; they go in the next run`);
    }
  }

  /**
   * seQura refused the report (4xx, 409) or it could not be delivered in `maxAttempts`: the run is
   * failed with seQura's answer kept, and its orders are released for the next run, so no shipment
   * vanishes. Logged at error level (ids only: seQura's messages may quote personal data).
   */
  private async markFailed(
    tx: Tx,
    run: LockedRun,
    attempts: number,
    result: Exclude<SequraResult, { kind: 'success' }>,
  ): Promise<void> {
    const errors =
      result.kind === 'retryable' ? [`${result.reason} (gave up after ${attempts} attempts)`] : result.errors;
    await this.reports.releaseClaims(tx, run.id);
    await this.reports.markFailed(tx, run.id, {
      attempts,
      sequraStatus: result.status ?? null,
      response: { errors },
      lastError: errors.join('; '),
    });
    this.logger.error(
      `Shipping report ${run.id} (batch ${run.batch}, ${run.order_count} order(s)) failed after ${attempts} ` +
        `attempt(s)${result.status ? ` with HTTP ${result.status}` : ''}; its orders are released to the next run. ` +
        `See GET /shipping-reports/${run.id}`,
    );
  }
}
