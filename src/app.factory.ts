import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { AppConfig } from './config/app-config.js';
import { createOpenApiDocument } from './openapi/openapi-document.js';

/**
 * Builds the application on Fastify. Shared by `main.ts` and the end-to-end tests, so the tests run
 * exactly what production runs. `config.databaseUrl` must be set (the embedded database, if any,
 * is already up).
 */
export async function createApp(
  config: AppConfig,
  /** More modules for the root (tests only: e.g. a throwaway route that the contract test must catch). */
  extraModules: Type[] = [],
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    // order_ref_1 may be 255 characters, more once URL-encoded; Fastify's default limit is 100.
    routerOptions: { maxParamLength: 1024 },
    // The client address (request.ip, counted by the failed-authentication limit) comes from
    // X-Forwarded-For only through the proxies TRUST_PROXY names; otherwise it is the TCP peer.
    trustProxy: config.trustProxy,
    // One request id per request in every log line: the proxy's X-Request-Id when sent, else a UUID.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  const root = AppModule.forRoot(config);
  root.imports = [...(root.imports ?? []), ...extraModules];
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document);
  return app;
}
