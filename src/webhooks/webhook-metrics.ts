import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import type { WebhookKind } from './webhook-event.entity.js';
import { WEBHOOK_NAME_FIELD } from './webhook-form.js';
import { DOCUMENTED_WEBHOOKS } from './webhook-handler.js';

/** The `event` label of a request without a usable event name (missing, empty, repeated). */
export const NO_EVENT = 'none';
/** The `event` label of any name seQura does not document: the set of label values stays fixed. */
export const UNKNOWN_EVENT = 'unknown';

/**
 * The `event` label: a documented IPN state or event name as sent, else {@link UNKNOWN_EVENT} or
 * {@link NO_EVENT}. Whatever a client writes in the form, the label takes one of a fixed few values.
 */
export function webhookEventLabel(kind: WebhookKind, body: unknown): string {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[WEBHOOK_NAME_FIELD[kind]] : undefined;
  if (typeof value !== 'string' || value === '') return NO_EVENT;
  return (DOCUMENTED_WEBHOOKS[kind] as readonly string[]).includes(value) ? value : UNKNOWN_EVENT;
}

/** `sequra_webhook_requests_total{kind,event,status}`: every request to the webhook routes, refused ones included. */
@Injectable()
export class WebhookMetrics {
  private readonly requests;

  constructor(metrics: MetricsRegistry) {
    this.requests = metrics.counter({
      name: 'sequra_webhook_requests_total',
      help:
        'Requests to the seQura webhooks by kind (ipn, event), event name (documented ones; else unknown or none) ' +
        'and answer status',
      labelNames: ['kind', 'event', 'status'],
    });
  }

  count(kind: WebhookKind, body: unknown, status: number): void {
    this.requests.inc({ kind, event: webhookEventLabel(kind, body), status: String(status) });
  }
}
