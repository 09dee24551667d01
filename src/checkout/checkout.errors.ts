import { ConflictError, ServiceUnavailableError } from '../common/domain-errors.js';
import type { OrderState } from '../orders/order-states.js';

/** A checkout is started on a pending order only; the form and payment methods need one started here. */
export class CheckoutNotPossibleError extends ConflictError {
  constructor(ref: string, state: OrderState, reason: 'not_pending' | 'not_started') {
    super(
      reason === 'not_pending'
        ? `Order '${ref}' is ${state}: a seQura checkout is for a pending order only`
        : `No seQura checkout was started for order '${ref}': POST /orders/${encodeURIComponent(ref)}/checkout first`,
      { order_ref_1: ref, state, reason },
    );
  }
}

/** The order lacks what seQura requires to start an order (nothing was sent). */
export class CheckoutDataMissingError extends ConflictError {
  constructor(ref: string, missing: string[]) {
    super(`seQura requires ${missing.join(', ')} to start an order; order '${ref}' has none`, {
      order_ref_1: ref,
      missing,
    });
  }
}

/**
 * seQura refused (409: invalid data, such as a cart whose lines do not add up; or another 4xx):
 * the shop hides seQura and offers its other payment methods. `errors` are seQura's own.
 */
export class SequraRefusedError extends ConflictError {
  constructor(message: string, sequraStatus: number, errors: string[]) {
    super(message, { sequra_status: sequraStatus, errors });
  }
}

/**
 * seQura could not be reached, timed out, answered 5xx, or refused our credentials: retry later. The
 * message says what happened (the API's 503 body has no other field).
 */
export class SequraUnavailableError extends ServiceUnavailableError {}
