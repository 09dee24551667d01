import { FieldError, ValidationFailedError } from '../common/domain-errors.js';
import { firstLineBeyondCartBound, MAX_AMOUNT_CENTS } from '../common/money.js';
import type { RegisterOrderDto } from './dto/register-order.dto.js';
import { isShippableItem } from './order-cart.js';
import { INITIAL_ORDER_STATE } from './order-states.js';
import type { NewOrder } from './order.repository.js';
import type { Cart } from './sequra-objects.js';

/**
 * A registration as the order to store: pending, nothing shipped, seQura's shapes kept as sent, in the
 * merchant account chosen for it (MerchantAccountsService.accountForNewOrder).
 */
export function newOrderOf(dto: RegisterOrderDto, sequraMerchantId: string): NewOrder {
  assertUniqueReferences(dto.cart as Cart);
  assertCartWithinBounds(dto.cart as Cart);
  return {
    orderRef1: dto.merchant_reference.order_ref_1,
    orderRef2: dto.merchant_reference.order_ref_2 ?? null,
    sequraOrderRef: dto.sequra_order_ref ?? null,
    sequraMerchantId,
    state: INITIAL_ORDER_STATE,
    // No deep copy: the repository writes JSONB with JSON.stringify, which carries no class (and leaves out the
    // undefined fields of class-transformer's instances), and answers with the row as stored.
    cart: dto.cart as Cart,
    shippedQuantities: {},
    cancelledQuantities: {},
    refunds: [],
    sequraView: null,
    deliveryMethod: { ...dto.delivery_method },
    customer: { ...dto.customer },
    deliveryAddress: { ...dto.delivery_address },
    invoiceAddress: { ...dto.invoice_address },
    trackings: [],
  };
}

/** Lines shipped by quantity are named by their reference in shipments: it must be unique. */
function assertUniqueReferences(cart: Cart): void {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  cart.items.forEach((item, i) => {
    if (!isShippableItem(item) || !item.reference) return;
    if (seen.has(item.reference)) {
      const message = `reference '${item.reference}' appears twice in the cart`;
      errors.push({ field: `cart.items.${i}.reference`, messages: [message] });
    }
    seen.add(item.reference);
  });
  if (errors.length > 0) throw new ValidationFailedError(errors);
}

/**
 * Every cart built from this one (what shipped, what remains, a partial quantity of a line) must
 * total within the bound: the lines, added up by size (a line's total, or its unit price times its
 * quantity when that is larger), may not pass {@link MAX_AMOUNT_CENTS}. Names the line that does.
 */
function assertCartWithinBounds(cart: Cart): void {
  const i = firstLineBeyondCartBound(cart.items);
  if (i < 0) return;
  const message =
    `the cart's lines add up to more than ${MAX_AMOUNT_CENTS} cents from this line on ` +
    '(each line counts its total_with_tax, or price_with_tax × quantity when larger, whatever its sign)';
  throw new ValidationFailedError([{ field: `cart.items.${i}.total_with_tax`, messages: [message] }]);
}
