import { ApiError, describe, type Schemas } from './api.js';
import { Child, details, h, replace, table } from './dom.js';
import { checkoutPanel } from './checkout-panel.js';
import { changesTable, customerDataPanel } from './customer-data-panel.js';
import { json, money, pairsText, stateBadge, statusBadge, text, when } from './format.js';
import { adjustmentsPanel, keptByShopper, leftToShip, lineUnits, sequraViewPanel } from './order-adjustments.js';
import { actionButton, Context, loadingSection, viewHeading } from './ui.js';

type OrderView = Schemas['OrderDetail'];
type OutboxRow = Schemas['SequraUpdate'];
type HistoryRow = Schemas['HistoryEntry'];
type WebhookEventRow = Schemas['WebhookEvent'];

/** One order: its state, cart, people, shipments, history, webhooks and seQura calls. */
export function renderOrderPage(ctx: Context, ref: string): HTMLElement {
  const body = h('div', { class: 'order-body', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading the order…'));
  const heading = viewHeading(['Order ', h('span', { class: 'ref' }, ref)]);
  const view = h(
    'div',
    { class: 'view' },
    h('p', { class: 'back' }, h('a', { href: '#/orders' }, '← Orders')),
    heading,
    body,
  );

  const load = async () => {
    body.setAttribute('aria-busy', 'true');
    try {
      const order = (await ctx.api.get('/orders/{ref}', { path: { ref } })).body;
      replace(heading, 'Order ', h('span', { class: 'ref' }, order.order_ref_1), ' ', stateBadge(order.state));
      replace(body, ...orderSections(ctx, order, load));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404)
        replace(
          body,
          h('p', { class: 'notice notice-error', role: 'alert' }, `There is no order with the reference “${ref}”.`),
        );
      else
        replace(
          body,
          h('p', { class: 'notice notice-error', role: 'alert' }, `Could not load the order. ${describe(error)}`),
        );
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  };
  void load();
  return view;
}

function orderSections(ctx: Context, order: OrderView, reloadOrder: () => Promise<void>): Child[] {
  const ref = order.order_ref_1;
  const audit = loadingSection('Customer-data changes (audit trail)', async () => {
    const rows = (await ctx.api.get('/orders/{ref}/customer-data/changes', { path: { ref } })).body.data;
    return rows.length
      ? changesTable('Every correction of this order, newest first', rows)
      : h('p', { class: 'muted' }, 'No correction yet.');
  });
  const historyRows = async () => (await ctx.api.get('/orders/{ref}/history', { path: { ref } })).body.data;
  const history = loadingSection('State history', async () => historyTable(await historyRows()));
  const checkout = loadingSection('Checkout at seQura', async () => checkoutPanel(order, await historyRows()), {
    id: 'checkout',
  });
  const sequraCalls = loadingSection('seQura calls (outbox)', async () => sequraCallsTable(ctx, order));
  const afterSave = () => {
    void audit.reload();
    void history.reload();
    void sequraCalls.reload();
  };
  return [
    h('div', { class: 'toolbar' }, actionButton('Reload order', reloadOrder)),
    h('div', { class: 'columns' }, summaryPanel(order), trackingPanel(order)),
    cartPanel(order),
    checkout.el,
    sequraViewPanel(order),
    adjustmentsPanel(ctx, order, reloadOrder),
    customerDataPanel(
      ctx,
      ref,
      {
        order_ref_1: ref,
        state: order.state,
        version: order.version,
        customer: order.customer,
        delivery_address: order.delivery_address,
        invoice_address: order.invoice_address,
      },
      afterSave,
    ),
    history.el,
    loadingSection('Webhook events received', async () =>
      webhookEventsTable((await ctx.api.get('/orders/{ref}/webhook-events', { path: { ref } })).body.data),
    ).el,
    sequraCalls.el,
    audit.el,
  ];
}

function panel(title: string, ...content: Child[]): HTMLElement {
  const id = `p-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id },
    h('div', { class: 'panel-head' }, h('h3', { id }, title)),
    ...content,
  );
}

function summaryPanel(o: OrderView): HTMLElement {
  const method = o.delivery_method
    ? [o.delivery_method.name, o.delivery_method.provider, o.delivery_method.days && `${o.delivery_method.days} days`]
        .filter(Boolean)
        .join(' · ')
    : null;
  return panel(
    'Summary',
    details([
      ['State', stateBadge(o.state)],
      ['Risk level', o.risk_level ? statusBadge(o.risk_level) : 'not assessed yet'],
      ['Order total', money(o.cart?.order_total_with_tax, o.cart?.currency)],
      ['Second reference (order_ref_2)', o.order_ref_2],
      ['seQura order', o.sequra_order_ref],
      ['Delivery method', method],
      ['Created', when(o.created_at)],
      ['Approved', when(o.approved_at)],
      ['Shipped', when(o.shipped_at)],
      ['Cancelled', when(o.cancelled_at)],
      ['Reported to seQura', when(o.reported_at)],
      ...(o.erased_at ? [['Personal data erased', when(o.erased_at)] as [string, Child]] : []),
      ['Last change', when(o.updated_at)],
      ['Version', String(o.version)],
    ]),
  );
}

function cartPanel(o: OrderView): HTMLElement {
  const currency = o.cart?.currency;
  const units = new Map(lineUnits(o).map((l) => [l.reference, l]));
  const count = (n: number | undefined) => h('span', { class: 'num' }, n === undefined ? '—' : String(n));
  const rows = (o.cart?.items ?? []).map((item) => {
    const line = item.reference ? units.get(item.reference) : undefined;
    return [
      item.name ?? item.reference ?? item.type,
      text(item.reference),
      item.type,
      h('span', { class: 'num' }, money(item.price_with_tax, currency)),
      count(item.quantity ?? 1),
      count(line?.shipped),
      count(line?.cancelled),
      count(line?.returned),
      count(line ? leftToShip(line) : undefined),
      h('span', { class: 'num' }, money(item.total_with_tax, currency)),
    ];
  });
  const t = table(
    `Cart (${text(currency)}) as ordered; per line: shipped, cancelled before shipping, returned, left to ship`,
    ['Item', 'Reference', 'Type', 'Unit price', 'Qty', 'Shipped', 'Cancelled', 'Returned', 'Left to ship', 'Total'],
    rows,
    { className: 'cart' },
  );
  t.append(
    h(
      'tfoot',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'row', colspan: 9 }, 'Order total'),
        h('td', {}, h('span', { class: 'num' }, money(o.cart?.order_total_with_tax, currency))),
      ),
    ),
  );
  const kept = lineUnits(o).reduce((n, l) => n + keptByShopper(l), 0);
  return panel('Cart', t, h('p', { class: 'muted' }, `Units shipped and kept by the shopper: ${kept}.`));
}

function trackingPanel(o: OrderView): HTMLElement {
  if (!o.trackings?.length) return panel('Tracking', h('p', { class: 'muted' }, 'No shipment tracked yet.'));
  return panel(
    'Tracking',
    table(
      'Shipments and their tracking',
      ['Reference', 'Type', 'Carrier or point', 'Tracking number', 'Delivered', 'Link'],
      o.trackings.map((t) => [
        text(t.reference),
        text(t.type ?? 'postal'),
        text(t.carrier ?? ([t.operator_ref, t.store_ref, t.city].filter(Boolean).join(' · ') || undefined)),
        text(t.tracking_number),
        when(t.delivered_at),
        safeLink(t.tracking_url),
      ]),
    ),
  );
}

/** Only http(s) links, opened without giving the carrier's page access to this one. */
function safeLink(url: unknown): Child {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return text(url);
  return h(
    'a',
    { href: url, target: '_blank', rel: 'noopener noreferrer' },
    'Track parcel',
    h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'),
  );
}

function historyTable(rows: HistoryRow[]): Child {
  if (!rows.length) return h('p', { class: 'muted' }, 'No history.');
  return table(
    'Every state change and note, oldest first',
    ['When', 'Change', 'Cause', 'By', 'Details'],
    rows.map((r) => [
      when(r.at),
      r.kind === 'transition'
        ? [r.from_state ? stateBadge(r.from_state) : 'new', ' → ', stateBadge(r.to_state)]
        : 'note',
      r.cause,
      text(r.actor),
      pairsText(r.details),
    ]),
  );
}

/**
 * What the answer means for seQura: 503 and a `retry` result make it ask again; other answers that were
 * not settled (refusals such as 403 or 501) are processed afresh if seQura repeats them.
 */
function answerNote(r: WebhookEventRow): string {
  if (r.status === 503 || /"result"\s*:\s*"retry"/.test(r.response_body ?? '')) return ' (seQura will ask again)';
  return r.final ? '' : ' (not settled)';
}

function webhookEventsTable(rows: WebhookEventRow[]): Child {
  if (!rows.length) return h('p', { class: 'muted' }, 'No webhook from seQura received for this order.');
  return table(
    'Requests seQura sent about this order and our answers, newest first',
    ['Received', 'Kind', 'Event', 'Our answer', 'Details'],
    rows.map((r) => [
      when(r.received_at),
      r.kind === 'ipn' ? 'IPN' : 'event',
      text(r.event),
      [statusBadge(String(r.status)), r.replay_of ? ` (repeat of #${r.replay_of})` : '', answerNote(r)],
      h(
        'details',
        {},
        h('summary', {}, 'Payload and answer'),
        json(r.payload),
        r.response_body ? h('pre', { class: 'json' }, r.response_body) : null,
      ),
    ]),
  );
}

const OUTBOX_KINDS: Record<string, string> = {
  customer_data: 'customer data corrected',
  shipment: 'shipment',
  refund: 'return or refund',
  cancel_units: 'units cancelled',
};

/** The Order Update calls owed to seQura (the outbox), in the order they were queued. */
async function sequraCallsTable(ctx: Context, order: OrderView): Promise<Child> {
  const rows = (await ctx.api.get('/orders/{ref}/sequra-updates', { path: { ref: order.order_ref_1 } })).body.data;
  if (!rows.length) return h('p', { class: 'muted' }, 'No call to seQura queued for this order.');
  return table(
    'Order Update calls to seQura, in the order they were queued',
    ['Queued', 'Why', 'Status', 'Attempts', 'Next attempt', 'seQura’s last answer', 'Sent'],
    rows.map((r) => [
      when(r.created_at),
      OUTBOX_KINDS[r.kind] ??
        (r.kind === 'cancellation'
          ? `cancellation${r.cancellation_reason ? ` (${r.cancellation_reason})` : ''}`
          : text(r.kind)),
      statusBadge(r.status),
      h('span', { class: 'num' }, String(r.attempts)),
      when(r.next_attempt_at),
      lastAnswer(r),
      when(r.sent_at),
    ]),
  );
}

function lastAnswer(r: OutboxRow): Child {
  const parts: Child[] = [];
  if (r.last_status !== null && r.last_status !== undefined) parts.push(statusBadge(String(r.last_status)));
  if (r.last_error) parts.push(h('div', { class: 'error-text' }, r.last_error));
  return parts.length
    ? parts
    : r.status === 'pending'
      ? 'not sent yet'
      : r.status === 'skipped'
        ? 'nothing to send'
        : '—';
}
