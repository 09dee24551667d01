import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';

/**
 * The error answers of the whole API, as {@link AllExceptionsFilter} writes them, for the OpenAPI
 * document: `{statusCode, error, message}` plus, per kind of error, the fields its domain error adds.
 * Never instantiated: the filter writes plain objects; these classes only describe them.
 */
@ApiSchema({ name: 'Error', description: 'Every error answer: the status, its reason phrase and what went wrong' })
export class ErrorResponse {
  @ApiProperty({ description: 'the HTTP status, repeated', example: 404 })
  statusCode: number;

  @ApiProperty({ description: "the status's reason phrase", example: 'Not Found' })
  error: string;

  @ApiProperty({ description: 'what went wrong, in words', example: "Order 'QWER1234' not found" })
  message: string;

  @ApiPropertyOptional({
    description: "Fastify's error code, on a request refused before the route ran (unreadable body, content type)",
    example: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  })
  code?: string;
}

@ApiSchema({ name: 'FieldError' })
export class FieldErrorResponse {
  @ApiProperty({ description: 'dotted path of the field', example: 'cart.items.0.quantity' })
  field: string;

  @ApiProperty({ type: [String], example: ['quantity must not be less than 1'] })
  messages: string[];
}

@ApiSchema({
  name: 'ValidationError',
  description: 'A refused request (400). `errors` names each field and what is wrong with it, when validation failed',
})
export class ValidationErrorResponse extends ErrorResponse {
  @ApiPropertyOptional({ type: [FieldErrorResponse] })
  errors?: FieldErrorResponse[];
}

@ApiSchema({ name: 'NotFoundError', description: 'The thing named in the path does not exist (404)' })
export class NotFoundErrorResponse extends ErrorResponse {
  @ApiPropertyOptional({ description: 'the order asked for', example: 'QWER1234' })
  order_ref_1?: string;

  @ApiPropertyOptional({ description: 'the id asked for', example: '42' })
  id?: string;
}

@ApiSchema({
  name: 'ConflictError',
  description: "Not possible in the order's current state (409): a refused transition names both states",
})
export class ConflictErrorResponse extends ErrorResponse {
  @ApiPropertyOptional({ description: 'the state the order is in', example: 'shipped' })
  from_state?: string;

  @ApiPropertyOptional({ description: 'the state the request asked for', example: 'cancelled' })
  to_state?: string;

  @ApiPropertyOptional({ description: "the order's state", example: 'cancelled' })
  state?: string;

  @ApiPropertyOptional({ example: 'QWER1234' })
  order_ref_1?: string;

  @ApiPropertyOptional({ description: 'the field whose value is already taken', example: 'order_ref_1' })
  field?: string;

  @ApiPropertyOptional({
    description: 'why an erasure is refused, or why no seQura checkout is possible (not pending, none started)',
    enum: [
      'still_needed',
      'not_reported',
      'items_left',
      'update_pending',
      'report_pending',
      'not_pending',
      'not_started',
    ],
  })
  reason?: string;

  @ApiPropertyOptional({ description: "seQura's HTTP status, when seQura refused", example: 409 })
  sequra_status?: number;

  @ApiPropertyOptional({
    type: [String],
    description: "seQura's own messages, when seQura refused",
    example: ["Invalid data: items' total_with_tax add up to 8350 (1250+7100) but order_total_with_tax is 8400."],
  })
  errors?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'what seQura requires that the order lacks',
    example: ['customer.language_code'],
  })
  missing?: string[];

  @ApiPropertyOptional({ description: 'the Order Update (or run) concerned', example: '42' })
  id?: string;

  @ApiPropertyOptional({ description: 'its status', example: 'sent' })
  status?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'when a run was retried already' })
  retried_at?: string;

  @ApiPropertyOptional({ description: 'who retried it', example: 'backoffice (Marta)' })
  retried_by?: string;

  @ApiPropertyOptional({ format: 'date-time', description: "when the shopper's data was erased" })
  erased_at?: string;

  @ApiPropertyOptional({
    description: 'the limit a return, refund or unit cancellation hit',
    enum: [
      'returnable_quantity',
      'shipped_cart_total',
      'refundable_amount',
      'unshipped_quantity',
      'unshipped_cart_total',
    ],
  })
  limit?: string;

  @ApiPropertyOptional({ description: 'the line concerned', example: 'shirt1234' })
  reference?: string;

  @ApiPropertyOptional({
    description: 'what was asked: units of the line, cents, or units per line',
    oneOf: [{ type: 'integer' }, { type: 'object', additionalProperties: { type: 'integer' } }],
    example: 2,
  })
  requested?: number | Record<string, number>;

  @ApiPropertyOptional({ description: 'what the limit allows', example: 1 })
  available?: number;
}

@ApiSchema({
  name: 'GoneError',
  description: "seQura's documented refusal of an order-status update (410): seQura does not retry it",
})
export class GoneErrorResponse extends ErrorResponse {
  @ApiPropertyOptional({ description: "the order's state", example: 'cancelled' })
  state?: string;

  @ApiPropertyOptional({ type: [String], description: "seQura's own messages, when it refused our acknowledgement" })
  errors?: string[];
}

@ApiSchema({
  name: 'PreconditionFailedError',
  description: 'The If-Match ETag is stale (412): someone changed the data since it was read; nothing was written',
})
export class PreconditionFailedErrorResponse extends ErrorResponse {
  @ApiProperty({ example: 8 })
  current_version: number;

  @ApiProperty({ example: '"8"' })
  current_etag: string;
}

@ApiSchema({ name: 'PreconditionRequiredError', description: 'The If-Match header is missing or `*` (428)' })
export class PreconditionRequiredErrorResponse extends ErrorResponse {
  @ApiProperty({ example: 'If-Match' })
  header: string;
}

@ApiSchema({ name: 'PayloadTooLargeError', description: 'The body is larger than the route accepts (413)' })
export class PayloadTooLargeErrorResponse extends ErrorResponse {
  @ApiPropertyOptional({ description: 'rows in the refused batch', example: 1500 })
  rows?: number;

  @ApiPropertyOptional({ description: 'the most rows a batch may hold', example: 1000 })
  max_rows?: number;
}

@ApiSchema({
  name: 'TooManyAuthFailuresError',
  description: 'Too many failed authentications from this address (429): retry after `Retry-After` seconds',
})
export class TooManyAuthFailuresErrorResponse extends ErrorResponse {
  @ApiProperty({ example: 42 })
  retry_after_seconds: number;
}

/** The schema each error status is answered with. */
export const ERROR_SCHEMAS = {
  400: ValidationErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: NotFoundErrorResponse,
  409: ConflictErrorResponse,
  410: GoneErrorResponse,
  412: PreconditionFailedErrorResponse,
  413: PayloadTooLargeErrorResponse,
  415: ErrorResponse,
  428: PreconditionRequiredErrorResponse,
  429: TooManyAuthFailuresErrorResponse,
  500: ErrorResponse,
  503: ErrorResponse,
} as const;

export type ErrorStatus = keyof typeof ERROR_SCHEMAS;

/** 429's header. */
export const RETRY_AFTER_HEADER = {
  'Retry-After': {
    required: true,
    description: 'seconds until the address may try again',
    schema: { type: 'integer' },
  },
};

/** The 429 every route that checks a key, a token or a signature answers past the failed-authentication limit. */
export const TOO_MANY_AUTH_FAILURES: ErrorDoc = {
  description:
    'More than AUTH_FAILURES_PER_MINUTE failed authentications from this address in a minute: nothing was done; ' +
    'retry after Retry-After seconds',
  message: 'Too many failed authentication attempts from this address; retry in 42 s',
  extra: { retry_after_seconds: 42 },
  headers: RETRY_AFTER_HEADER,
};

/** Every schema class above, for `extraModels` (so that they are in the document even when unused). */
export const ERROR_MODELS = [ErrorResponse, FieldErrorResponse, ...new Set(Object.values(ERROR_SCHEMAS))] as const;

export interface ErrorDoc {
  description: string;
  /** Response headers, e.g. 429's `Retry-After`. */
  headers?: Record<string, { required?: boolean; description: string; schema: object }>;
  /** The `message` of the example; the example's other fields come from `extra`. */
  message?: string;
  extra?: Record<string, unknown>;
}

/** An example body of an error answer, as the filter writes it. */
export function errorExample(status: number, message: string, extra: Record<string, unknown> = {}) {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, ...extra };
}

/** The OpenAPI response object of an error answer: its schema by status, with an example. */
export function errorResponseObject(status: ErrorStatus, doc: ErrorDoc) {
  return {
    description: doc.description,
    ...(doc.headers ? { headers: doc.headers } : {}),
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(ERROR_SCHEMAS[status]) },
        example: errorExample(status, doc.message ?? doc.description, doc.extra),
      },
    },
  };
}

/**
 * Documents the errors a route answers beyond those every route shares (added to every operation by
 * `createOpenApiDocument`: 500, 503, and 401 on routes behind a key; 400, 413, 415 on routes with a
 * body). `@ApiErrors({ 404: 'No order with this order_ref_1', 409: {...} })`.
 */
export function ApiErrors(errors: Partial<Record<ErrorStatus, string | ErrorDoc>>) {
  return applyDecorators(
    ...Object.entries(errors).map(([key, value]) => {
      const status = Number(key) as ErrorStatus;
      const doc: ErrorDoc = typeof value === 'string' ? { description: value } : value;
      return ApiResponse({ status, ...errorResponseObject(status, doc) });
    }),
  );
}

/** Where {@link ApiBodyContent} parks its content until `createOpenApiDocument` moves it into place. */
export const BODY_CONTENT_EXTENSION = 'x-request-body-content';

/**
 * A request body with a different schema per media type (`@ApiBody` gives every media type the same
 * one): `createOpenApiDocument` makes this the operation's `requestBody.content`.
 */
export const ApiBodyContent = (content: Record<string, { schema: object; example?: unknown }>, description?: string) =>
  ApiExtension(BODY_CONTENT_EXTENSION, { description, content });

/**
 * On a response object: the body may also be empty (`Content-Length: 0`), as seQura expects for most
 * webhook answers. OpenAPI cannot say "this JSON, or nothing" with one media type; the contract test
 * reads this.
 */
export const EMPTY_BODY_EXTENSION = 'x-empty-body';
