import { Controller, Get, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFailureLimiter } from '../auth/auth-failure-limiter.js';
import { ApiErrors, TOO_MANY_AUTH_FAILURES } from '../common/api-docs.js';
import { Public } from '../auth/auth.decorators.js';
import { matchesDigest, sha256 } from '../common/digest.js';
import { ForbiddenError, NotFoundError, TooManyAuthFailuresError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { ShippingReportService } from './shipping-report.service.js';

/** HTTP 599, the plugin's answer when the report could not be delivered. */
const KO_STATUS = 599;

/**
 * `GET /triggerreport?token=…`: the seQura plugin's cron URL, for shops whose existing cron (or
 * seQura's) already calls it. Off (404) unless `REPORT_TRIGGER_TOKEN` is set. It answers like the
 * plugin: `ok` (200) when every run was delivered, `ko` (599) otherwise.
 */
@ApiTags('shipping-reports')
@Public()
@Controller('triggerreport')
export class TriggerReportController {
  private readonly logger = new Logger(TriggerReportController.name);
  private readonly tokenDigest?: Buffer;

  constructor(
    private readonly reports: ShippingReportService,
    private readonly authFailures: AuthFailureLimiter,
    config: AppConfig,
  ) {
    const token = config.shippingReport.triggerToken;
    this.tokenDigest = token ? sha256(token) : undefined;
  }

  @Get()
  @ApiOperation({
    operationId: 'triggerShippingReport',
    summary: 'Plugin-compatible cron URL: runs a report; plain `ok` (200) or `ko` (599)',
    description: 'Off (404) unless `REPORT_TRIGGER_TOKEN` is set; authenticated by that token, not by an API key.',
  })
  @ApiQuery({ name: 'token', required: true, description: 'REPORT_TRIGGER_TOKEN' })
  @ApiResponse({
    status: 200,
    description: 'Every run was delivered',
    content: { 'text/plain': { schema: { type: 'string', enum: ['ok'] }, example: 'ok' } },
  })
  @ApiResponse({
    status: KO_STATUS,
    description: 'Some run was not delivered (it stays pending and is retried), or the run failed',
    content: { 'text/plain': { schema: { type: 'string', enum: ['ko'] }, example: 'ko' } },
  })
  @ApiErrors({
    403: { description: 'The token is missing or wrong', message: 'Invalid token' },
    404: { description: '`REPORT_TRIGGER_TOKEN` is not set: the route is off', message: 'Not found' },
    429: TOO_MANY_AUTH_FAILURES,
  })
  async trigger(
    @Query('token') token: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!this.tokenDigest) throw new NotFoundError('Not found');
    if (typeof token !== 'string' || !matchesDigest(token, this.tokenDigest)) {
      const retryAfter = await this.authFailures.fail(request.ip);
      if (retryAfter !== undefined) throw new TooManyAuthFailuresError(retryAfter);
      throw new ForbiddenError('Invalid token');
    }
    let ok = false;
    try {
      const runs = await this.reports.runNow();
      ok = runs.length > 0 && runs.every((r) => r.status === 'sent');
    } catch (error) {
      this.logger.error(`triggerreport: the report run failed: ${(error as Error).message}`);
    }
    await reply
      .status(ok ? 200 : KO_STATUS)
      .header('content-type', 'text/plain; charset=utf-8')
      .send(ok ? 'ok' : 'ko');
  }
}
