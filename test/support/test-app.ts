import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { createApp } from '../../src/app.factory.js';
import { AppConfig, loadConfig } from '../../src/config/app-config.js';
import { createOpenApiDocument } from '../../src/openapi/openapi-document.js';
import { ContractRecorder, OpenApiContract } from './openapi-contract.js';
import { createTestDatabase, TestDatabase } from './test-database.js';

export const SERVICE_KEY = 'test-service-key-1';
export const ADMIN_KEY = 'test-admin-key-1';
export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

/** Where an app started without a stand-in sends its calls to seQura: port 1 on loopback, which nothing serves. */
export const CLOSED_LOCAL_SEQURA = 'http://127.0.0.1:1';

/** The environment every test app starts from; a test overrides what it needs. */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  API_KEYS: `shop:${SERVICE_KEY}`,
  ADMIN_API_KEYS: `backoffice:${ADMIN_KEY}`,
  WEBHOOK_SECRET,
  PUBLIC_BASE_URL: 'https://shop.example',
  SEQURA_USER: 'test-user',
  SEQURA_PASSWORD: 'test-password',
  SEQURA_MERCHANT_ID: 'test-merchant',
  // seQura is always the stand-in (test/sequra-stand-in/): a test passes its URL. Without one, a
  // closed local port (connection refused at once), never seQura's real sandbox.
  SEQURA_BASE_URL: CLOSED_LOCAL_SEQURA,
  // Nothing runs on a timer in tests unless a test turns it on.
  SHIPPING_REPORT_ENABLED: 'false',
  OUTBOX_ENABLED: 'false',
  RETENTION_ENABLED: 'false',
};

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: TestDatabase;
  baseUrl: string;
  /**
   * Every response the app sends is checked against the OpenAPI document built from this same app
   * (see openapi-contract.ts): `request` fails at once on a violation of its own response, and
   * `close` fails if any other response (a raw fetch, the browser) broke the document.
   */
  contract: ContractRecorder;
  /** fetch against the app; `key` defaults to the service key, `null` sends no Authorization. */
  request(
    method: string,
    path: string,
    options?: { body?: unknown; key?: string | null; headers?: Record<string, string>; raw?: string },
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * Starts the real application (the same factory as production) on a fresh database cloned from the
 * migrated template, listening on a random loopback port (or `env.PORT`).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  db?: TestDatabase,
  extraModules: Type[] = [],
): Promise<TestApp> {
  const database = db ?? (await createTestDatabase());
  const config = loadConfig({ ...TEST_ENV, ...env, DATABASE_URL: database.url });
  const app = await createApp(config, extraModules);
  const contract = new ContractRecorder(new OpenApiContract(createOpenApiDocument(app)));
  contract.attach(app.getHttpAdapter().getInstance());
  // A test that needs its URL before the start (seQura's stand-in calls PUBLIC_BASE_URL back) picks the PORT.
  await app.listen({ port: env.PORT ? config.port : 0, host: '127.0.0.1' });
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const request: TestApp['request'] = async (method, path, options = {}) => {
    const requestId = randomUUID();
    const headers: Record<string, string> = { 'x-request-id': requestId, ...(options.headers ?? {}) };
    const key = options.key === undefined ? SERVICE_KEY : options.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let payload: string | undefined = options.raw;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers, body: payload });
    const text = await res.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const violations = contract.take(headers['x-request-id'] ?? requestId);
    if (violations.length > 0) {
      throw new Error(`The response breaks the OpenAPI document:\n  ${violations.map((v) => v.summary).join('\n  ')}`);
    }
    return { status: res.status, headers: res.headers, text, body };
  };
  return {
    app,
    config,
    db: database,
    baseUrl,
    contract,
    request,
    close: async () => {
      await app.close();
      if (!db) await database.drop();
      if (contract.violations.length > 0) {
        const lines = contract.violations.map((v) => v.summary);
        throw new Error(`Responses that break the OpenAPI document:\n  ${lines.join('\n  ')}`);
      }
    },
  };
}
