import type { Schemas } from './api.js';
import { h, replace, uid } from './dom.js';
import { money, ORDER_STATES, stateBadge, when } from './format.js';
import { Context, Notice, viewHeading } from './ui.js';

type OrderPage = Schemas['OrderPage'];
type OrderState = Schemas['Order']['state'] | undefined;

const PAGE_SIZE = 25;

export const orderHash = (ref: string) => `#/orders/${encodeURIComponent(ref)}`;

/** Find orders: by order_ref_1 or part of it, by state; newest first, paged with the API's cursor. */
export function renderOrdersPage(ctx: Context, params: URLSearchParams): HTMLElement {
  const q = params.get('q') ?? '';
  const state = params.get('state') ?? '';

  const qId = uid('q');
  const stateId = uid('state');
  const qInput = h('input', {
    id: qId,
    name: 'q',
    type: 'search',
    value: q,
    autocomplete: 'off',
    maxlength: 255,
    'aria-describedby': `${qId}-hint`,
  });
  const stateSelect = h(
    'select',
    { id: stateId, name: 'state' },
    h('option', { value: '' }, 'Any state'),
    ORDER_STATES.map((s) => h('option', { value: s, selected: s === state }, s.replace('_', ' '))),
  );
  const form = h(
    'form',
    { class: 'search', role: 'search', 'aria-label': 'Find orders' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: qId }, 'Order reference'),
      qInput,
      h('p', { id: `${qId}-hint`, class: 'hint' }, 'order_ref_1 or part of it; empty lists every order'),
    ),
    h('div', { class: 'field' }, h('label', { for: stateId }, 'State'), stateSelect),
    h('div', { class: 'field field-button' }, h('button', { type: 'submit', class: 'primary' }, 'Search')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (qInput.value.trim()) next.set('q', qInput.value.trim());
    if (stateSelect.value) next.set('state', stateSelect.value);
    const hash = `#/orders${next.size ? `?${next}` : ''}`;
    // Same search again: the hash does not change, so reload explicitly.
    if (location.hash === hash) void load(null);
    else ctx.navigate(hash);
  });

  const notice = new Notice();
  const results = h('div', { class: 'results', 'aria-busy': 'true' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Result pages' });
  // Cursors of the pages shown so far: [null (first page), cursor of page 2, …].
  const cursors: (string | null)[] = [null];

  const load = async (cursor: string | null, focus?: 'previous' | 'next') => {
    const query = {
      limit: PAGE_SIZE,
      q: q || undefined,
      state: (state || undefined) as OrderState,
      cursor: cursor ?? undefined,
    };
    results.setAttribute('aria-busy', 'true');
    notice.clear();
    try {
      const page = (await ctx.api.get('/orders', { query })).body;
      renderPage(page, focus);
    } catch (error) {
      notice.error(error, 'Could not search orders.');
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  };

  const renderPage = (page: OrderPage, focus?: 'previous' | 'next') => {
    const pageNumber = cursors.length;
    const filters = [q && `reference containing “${q}”`, state && `state ${state.replace('_', ' ')}`]
      .filter(Boolean)
      .join(', ');
    if (page.data.length === 0) {
      replace(
        results,
        h(
          'p',
          { class: 'empty' },
          pageNumber === 1 ? `No order found${filters ? ` with ${filters}` : ''}.` : 'No more orders.',
        ),
      );
    } else {
      replace(
        results,
        h(
          'table',
          { class: 'orders' },
          h('caption', {}, `Orders${filters ? ` with ${filters}` : ''}, newest first — page ${pageNumber}`),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Reference', 'State', 'Total', 'Customer', 'Created', 'Updated'].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            page.data.map((o) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, h('a', { href: orderHash(o.order_ref_1) }, o.order_ref_1)),
                h('td', {}, stateBadge(o.state)),
                h('td', { class: 'num' }, money(o.cart?.order_total_with_tax, o.cart?.currency)),
                h(
                  'td',
                  {},
                  [o.customer?.given_names, o.customer?.surnames].filter(Boolean).join(' ') || o.customer?.email || '—',
                ),
                h('td', {}, when(o.created_at)),
                h('td', {}, when(o.updated_at)),
              ),
            ),
          ),
        ),
      );
    }
    const previous = h('button', { type: 'button', disabled: cursors.length <= 1 }, '← Newer orders');
    previous.addEventListener('click', () => {
      cursors.pop();
      void load(cursors[cursors.length - 1], 'previous');
    });
    const next = h('button', { type: 'button', disabled: !page.next_cursor }, 'Older orders →');
    next.addEventListener('click', () => {
      if (!page.next_cursor) return;
      cursors.push(page.next_cursor);
      void load(page.next_cursor, 'next');
    });
    replace(pager, previous, h('span', { class: 'muted' }, `Page ${pageNumber}`), next);
    // The buttons were re-created: keep keyboard focus where the user was, or on the other one.
    if (focus) (focus === 'next' ? (next.disabled ? previous : next) : previous.disabled ? next : previous).focus();
  };

  void load(null);
  return h('div', { class: 'view' }, viewHeading('Orders'), form, notice.el, results, pager);
}
