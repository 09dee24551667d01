import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { Tx, TransactionRunner } from '../database/transaction-runner.js';
import { OrderLifecycleService } from '../orders/order-lifecycle.service.js';
import { OrderRepository } from '../orders/order.repository.js';
import { platformInfo } from '../sequra/sequra-client.js';
import { ReportAccountsService } from './report-accounts.service.js';
import {
  compressPayload,
  ReportOrderRow,
  StatisticsRow,
  UnreportableOrder,
  writeDeliveryReport,
} from './shipping-report-payload.js';
import { SHIPPING_REPORT_JOB } from './shipping-report-timing.js';
import { ShippingReport, ShippingReportTrigger } from './shipping-report.entity.js';
import { ShippingReportRepository } from './shipping-report.repository.js';
import { StatisticsPages } from './statistics-pages.js';

/** One batch of a claim: the run id, its orders and statistics, and where the next batch starts. */
interface ClaimedPage {
  runId: string;
  rows: ReportOrderRow[];
  /** undefined: statistics are switched off. */
  statisticsRows?: StatisticsRow[];
  orderCursor: string;
  moreOrders: boolean;
  moreStatistics: boolean;
}

/** What a run's body is written from. */
interface RunSource {
  id: string;
  merchantId: string;
  trigger: ShippingReportTrigger;
  scheduledFor?: Date;
  batch: number;
  rows: ReportOrderRow[];
  statisticsRows?: StatisticsRow[];
  platform: Record<string, unknown>;
}

/** One claim (a tick, or a run now): what every account's runs share. */
interface Claim {
  trigger: ShippingReportTrigger;
  scheduledFor?: Date;
  platform: Record<string, unknown>;
  /** A scheduled claim whose tick row is not inserted yet: its first transaction inserts it. */
  tickPending: boolean;
  created: string[];
  onCreated?: (runId: string, payload: Buffer) => Promise<void>;
}

/**
 * The claim: one delivery report per merchant account (ReportAccountsService), each with that account's
 * shipped, not yet reported orders that no pending run holds (in `daily` mode; none in `realtime` mode,
 * where shipments go by Order Update) and its statistics. An account's orders are claimed in keyset
 * pages of `batchSize`, one transaction per page under a transaction-level advisory lock: one statement
 * inserts a narrow `shipping_report_claims` row (order, run, version) per order and returns the orders'
 * current data; the page's report is written from that data and stored, as it will be sent, in a
 * `shipping_reports` row (a "run") of that account. A scheduled claim first inserts its
 * `(job, scheduled_for)` tick row: the replicas that lose that insert create nothing.
 */
@Injectable()
export class ShippingReportClaimService {
  private readonly logger = new Logger(ShippingReportClaimService.name);

  constructor(
    private readonly reports: ShippingReportRepository,
    private readonly accounts: ReportAccountsService,
    private readonly orders: OrderRepository,
    private readonly lifecycle: OrderLifecycleService,
    private readonly transactions: TransactionRunner,
    private readonly config: AppConfig,
  ) {}

  /**
   * Creates the runs (at least one per account in force: seQura wants a report every day, even an empty
   * one) and claims their orders, account after account, one transaction per batch (run row, claims and
   * body together), each under the claim lock. A scheduled claim's first transaction also inserts the
   * tick row: a replica that loses that insert creates nothing. `onCreated` is given each run, with its
   * stored body, once committed; the next page is claimed when it resolves. `account`: that account's
   * runs only (a person retrying one account's failed run). Public so a test can stop here, as a killed
   * process would.
   */
  async createRuns(
    trigger: ShippingReportTrigger,
    scheduledFor?: Date,
    onCreated?: (runId: string, payload: Buffer) => Promise<void>,
    account?: string,
  ): Promise<ShippingReport[]> {
    const claim: Claim = {
      trigger,
      scheduledFor,
      platform: platformInfo(await this.reports.serverVersion()),
      tickPending: scheduledFor !== undefined,
      created: [],
      onCreated,
    };
    for (const merchantId of account ? [account] : await this.accounts.accountsToReport()) {
      if (!(await this.claimAccount(claim, merchantId))) break;
    }
    return this.reports.findRuns(claim.created);
  }

  /** One account's runs, batch after batch. False when another replica already took this tick. */
  private async claimAccount(claim: Claim, merchantId: string): Promise<boolean> {
    const { statistics, batchSize, mode } = this.config.shippingReport;
    // realtime: every shipment went by Order Update; the report carries statistics only.
    const reportsOrders = mode === 'daily';
    const statisticsPages = new StatisticsPages(
      (after) => this.reports.statisticsPage(merchantId, after, batchSize + 1),
      batchSize,
      statistics,
    );
    let page: ClaimedPage = {
      runId: '',
      rows: [],
      orderCursor: '0',
      moreOrders: reportsOrders,
      moreStatistics: statistics,
    };
    try {
      for (let batch = 1; batch === 1 || page.moreOrders || page.moreStatistics; batch++) {
        const claimed = await this.transactions.run(async (tx) => {
          await this.reports.lockClaims(tx);
          if (claim.tickPending) {
            if (!(await this.reports.insertTick(tx, SHIPPING_REPORT_JOB, claim.scheduledFor!))) return null;
          }
          const next = await this.claimNext(tx, merchantId, page, statisticsPages);
          const payload = await this.insertRun(tx, {
            id: next.runId,
            merchantId,
            trigger: claim.trigger,
            scheduledFor: claim.scheduledFor,
            batch,
            rows: next.rows,
            statisticsRows: next.statisticsRows,
            platform: claim.platform,
          });
          // Only where the next batch starts is kept: the rows are garbage from here on (while this
          // commits and the body waits to be sent), which keeps them out of the old generation.
          return { page: { ...next, rows: [], statisticsRows: undefined }, payload };
        });
        if (!claimed) return false;
        claim.tickPending = false;
        page = claimed.page;
        claim.created.push(page.runId);
        await claim.onCreated?.(page.runId, claimed.payload);
      }
    } finally {
      await statisticsPages.settled();
    }
    return true;
  }

  /**
   * Claims the batch after `previous` of an account for a new run: its orders (if any are left) and its
   * statistics page (if on and any are left).
   */
  private async claimNext(
    tx: Tx,
    merchantId: string,
    previous: ClaimedPage,
    statisticsPages: StatisticsPages,
  ): Promise<ClaimedPage> {
    const runId = randomUUID();
    const { batchSize, statistics } = this.config.shippingReport;
    // A page of orders all held by pending runs claims none: the next one is looked at, for this run.
    let claimed = { rows: [] as ReportOrderRow[], more: previous.moreOrders, cursor: previous.orderCursor };
    while (claimed.rows.length === 0 && claimed.more) {
      const page = await this.reports.claimPage(tx, runId, merchantId, claimed.cursor, batchSize);
      claimed = { ...page, cursor: page.cursor ?? claimed.cursor };
    }
    const statisticsPage = previous.moreStatistics ? await statisticsPages.take() : { rows: [], more: false };
    return {
      runId,
      rows: claimed.rows,
      statisticsRows: statistics ? statisticsPage.rows : undefined,
      orderCursor: claimed.cursor,
      moreOrders: claimed.more,
      moreStatistics: statisticsPage.more,
    };
  }

  /**
   * Writes a run's body from its claimed rows and stores the run; returns the body as stored (UTF-8
   * JSON). An order whose data cannot be reported is left out of it (see {@link leaveOut}).
   */
  private async insertRun(tx: Tx, run: RunSource): Promise<Buffer> {
    const { json, orderCount, brokenRefs, unreportable, statisticsCount, skippedStatisticsRefs } = writeDeliveryReport({
      merchantId: run.merchantId,
      rows: run.rows,
      statisticsRows: run.statisticsRows,
      platform: run.platform,
      timeZone: this.config.shippingReport.timeZone,
    });
    await this.reports.insertRun(tx, {
      id: run.id,
      sequraMerchantId: run.merchantId,
      trigger: run.trigger,
      scheduledFor: run.scheduledFor,
      batch: run.batch,
      orderCount,
      brokenOrderCount: brokenRefs.length,
      statisticsCount,
      payload: await compressPayload(json),
    });
    await this.leaveOut(tx, run.id, unreportable);
    if (skippedStatisticsRefs.length > 0) {
      this.logger.warn(
        `Shipping report ${run.id}: ${skippedStatisticsRefs.length} order(s) left out of the statistics, their ` +
          `stored amount is not an integer within bounds: ${skippedStatisticsRefs.join(', ')}`,
      );
    }
    if (brokenRefs.length > 0) {
      this.logger.warn(
        `Shipping report ${run.id} (${run.merchantId}): ${brokenRefs.length} order(s) whose cart lines do not ` +
          `add up to the total go in broken_orders: ${brokenRefs.join(', ')}`,
      );
    }
    return json;
  }

  /**
   * Orders claimed for the run whose data cannot go in a report (neither `orders` nor
   * `broken_orders`): one such order must never fail the report of every other. Each is released from
   * the run, marked so the claim passes it over until it changes again, and noted in its history
   * with the reason; the reason (fields and bounds, never values) and the reference are logged.
   */
  private async leaveOut(tx: Tx, runId: string, unreportable: UnreportableOrder[]): Promise<void> {
    if (unreportable.length === 0) return;
    await this.reports.releaseOrderClaims(
      tx,
      runId,
      unreportable.map((o) => o.id),
    );
    await this.orders.markUnreportable(tx, unreportable);
    for (const order of unreportable) {
      await this.lifecycle.note(
        tx,
        { id: order.id, state: 'shipped' },
        { type: 'report_skipped', shippingReportId: runId, reason: order.reason },
      );
      this.logger.error(
        `Shipping report ${runId}: order ${order.order_ref_1} left out, its data cannot be reported: ` +
          `${order.reason}. It is reported again once it changes (see its history).`,
      );
    }
  }
}
