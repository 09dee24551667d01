import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';

/** Query parameters whose values are secrets (the report trigger token, signatures). */
const SECRET_QUERY = /([?&](?:token|signature|m_signature|key)=)[^&]*/gi;

export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_QUERY, '$1[redacted]');
}

/**
 * Structured JSON logs with the request id Fastify assigns (see app.factory.ts). Bodies are
 * never logged, so personal data and seQura signatures in them cannot leak; secret headers and query
 * values are redacted.
 */
export function loggerParams(level: string): Params {
  return {
    // nestjs-pino's default route pattern ('{/*splat}') matches nothing on Nest 12's Fastify adapter
    // (no request was logged); '*' does.
    forRoutes: [{ path: '*', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-actor"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
          userAgent: req.headers?.['user-agent'],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
