import { Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListShippingReportsQuery, PreviewShippingReportQuery } from './dto/list-shipping-reports.query.js';
import { ShippingReportReadService } from './shipping-report-read.service.js';
import { toShippingReportView } from './shipping-report-view.js';
import { ShippingReportService } from './shipping-report.service.js';

/** Delivery reports to seQura: run one now, see what was sent and what seQura answered. Service or admin key. */
@ApiTags('shipping-reports')
@ApiBearerAuth()
@Controller('shipping-reports')
export class ShippingReportsController {
  constructor(
    private readonly reports: ShippingReportService,
    private readonly reads: ShippingReportReadService,
  ) {}

  /**
   * Runs a report now (what the plugin's `/triggerreport` cron URL did): one report per merchant account,
   * one run per batch, each sent once.
   */
  @Post()
  async runNow() {
    const runs = await this.reports.runNow();
    return { data: runs.map((r) => toShippingReportView(r)) };
  }

  @Get()
  async list(@Query() query: ListShippingReportsQuery) {
    const page = await this.reads.list(query);
    return { data: page.runs.map((r) => toShippingReportView(r)), next_cursor: page.nextCursor };
  }

  /** Declared before `:id` so it is never read as an id (the uuid pipe would refuse it anyway). */
  @Get('preview')
  preview(@Query() query: PreviewShippingReportQuery) {
    return this.reads.preview(query.sequra_merchant_id);
  }

  @Get(':id')
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    return toShippingReportView(await this.reads.get(id), { withPayload: true });
  }
}
