import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { AppConfig } from './config/app-config.js';

/**
 * Builds the application on Fastify. Shared by `main.ts` and the end-to-end tests, so the tests run
 * exactly what production runs. `config.databaseUrl` must be set (the embedded database, if any,
 * is already up).
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
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
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('seQura merchant backend')
      .setDescription('Orders, seQura webhooks, shipping reports and customer-data corrections')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
