import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  BODY_CONTENT_EXTENSION,
  ERROR_MODELS,
  ErrorDoc,
  errorResponseObject,
  ErrorStatus,
  TOO_MANY_AUTH_FAILURES,
} from '../common/api-docs.js';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

const API_DESCRIPTION = `A merchant's backend for seQura ("buy now, pay later", Spain): orders, seQura's IPN and event
webhooks, the delivery (shipping) reports sent to seQura, and staff corrections of customer data.

Every route needs \`Authorization: Bearer <key>\` (an opaque key from \`API_KEYS\` or \`ADMIN_API_KEYS\`) except
those marked with no security (\`/health\`, seQura's webhooks, which are authenticated by their signature, and the
plugin-compatible \`/triggerreport\`). The wire format is snake_case like seQura's own payloads; money is integer
cents. Errors are always JSON \`{statusCode, error, message, ...}\`; a refused body adds
\`errors: [{field, messages}]\` with dotted field paths (\`cart.items.0.quantity\`).`;

/**
 * Answers many operations share, kept once in `components.responses`: every operation can answer
 * 500 and 503; those behind a key 401; those with a body 400, 413 and 415 (unless the route documents
 * its own).
 */
const SHARED_RESPONSES = {
  InternalError: { status: 500, description: 'An unexpected error; it is logged, and the request changed nothing' },
  Unavailable: { status: 503, description: 'The database is unavailable right now: nothing changed; retry later' },
  Unauthorized: { status: 401, description: 'Missing or invalid API key: send Authorization: Bearer <key>' },
  TooManyAuthFailures: { status: 429, ...TOO_MANY_AUTH_FAILURES },
  BadRequest: {
    status: 400,
    description: 'The body is not valid: not JSON, or fields that break the rules (named in `errors`)',
  },
  PayloadTooLarge: { status: 413, description: 'The body is larger than the route accepts (1 MiB)' },
  UnsupportedMediaType: { status: 415, description: 'The Content-Type is not one the route accepts' },
} as const satisfies Record<string, ErrorDoc & { status: ErrorStatus }>;

type SharedResponse = keyof typeof SHARED_RESPONSES;
const EVERY_OPERATION: SharedResponse[] = ['InternalError', 'Unavailable'];
const WITH_KEY: SharedResponse[] = ['Unauthorized', 'TooManyAuthFailures'];
const WITH_BODY: SharedResponse[] = ['BadRequest', 'PayloadTooLarge', 'UnsupportedMediaType'];

/** A request body whose media types have different schemas (`ApiBodyContent`). */
function applyBodyContent(operation: Operation): void {
  const extended = operation as Operation & Record<string, { description?: string; content: object } | undefined>;
  const body = extended[BODY_CONTENT_EXTENSION];
  if (!body) return;
  delete extended[BODY_CONTENT_EXTENSION];
  operation.requestBody = { required: true, description: body.description, content: body.content as never };
}

/** Adds the responses an operation shares with the others, unless the route documents its own. */
function addSharedResponses(operation: Operation): void {
  const add = (names: SharedResponse[]) => {
    for (const name of names) {
      operation.responses[SHARED_RESPONSES[name].status] ??= { $ref: `#/components/responses/${name}` };
    }
  };
  add(EVERY_OPERATION);
  if (!operation.security || operation.security.length > 0) add(WITH_KEY);
  if (operation.requestBody) add(WITH_BODY);
  // Statuses in numeric order, so the document reads (and diffs) the same way every time.
  operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** `OrdersController.register` → `OrdersController_register` unless the route names its operation. */
const operationIdFactory = (controllerKey: string, methodKey: string) => `${controllerKey}_${methodKey}`;

/**
 * The OpenAPI document of the running app, built from its controllers' decorators. The same function
 * serves `/docs-json`, writes `docs/openapi.json` (`npm run openapi`) and feeds the contract test, so
 * the three can never differ. It depends on no configuration value: the same code gives the same
 * document everywhere.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('seQura merchant backend')
    .setDescription(API_DESCRIPTION)
    .setVersion('1.0.0')
    .addSecurity('bearer', {
      type: 'http',
      scheme: 'bearer',
      description:
        'An opaque API key (not a JWT): the secret part of an `API_KEYS` entry (service) or of an ' +
        '`ADMIN_API_KEYS` entry (admin; the data-sync routes need one). Two keys may be valid during a rotation.',
    })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [...ERROR_MODELS], operationIdFactory });
  document.components!.responses = Object.fromEntries(
    Object.entries(SHARED_RESPONSES).map(([name, { status, ...doc }]) => [name, errorResponseObject(status, doc)]),
  );
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = pathItem[method];
      if (!operation) continue;
      applyBodyContent(operation);
      addSharedResponses(operation);
    }
  }
  return document;
}
