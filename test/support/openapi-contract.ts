import type { OpenAPIObject } from '@nestjs/swagger';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendFileSync } from 'node:fs';

// ajv-formats is CommonJS with `exports.default`; under Node's ESM loader the default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv,
) => Ajv;

/**
 * Paths served by the app that are not part of the API and so not in the document: the back-office
 * page's static files and the document itself (Swagger UI, `/docs-json`).
 */
export const NOT_API_PATHS = [/^\/admin(\/|$)/, /^\/docs(-json|-yaml|\/|$)/];

/** One response as the server sent it. */
export interface ObservedResponse {
  method: string;
  /** The request's path and query as received. */
  url: string;
  /** The matched route's pattern (`/orders/:ref`), undefined when no route matched (a 404). */
  route: string | undefined;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

export interface Violation {
  requestId: string;
  summary: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `/orders/:ref/history` (Fastify) → `/orders/{ref}/history` (OpenAPI). */
export const toOpenApiPath = (route: string) => route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * A deep copy of a schema for validation: refs point into the `components` schema added to ajv, and
 * every object schema that lists its `properties` and says nothing about others is closed
 * (`additionalProperties: false`), so a field the server sends but the document does not name is a
 * violation too. Open-ended objects in the document say so with `additionalProperties`.
 */
function forValidation(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forValidation);
  if (!isObject(schema)) return schema;
  const copy: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') {
      copy.$ref = value.replace('#/components/schemas/', 'components#/definitions/');
    } else if (key === 'properties' && isObject(value)) {
      copy.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, forValidation(s)]));
    } else if (key === 'example' || key === 'examples') {
      // Documentation only; not validated here.
    } else {
      copy[key] = forValidation(value);
    }
  }
  if (isObject(copy.properties) && copy.additionalProperties === undefined) copy.additionalProperties = false;
  // OpenAPI 3.0's `nullable` only widens a `type` in the same schema; on a `$ref` wrapped in `allOf` (how
  // @nestjs/swagger writes a nullable object) or on a `oneOf`, generators (openapi-typescript,
  // openapi-generator) read it as "this or null", and so does the contract.
  if (copy.nullable === true && (Array.isArray(copy.allOf) || copy.type === undefined)) {
    const { nullable: _n, type: _t, ...rest } = copy;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  return copy;
}

const mediaTypeOf = (contentType: string | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase();

/**
 * Checks responses against an OpenAPI document: the route and method are documented, the status is
 * one the operation lists, the body is empty where the document says so (no `content`, or
 * `x-empty-body`), and otherwise has a documented media type and matches its schema (JSON bodies
 * through ajv), and every header the document marks required is there.
 */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenAPIObject) {
    this.ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
    addFormats(this.ajv);
    this.ajv.addVocabulary(['xml', 'externalDocs', 'discriminator']);
    const schemas = document.components?.schemas ?? {};
    const definitions = Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, forValidation(s)]));
    this.ajv.addSchema({ $id: 'components', definitions });
  }

  /** Every way `response` departs from the document; empty when it conforms. */
  check(response: ObservedResponse): string[] {
    const path = (response.url.split('?')[0] ?? '').replace(/\/+$/, '') || '/';
    const where = `${response.method} ${response.route ?? path} → ${response.status}`;
    if (NOT_API_PATHS.some((p) => p.test(response.route ?? path))) return [];
    // A path no route serves is not an operation (nothing to document): its answer must be the API's 404.
    if (!response.route) return this.unmatched(where, response);
    const openApiPath = toOpenApiPath(response.route);
    const pathItem = this.document.paths[openApiPath] as Json | undefined;
    const operation = pathItem?.[response.method.toLowerCase()] as Json | undefined;
    if (!operation) return [`${where}: the route is not in the document`];
    const responses = (operation.responses ?? {}) as Json;
    const listed = (responses[String(response.status)] ?? responses[`${String(response.status)[0]}XX`]) as
      Json | undefined;
    const documented = this.resolve(listed);
    if (!documented) {
      const listed = Object.keys(responses).join(', ');
      return [`${where}: status ${response.status} is not documented for this operation (documented: ${listed})`];
    }
    const problems: string[] = [];
    for (const [name, header] of Object.entries((documented.headers ?? {}) as Record<string, Json>)) {
      if (header.required && response.headers[name.toLowerCase()] === undefined)
        problems.push(`${where}: the documented header ${name} is missing`);
    }
    const content = documented.content as Record<string, Json> | undefined;
    const contentType = response.headers['content-type'];
    const mediaType = mediaTypeOf(typeof contentType === 'string' ? contentType : undefined);
    if (response.body === '') {
      if (content && !documented['x-empty-body'])
        problems.push(`${where}: empty body, but the document describes ${Object.keys(content).join(', ')}`);
      return problems;
    }
    if (!content) return [...problems, `${where}: the body is not empty but the document describes none`];
    const media = content[mediaType];
    if (!media) {
      return [
        ...problems,
        `${where}: content type '${mediaType}' is not documented (documented: ${Object.keys(content).join(', ')})`,
      ];
    }
    if (!media.schema) return problems;
    if (mediaType !== 'application/json') {
      const schema = media.schema as Json;
      if (schema.type === 'string' && Array.isArray(schema.enum) && !schema.enum.includes(response.body))
        problems.push(`${where}: body '${response.body.slice(0, 80)}' is not one of ${schema.enum.join(', ')}`);
      return problems;
    }
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return [...problems, `${where}: the body is not JSON`];
    }
    const validate = this.validator(`${openApiPath} ${response.method} ${response.status} ${mediaType}`, media.schema);
    if (!validate(body)) {
      for (const error of validate.errors ?? []) {
        const field = error.instancePath || '(body)';
        const extra = isObject(error.params) && 'additionalProperty' in error.params;
        problems.push(
          `${where}: ${field} ${error.message}${extra ? ` '${String(error.params.additionalProperty)}'` : ''}`,
        );
      }
    }
    return problems;
  }

  /** How `value` departs from `schema` (a schema of the document, refs and all); empty when it conforms. */
  schemaErrors(schema: unknown, value: unknown): string[] {
    const validate = this.ajv.compile(forValidation(schema) as Json);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => {
      const extra = isObject(e.params) && 'additionalProperty' in e.params;
      return `${e.instancePath || '(value)'} ${e.message}${extra ? ` '${String(e.params.additionalProperty)}'` : ''}`;
    });
  }

  /** The answer to a path no route serves: a 404 with the API's error body. */
  private unmatched(where: string, response: ObservedResponse): string[] {
    if (response.status !== 404) return [`${where}: no route matched, and the answer is not 404`];
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return [`${where}: no route matched, and the answer is not the JSON error body`];
    }
    const schema = { $ref: '#/components/schemas/Error' };
    return this.schemaErrors(schema, body).map((error) => `${where}: no route matched, and ${error}`);
  }

  /** A response object, or the one its `$ref` (`#/components/responses/X`) names. */
  private resolve(response: Json | undefined): Json | undefined {
    const ref = response?.$ref;
    if (typeof ref !== 'string') return response;
    const name = ref.replace('#/components/responses/', '');
    return this.document.components?.responses?.[name] as Json | undefined;
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(forValidation(schema) as Json);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/**
 * Validates every response the app sends (a Fastify `onSend` hook, so requests made by any means are
 * covered: the test helper, a raw fetch, the browser) and keeps the violations by request id.
 * `OPENAPI_TRAFFIC_LOG=<file>` also appends one JSON line per response checked (method, route, status).
 */
export class ContractRecorder {
  readonly violations: Violation[] = [];
  /** How many responses were checked. */
  checked = 0;

  constructor(readonly contract: OpenApiContract) {}

  attach(fastify: FastifyInstance): void {
    fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      this.record(request, reply, payload);
      return payload;
    });
  }

  /** The violations of one request (by its `X-Request-Id`), removed from the list. */
  take(requestId: string): Violation[] {
    const mine = this.violations.filter((v) => v.requestId === requestId);
    for (const v of mine) this.violations.splice(this.violations.indexOf(v), 1);
    return mine;
  }

  private record(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    const body =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload ? '' : '';
    const streamed =
      payload !== null && payload !== undefined && typeof payload === 'object' && !Buffer.isBuffer(payload);
    const observed: ObservedResponse = {
      method: request.method,
      url: request.url,
      route: request.routeOptions?.url,
      status: reply.statusCode,
      headers: reply.getHeaders(),
      body,
    };
    this.checked += 1;
    const log = process.env.OPENAPI_TRAFFIC_LOG;
    if (log) {
      const line = { method: observed.method, route: observed.route ?? observed.url, status: observed.status };
      appendFileSync(log, `${JSON.stringify(line)}\n`);
    }
    // A stream (a static file) is never an API answer.
    if (streamed) return;
    for (const summary of this.contract.check(observed))
      this.violations.push({ requestId: String(request.id), summary });
  }
}
