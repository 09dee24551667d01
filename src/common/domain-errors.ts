/**
 * Typed domain errors. Services throw these; {@link AllExceptionsFilter} is the one place that maps
 * them to HTTP, so services never speak HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** Extra JSON fields of the answer (e.g. the two states of a refused transition). */
  readonly details?: Record<string, unknown>;
  /** Response headers the answer carries (e.g. the current `ETag` of a 412). */
  readonly headers?: Record<string, string>;

  constructor(message: string, details?: Record<string, unknown>, headers?: Record<string, string>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
    this.headers = headers;
  }
}

export interface FieldError {
  field: string;
  messages: string[];
}

export class ValidationFailedError extends DomainError {
  readonly status = 400;
  constructor(readonly errors: FieldError[]) {
    super(`Validation failed: ${errors.map((e) => e.field).join(', ')}`, { errors });
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
}

export class ConflictError extends DomainError {
  readonly status = 409;
}

export class OrderNotFoundError extends NotFoundError {
  constructor(ref: string) {
    super(`Order '${ref}' not found`, { order_ref_1: ref });
  }
}

export class DuplicateOrderError extends ConflictError {
  constructor(field: string, value: string) {
    super(`An order with ${field} '${value}' already exists`, { field });
  }
}

export class InvalidTransitionError extends ConflictError {
  constructor(from: string, to: string, reason?: string) {
    super(reason ?? `Order cannot go from '${from}' to '${to}'`, { from_state: from, to_state: to });
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
}

export class PreconditionFailedError extends DomainError {
  readonly status = 412;
}

export class PreconditionRequiredError extends DomainError {
  readonly status = 428;
}

/** A dependency (the database, seQura) is unavailable right now; the caller should retry. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
}

/** Too many failed authentication attempts from one address; answered with `Retry-After`. */
export class TooManyAuthFailuresError extends DomainError {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(tooManyAuthFailuresMessage(retryAfterSeconds), { retry_after_seconds: retryAfterSeconds });
  }
}

export function tooManyAuthFailuresMessage(retryAfterSeconds: number): string {
  return `Too many failed authentication attempts from this address; retry in ${retryAfterSeconds} s`;
}
