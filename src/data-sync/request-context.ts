import type { FastifyRequest } from 'fastify';
import type { EditContext } from './data-sync.service.js';

/** The audit context of a request: the caller's actor string and the request id the logs carry. */
export function editContext(actor: string, request: FastifyRequest): EditContext {
  // pino-http (nestjs-pino) stamps its id, taken from X-Request-Id when a proxy sets one, on the raw request.
  const logged = (request.raw as { id?: unknown }).id;
  const requestId = typeof logged === 'string' ? logged : String(request.id ?? '');
  return { actor, requestId: requestId ? requestId.slice(0, 128) : null };
}
