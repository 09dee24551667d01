import { Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';
import { ListShippingReportsQuery } from './dto/list-shipping-reports.query.js';
import {
  ShippingReportDetailView,
  ShippingReportPage,
  ShippingReportPreview,
  ShippingReportRuns,
} from './dto/shipping-report-view.dto.js';
import { ShippingReportReadService } from './shipping-report-read.service.js';
import { toShippingReportView } from './shipping-report-view.js';
import { ShippingReportService } from './shipping-report.service.js';

/** Delivery reports to seQura: run one now, see what was sent and what seQura answered. Service or admin key. */
@ApiTags('shipping-reports')
@Controller('shipping-reports')
export class ShippingReportsController {
  constructor(
    private readonly reports: ShippingReportService,
    private readonly reads: ShippingReportReadService,
  ) {}

  /** Runs a report now (what the plugin's `/triggerreport` cron URL did): one run per batch, each sent once. */
  @Post()
  @ApiOperation({
    operationId: 'runShippingReport',
    summary: 'Run a delivery report now',
    description:
      "What the plugin's `/triggerreport` cron URL did: every shipped order not yet reported, one run per batch, " +
      'each POSTed to seQura once. A run seQura could not take now stays `pending` and is retried.',
  })
  @ApiCreatedResponse({ type: ShippingReportRuns })
  async runNow(): Promise<ShippingReportRuns> {
    const runs = await this.reports.runNow();
    return { data: runs.map((r) => toShippingReportView(r)) };
  }

  @Get()
  @ApiOperation({ operationId: 'listShippingReports', summary: 'Report runs, newest first' })
  @ApiOkResponse({ type: ShippingReportPage })
  @ApiErrors({
    400: {
      description: 'A query parameter is not valid',
      message: 'Validation failed: status',
      extra: {
        errors: [{ field: 'status', messages: ['status must be one of the following values: pending, sent, failed'] }],
      },
    },
  })
  async list(@Query() query: ListShippingReportsQuery): Promise<ShippingReportPage> {
    const page = await this.reads.list(query);
    return { data: page.runs.map((r) => toShippingReportView(r)), next_cursor: page.nextCursor };
  }

  /** Declared before `:id` so it is never read as an id (the uuid pipe would refuse it anyway). */
  @Get('preview')
  @ApiOperation({
    operationId: 'previewShippingReport',
    summary: 'What a run would send now',
    description: 'The totals and the first batch’s exact body; claims and sends nothing.',
  })
  @ApiOkResponse({ type: ShippingReportPreview })
  preview(): Promise<ShippingReportPreview> {
    return this.reads.preview();
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'the run' })
  @ApiOperation({ operationId: 'getShippingReport', summary: 'One run with the exact body sent and seQura’s answer' })
  @ApiOkResponse({ type: ShippingReportDetailView })
  @ApiErrors({
    400: { description: '`id` is not a uuid', message: 'Validation failed (uuid is expected)' },
    404: {
      description: 'No run with this id',
      message: "Shipping report '0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59' not found",
      extra: { id: '0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59' },
    },
  })
  async get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ShippingReportDetailView> {
    return toShippingReportView(await this.reads.get(id), { withPayload: true }) as ShippingReportDetailView;
  }
}
