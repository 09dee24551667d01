import { Injectable, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { AuthFailureLimiter } from '../auth/auth-failure-limiter.js';
import {
  DomainError,
  FieldError,
  OrderNotFoundError,
  tooManyAuthFailuresMessage,
  ValidationFailedError,
} from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { OrderLifecycleService } from '../orders/order-lifecycle.service.js';
import type { WebhookKind } from './webhook-event.entity.js';
import { WebhookEventRecord, WebhookEventRepository } from './webhook-event.repository.js';
import { dedupeKey } from './webhook-events.service.js';
import { isFormContentType, readWebhookForm, WebhookForm } from './webhook-form.js';
import type { WebhookNotification, WebhookOutcome } from './webhook-handler.js';
import { WebhookHandlerRegistry } from './webhook-handler.registry.js';
import { verifyOrderRefSignature } from './webhook-signature.js';

/** An HTTP answer: always `application/json`; `body` '' is an empty body. */
export interface WebhookAnswer {
  status: number;
  body: string;
  /** A 429's `Retry-After`. */
  retryAfterSeconds?: number;
}

/** The error shape of the whole API (see AllExceptionsFilter): `{statusCode, error, message, ...}`. */
function errorAnswer(status: number, message: string, details: Record<string, unknown> = {}): WebhookAnswer {
  const error = STATUS_CODES[status] ?? 'Error';
  return { status, body: JSON.stringify({ statusCode: status, error, message, ...details }) };
}

/** seQura's documented answer, byte for byte: `{"error": "Unknown event 'name'"}`, the name JSON-escaped. */
export function unknownEventAnswer(name: string): WebhookAnswer {
  return { status: 501, body: `{"error": ${JSON.stringify(`Unknown event '${name}'`)}}` };
}

const label = (n: WebhookNotification) => `${n.kind} '${n.name}' for order ${n.orderRef1}`;

const toAnswer = (outcome: WebhookOutcome): WebhookAnswer => ({
  status: outcome.status,
  body: outcome.json === undefined ? '' : JSON.stringify(outcome.json),
});

/**
 * The pipeline both endpoints share: content type, form, signature, handler lookup, then, under the
 * order's row lock, the idempotency check, the handler and the audit row, in one transaction.
 * Every request is stored with its answer, refused ones included.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly registry: WebhookHandlerRegistry,
    private readonly lifecycle: OrderLifecycleService,
    private readonly events: WebhookEventRepository,
    private readonly authFailures: AuthFailureLimiter,
  ) {}

  /** `clientAddress`: where the request came from, for the failed-authentication limit. */
  async receive(
    kind: WebhookKind,
    contentType: string | undefined,
    body: unknown,
    clientAddress: string,
  ): Promise<WebhookAnswer> {
    const form = readWebhookForm(kind, body);
    const refused = (answer: WebhookAnswer) => this.store(form, kind, answer);

    if (!isFormContentType(contentType)) {
      return refused(errorAnswer(415, 'Expected Content-Type application/x-www-form-urlencoded'));
    }
    if (form.errors.length > 0) {
      const error = new ValidationFailedError(form.errors);
      return refused(errorAnswer(400, error.message, error.details));
    }
    const notification = form.notification!;
    const secrets = [this.config.webhookSecret, this.config.webhookSecretPrevious];
    if (!verifyOrderRefSignature(secrets, notification.orderRef1, form.signature)) {
      this.logger.warn(`${label(notification)}: missing or wrong signature`);
      const retryAfter = await this.authFailures.fail(clientAddress);
      if (retryAfter === undefined) return refused(errorAnswer(403, 'Missing or invalid signature'));
      const answer = errorAnswer(429, tooManyAuthFailuresMessage(retryAfter), { retry_after_seconds: retryAfter });
      return refused({ ...answer, retryAfterSeconds: retryAfter });
    }
    const handler = this.registry.find(kind, notification.name);
    if (!handler) return refused(unknownEventAnswer(notification.name));
    const problems: FieldError[] = handler.validate?.(notification) ?? [];
    if (problems.length > 0) {
      const error = new ValidationFailedError(problems);
      return refused(errorAnswer(400, error.message, error.details));
    }

    const key = dedupeKey(notification, handler.dedupeFields);
    const record = (answer: WebhookAnswer): WebhookEventRecord => ({
      ...this.recordOf(form, kind, answer),
      dedupeKey: key,
    });
    try {
      return await this.lifecycle.withLockedOrder(notification.orderRef1, async (order, tx) => {
        const previous = await this.events.findFinal(tx, key);
        if (previous) {
          const answer = { status: previous.status, body: previous.responseBody ?? '' };
          await this.events.record({ ...record(answer), final: true, replayOf: previous.id }, tx);
          this.logger.log(`${label(notification)}: repeat of #${previous.id}, answered the same`);
          return answer;
        }
        // Every answer, a 410 refusal included, is returned and commits; a handler throws only to roll back.
        const outcome = await handler.handle(notification, order, tx);
        const answer = toAnswer(outcome);
        await this.events.record({ ...record(answer), final: outcome.final }, tx);
        this.logger.log(`${label(notification)}: ${answer.status}${answer.body ? ` ${answer.body}` : ''}`);
        return answer;
      });
    } catch (error) {
      // The transaction rolled back: nothing changed. Stored as an attempt, never as a final answer.
      if (!(error instanceof DomainError)) throw error;
      if (!(error instanceof OrderNotFoundError)) this.logger.warn(`${label(notification)}: ${error.message}`);
      const answer = errorAnswer(error.status, error.message, error.details);
      await this.events.record(record(answer));
      return answer;
    }
  }

  private async store(form: WebhookForm, kind: WebhookKind, answer: WebhookAnswer): Promise<WebhookAnswer> {
    await this.events.record(this.recordOf(form, kind, answer));
    return answer;
  }

  private recordOf(form: WebhookForm, kind: WebhookKind, answer: WebhookAnswer): WebhookEventRecord {
    return {
      kind,
      event: form.name,
      orderRef1: form.orderRef1,
      orderRef2: form.orderRef2,
      orderRef: form.sequraOrderRef,
      payload: form.payload,
      status: answer.status,
      responseBody: answer.body,
    };
  }
}
