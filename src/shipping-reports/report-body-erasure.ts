import { erasedAddress, erasedCustomer } from '../orders/personal-data.js';
import type { Address, Customer } from '../orders/sequra-objects.js';

/** A report entry with the shopper's data erased, as the order itself is: customer and both addresses. */
export function erasedReportEntry(entry: Record<string, unknown>): Record<string, unknown> {
  const result = { ...entry };
  if (entry.customer) result.customer = erasedCustomer(entry.customer as Customer);
  if (entry.delivery_address) result.delivery_address = erasedAddress(entry.delivery_address as Address);
  if (entry.invoice_address) result.invoice_address = erasedAddress(entry.invoice_address as Address);
  return result;
}

/**
 * Rewrites a stored report body (the exact JSON POSTed) for the erasure of one shopper's data: the
 * entries of one order, in `orders` and `broken_orders`, become {@link erasedReportEntry}; nothing else changes.
 * Bodies hold a batch of orders, most of them other shoppers', so only that order's entries are
 * touched. `statistics.orders` entries carry no personal data (reference, amount, country) and stay.
 *
 * The body was written by `writeDeliveryReport`, whose output is `JSON.stringify` of the report
 * object, so parsing and stringifying it again gives back the same bytes for every other entry.
 * Returns the new body, or null when the order has no entry in it.
 */
export function eraseOrderEntries(json: Buffer, orderRef1: string): Buffer | null {
  // Most bodies do not mention the order at all: skip parsing them.
  if (json.indexOf(`"order_ref_1":${JSON.stringify(orderRef1)}`) < 0) return null;
  const body = JSON.parse(json.toString('utf8')) as { delivery_report?: Record<string, unknown> };
  const report = body.delivery_report ?? {};
  let changed = false;
  for (const list of ['orders', 'broken_orders']) {
    const entries = report[list];
    if (!Array.isArray(entries)) continue;
    report[list] = entries.map((entry: Record<string, unknown>) => {
      const reference = entry.merchant_reference as { order_ref_1?: unknown } | undefined;
      if (reference?.order_ref_1 !== orderRef1) return entry;
      changed = true;
      return erasedReportEntry(entry);
    });
  }
  return changed ? Buffer.from(JSON.stringify(body), 'utf8') : null;
}
