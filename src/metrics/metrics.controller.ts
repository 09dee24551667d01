import { Controller, Get, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFailureLimiter } from '../auth/auth-failure-limiter.js';
import { Public } from '../auth/auth.decorators.js';
import { matchesDigest, sha256 } from '../common/digest.js';
import { ApiErrors, TOO_MANY_AUTH_FAILURES } from '../common/api-docs.js';
import { TooManyAuthFailuresError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { MetricsRegistry } from './metrics-registry.js';

/**
 * `GET /metrics`, Prometheus text format: this replica's series, and the database-backed gauges as
 * read at this scrape. Public like `/health` unless `METRICS_TOKEN` is set, then it needs
 * `Authorization: Bearer <METRICS_TOKEN>` (API keys are not accepted: a scraper needs no API access).
 */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly tokenDigest?: Buffer;

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly authFailures: AuthFailureLimiter,
    config: AppConfig,
  ) {
    this.tokenDigest = config.metricsToken ? sha256(config.metricsToken) : undefined;
  }

  @Get()
  @ApiOperation({
    operationId: 'metrics',
    summary: 'Prometheus metrics (Bearer METRICS_TOKEN when that is set)',
    description:
      "This replica's series and the database-backed gauges as read at this scrape. Public unless `METRICS_TOKEN` " +
      'is set; then it needs `Authorization: Bearer <METRICS_TOKEN>` (API keys are not accepted).',
  })
  @ApiResponse({
    status: 200,
    description: 'The Prometheus text exposition format',
    content: {
      'text/plain': {
        schema: { type: 'string' },
        example: '# HELP http_requests_total HTTP requests answered\n# TYPE http_requests_total counter\n',
      },
    },
  })
  @ApiErrors({
    401: {
      description: '`METRICS_TOKEN` is set and the request does not carry it',
      message: 'Missing or invalid metrics token: send Authorization: Bearer <METRICS_TOKEN>',
    },
    429: TOO_MANY_AUTH_FAILURES,
  })
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (this.tokenDigest) {
      const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
      if (!match || !matchesDigest(match[1].trim(), this.tokenDigest)) {
        const retryAfter = await this.authFailures.fail(request.ip);
        if (retryAfter !== undefined) throw new TooManyAuthFailuresError(retryAfter);
        throw new UnauthorizedException('Missing or invalid metrics token: send Authorization: Bearer <METRICS_TOKEN>');
      }
    }
    const text = await this.metrics.render();
    await reply.header('content-type', this.metrics.contentType).header('cache-control', 'no-store').send(text);
  }
}
