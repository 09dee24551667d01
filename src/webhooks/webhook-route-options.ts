import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, onResponseHookHandler, RouteOptions } from 'fastify';
import type { WebhookKind } from './webhook-event.entity.js';
import { WebhookEventRepository } from './webhook-event.repository.js';
import { readWebhookForm, WEBHOOK_BODY_LIMIT } from './webhook-form.js';
import { WebhookMetrics } from './webhook-metrics.js';

/** `@RouteConfig({ [SEQURA_WEBHOOK]: 'ipn' })` marks a route as a seQura webhook endpoint. */
export const SEQURA_WEBHOOK = 'sequraWebhook';

/** Requests whose answer the controller has stored itself. */
const recorded = new WeakSet<FastifyRequest>();
export const markRecorded = (request: FastifyRequest) => recorded.add(request);

/**
 * Fastify options Nest has no decorator for, applied to the routes marked {@link SEQURA_WEBHOOK}
 * through an `onRoute` hook (added here, at construction, before Nest registers the routes):
 * - `bodyLimit` 64 KiB, so Fastify stops reading a bigger body and answers 413 (JSON, through the
 *   global exception filter) instead of buffering up to the app-wide 1 MiB;
 * - an `onSend` hook that stores the requests Fastify refused before the controller ran (413, a
 *   content type it cannot parse, a malformed body) and any unexpected 500, so every request is
 *   in `webhook_events`, refused ones included (not a 503: the database could not answer);
 * - an `onResponse` hook that counts every answer in `sequra_webhook_requests_total`.
 */
@Injectable()
export class WebhookRouteOptions {
  private readonly logger = new Logger(WebhookRouteOptions.name);

  constructor(adapterHost: HttpAdapterHost, events: WebhookEventRepository, metrics: WebhookMetrics) {
    const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.addHook !== 'function') return;
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const kind = (route.config as Record<string, unknown> | undefined)?.[SEQURA_WEBHOOK] as WebhookKind | undefined;
      if (!kind) return;
      route.bodyLimit = WEBHOOK_BODY_LIMIT;
      const storeUnrecorded = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
        // A 503 that reaches here is the database unable to answer (seQura retries): storing the request
        // would only wait on the database again and delay the answer.
        if (recorded.has(request) || reply.statusCode < 400 || reply.statusCode === 503) return payload;
        const form = readWebhookForm(kind, request.body);
        try {
          await events.record({
            kind,
            event: form.name,
            orderRef1: form.orderRef1,
            orderRef2: form.orderRef2,
            orderRef: form.sequraOrderRef,
            payload: form.payload,
            status: reply.statusCode,
            responseBody: typeof payload === 'string' ? payload : null,
          });
        } catch (error) {
          this.logger.error(`Could not store a refused ${kind} request: ${(error as Error).message}`);
        }
        return payload;
      };
      const existing = route.onSend ? (Array.isArray(route.onSend) ? route.onSend : [route.onSend]) : [];
      route.onSend = [...existing, storeUnrecorded];
      const count: onResponseHookHandler = (request, reply, done) => {
        metrics.count(kind, request.body, reply.statusCode);
        done();
      };
      const existingOnResponse = route.onResponse
        ? Array.isArray(route.onResponse)
          ? route.onResponse
          : [route.onResponse]
        : [];
      route.onResponse = [...existingOnResponse, count];
    });
  }
}
