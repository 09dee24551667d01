import { describe, type Schemas } from './api.js';
import { Child, details, h, replace, table } from './dom.js';
import { text, when } from './format.js';
import { actionButton, Context, Notice, viewHeading } from './ui.js';

export type MerchantAccounts = Schemas['MerchantAccounts'];

/** Every merchant id new orders may be given: the listed accounts and the fallback, once each. */
export function accountIds(list: MerchantAccounts): string[] {
  const ids = list.accounts.map((a) => a.sequra_merchant_id);
  if (list.fallback_merchant_id) ids.push(list.fallback_merchant_id);
  return [...new Set(ids)];
}

export const accountOrdersHash = (id: string) => `#/orders?${new URLSearchParams({ account: id })}`;

const SOURCES: Record<MerchantAccounts['source'], string> = {
  discovered: 'listed by seQura for the API user (the last good answer is kept)',
  override: 'given by SEQURA_MERCHANTS (seQura is not asked)',
  none: 'none yet: seQura has not listed them',
};

/** The shop's seQura merchant accounts, and "discover again" after seQura adds or changes one. */
export function renderAccountsPage(ctx: Context): HTMLElement {
  const notice = new Notice();
  // Created below (its action shows the new list); disabled by show() when SEQURA_MERCHANTS sets the list.
  let discover: HTMLButtonElement = h('button', { type: 'button' });
  const body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading the merchant accounts…'));

  const show = (list: MerchantAccounts) => {
    // Given by SEQURA_MERCHANTS: nothing to ask seQura (the API would answer 409).
    discover.disabled = list.source === 'override';
    const rows: Child[][] = list.accounts.map((a) => [
      h('a', { href: accountOrdersHash(a.sequra_merchant_id) }, a.sequra_merchant_id),
      text(a.country),
      text(a.name),
      text(a.currency),
      text(a.realm),
    ]);
    replace(
      body,
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'accounts-heading' },
        h('div', { class: 'panel-head' }, h('h3', { id: 'accounts-heading' }, 'Accounts in force')),
        details([
          ['Where they come from', SOURCES[list.source]],
          ['Deployment', `${list.deployment} (${list.env})`],
          ['Listed by seQura', when(list.discovered_at)],
          [
            'Countries without an account',
            list.fallback_merchant_id
              ? ['go to ', h('a', { href: accountOrdersHash(list.fallback_merchant_id) }, list.fallback_merchant_id)]
              : 'refused at registration (SEQURA_MERCHANT_ID is not set)',
          ],
        ]),
        rows.length
          ? table(
              'A new order goes to the first account of its delivery country, then of its invoice country',
              ['Merchant id', 'Country', 'Name', 'Currency', 'Realm'],
              rows,
              { className: 'accounts' },
            )
          : h('p', { class: 'empty' }, 'No account listed.'),
      ),
    );
  };

  const load = async () => {
    body.setAttribute('aria-busy', 'true');
    try {
      show((await ctx.api.get('/merchant-accounts')).body);
    } catch (error) {
      replace(
        body,
        h('p', { class: 'notice notice-error', role: 'alert' }, `Could not load the accounts. ${describe(error)}`),
      );
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  };

  discover = actionButton('Discover again from seQura', async () => {
    notice.show('info', 'Asking seQura for the accounts…');
    try {
      const list = (await ctx.api.post('/merchant-accounts/discover')).body;
      show(list);
      notice.show('success', `seQura listed ${list.accounts.length} account(s); new orders use them from now on.`);
    } catch (error) {
      notice.error(error, 'The accounts were not changed.');
    }
    notice.reveal();
  });

  void load();
  return h(
    'div',
    { class: 'view' },
    viewHeading('seQura merchant accounts'),
    h(
      'p',
      { class: 'muted' },
      'Each order belongs to one account, chosen when it is registered and never changed; every call to seQura ' +
        'for the order, and its delivery report, go to that account.',
    ),
    h('div', { class: 'toolbar' }, discover),
    notice.el,
    body,
  );
}
