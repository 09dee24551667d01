import type { OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Every operation of a document, with its method and path. */
export function operationsOf(document: OpenAPIObject): { method: string; path: string; operation: Json }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, operation: item[method] as unknown as Json })),
  );
}

/**
 * What a documented operation must say, whatever the route: the rules a new route is held to, so
 * that one added without documentation fails here even if no test calls it.
 * - a name of its own (`operationId` set by the route, not Nest's `Controller_method`), a summary, a tag;
 * - a success (2xx) answer, each with a schema, or none (`content` absent: an empty body) said in words;
 * - 500 and 503 (every route can answer them), 401 behind a key, 400/413/415 with a body;
 * - every `{param}` of its path described;
 * and no schema property is a bare `object` (what @nestjs/swagger writes for `string | null` without `type`).
 */
export function documentationProblems(document: OpenAPIObject): string[] {
  const problems: string[] = [];
  for (const { method, path, operation } of operationsOf(document)) {
    const where = `${method.toUpperCase()} ${path}`;
    const id = operation.operationId;
    if (typeof id !== 'string' || id.includes('Controller_'))
      problems.push(`${where}: no operationId of its own (@ApiOperation({ operationId }))`);
    if (typeof operation.summary !== 'string' || !operation.summary)
      problems.push(`${where}: no summary (@ApiOperation({ summary }))`);
    if (!Array.isArray(operation.tags) || operation.tags.length === 0) problems.push(`${where}: no tag (@ApiTags)`);

    const responses = (operation.responses ?? {}) as Record<string, Json>;
    const successes = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
    if (successes.length === 0) problems.push(`${where}: no success (2xx) response documented`);
    for (const [status, response] of successes) {
      const content = response.content as Record<string, Json> | undefined;
      if (content && Object.values(content).some((media) => !media.schema))
        problems.push(`${where}: ${status} has a media type without a schema (@ApiOkResponse({ type }))`);
      if (!content && !/empty/i.test(typeof response.description === 'string' ? response.description : ''))
        problems.push(`${where}: ${status} documents no body: give its schema, or say "empty" in its description`);
    }
    const needs = ['500', '503'];
    const security = operation.security as unknown[] | undefined;
    if (!security || security.length > 0) needs.push('401');
    if (operation.requestBody) needs.push('400', '413', '415');
    for (const status of needs) if (!responses[status]) problems.push(`${where}: ${status} is not documented`);

    const parameters = (operation.parameters ?? []) as Json[];
    for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
      const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
      if (!parameter?.description) problems.push(`${where}: the path parameter {${name}} is not described`);
    }
  }
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    for (const [property, value] of Object.entries((schema as Json).properties ?? {}) as [string, Json][]) {
      const bare = value.type === 'object' && !value.properties && !value.additionalProperties && !value.allOf;
      if (bare) problems.push(`schema ${name}: ${property} is a bare object (give its type: @ApiProperty({ type }))`);
    }
  }
  return problems;
}
