import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/domain-errors.js';
import { decodeCursor, keysetPage } from '../common/keyset-cursor.js';
import { AppConfig } from '../config/app-config.js';
import { platformInfo } from '../sequra/sequra-client.js';
import { ListShippingReportsQuery } from './dto/list-shipping-reports.query.js';
import type { ShippingReportPreview } from './dto/shipping-report-view.dto.js';
import { StatisticsRow, writeDeliveryReport } from './shipping-report-payload.js';
import { ShippingReport } from './shipping-report.entity.js';
import { ShippingReportRepository } from './shipping-report.repository.js';
import { FIRST_STATISTICS_KEY } from './statistics-pages.js';

/** The read endpoints: what a run would send now, the runs, one run with its body. */
@Injectable()
export class ShippingReportReadService {
  constructor(
    private readonly reports: ShippingReportRepository,
    private readonly config: AppConfig,
  ) {}

  /** What a run would send now, without claiming anything: the first batch's body and the totals. */
  async preview(): Promise<ShippingReportPreview> {
    const { batchSize, statistics, timeZone, mode } = this.config.shippingReport;
    const platform = platformInfo(await this.reports.serverVersion());
    // realtime: shipments go by Order Update, the report carries statistics only.
    const rows = mode === 'daily' ? await this.reports.findUnreported(batchSize) : [];
    const backlog = await this.reports.countBacklog();
    const orders = mode === 'daily' ? backlog.orders : 0;
    const pending = backlog.pending;
    let statisticsRows: StatisticsRow[] | undefined;
    let statisticsCount = 0;
    if (statistics) {
      statisticsRows = await this.reports.statisticsPage(FIRST_STATISTICS_KEY, batchSize);
      statisticsCount = await this.reports.countStatistics();
    }
    // Written by the same code as a run's body.
    const { json, orderCount, brokenRefs, unreportable } = writeDeliveryReport({
      merchantId: this.config.sequra.merchantId,
      rows,
      statisticsRows,
      platform,
      timeZone,
    });
    return {
      order_count: orders,
      statistics_count: statisticsCount,
      batch_size: batchSize,
      batches: Math.max(1, Math.ceil(orders / batchSize), Math.ceil(statisticsCount / batchSize)),
      pending_runs: pending,
      first_batch: {
        order_count: orderCount,
        broken_order_count: brokenRefs.length,
        // Orders whose data cannot be reported: a run leaves them out, with a history note each.
        unreportable: unreportable.map((o) => ({ order_ref_1: o.order_ref_1, reason: o.reason })),
        payload: JSON.parse(json.toString('utf8')) as unknown,
      },
    };
  }

  /** Runs newest first, in keyset pages. */
  async list(query: ListShippingReportsQuery): Promise<{ runs: ShippingReport[]; nextCursor: string | null }> {
    const limit = query.limit ?? 50;
    const rows = await this.reports.listPage({
      status: query.status,
      trigger: query.trigger,
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
