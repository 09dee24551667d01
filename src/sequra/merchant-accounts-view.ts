import { isoOrNull } from '../common/wire-format.js';
import type { AppConfig } from '../config/app-config.js';
import type { AccountsInForce } from '../merchants/merchant-accounts.service.js';
import type { MerchantAccountsView } from './dto/merchant-accounts-view.dto.js';

/** The merchant accounts in force on the wire (`GET /merchant-accounts`). */
export function toMerchantAccountsView(list: AccountsInForce, config: AppConfig): MerchantAccountsView {
  return {
    source: list.source,
    deployment: config.sequra.deployment,
    env: config.sequra.env,
    discovered_at: isoOrNull(list.discoveredAt),
    fallback_merchant_id: list.fallback,
    accounts: list.accounts.map((a) => ({
      sequra_merchant_id: a.ref,
      country: a.country,
      name: a.name ?? null,
      currency: a.currency ?? null,
      realm: a.realm ?? null,
    })),
  };
}
