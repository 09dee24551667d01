import { ApiError, describe, type Schemas } from './api.js';
import { Child, h, replace, table, uid } from './dom.js';
import { money, statusBadge, text, when } from './format.js';
import { Context, Notice } from './ui.js';

/**
 * seQura's view of an order, and what staff do to an order after approval: record a return or a
 * refund, cancel units that will not ship. The forms check what they can before sending (whole
 * units, no more than are left, an amount in cents); the service checks again under the order's
 * lock, and its refusals (a 409 naming the limit that was hit) are shown as it words them.
 */

export type CartItem = Schemas['CartItem'];
export type Cart = Schemas['Cart'];
export type SequraCarts = Schemas['SequraCarts'];
export type RefundRow = Schemas['Refund'];

/** The fields of the order these panels read. */
export type AdjustableOrder = Pick<
  Schemas['Order'],
  | 'order_ref_1'
  | 'state'
  | 'cart'
  | 'shipped_quantities'
  | 'cancelled_quantities'
  | 'returned_quantities'
  | 'refunds'
  | 'sequra_view'
>;

/** One shippable line and its units. */
export interface LineUnits {
  reference: string;
  name: string;
  ordered: number;
  shipped: number;
  cancelled: number;
  returned: number;
}

export function lineUnits(order: AdjustableOrder): LineUnits[] {
  return order.cart.items
    .filter((item) => (item.type === 'product' || item.type === 'service') && !!item.reference)
    .map((item) => ({
      reference: item.reference!,
      name: item.name ?? item.reference!,
      ordered: item.quantity ?? 1,
      shipped: order.shipped_quantities?.[item.reference!] ?? 0,
      cancelled: order.cancelled_quantities?.[item.reference!] ?? 0,
      returned: order.returned_quantities?.[item.reference!] ?? 0,
    }));
}

export const leftToShip = (l: LineUnits) => l.ordered - l.shipped - l.cancelled;
export const keptByShopper = (l: LineUnits) => l.shipped - l.returned;

/**
 * An amount typed in the cart's currency (`12`, `12.5`, `12,50`) as integer cents, read from the
 * text (never through a float); null when it is not such an amount.
 */
export function parseAmountCents(typed: string): number | null {
  const match = /^\s*(\d{1,8})(?:[.,](\d{1,2}))?\s*$/.exec(typed);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** What staff typed per line: a whole number from 0 to `max`, or an error for that line. */
export function parseUnits(typed: string, max: number): { units: number } | { error: string } {
  const value = typed.trim();
  if (value === '') return { units: 0 };
  if (!/^\d{1,7}$/.test(value)) return { error: 'Enter a whole number of units.' };
  const units = Number(value);
  if (units > max) return { error: `At most ${max}.` };
  return { units };
}

function cartTable(caption: string, cart: Cart): Child {
  if (!cart.items.length) return h('p', { class: 'muted' }, `${caption}: empty.`);
  const t = table(
    caption,
    ['Item', 'Type', 'Qty', 'Total'],
    cart.items.map((item) => [
      item.name ?? item.reference ?? item.type,
      item.type,
      h('span', { class: 'num' }, item.quantity === undefined ? '—' : String(item.quantity)),
      h('span', { class: 'num' }, money(item.total_with_tax, cart.currency)),
    ]),
    { className: 'sequra-cart' },
  );
  t.append(
    h(
      'tfoot',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'row', colspan: 3 }, 'Total'),
        h('td', {}, h('span', { class: 'num' }, money(cart.order_total_with_tax, cart.currency))),
      ),
    ),
  );
  return t;
}

/** What seQura holds (or should): the two carts of the Order Update API, and whether it is told. */
export function sequraViewPanel(order: AdjustableOrder): HTMLElement {
  const headingId = uid('h');
  const view = order.sequra_view;
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': headingId, 'data-panel': 'sequra-view' },
    h('div', { class: 'panel-head' }, h('h3', { id: headingId }, 'seQura’s view')),
  );
  if (!view) {
    section.append(h('p', { class: 'muted' }, 'Not available.'));
    return section;
  }
  const status = !view.acknowledged
    ? [statusBadge('not_confirmed'), ' seQura has not confirmed this order: it holds no carts yet.']
    : view.waits_for_report
      ? [statusBadge('pending'), ' The next delivery report tells seQura of the first shipment and every change since.']
      : view.in_step
        ? [statusBadge('sent'), ' seQura holds these carts (it acknowledged them).']
        : [statusBadge('pending'), ' An Order Update is owed: seQura still holds the carts it last acknowledged.'];
  section.append(
    h('p', { class: 'sequra-status' }, status),
    h(
      'div',
      { class: 'two-carts' },
      h('div', {}, cartTable('Shipped cart: what seQura charges the shopper for', view.current.shipped_cart)),
      h('div', {}, cartTable('Unshipped cart: still to ship, still charged', view.current.unshipped_cart)),
    ),
  );
  if (view.acknowledged && !view.in_step) {
    section.append(
      h(
        'details',
        {},
        h('summary', {}, 'Last acknowledged by seQura'),
        h(
          'div',
          { class: 'two-carts' },
          h('div', {}, cartTable('Shipped cart seQura holds', view.acknowledged.shipped_cart)),
          h('div', {}, cartTable('Unshipped cart seQura holds', view.acknowledged.unshipped_cart)),
        ),
      ),
    );
  }
  return section;
}

function refundsTable(order: AdjustableOrder): Child {
  const refunds = order.refunds ?? [];
  if (!refunds.length) return h('p', { class: 'muted' }, 'No return or refund recorded.');
  return table(
    'Returns and refunds, oldest first',
    ['#', 'When', 'By', 'Units returned', 'Amount refunded', 'Reason'],
    refunds.map((r) => [
      String(r.n),
      when(r.at),
      text(r.actor),
      Object.entries(r.items)
        .map(([reference, units]) => `${units} × ${reference}`)
        .join(', ') || '—',
      h('span', { class: 'num' }, r.amount ? money(r.amount, order.cart.currency) : '—'),
      text(r.reason),
    ]),
    { className: 'refunds' },
  );
}

/** A form of one "units per line" input each, an optional amount, a reason; see {@link adjustmentsPanel}. */
interface UnitsFormSpec {
  title: string;
  submitLabel: string;
  lines: { line: LineUnits; max: number; label: string }[];
  withAmount: boolean;
  send: (body: Record<string, unknown>) => Promise<unknown>;
  success: (body: Record<string, unknown>) => string;
}

/**
 * `onDone` gets the success message once the service has recorded it: the order page reloads
 * (this panel with it), so the message goes to the page-wide notice.
 */
function unitsForm(
  spec: UnitsFormSpec,
  notice: Notice,
  onDone: (message: string) => Promise<void>,
  close: () => void,
): HTMLElement {
  const inputs = spec.lines.map(({ line, max, label }) => {
    const id = uid('units');
    const errorId = `${id}-error`;
    const input = h('input', {
      id,
      name: line.reference,
      inputmode: 'numeric',
      autocomplete: 'off',
      value: '',
      'aria-describedby': errorId,
    });
    const error = h('div', { id: errorId, class: 'field-error' });
    return {
      line,
      max,
      input,
      error,
      el: h('div', { class: 'field' }, h('label', { for: id }, label), input, error),
    };
  });
  const amountId = uid('amount');
  const amount = h('input', { id: amountId, name: 'amount', inputmode: 'decimal', autocomplete: 'off' });
  const amountError = h('div', { id: `${amountId}-error`, class: 'field-error' });
  amount.setAttribute('aria-describedby', `${amountId}-hint ${amountId}-error`);
  const reasonId = uid('reason');
  const reason = h('input', { id: reasonId, name: 'reason', maxlength: 500, autocomplete: 'off' });
  const submit = h('button', { type: 'submit', class: 'primary' }, spec.submitLabel);
  const cancel = h('button', { type: 'button' }, 'Cancel');
  cancel.addEventListener('click', () => {
    notice.clear();
    close();
  });
  const showError = (slot: HTMLElement, input: HTMLInputElement, message: string | null) => {
    replace(slot, message ? h('ul', {}, h('li', {}, message)) : null);
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };

  const form = h(
    'form',
    { class: 'edit-form', novalidate: true, 'aria-label': spec.title },
    h(
      'div',
      { class: 'grid-fields' },
      inputs.map((i) => i.el),
    ),
    spec.withAmount
      ? h(
          'div',
          { class: 'field' },
          h('label', { for: amountId }, 'Amount refunded as money (optional)'),
          amount,
          h('p', { id: `${amountId}-hint`, class: 'hint' }, 'In the cart’s currency, e.g. 12.50'),
          amountError,
        )
      : null,
    h('div', { class: 'field' }, h('label', { for: reasonId }, 'Reason (optional)'), reason),
    h('div', { class: 'buttons' }, submit, cancel),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      if (submit.disabled) return;
      let problems = 0;
      const items: { reference: string; quantity: number }[] = [];
      for (const i of inputs) {
        const parsed = parseUnits(i.input.value, i.max);
        showError(i.error, i.input, 'error' in parsed ? parsed.error : null);
        if ('error' in parsed) problems++;
        else if (parsed.units > 0) items.push({ reference: i.line.reference, quantity: parsed.units });
      }
      let cents: number | null = null;
      if (spec.withAmount && amount.value.trim() !== '') {
        cents = parseAmountCents(amount.value);
        const message = cents === null || cents === 0 ? 'Enter an amount such as 12.50.' : null;
        showError(amountError, amount, message);
        if (message) problems++;
      }
      if (problems > 0) {
        notice.show('error', 'Not sent: correct the fields marked.');
        return;
      }
      if (items.length === 0 && !cents) {
        notice.show('error', spec.withAmount ? 'Enter units returned, an amount, or both.' : 'Enter units to cancel.');
        return;
      }
      const body: Record<string, unknown> = {};
      if (items.length) body.items = items;
      if (cents) body.amount = cents;
      if (reason.value.trim()) body.reason = reason.value.trim();
      submit.disabled = true;
      submit.setAttribute('aria-busy', 'true');
      notice.show('info', 'Sending…');
      try {
        await spec.send(body);
        notice.clear();
        close();
        await onDone(spec.success(body));
      } catch (error) {
        notice.show('error', `Not recorded. ${describe(error)}`);
        if (error instanceof ApiError && error.fieldErrors.length) {
          for (const e of error.fieldErrors) {
            const row = /^items\.(\d+)\./.exec(e.field);
            const target = row ? inputs.find((i) => i.line.reference === items[Number(row[1])]?.reference) : null;
            if (target) showError(target.error, target.input, e.messages.join(' '));
            else if (e.field === 'amount') showError(amountError, amount, e.messages.join(' '));
          }
        }
      } finally {
        submit.disabled = false;
        submit.removeAttribute('aria-busy');
        notice.reveal();
      }
    })();
  });
  return form;
}

/**
 * Returns, refunds and cancelled units: what was recorded, and the two forms. A return or refund
 * needs a shipped order; cancelling units needs units still to ship on an approved or shipped one.
 */
export function adjustmentsPanel(ctx: Context, order: AdjustableOrder, reload: () => Promise<void>): HTMLElement {
  const headingId = uid('h');
  const notice = new Notice();
  const formSlot = h('div', { class: 'form-slot' });
  const ref = order.order_ref_1;
  const lines = lineUnits(order);
  const currency = order.cart.currency;

  const opener = (label: string, spec: () => UnitsFormSpec, enabled: boolean) => {
    const button = h('button', { type: 'button', disabled: !enabled, 'aria-expanded': 'false' }, label);
    button.addEventListener('click', () => {
      notice.clear();
      const close = () => {
        formSlot.replaceChildren();
        button.setAttribute('aria-expanded', 'false');
        button.focus();
      };
      button.setAttribute('aria-expanded', 'true');
      const done = async (message: string) => {
        await reload();
        ctx.notify('success', message);
      };
      replace(formSlot, h('h4', {}, label), unitsForm(spec(), notice, done, close));
      formSlot.querySelector('input')?.focus();
    });
    return button;
  };

  const returnable = lines.filter((l) => keptByShopper(l) > 0);
  const refundSpec = (): UnitsFormSpec => ({
    title: 'Record a return or refund',
    submitLabel: 'Record the return or refund',
    lines: returnable.map((line) => ({
      line,
      max: keptByShopper(line),
      label: `${line.name}: units returned (up to ${keptByShopper(line)})`,
    })),
    withAmount: true,
    send: (body) => ctx.api.post('/orders/{ref}/refunds', { path: { ref }, body }),
    success: (body) =>
      `Recorded${body.amount ? `: ${money(body.amount, currency)} refunded` : ''}` +
      `${body.items ? `${body.amount ? ',' : ':'} ${(body.items as unknown[]).length} line(s) returned` : ''}. ` +
      'seQura is told by an Order Update (or by the next delivery report, if it has not heard of the shipment yet).',
  });
  const cancellable = lines.filter((l) => leftToShip(l) > 0);
  const cancelSpec = (): UnitsFormSpec => ({
    title: 'Cancel units not yet shipped',
    submitLabel: 'Cancel these units',
    lines: cancellable.map((line) => ({
      line,
      max: leftToShip(line),
      label: `${line.name}: units to cancel (up to ${leftToShip(line)})`,
    })),
    withAmount: false,
    send: (body) => ctx.api.post('/orders/{ref}/cancel', { path: { ref }, body }),
    success: () => 'Units cancelled: they leave the unshipped cart seQura holds.',
  });

  const canRefund = order.state === 'shipped';
  const canCancelUnits = (order.state === 'approved' || order.state === 'shipped') && cancellable.length > 0;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': headingId, 'data-panel': 'adjustments' },
    h(
      'div',
      { class: 'panel-head' },
      h('h3', { id: headingId }, 'Returns, refunds and cancelled units'),
      h(
        'div',
        { class: 'toolbar' },
        opener('Record a return or refund', refundSpec, canRefund),
        opener('Cancel units not yet shipped', cancelSpec, canCancelUnits),
      ),
    ),
    notice.el,
    formSlot,
    refundsTable(order),
  );
}
