import type { KnownMerchantAccount } from '../merchants/merchant-account-choice.js';

/**
 * seQura's answer to `GET merchants/credentials` (order API reference §7): a JSON array, one entry per
 * merchant account of the API user, `ref` its merchant id and `country` its country. Of each entry only
 * what identifies the account is kept (`ref`, `country`, `name`, `currency`, `realm`): never
 * `signature_secret` or `assets_key`. Entries without a `ref` are skipped; a country that is not two
 * letters counts as none. Undefined when the answer is not such an array.
 */
export function parseMerchantCredentials(body: unknown): KnownMerchantAccount[] | undefined {
  if (!Array.isArray(body)) return undefined;
  const accounts: KnownMerchantAccount[] = [];
  for (const entry of body as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    if (typeof e.ref !== 'string' || e.ref === '' || e.ref.length > 255) continue;
    accounts.push({
      ref: e.ref,
      country: typeof e.country === 'string' && /^[A-Za-z]{2}$/.test(e.country) ? e.country.toUpperCase() : null,
      name: text(e.name, 255),
      currency: typeof e.currency === 'string' && /^[A-Za-z]{3}$/.test(e.currency) ? e.currency.toUpperCase() : null,
      realm: text(e.realm, 32),
    });
  }
  return accounts;
}

const text = (value: unknown, max: number) =>
  typeof value === 'string' && value !== '' && value.length <= max ? value : null;
