import type { Type } from '@nestjs/common';
import type { FieldError } from '../common/domain-errors.js';
import type { Tx } from '../database/transaction-runner.js';
import type { Order } from '../orders/order.entity.js';
import type { WebhookKind } from './webhook-event.entity.js';

/**
 * The IPN states (`sq_state`) and events seQura documents. Each has exactly one handler: the
 * handler map is typed against these names, and the registry checks it again at boot.
 */
export const DOCUMENTED_WEBHOOKS = {
  ipn: ['approved', 'needs_review'],
  event: ['cancelled', 'cancel', 'denied', 'risk_assessment'],
} as const satisfies Record<WebhookKind, readonly string[]>;

export type WebhookName<K extends WebhookKind> = (typeof DOCUMENTED_WEBHOOKS)[K][number];

/** One authenticated request from seQura, read from its form body. */
export interface WebhookNotification {
  kind: WebhookKind;
  /** The event (`cancel`, `risk_assessment`…) or, for the IPN, the `sq_state` (`approved`, `needs_review`). */
  name: string;
  orderRef1: string;
  orderRef2: string | null;
  /** seQura's order uuid (`order_ref`). */
  sequraOrderRef: string;
  /** Every single-valued form field, signatures removed (e.g. `risk_level`, `cancellation_request_url`). */
  fields: Readonly<Record<string, string>>;
}

/**
 * What a handler answers. `json` undefined means an empty body (status 200 with no content is what
 * seQura expects for notifications). `final: false` means "seQura must ask again": the answer is
 * not replayed to repeats, which are processed afresh (a cancel `retry`).
 */
export interface WebhookOutcome {
  status: number;
  json?: unknown;
  final: boolean;
}

/**
 * The handler of one IPN state or event. It runs inside the transaction that holds the order's row
 * lock (so it receives the locked order and the transaction) and changes the order only through
 * OrderLifecycleService.
 *
 * One error channel, decided by what must happen to the transaction:
 * - every answer seQura is to get is **returned** as an outcome: 200s and refusals alike (a 410 from
 *   {@link refused}). It commits with what the handler wrote, e.g. the history note that explains a
 *   refusal, and a `final` outcome is replayed to repeats.
 * - a handler **throws** only to roll back and have seQura retry: `ServiceUnavailableError` (503,
 *   nothing changed, not final, so the retry is processed afresh). Any other DomainError would be
 *   answered the same way with its own status; anything else is a bug (500).
 */
export interface WebhookHandler {
  /** Form fields, beyond kind, name and references, that make two requests different events. */
  readonly dedupeFields?: readonly string[];
  /** Checks event-specific fields before anything is touched; problems answer 400. */
  validate?(notification: WebhookNotification): FieldError[];
  handle(notification: WebhookNotification, order: Order, tx: Tx): Promise<WebhookOutcome>;
}

/**
 * The one registration: a handler class (a Nest provider) for every documented name of each kind.
 * A missing name, or one seQura does not document, does not compile.
 */
export type WebhookHandlerMap = {
  readonly [K in WebhookKind]: { readonly [N in WebhookName<K>]: Type<WebhookHandler> };
};

export const ok = (json?: unknown): WebhookOutcome => ({ status: 200, json, final: true });

/** 410 Gone: seQura's documented "the shop refuses this order-status update" (it does not retry). */
export const refused = (message: string, extra: Record<string, unknown> = {}): WebhookOutcome => ({
  status: 410,
  json: { statusCode: 410, error: 'Gone', message, ...extra },
  final: true,
});

/**
 * 404: the seQura order is not one this shop keeps (seQura's core answers so for an unknown
 * `order_ref`); seQura takes it as delivered and does not retry.
 */
export const notFound = (message: string, extra: Record<string, unknown> = {}): WebhookOutcome => ({
  status: 404,
  json: { statusCode: 404, error: 'Not Found', message, ...extra },
  final: true,
});
