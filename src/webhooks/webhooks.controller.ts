import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import type { WebhookKind } from './webhook-event.entity.js';
import { markRecorded, SEQURA_WEBHOOK } from './webhook-route-options.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * seQura's two callbacks. Public: authenticated by the signature handed out with the order
 * (`signature` on the IPN, `m_signature` on events), not by an API key. The body is a form that
 * Nest's Fastify adapter parses; it reaches the service as-is (no DTO: seQura adds fields freely).
 */
@ApiTags('webhooks')
@Public()
@Controller('webhooks/sequra')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('ipn')
  @RouteConfig({ [SEQURA_WEBHOOK]: 'ipn' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({ summary: 'seQura IPN (notify_url): sq_state approved | needs_review' })
  async ipn(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    await this.answer('ipn', request, reply, body);
  }

  @Post('events')
  @RouteConfig({ [SEQURA_WEBHOOK]: 'event' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({ summary: 'seQura events webhook: cancelled, cancel, denied, risk_assessment' })
  async events(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    await this.answer('event', request, reply, body);
  }

  private async answer(kind: WebhookKind, request: FastifyRequest, reply: FastifyReply, body: unknown): Promise<void> {
    const answer = await this.webhooks.receive(kind, request.headers['content-type'], body, request.ip);
    markRecorded(request);
    if (answer.retryAfterSeconds !== undefined) void reply.header('retry-after', answer.retryAfterSeconds);
    // Always JSON; '' is the empty body seQura expects for notifications.
    await reply.status(answer.status).header('content-type', 'application/json; charset=utf-8').send(answer.body);
  }
}
