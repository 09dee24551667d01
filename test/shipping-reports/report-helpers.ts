import type { SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { seedOrder } from '../support/order-fixtures.js';
import { confirmAtSequra } from '../support/sequra-fixtures.js';
import type { TestApp } from '../support/test-app.js';

/**
 * An approved order (seeded through the repository: no IPN here; on seQura's side too with
 * `standIn`), shipped through the API.
 */
export async function shippedOrder(
  t: TestApp,
  ref: string,
  options: { order?: Record<string, unknown>; shipment?: Record<string, unknown>; standIn?: SequraStandIn } = {},
): Promise<void> {
  const order = await seedOrder(t, ref, { state: 'approved', body: options.order });
  if (options.standIn) confirmAtSequra(options.standIn, order);
  const shipped = await t.request('POST', `/orders/${encodeURIComponent(ref)}/shipments`, {
    body: options.shipment ?? {},
  });
  if (shipped.status !== 200) throw new Error(`ship ${ref}: ${shipped.status} ${shipped.text}`);
}

/** The delivery reports the stand-in received, in arrival order. */
export function deliveryReports(standIn: SequraStandIn) {
  return standIn.requests.filter((r) => r.method === 'POST' && r.path === '/orders/delivery_reports');
}

/** order_ref_1 of every entry (orders and broken_orders) of a received report. */
export function reportedRefs(body: {
  delivery_report: {
    orders: { merchant_reference: { order_ref_1: string } }[];
    broken_orders?: { merchant_reference: { order_ref_1: string } }[];
  };
}): string[] {
  const report = body.delivery_report;
  return [...report.orders, ...(report.broken_orders ?? [])].map((o) => o.merchant_reference.order_ref_1);
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
