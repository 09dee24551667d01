import type { MerchantAccount } from '../config/app-config.js';

/** A merchant account as the service knows it: seQura's `ref` and `country`, and what else seQura said of it. */
export interface KnownMerchantAccount extends MerchantAccount {
  name?: string | null;
  currency?: string | null;
  realm?: string | null;
}

/** What decides a new order's account: an explicit `sequra_merchant_id`, else its countries. */
export interface AccountRequest {
  explicit?: string;
  deliveryCountry?: string | null;
  invoiceCountry?: string | null;
}

export type AccountChoice =
  | { kind: 'chosen'; merchantId: string; by: 'explicit' | 'delivery_country' | 'invoice_country' | 'fallback' }
  /** An explicit account that is neither in the list nor the fallback. */
  | { kind: 'not_ours'; merchantId: string }
  /** No account takes either country, and there is no fallback. */
  | { kind: 'none'; countries: string[] };

const upper = (country: string | null | undefined) => (country ? country.toUpperCase() : null);

/**
 * The account of a new order, as seQura's core and its PrestaShop module choose it: an explicit one if
 * it is ours; else the first account of the delivery country, then of the invoice country; else the
 * fallback (`SEQURA_MERCHANT_ID`). Pure: the caller gives the accounts in force.
 */
export function chooseAccount(
  accounts: readonly MerchantAccount[],
  fallback: string | undefined,
  request: AccountRequest,
): AccountChoice {
  if (request.explicit !== undefined) {
    const ours = request.explicit === fallback || accounts.some((a) => a.ref === request.explicit);
    return ours
      ? { kind: 'chosen', merchantId: request.explicit, by: 'explicit' }
      : { kind: 'not_ours', merchantId: request.explicit };
  }
  const delivery = upper(request.deliveryCountry);
  const invoice = upper(request.invoiceCountry);
  const byDelivery = delivery ? accounts.find((a) => a.country === delivery) : undefined;
  if (byDelivery) return { kind: 'chosen', merchantId: byDelivery.ref, by: 'delivery_country' };
  const byInvoice = invoice ? accounts.find((a) => a.country === invoice) : undefined;
  if (byInvoice) return { kind: 'chosen', merchantId: byInvoice.ref, by: 'invoice_country' };
  if (fallback !== undefined) return { kind: 'chosen', merchantId: fallback, by: 'fallback' };
  return { kind: 'none', countries: [...new Set([delivery, invoice].filter((c): c is string => c !== null))] };
}

/** Every merchant id in force, once each, in list order, the fallback last. */
export function accountIds(accounts: readonly MerchantAccount[], fallback: string | undefined): string[] {
  const ids = accounts.map((a) => a.ref);
  if (fallback !== undefined) ids.push(fallback);
  return [...new Set(ids)];
}
