import { ConflictError } from '../common/domain-errors.js';
import { DATA_NO_LONGER_NEEDED, ErasureCheck, OrderState } from '../orders/order-states.js';

/** Why seQura (or the outbox, or a report on its way) still needs the shopper's data. */
export type ErasureRefusal = Exclude<ErasureCheck, 'erasable'> | 'update_pending' | 'report_pending';

function explain(ref: string, state: OrderState, reason: ErasureRefusal): string {
  switch (reason) {
    case 'still_needed':
      return (
        `Order '${ref}' is ${state}: seQura still needs the shopper's data until the order is ` +
        `${DATA_NO_LONGER_NEEDED.join(', ')}, or shipped in full and reported`
      );
    case 'not_reported':
      return `Order '${ref}' has shipped but is not reported to seQura yet: its report carries the shopper's data`;
    case 'items_left':
      return `Order '${ref}' still has items to ship: their report to seQura will carry the shopper's data`;
    case 'update_pending':
      return `An Order Update of order '${ref}' waits to be sent to seQura with the shopper's data: erase once sent`;
    case 'report_pending':
      return `A shipping report carrying order '${ref}' is being sent to seQura: erase once it is sent`;
  }
}

export class ErasureRefusedError extends ConflictError {
  constructor(ref: string, state: OrderState, reason: ErasureRefusal) {
    super(explain(ref, state, reason), { order_ref_1: ref, state, reason });
  }
}
