import { accountIds, chooseAccount } from './merchant-account-choice.js';

// seQura's credentials fixture (order API reference §7), plus an Italian account.
const ACCOUNTS = [
  { ref: 'logeecom1', country: 'PT' },
  { ref: 'logeecom4', country: 'ES' },
  { ref: 'logeecom9', country: 'ES' },
  { ref: 'logeecom7', country: 'IT' },
  { ref: 'nocountry', country: null },
];

describe('chooseAccount', () => {
  it('takes the first account of the delivery country, as seQura’s core does', () => {
    expect(chooseAccount(ACCOUNTS, 'fallback', { deliveryCountry: 'ES', invoiceCountry: 'PT' })).toEqual({
      kind: 'chosen',
      merchantId: 'logeecom4',
      by: 'delivery_country',
    });
    expect(chooseAccount(ACCOUNTS, undefined, { deliveryCountry: 'pt' })).toMatchObject({ merchantId: 'logeecom1' });
  });

  it('then the invoice country, then the fallback', () => {
    expect(chooseAccount(ACCOUNTS, 'fallback', { deliveryCountry: 'FR', invoiceCountry: 'IT' })).toEqual({
      kind: 'chosen',
      merchantId: 'logeecom7',
      by: 'invoice_country',
    });
    expect(chooseAccount(ACCOUNTS, 'fallback', { deliveryCountry: 'FR', invoiceCountry: 'DE' })).toEqual({
      kind: 'chosen',
      merchantId: 'fallback',
      by: 'fallback',
    });
  });

  it('names the countries when no account takes them and there is no fallback', () => {
    expect(chooseAccount(ACCOUNTS, undefined, { deliveryCountry: 'FR', invoiceCountry: 'de' })).toEqual({
      kind: 'none',
      countries: ['FR', 'DE'],
    });
    expect(chooseAccount(ACCOUNTS, undefined, { deliveryCountry: 'FR', invoiceCountry: 'FR' })).toEqual({
      kind: 'none',
      countries: ['FR'],
    });
    expect(chooseAccount([], undefined, {})).toEqual({ kind: 'none', countries: [] });
  });

  it('takes an explicit account only when it is ours (listed, or the fallback), whatever the countries', () => {
    expect(chooseAccount(ACCOUNTS, 'fallback', { explicit: 'logeecom9', deliveryCountry: 'PT' })).toEqual({
      kind: 'chosen',
      merchantId: 'logeecom9',
      by: 'explicit',
    });
    expect(chooseAccount(ACCOUNTS, 'fallback', { explicit: 'nocountry' })).toMatchObject({ kind: 'chosen' });
    expect(chooseAccount(ACCOUNTS, 'fallback', { explicit: 'fallback' })).toMatchObject({ kind: 'chosen' });
    expect(chooseAccount(ACCOUNTS, 'fallback', { explicit: 'someone-else', deliveryCountry: 'ES' })).toEqual({
      kind: 'not_ours',
      merchantId: 'someone-else',
    });
  });
});

describe('accountIds', () => {
  it('lists each account once, the fallback last', () => {
    expect(accountIds(ACCOUNTS, 'logeecom4')).toEqual([
      'logeecom1',
      'logeecom4',
      'logeecom9',
      'logeecom7',
      'nocountry',
    ]);
    expect(accountIds([], 'fallback')).toEqual(['fallback']);
    expect(accountIds([], undefined)).toEqual([]);
  });
});
