import { Injectable, OnModuleInit } from '@nestjs/common';
import { FieldError, ValidationFailedError } from '../common/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { AccountRequest, accountIds, chooseAccount, KnownMerchantAccount } from './merchant-account-choice.js';
import { AccountScope, MerchantAccountRepository } from './merchant-account.repository.js';

/** How long a replica trusts the list it read: another replica may have stored a newer one meanwhile. */
const RELOAD_AFTER_MS = 10_000;

/** The accounts new orders are given, and where they come from. */
export interface AccountsInForce {
  /** `override`: `SEQURA_MERCHANTS`; `discovered`: seQura's list, as last stored; `none`: no list yet. */
  source: 'override' | 'discovered' | 'none';
  accounts: KnownMerchantAccount[];
  /** When seQura gave the stored list (null for an override, or no list). */
  discoveredAt: Date | null;
  /** `SEQURA_MERCHANT_ID`: the account of countries no listed account takes. */
  fallback: string | null;
}

/**
 * The seQura merchant accounts of this shop, and which one an order belongs to.
 *
 * The accounts in force are `SEQURA_MERCHANTS` when set, else the list seQura last gave for the API user
 * (stored by {@link storeDiscovered}; discovery itself talks to seQura and lives in the seQura module),
 * plus `SEQURA_MERCHANT_ID` for countries none takes. A new order's account is chosen once, at
 * registration ({@link accountForNewOrder}), stored on the order and never changed: every later call
 * to seQura for the order uses it ({@link accountOf}).
 */
@Injectable()
export class MerchantAccountsService implements OnModuleInit {
  private readonly scope: AccountScope;
  private current?: { list: AccountsInForce; readAt: number };
  private reading?: Promise<AccountsInForce>;

  constructor(
    private readonly repository: MerchantAccountRepository,
    private readonly config: AppConfig,
  ) {
    this.scope = { deployment: config.sequra.deployment, env: config.sequra.env };
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  /** `SEQURA_MERCHANTS` sets the accounts: nothing is asked of seQura. */
  get overridden(): boolean {
    return this.config.sequra.merchants !== undefined;
  }

  /** The accounts in force; a replica re-reads the stored list at most every 10 s, to follow another's refresh. */
  async inForce(): Promise<AccountsInForce> {
    if (this.current && Date.now() - this.current.readAt < RELOAD_AFTER_MS) return this.current.list;
    return this.reload();
  }

  /**
   * The account of a new order (see chooseAccount): an explicit `sequra_merchant_id` that is ours, else
   * the first account of its delivery country, then of its invoice country, else `SEQURA_MERCHANT_ID`.
   * An explicit account that is not ours, or countries no account takes, are a 400 naming the field.
   */
  async accountForNewOrder(request: AccountRequest): Promise<string> {
    const { accounts, fallback } = await this.inForce();
    const choice = chooseAccount(accounts, fallback ?? undefined, request);
    if (choice.kind === 'chosen') return choice.merchantId;
    const ours = accountIds(accounts, fallback ?? undefined);
    const errors: FieldError[] =
      choice.kind === 'not_ours'
        ? [
            {
              field: 'sequra_merchant_id',
              messages: [
                `'${choice.merchantId}' is not one of this shop's seQura merchant accounts` +
                  (ours.length ? ` (${ours.join(', ')})` : ''),
              ],
            },
          ]
        : [
            {
              field: 'delivery_address.country_code',
              messages: [
                `no seQura merchant account takes orders for ${choice.countries.join(' or ') || 'no country'}` +
                  ' (delivery, then invoice country), and SEQURA_MERCHANT_ID is not set for other countries',
              ],
            },
          ];
    throw new ValidationFailedError(errors);
  }

  /**
   * Which account an order belongs to: the one stored at its registration. Every call to seQura for the
   * order (acknowledgement, Order Updates, solicitation) goes to this account.
   */
  accountOf(order: { sequraMerchantId: string }): string {
    return order.sequraMerchantId;
  }

  /** Every account in force, once each (the fallback last): each gets a delivery report, even an empty one. */
  async accountIdsInForce(): Promise<string[]> {
    const { accounts, fallback } = await this.inForce();
    return accountIds(accounts, fallback ?? undefined);
  }

  /** `SEQURA_MERCHANT_ID`: the account that orders and runs stored before accounts existed were made with. */
  get fallback(): string | undefined {
    return this.config.sequra.fallbackMerchantId;
  }

  /** seQura's answer to discovery: stored as the last good list, and in force at once on this replica. */
  async storeDiscovered(accounts: readonly KnownMerchantAccount[], at = new Date()): Promise<AccountsInForce> {
    await this.repository.replace(this.scope, accounts, at);
    return this.reload();
  }

  private reload(): Promise<AccountsInForce> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<AccountsInForce> {
    const fallback = this.config.sequra.fallbackMerchantId ?? null;
    let list: AccountsInForce;
    if (this.config.sequra.merchants) {
      list = { source: 'override', accounts: this.config.sequra.merchants, discoveredAt: null, fallback };
    } else {
      const stored = await this.repository.list(this.scope);
      list = {
        source: stored.length > 0 ? 'discovered' : 'none',
        accounts: stored.map(({ ref, country, name, currency, realm }) => ({ ref, country, name, currency, realm })),
        discoveredAt: stored[0]?.discoveredAt ?? null,
        fallback,
      };
    }
    this.current = { list, readAt: Date.now() };
    return list;
  }

  /** For the start-up log: where the accounts come from, never anything secret. */
  describe(list: AccountsInForce): string {
    const accounts = list.accounts.map((a) => `${a.country ?? '-'}:${a.ref}`).join(', ') || 'none';
    return `seQura merchant accounts (${list.source}): ${accounts}; fallback ${list.fallback ?? 'none'}`;
  }
}
