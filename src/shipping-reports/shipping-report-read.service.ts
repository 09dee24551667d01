import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/domain-errors.js';
import { decodeCursor, keysetPage } from '../common/keyset-cursor.js';
import { AppConfig } from '../config/app-config.js';
import { platformInfo } from '../sequra/sequra-client.js';
import { ListShippingReportsQuery } from './dto/list-shipping-reports.query.js';
import type { ShippingReportPreview } from './dto/shipping-report-view.dto.js';
import { ReportAccountsService } from './report-accounts.service.js';
import { writeDeliveryReport } from './shipping-report-payload.js';
import { ShippingReport } from './shipping-report.entity.js';
import { ShippingReportRepository } from './shipping-report.repository.js';
import { FIRST_STATISTICS_KEY } from './statistics-pages.js';

/** The read endpoints: what a run would send now, the runs, one run with its body. */
@Injectable()
export class ShippingReportReadService {
  constructor(
    private readonly reports: ShippingReportRepository,
    private readonly accounts: ReportAccountsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * What a run would send now to one account, without claiming anything: the first batch's body and the
   * totals; and every account that gets a report, with its counts. The account: `merchantId`, else the
   * first with orders to report, else the first.
   */
  async preview(merchantId?: string): Promise<ShippingReportPreview> {
    const { batchSize, statistics, timeZone, mode } = this.config.shippingReport;
    const platform = platformInfo(await this.reports.serverVersion());
    const counts = await this.reports.countsByAccount();
    const countsOf = (id: string) => {
      const c = counts.get(id) ?? { orders: 0, statistics: 0 };
      // realtime: shipments go by Order Update, the report carries statistics only.
      return { orders: mode === 'daily' ? c.orders : 0, statistics: statistics ? c.statistics : 0 };
    };
    const accounts = await this.accounts.accountsToReport();
    const account = merchantId ?? accounts.find((id) => countsOf(id).orders > 0) ?? accounts[0] ?? null;
    const orders = account === null ? 0 : countsOf(account).orders;
    const statisticsCount = account === null ? 0 : countsOf(account).statistics;
    const rows = account !== null && orders > 0 ? await this.reports.findUnreported(account, batchSize) : [];
    const statisticsRows =
      account !== null && statistics
        ? await this.reports.statisticsPage(account, FIRST_STATISTICS_KEY, batchSize)
        : undefined;
    // Written by the same code as a run's body.
    const { json, orderCount, brokenRefs, unreportable } = writeDeliveryReport({
      merchantId: account ?? '',
      rows,
      statisticsRows,
      platform,
      timeZone,
    });
    return {
      sequra_merchant_id: account,
      order_count: orders,
      statistics_count: statisticsCount,
      batch_size: batchSize,
      batches: Math.max(1, Math.ceil(orders / batchSize), Math.ceil(statisticsCount / batchSize)),
      pending_runs: await this.reports.countPending(),
      first_batch: {
        order_count: orderCount,
        broken_order_count: brokenRefs.length,
        // Orders whose data cannot be reported: a run leaves them out, with a history note each.
        unreportable: unreportable.map((o) => ({ order_ref_1: o.order_ref_1, reason: o.reason })),
        payload: JSON.parse(json.toString('utf8')) as unknown,
      },
      accounts: accounts.map((id) => ({
        sequra_merchant_id: id,
        order_count: countsOf(id).orders,
        statistics_count: countsOf(id).statistics,
      })),
    };
  }

  /** Runs newest first, in keyset pages. */
  async list(query: ListShippingReportsQuery): Promise<{ runs: ShippingReport[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const rows = await this.reports.listPage({
      status: query.status,
      trigger: query.trigger,
      sequraMerchantId: query.sequra_merchant_id,
      beforeSeq: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    });
    const { page, nextCursor } = keysetPage(rows, limit);
    return { runs: page, nextCursor };
  }

  async get(id: string): Promise<ShippingReport> {
    const run = await this.reports.findWithPayload(id);
    if (!run) throw new NotFoundError(`Shipping report '${id}' not found`, { id });
    return run;
  }
}
