import { Controller, Get, Module } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiSchema, ApiTags } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { NotFoundError } from '../../src/common/domain-errors.js';
import { createOpenApiDocument } from '../../src/openapi/openapi-document.js';
import { OpenApiContract } from '../support/openapi-contract.js';
import { documentationProblems } from '../support/openapi-rules.js';
import { SERVICE_KEY, startTestApp, TestApp } from '../support/test-app.js';

/**
 * The contract test itself: the test app checks every response against the document built from the
 * same app (test/support/openapi-contract.ts). Here, routes added without documentation, the way an
 * engineer would add them, must be caught; and the app serves the committed document.
 */

@ApiSchema({ name: 'ContractProbe' })
class ProbeView {
  @ApiProperty() name: string;
}

@ApiTags('probe')
@Controller('contract-probe')
class ProbeController {
  /** A route added with no documentation at all. */
  @Get('undocumented')
  undocumented() {
    return { hello: 'world' };
  }

  /** Documented, but it answers a status and a field its documentation does not list. */
  @Get('documented')
  @ApiOperation({ operationId: 'probeDocumented', summary: 'A documented probe' })
  @ApiOkResponse({ type: ProbeView })
  documented(): ProbeView {
    return { name: 'probe', extra: true } as ProbeView;
  }

  @Get('missing')
  @ApiOperation({ operationId: 'probeMissing', summary: 'A probe that answers an undocumented 404' })
  @ApiOkResponse({ type: ProbeView })
  missing(): ProbeView {
    throw new NotFoundError('nothing here');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('the app as it ships', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('serves the committed docs/openapi.json at /docs-json', async () => {
    const res = await fetch(`${t.baseUrl}/docs-json`);
    expect(await res.json()).toEqual(JSON.parse(readFileSync('docs/openapi.json', 'utf8')));
  });

  test('checks every response, whoever sends the request', async () => {
    const before = t.contract.checked;
    await fetch(`${t.baseUrl}/health`);
    await t.request('GET', '/orders?limit=1');
    expect(t.contract.checked).toBe(before + 2);
    expect(t.contract.violations).toEqual([]);
  });
});

describe('a route added without documentation', () => {
  let t: TestApp;
  let closed = false;
  beforeAll(async () => {
    t = await startTestApp({}, undefined, [ProbeModule]);
  });
  afterAll(async () => {
    // The last test closes the app itself (and expects close() to fail); if it did not get there, close here.
    if (!closed) await t.close().catch(() => undefined);
  });

  test('fails the documentation rules even if no test calls it', () => {
    const problems = documentationProblems(createOpenApiDocument(t.app));
    expect(problems).toEqual(
      expect.arrayContaining([
        'GET /contract-probe/undocumented: no operationId of its own (@ApiOperation({ operationId }))',
        'GET /contract-probe/undocumented: 200 documents no body: give its schema, or say "empty" in its description',
      ]),
    );
    expect(problems.filter((p) => p.startsWith('GET /contract-probe/documented'))).toEqual([]);
  });

  test('a response with a body the document does not describe is a violation', async () => {
    await expect(t.request('GET', '/contract-probe/undocumented')).rejects.toThrow(
      'GET /contract-probe/undocumented → 200: the body is not empty but the document describes none',
    );
  });

  test('a field the schema does not name is a violation', async () => {
    await expect(t.request('GET', '/contract-probe/documented')).rejects.toThrow(
      "GET /contract-probe/documented → 200: (body) must NOT have additional properties 'extra'",
    );
  });

  test('a status the operation does not list is a violation', async () => {
    await expect(t.request('GET', '/contract-probe/missing')).rejects.toThrow(
      'GET /contract-probe/missing → 404: status 404 is not documented for this operation',
    );
  });

  test('a path no route serves is no operation: its answer must be the API’s 404 error body', async () => {
    const res = await t.request('GET', '/no-such-route');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Cannot GET /no-such-route' });
  });

  test('a violation by a request the helper did not send fails close()', async () => {
    const headers = { authorization: `Bearer ${SERVICE_KEY}` };
    expect((await fetch(`${t.baseUrl}/contract-probe/undocumented`, { headers })).status).toBe(200);
    expect(t.contract.violations.map((v) => v.summary)).toEqual([
      'GET /contract-probe/undocumented → 200: the body is not empty but the document describes none',
    ]);
    closed = true;
    await expect(t.close()).rejects.toThrow(/Responses that break the OpenAPI document/);
  });
});

describe('the contract', () => {
  const contract = new OpenApiContract({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/things/{id}': {
        get: {
          responses: {
            '200': {
              description: 'a thing',
              headers: { ETag: { required: true, schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
            '204': { description: 'empty' },
            '401': { $ref: '#/components/responses/Unauthorized' },
            '202': {
              description: 'a thing, or an empty body',
              'x-empty-body': true,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            } as never,
          },
        },
      },
    },
    components: {
      responses: {
        Unauthorized: {
          description: 'no key',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Owner' } } },
        },
      },
      schemas: {
        Thing: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            owner: { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
          },
          required: ['id', 'owner'],
        },
        Owner: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      },
    },
  });
  const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
    contract.check({
      method: 'GET',
      url: '/things/1',
      route: '/things/:id',
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', etag: '"1"', ...headers },
      body,
    });

  test('accepts what the document says, a nullable object included', () => {
    expect(answer(200, '{"id": 1, "owner": {"name": "Ana"}}')).toEqual([]);
    expect(answer(200, '{"id": 1, "owner": null}')).toEqual([]);
    expect(answer(204, '')).toEqual([]);
    expect(answer(202, '')).toEqual([]);
    expect(answer(202, '{"id": 2, "owner": null}')).toEqual([]);
    expect(answer(401, '{"name": "shared answer"}')).toEqual([]);
  });

  test('refuses a wrong type, a missing header, a body where none is documented, a media type not listed', () => {
    expect(answer(200, '{"id": "1", "owner": null}')).toEqual(['GET /things/:id → 200: /id must be integer']);
    expect(answer(200, '{"id": 1, "owner": {}}')).toContain(
      "GET /things/:id → 200: /owner must have required property 'name'",
    );
    expect(answer(200, '{"id": 1, "owner": null}', { etag: undefined as never })).toEqual([
      'GET /things/:id → 200: the documented header ETag is missing',
    ]);
    expect(answer(204, '{}')).toEqual(['GET /things/:id → 204: the body is not empty but the document describes none']);
    expect(answer(200, '', {})).toEqual([
      'GET /things/:id → 200: empty body, but the document describes application/json',
    ]);
    expect(answer(401, '{"name": 1}')).toEqual(['GET /things/:id → 401: /name must be string']);
    expect(answer(200, 'ok', { 'content-type': 'text/plain' })).toEqual([
      "GET /things/:id → 200: content type 'text/plain' is not documented (documented: application/json)",
    ]);
  });
});
