import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { createOpenApiDocument } from '../src/openapi/openapi-document.js';

/**
 * The two generated files the repository keeps, and how each is made. `npm run openapi` writes them;
 * `test/openapi/generated-files.e2e-spec.ts` fails when the committed ones differ from what this code
 * makes now (a route, DTO or decorator changed without `npm run openapi`).
 */
export const OPENAPI_JSON = 'docs/openapi.json';
export const ADMIN_TYPES = 'admin/src/api-schema.ts';

/**
 * The document of the app, built without starting it: Nest's preview mode resolves the modules and
 * their controllers but instantiates nothing, so no database is needed. The configuration only has to
 * pass validation; the document depends on none of its values.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://unused/none' });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** `docs/openapi.json`: two-space JSON, a final newline. */
export const openApiJson = (document: OpenAPIObject) => `${JSON.stringify(document, null, 2)}\n`;

const ADMIN_TYPES_HEADER = [
  `// Generated from ${OPENAPI_JSON} by openapi-typescript (\`npm run openapi\`). Do not edit: change the API's`,
  '// decorators and DTOs, then run `npm run openapi`; a test fails while this file is out of date.',
  '',
].join('\n');
/** The back office's API types (openapi-typescript), formatted like the rest of the code. */
export async function adminTypes(document: OpenAPIObject): Promise<string> {
  const ast = await openapiTS(document as never, { silent: true, alphabetize: false });
  const source = ADMIN_TYPES_HEADER + astToString(ast);
  const options = await resolveConfig(ADMIN_TYPES);
  return format(source, { ...options, filepath: ADMIN_TYPES });
}
