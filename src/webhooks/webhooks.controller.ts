import { applyDecorators, Body, Controller, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import { ApiErrors, EMPTY_BODY_EXTENSION, TOO_MANY_AUTH_FAILURES } from '../common/api-docs.js';
import { CancelAnswerDoc, EventFormDoc, IpnFormDoc, UnknownEventDoc } from './dto/webhook-docs.dto.js';
import type { WebhookKind } from './webhook-event.entity.js';
import { markRecorded, SEQURA_WEBHOOK } from './webhook-route-options.js';
import { WebhooksService } from './webhooks.service.js';

/** The answers both webhooks share (their 200s differ). */
const ApiWebhookAnswers = () =>
  applyDecorators(
    ApiConsumes('application/x-www-form-urlencoded'),
    ApiErrors({
      400: {
        description: 'A field is missing or given twice, or `utf8` is not `√`: nothing changed',
        message: 'Validation failed: order_ref',
        extra: { errors: [{ field: 'order_ref', messages: ['order_ref is required'] }] },
      },
      403: {
        description: 'The signature is missing or wrong: nothing changed',
        message: 'Missing or invalid signature',
      },
      404: {
        description:
          'No order with this order_ref_1; or (IPN) a seQura order that is not the latest one the order’s checkout ' +
          'started (replaced by a later one): nothing changed, as seQura’s core answers; seQura does not retry',
        message: "Order 'QWER1234' not found",
        extra: { order_ref_1: 'QWER1234' },
      },
      413: { description: 'The body is over 64 KiB', message: 'Request body is too large' },
      429: {
        ...TOO_MANY_AUTH_FAILURES,
        description:
          'Too many wrong signatures from this address in a minute: nothing changed; retry after Retry-After',
      },
      415: {
        description: 'The body is not a form',
        message: 'Expected Content-Type application/x-www-form-urlencoded',
      },
      503: {
        description:
          'The database or seQura is unavailable (or refused our credentials): nothing changed; seQura retries',
        message: 'seQura is unavailable; retry later',
      },
    }),
    ApiResponse({
      status: 501,
      description: "An IPN state or event seQura does not document: seQura's own answer, nothing changed",
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(UnknownEventDoc) },
          example: { error: "Unknown event 'order_updated'" },
        },
      },
    }),
  );

/**
 * seQura's two callbacks. Public: authenticated by the signature handed out with the order
 * (`signature` on the IPN, `m_signature` on events), not by an API key. The body is a form that
 * Nest's Fastify adapter parses; it reaches the service as-is (no DTO: seQura adds fields freely).
 */
@ApiTags('webhooks')
@Public()
@ApiExtraModels(IpnFormDoc, EventFormDoc, CancelAnswerDoc, UnknownEventDoc)
@Controller('webhooks/sequra')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('ipn')
  @RouteConfig({ [SEQURA_WEBHOOK]: 'ipn' })
  @ApiOperation({
    operationId: 'receiveSequraIpn',
    summary: 'seQura IPN (notify_url): sq_state approved | needs_review',
    description:
      'Before answering, the order is confirmed (approved) or put on hold (needs_review) with seQura. Every request ' +
      'is stored with its answer; a repeat gets the same answer with no second effect.',
  })
  @ApiBody({ type: IpnFormDoc })
  @ApiWebhookAnswers()
  @ApiResponse({ status: 200, description: 'Acknowledged (or a repeat): an empty body' })
  @ApiErrors({
    410: {
      description:
        'The shop refuses the update (the order is cancelled or denied, already paid with another seQura order, or ' +
        'seQura refused our acknowledgement): seQura does not retry',
      message: 'Order is cancelled',
      extra: { state: 'cancelled' },
    },
  })
  async ipn(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() body: unknown): Promise<void> {
    await this.answer('ipn', request, reply, body);
  }

  @Post('events')
  @RouteConfig({ [SEQURA_WEBHOOK]: 'event' })
  @ApiOperation({
    operationId: 'receiveSequraEvent',
    summary: 'seQura events webhook: cancelled, cancel, denied, risk_assessment',
    description:
      'Every request is stored with its answer; a repeat of a settled event gets the same answer with no second ' +
      'effect (a `retry` answer is not settled: seQura asks again).',
  })
  @ApiBody({ type: EventFormDoc })
  @ApiWebhookAnswers()
  @ApiResponse({
    status: 200,
    description:
      'Done: an empty body for `cancelled`, `denied` and `risk_assessment`; for `cancel`, the result of the ' +
      'cancellation request',
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(CancelAnswerDoc) },
        examples: {
          cancelled: { summary: 'cancelled (or already)', value: { result: 'cancelled' } },
          toolate: { summary: 'shipped 95 minutes ago', value: { result: 'toolate', since: 95 } },
          retry: { summary: 'being picked: ask again later', value: { result: 'retry' } },
        },
      },
    },
    [EMPTY_BODY_EXTENSION]: true,
  } as Parameters<typeof ApiResponse>[0])
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
