import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DomainError, TooManyAuthFailuresError } from './domain-errors.js';

/**
 * SQLSTATE codes (and socket errors) that mean "the database cannot answer right now", not "the
 * request is wrong": gone or restarting, out of connections, or too slow (a statement cancelled by
 * `statement_timeout` or a lock wait, a session ended by `idle_in_transaction_session_timeout`).
 */
const UNAVAILABLE_CODES = new Set([
  '57014',
  '25P03',
  '55P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

const UNAVAILABLE_MESSAGES = new RegExp(
  [
    'Connection terminated',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error',
    'connect ECONNREFUSED',
    'Query read timeout',
    'timeout expired',
  ].join('|'),
  'i',
);

/**
 * PostgreSQL cannot store U+0000 in text (22021) or jsonb (22P05): a value from the request that
 * validation let through. The request is wrong, not the server (400).
 */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

export function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code !== undefined && UNSTORABLE_TEXT_CODES.has(code);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  // TypeORM releases a transaction's connection as soon as PostgreSQL drops it (e.g. a restart); the
  // transaction's next statement or its COMMIT then fails with one of these instead of the connection error.
  if (error instanceof QueryRunnerProviderAlreadyReleasedError || error instanceof QueryRunnerAlreadyReleasedError)
    return true;
  // node-postgres: the pool or the connection gave up waiting (DB_CONNECT_TIMEOUT_MS), a query took longer
  // than DB_QUERY_TIMEOUT_MS, or the connection was closed under a query.
  return UNAVAILABLE_MESSAGES.test(e.message ?? '');
}

/** An HTTP exception's `message` as text: a string as itself, none as `fallback`, anything else as JSON. */
function messageText(message: unknown, fallback: string): string {
  if (message === undefined || message === null) return fallback;
  return typeof message === 'string' ? message : (JSON.stringify(message) ?? fallback);
}

/**
 * The one place errors become HTTP answers, always JSON `{statusCode, error, message, ...}`.
 * Domain errors carry their status; Nest's HTTP exceptions pass through; a lost database is a 503
 * (retry later); anything else is logged and answered 500 without internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const { status, body } = this.toResponse(exception, request);
    if (exception instanceof DomainError && exception.headers) void reply.headers(exception.headers);
    if (exception instanceof TooManyAuthFailuresError) void reply.header('retry-after', exception.retryAfterSeconds);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toResponse(exception: unknown, request: FastifyRequest): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      return { status: exception.status, body: this.body(exception.status, exception.message, exception.details) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null) {
        const { statusCode: _s, error: _e, message, ...rest } = response as Record<string, unknown>;
        return {
          status,
          body: this.body(
            status,
            Array.isArray(message) ? message.join('; ') : messageText(message, exception.message),
            rest,
          ),
        };
      }
      return { status, body: this.body(status, String(response)) };
    }
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return { status: fastifyStatus, body: this.body(fastifyStatus, (exception as Error).message) };
    }
    if (isUnstorableText(exception)) {
      return { status: 400, body: this.body(400, 'A text value contains a character that cannot be stored (U+0000)') };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(
        `Database unavailable during ${request.method} ${request.routeOptions?.url ?? ''}: ` +
          (exception as Error).message,
      );
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: this.body(503, 'The database is unavailable; retry later'),
      };
    }
    this.logger.error(
      `Unhandled error during ${request.method} ${request.routeOptions?.url ?? ''}: ${(exception as Error)?.message}`,
      (exception as Error)?.stack,
    );
    return { status: 500, body: this.body(500, 'Internal server error') };
  }

  private body(status: number, message: string, extra?: Record<string, unknown>): Record<string, unknown> {
    return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, ...extra };
  }
}
