import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { FieldError } from '../common/domain-errors.js';
import type { Order } from '../orders/order.entity.js';
import type { WebhookKind } from './webhook-event.entity.js';

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
 * not replayed to repeats, which are processed afresh (a 503, a cancel `retry`).
 */
export interface WebhookOutcome {
  status: number;
  json?: unknown;
  final: boolean;
}

/**
 * A strategy for one event key. It runs inside the transaction that holds the order's row lock
 * (so it receives the locked order and the transaction's EntityManager) and changes the order only
 * through OrderLifecycleService. Throwing a DomainError rolls everything back and answers its
 * status (not final): ServiceUnavailableError is how a handler asks seQura to retry.
 */
export interface WebhookStrategy {
  /** Form fields, beyond kind, name and references, that make two requests different events. */
  readonly dedupeFields?: readonly string[];
  /** Checks event-specific fields before anything is touched; problems answer 400. */
  validate?(notification: WebhookNotification): FieldError[];
  handle(notification: WebhookNotification, order: Order, tx: EntityManager): Promise<WebhookOutcome>;
}

export interface WebhookHandlerKey {
  kind: WebhookKind;
  name: string;
}

export const webhookHandlerKey = (kind: WebhookKind, name: string) => `${kind}:${name}`;

/** Discovery marker read by WebhookHandlerRegistry; use {@link WebhookHandler}. */
export const WebhookHandlerMarker = DiscoveryService.createDecorator<WebhookHandlerKey>();

/**
 * Registers a class as the handler of one event (`'event'`, e.g. `cancel`) or IPN state (`'ipn'`,
 * e.g. `approved`). Adding an event = one class with this decorator, listed in WEBHOOK_HANDLERS.
 */
export const WebhookHandler = (kind: WebhookKind, name: string) => applyDecorators(Injectable(), WebhookHandlerMarker({ kind, name }));

export const ok = (json?: unknown): WebhookOutcome => ({ status: 200, json, final: true });

/** 410 Gone: seQura's documented "the shop refuses this order-status update" (it does not retry). */
export const refused = (message: string, extra: Record<string, unknown> = {}): WebhookOutcome => ({
  status: 410,
  json: { statusCode: 410, error: 'Gone', message, ...extra },
  final: true,
});
