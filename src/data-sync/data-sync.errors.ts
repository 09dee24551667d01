import { ConflictError, DomainError } from '../common/domain-errors.js';
import type { EditProblem } from './customer-data-plan.js';

export class OrderNotEditableError extends ConflictError {
  constructor(ref: string, state: string) {
    super(`Order '${ref}' is ${state}: its customer data can no longer be edited`, { order_ref_1: ref, state });
  }
}

export class OrderDataErasedError extends ConflictError {
  constructor(ref: string, erasedAt: Date) {
    super(`The shopper's personal data of order '${ref}' was erased: it can no longer be edited`, {
      order_ref_1: ref,
      erased_at: erasedAt.toISOString(),
    });
  }
}

export class BatchTooLargeError extends DomainError {
  readonly status = 413;
  constructor(rows: number, max: number) {
    super(`A corrections batch may hold at most ${max} rows; this one has ${rows}. Split it.`, { rows, max_rows: max });
  }
}

/**
 * An edit whose resulting data breaks a rule (a required field cleared, a postal code that does not
 * fit the country). Thrown inside the edit's transaction so that nothing is written; not a
 * {@link DomainError}: each caller words it its own way (a PATCH's 400, a batch row's error).
 */
export class EditRejected extends Error {
  constructor(readonly problems: EditProblem[]) {
    super('edit rejected');
  }
}
