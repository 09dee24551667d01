import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MetricsRegistry } from './metrics-registry.js';

/** Methods an HTTP parser accepts are many; anything outside this set is counted as `OTHER`. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The label of a request that matched no route: its URL is whatever the client typed. */
export const UNMATCHED_ROUTE = 'unmatched';

/** The labels of one request: the route template (`/orders/:ref`), never the URL, which may carry a reference. */
export function httpLabels(
  request: FastifyRequest,
  reply: FastifyReply,
): { method: string; route: string; status: string } {
  return {
    method: METHODS.has(request.method) ? request.method : 'OTHER',
    route: request.routeOptions?.url ?? UNMATCHED_ROUTE,
    status: String(reply.statusCode),
  };
}

/**
 * `http_request_duration_seconds{method,route,status}`: every answered request, timed by Fastify
 * (`reply.elapsedTime`, from the request's arrival to the end of the answer), recorded in an
 * `onResponse` hook, after the answer has gone out. Added at construction, before Nest registers
 * the routes, so it covers all of them and the not-found handler.
 */
@Injectable()
export class HttpMetrics {
  constructor(adapterHost: HttpAdapterHost, metrics: MetricsRegistry) {
    const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.addHook !== 'function') return;
    const duration = metrics.histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status, from arrival to the end of the answer',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      duration.observe(httpLabels(request, reply), reply.elapsedTime / 1000);
      done();
    });
  }
}
