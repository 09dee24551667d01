import { h } from './dom.js';
import { plainText } from './plain-text.js';

/** Integer cents as money, e.g. `€83.50`; unknown currencies fall back to `83.50 XYZ`. */
export function money(cents: unknown, currency: unknown): string {
  if (typeof cents !== 'number' || !Number.isFinite(cents)) return '—';
  const code = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : 'EUR';
  try {
    return new Intl.NumberFormat('en-IE', { style: 'currency', currency: code }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${code}`;
  }
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** A timestamp in the reader's time zone, with the exact ISO value in a `<time>` element. */
export function when(iso: unknown): HTMLElement | string {
  if (typeof iso !== 'string' || !iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return h('time', { datetime: iso, title: iso }, dateTime.format(date));
}

const STATE_LABELS: Record<string, string> = {
  pending: 'Pending',
  on_hold: 'On hold',
  approved: 'Approved',
  shipped: 'Shipped',
  refunded: 'Refunded',
  denied: 'Denied',
  cancelled: 'Cancelled',
};
export const ORDER_STATES = Object.keys(STATE_LABELS);

/** A state as a coloured badge whose text is the state itself (colour is never the only cue). */
export function stateBadge(state: unknown): HTMLElement {
  const value = plainText(state ?? 'unknown');
  return h('span', { class: `badge state-${value.replace(/[^a-z_]/g, '')}` }, STATE_LABELS[value] ?? value);
}

/** Any status word (sent, failed, pending, delivered…) as a badge. */
export function statusBadge(status: unknown): HTMLElement {
  const value = plainText(status ?? 'unknown');
  return h('span', { class: `badge status-${value.replace(/[^a-z_]/g, '')}` }, value.replace(/_/g, ' '));
}

/** A JSON value in one readable line (short) or a pretty block (long). */
export function json(value: unknown): HTMLElement | string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  const compact = JSON.stringify(value);
  if (compact.length <= 80) return h('code', {}, compact);
  return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

/** A JSON document in a collapsible block, for payloads. */
export function jsonBlock(summary: string, value: unknown, open = false): HTMLElement {
  return h(
    'details',
    { class: 'json-block', open },
    h('summary', {}, summary),
    h('pre', { class: 'json', tabindex: 0 }, JSON.stringify(value, null, 2)),
  );
}

export const text = (value: unknown): string =>
  value === null || value === undefined || value === '' ? '—' : plainText(value);

/** A flat object as `key: value · key: value` (nested values as JSON); anything else as {@link json}. */
export function pairsText(value: unknown): HTMLElement | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return json(value);
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
  if (!entries.length) return '—';
  return h(
    'span',
    { class: 'pairs-text' },
    entries.map(([k, v], i) => [i ? ' · ' : '', h('span', { class: 'muted' }, `${k}: `), plainText(v)]),
  );
}
