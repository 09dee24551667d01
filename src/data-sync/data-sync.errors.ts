import { ConflictError, DomainError } from '../common/domain-errors.js';

export class OrderNotEditableError extends ConflictError {
  constructor(ref: string, state: string) {
    super(`Order '${ref}' is ${state}: its customer data can no longer be edited`, { order_ref_1: ref, state });
  }
}

export class BatchTooLargeError extends DomainError {
  readonly status = 413;
  constructor(rows: number, max: number) {
    super(`A corrections batch may hold at most ${max} rows; this one has ${rows}. Split it.`, { rows, max_rows: max });
  }
}
