import { Controller, Get, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFailureLimiter } from '../auth/auth-failure-limiter.js';
import { Public } from '../auth/auth.decorators.js';
import { matchesDigest, sha256 } from '../common/digest.js';
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
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics (Bearer METRICS_TOKEN when that is set)' })
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
