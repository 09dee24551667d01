import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { RISK_LEVELS } from '../handlers/risk-assessment-event.handler.js';
import type { WebhookKind } from '../webhook-event.entity.js';
import { DOCUMENTED_WEBHOOKS } from '../webhook-handler.js';

/**
 * seQura's two form bodies and our answers, for the OpenAPI document only: the controller reads the
 * form itself (`webhook-form.ts`), since seQura adds fields freely. Values from seQura's documentation
 * (see `../shared/reference/sequra-integration-notes.md` §3 and §4).
 */

const SIGNATURE_EXAMPLE = 'mZb1n1wPqvE6g2X3oQ0pUq8Yx7bq3m3J0w1r2s3t4u8';

@ApiSchema({
  name: 'SequraIpnForm',
  description:
    'The IPN seQura posts to `notify_url`: its own fields plus our `notification_parameters` (`signature`, ' +
    '`order`) as given at registration. Other fields are accepted and stored.',
})
export class IpnFormDoc {
  @ApiProperty({ description: "seQura's order uuid", example: 'd168f9bc-de62-4635-be52-0f0c0a5903aa' })
  order_ref: string;

  @ApiProperty({
    enum: DOCUMENTED_WEBHOOKS.ipn,
    description: 'other values answer 501 `{"error": "Unknown event \'<name>\'"}`',
    example: 'approved',
  })
  sq_state: string;

  @ApiPropertyOptional({
    description: "the shop's order reference, if known; else `order` names it",
    example: 'QWER1234',
  })
  order_ref_1?: string;

  @ApiPropertyOptional({ description: 'the seQura product', example: 'i1' })
  product_code?: string;

  @ApiPropertyOptional({ description: 'with sq_state=approved: how long it has been approved', example: '3' })
  approved_since?: string;

  @ApiPropertyOptional({ description: 'with sq_state=needs_review', example: '3' })
  needs_review_since?: string;

  @ApiProperty({ description: 'our notification parameter: the signature of order_ref_1', example: SIGNATURE_EXAMPLE })
  signature: string;

  @ApiPropertyOptional({ description: 'our notification parameter: order_ref_1', example: 'QWER1234' })
  order?: string;
}

@ApiSchema({
  name: 'SequraEventForm',
  description:
    "seQura's events webhook: its default fields, the event's own field, and our `events_webhook.parameters` " +
    'with an `m_` prefix (`m_signature`, `m_order`). Other fields are accepted and stored.',
})
export class EventFormDoc {
  @ApiPropertyOptional({ example: 'UTF-8' })
  charset?: string;

  @ApiPropertyOptional({ description: 'must be `√`: anything else means the body was re-encoded (400)', example: '√' })
  utf8?: string;

  @ApiProperty({
    enum: DOCUMENTED_WEBHOOKS.event,
    description: 'other values answer 501 `{"error": "Unknown event \'<name>\'"}`',
    example: 'cancel',
  })
  event: string;

  @ApiPropertyOptional({ description: "the shop's order reference; else `m_order` names it", example: 'QWER1234' })
  order_ref_1?: string;

  @ApiPropertyOptional({ example: '""' })
  order_ref_2?: string;

  @ApiProperty({ description: "seQura's order uuid", example: 'ca412138-0af6-4079-a92d-24f7a0ffb18a' })
  order_ref: string;

  @ApiProperty({ description: 'our parameter `signature`, prefixed', example: SIGNATURE_EXAMPLE })
  m_signature: string;

  @ApiPropertyOptional({ description: 'our parameter `order` (order_ref_1), prefixed', example: 'QWER1234' })
  m_order?: string;

  @ApiPropertyOptional({
    description: 'with event=cancel: where seQura takes the answer to a cancellation request',
    example: 'https://sandbox.sequrapi.com/orders/ca412138-0af6-4079-a92d-24f7a0ffb18a/cancellation_requests/1',
  })
  cancellation_request_url?: string;

  @ApiPropertyOptional({
    pattern: '^[a-z_]{1,64}$',
    description:
      `with event=risk_assessment (required there): ${RISK_LEVELS.join(', ')}; another lower-case word is stored ` +
      'as sent, with a note for staff; anything else 400',
    example: 'low_risk',
  })
  risk_level?: string;
}

@ApiSchema({
  name: 'CancelAnswer',
  description:
    'The answer to a `cancel` event: `cancelled` (done, or already), `toolate` with `since` (minutes since the ' +
    'shipment, or past the cancel window), or `retry` (the order is being picked; seQura asks again)',
})
export class CancelAnswerDoc {
  @ApiProperty({ enum: ['cancelled', 'toolate', 'retry'], example: 'cancelled' })
  result: 'cancelled' | 'toolate' | 'retry';

  @ApiPropertyOptional({ description: 'with `toolate`: minutes', example: 95 })
  since?: number;
}

@ApiSchema({ name: 'UnknownEventError', description: "seQura's documented answer to an unknown event or state (501)" })
export class UnknownEventDoc {
  @ApiProperty({ example: "Unknown event 'order_updated'" })
  error: string;
}

const WEBHOOK_KINDS: WebhookKind[] = ['ipn', 'event'];

@ApiSchema({ name: 'WebhookEvent', description: 'One request seQura sent, as stored, and our answer' })
export class WebhookEventView {
  @ApiProperty({ example: '12' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  received_at: string;

  @ApiProperty({ enum: WEBHOOK_KINDS })
  kind: WebhookKind;

  @ApiProperty({ type: String, nullable: true, description: 'sq_state or event', example: 'approved' })
  event: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'QWER1234' })
  order_ref_1: string | null;

  @ApiProperty({ type: String, nullable: true })
  order_ref_2: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'd168f9bc-de62-4635-be52-0f0c0a5903aa' })
  order_ref: string | null;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description: 'the form as received, without the signatures',
    example: { order_ref: 'd168f9bc-de62-4635-be52-0f0c0a5903aa', sq_state: 'approved', order_ref_1: 'QWER1234' },
  })
  payload: Record<string, unknown> | null;

  @ApiProperty({ description: 'the HTTP status we answered', example: 200 })
  status: number;

  @ApiProperty({ type: String, nullable: true, description: 'our answer, byte for byte', example: '' })
  response_body: string | null;

  @ApiProperty({ description: 'a settled answer, replayed to repeats' })
  final: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'the request this one repeated' })
  replay_of: string | null;
}

@ApiSchema({ name: 'WebhookEventList' })
export class WebhookEventList {
  @ApiProperty({ type: [WebhookEventView] })
  data: WebhookEventView[];
}
