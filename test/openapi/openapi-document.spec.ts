import type { OpenAPIObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import {
  ADMIN_TYPES,
  adminTypes,
  buildOpenApiDocument,
  OPENAPI_JSON,
  openApiJson,
} from '../../scripts/openapi-files.js';
import { EXAMPLE_REGISTRATION } from '../../src/orders/dto/order-examples.js';
import { OpenApiContract } from '../support/openapi-contract.js';
import { documentationProblems, operationsOf } from '../support/openapi-rules.js';

/**
 * The document as the app's decorators make it now (no database: Nest's preview mode), against the
 * files the repository keeps and the rules every operation is held to.
 */
let document: OpenAPIObject;
beforeAll(async () => {
  document = await buildOpenApiDocument();
});

const RUN = 'run `npm run openapi` and commit the result';

/** The first line where two texts differ, to say what changed. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i === -1 ? a.length : i;
  return `line ${at + 1}: committed ${JSON.stringify(b[at])}, generated ${JSON.stringify(a[at])}`;
}

test(`${OPENAPI_JSON} is the document the app makes now`, () => {
  const committed = readFileSync(OPENAPI_JSON, 'utf8');
  const generated = openApiJson(document);
  if (committed !== generated)
    throw new Error(`${OPENAPI_JSON} is out of date: ${RUN}\n${firstDifference(generated, committed)}`);
});

test(`${ADMIN_TYPES} (the back office's API types) is generated from it`, async () => {
  const committed = readFileSync(ADMIN_TYPES, 'utf8');
  const generated = await adminTypes(document);
  if (committed !== generated)
    throw new Error(`${ADMIN_TYPES} is out of date: ${RUN}\n${firstDifference(generated, committed)}`);
});

test('every operation is documented: its own name, a summary, its answers with schemas, its errors', () => {
  expect(documentationProblems(document)).toEqual([]);
  expect(operationsOf(document).length).toBeGreaterThanOrEqual(24);
});

test('keys are opaque bearer tokens, required everywhere but on the public routes', () => {
  expect(document.components?.securitySchemes).toEqual({
    bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
  });
  expect(document.components?.securitySchemes?.bearer).not.toHaveProperty('bearerFormat');
  expect(document.security).toEqual([{ bearer: [] }]);
  const isPublic = operationsOf(document)
    .filter(({ operation }) => Array.isArray(operation.security) && operation.security.length === 0)
    .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
  expect(isPublic.sort()).toEqual([
    'GET /health',
    'GET /metrics',
    'GET /triggerreport',
    'POST /webhooks/sequra/events',
    'POST /webhooks/sequra/ipn',
  ]);
  // No other operation loosens the requirement.
  for (const { operation } of operationsOf(document)) {
    if (operation.security !== undefined && (operation.security as unknown[]).length > 0)
      expect(operation.security).toEqual([{ bearer: [] }]);
  }
});

test('the webhook routes take seQura’s form and document its exact answers', () => {
  const ipn = document.paths['/webhooks/sequra/ipn'].post!;
  const events = document.paths['/webhooks/sequra/events'].post!;
  for (const operation of [ipn, events]) {
    expect(Object.keys((operation.requestBody as { content: object }).content)).toEqual([
      'application/x-www-form-urlencoded',
    ]);
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '400', '403', '404', '413', '415', '500', '501', '503']),
    );
    expect(operation.responses).not.toHaveProperty('201');
  }
  expect(ipn.responses['200']).not.toHaveProperty('content');
  expect(ipn.responses).toHaveProperty('410');
  const schemas = document.components!.schemas! as Record<string, { properties: object }>;
  expect(Object.keys(schemas.SequraIpnForm.properties)).toEqual(
    expect.arrayContaining(['order_ref', 'sq_state', 'order_ref_1', 'product_code', 'approved_since', 'signature']),
  );
  expect(Object.keys(schemas.SequraEventForm.properties)).toEqual(
    expect.arrayContaining([
      'charset',
      'utf8',
      'event',
      'order_ref_1',
      'order_ref_2',
      'order_ref',
      'm_signature',
      'cancellation_request_url',
      'risk_level',
    ]),
  );
});

test('every example in the document fits its own schema', () => {
  const contract = new OpenApiContract(document);
  const problems: string[] = [];
  let checked = 0;
  const check = (where: string, media: { schema?: unknown; example?: unknown; examples?: object } | undefined) => {
    if (!media?.schema) return;
    const examples = [
      ...(media.example !== undefined ? [media.example] : []),
      ...Object.values((media.examples ?? {}) as Record<string, { value: unknown }>).map((e) => e.value),
    ];
    for (const example of examples) {
      checked += 1;
      if (typeof example === 'string' && (media.schema as { type?: string }).type === 'string') continue;
      for (const error of contract.schemaErrors(media.schema, example)) problems.push(`${where}: ${error}`);
    }
  };
  const responsesOf = (responses: object) =>
    Object.entries(responses as Record<string, { content?: Record<string, object> }>);
  for (const { method, path, operation } of operationsOf(document)) {
    const where = `${method.toUpperCase()} ${path}`;
    const body = operation.requestBody as { content?: Record<string, object> } | undefined;
    for (const [type, media] of Object.entries(body?.content ?? {})) check(`${where} request ${type}`, media);
    for (const [status, response] of responsesOf(operation.responses as object))
      for (const [type, media] of Object.entries(response.content ?? {})) check(`${where} ${status} ${type}`, media);
  }
  for (const [name, response] of responsesOf(document.components?.responses ?? {}))
    for (const [type, media] of Object.entries(response.content ?? {})) check(`response ${name} ${type}`, media);
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThan(60);
});

test('the registration example is docs/example-order.json', () => {
  expect(JSON.parse(readFileSync('docs/example-order.json', 'utf8'))).toEqual(EXAMPLE_REGISTRATION);
});
