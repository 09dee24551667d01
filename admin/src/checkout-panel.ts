import type { Schemas } from './api.js';
import { Child, details, h, table } from './dom.js';
import { statusBadge, text, when } from './format.js';

type OrderCheckout = Schemas['OrderCheckout'];
type HistoryRow = Schemas['HistoryEntry'];

interface CheckoutDetails {
  event: 'checkout';
  outcome: 'started' | 'refused' | 'unavailable';
  merchant_id: string;
  sequra_order_ref: string | null;
  replaced_sequra_order_ref: string | null;
  layout: string;
  http_status: number | null;
  errors: string[];
}

interface NotLatestDetails {
  event: 'not_latest_sequra_order';
  sq_state: string;
  order_ref: string;
  latest_sequra_order_ref: string | null;
}

const eventOf = (row: HistoryRow): string | undefined =>
  row.details && typeof row.details === 'object' ? (row.details as { event?: string }).event : undefined;

const OUTCOMES: Record<CheckoutDetails['outcome'], string> = {
  started: 'seQura order started',
  refused: 'seQura refused it (the shop offers another payment method)',
  unavailable: 'seQura could not be reached, or refused our credentials (retry later)',
};

/**
 * "Checkout at seQura": every attempt to start the order at seQura (`POST /orders/:ref/checkout`)
 * and every IPN refused because its seQura order had been replaced, oldest first, with the seQura
 * order each one is about (the current one marked), from the order's history.
 */
export function checkoutPanel(
  order: { sequra_order_ref: string | null; checkout: OrderCheckout | null },
  history: HistoryRow[],
): Child {
  const rows = history.filter((r) => ['checkout', 'not_latest_sequra_order'].includes(eventOf(r) ?? ''));
  const checkout = order.checkout;
  const summary = checkout
    ? details([
        ['Current seQura order', h('code', {}, text(order.sequra_order_ref))],
        ['Started', when(checkout.started_at)],
        ['seQura orders started', String(checkout.solicitations)],
        ['Merchant account', checkout.merchant_id],
        ['Form layout', checkout.layout],
        ['Return URL', text(checkout.return_url)],
        ['Abort URL', text(checkout.abort_url)],
      ])
    : h(
        'p',
        { class: 'muted' },
        rows.length
          ? 'No seQura order was started: every attempt failed.'
          : 'No checkout was started by this service (the shop starts the seQura order itself, or has not yet).',
      );
  if (!rows.length) return summary;
  const seQuraOrder = (ref: string | null): Child =>
    ref ? [h('code', {}, ref), ref === order.sequra_order_ref ? ' (current)' : ' (replaced)'] : '—';
  return [
    summary,
    table(
      'Every attempt to start this order at seQura, and the IPNs refused for a replaced seQura order, oldest first',
      ['When', 'What', 'By', 'seQura order', 'seQura’s answer'],
      rows.map((row) => {
        if (eventOf(row) === 'not_latest_sequra_order') {
          const d = row.details as unknown as NotLatestDetails;
          return [
            when(row.at),
            `IPN ${d.sq_state} for a seQura order that is not the latest: refused (404), nothing changed`,
            text(row.actor),
            seQuraOrder(d.order_ref),
            '—',
          ];
        }
        const d = row.details as unknown as CheckoutDetails;
        const answer: Child[] = [];
        if (d.http_status !== null && d.http_status !== undefined) answer.push(statusBadge(String(d.http_status)));
        if (d.errors?.length) answer.push(h('div', { class: 'error-text' }, d.errors.join(' · ')));
        return [
          when(row.at),
          [statusBadge(d.outcome), ' ', OUTCOMES[d.outcome] ?? d.outcome, ` · ${d.layout}`],
          text(row.actor),
          seQuraOrder(d.sequra_order_ref),
          answer.length ? answer : '—',
        ];
      }),
      { className: 'checkout-attempts' },
    ),
  ];
}
