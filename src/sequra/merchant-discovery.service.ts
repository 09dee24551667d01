import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BadGatewayError, ConflictError, ServiceUnavailableError } from '../common/domain-errors.js';
import { ConfigError } from '../config/app-config.js';
import { AccountsInForce, MerchantAccountsService } from '../merchants/merchant-accounts.service.js';
import { parseMerchantCredentials } from './merchant-credentials.js';
import { SequraClient } from './sequra-client.js';

/** Why seQura's list could not be had: it is unreachable (retry later) or answered unusably. */
export type DiscoveryFailure = { kind: 'unavailable' | 'refused'; reason: string };

/**
 * Discovers the API user's merchant accounts from seQura (`GET merchants/credentials`) and keeps the
 * answer as the last good list: at start-up, and on demand from the back office. A start while seQura
 * is down keeps the stored list (or, on the very first start, only `SEQURA_MERCHANT_ID`). With
 * `SEQURA_MERCHANTS` set nothing is asked: that list is the accounts.
 */
@Injectable()
export class MerchantDiscoveryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MerchantDiscoveryService.name);

  constructor(
    private readonly client: SequraClient,
    private readonly accounts: MerchantAccountsService,
  ) {}

  /**
   * Before the service listens (bounded by SEQURA_TIMEOUT_MS). A service that knows no account at all
   * (none stored, none given, no fallback) cannot take an order: the start stops, saying what to set.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.accounts.overridden) {
      const outcome = await this.discover();
      if ('kind' in outcome) {
        this.logger.warn(`Could not list the seQura merchant accounts (${outcome.reason}); using the last good list`);
      }
    }
    const list = await this.accounts.inForce();
    if (list.accounts.length === 0 && list.fallback === null) {
      throw new ConfigError(
        'No seQura merchant account is known: seQura could not list them and none was stored before; set ' +
          'SEQURA_MERCHANTS (ES:merchant,PT:merchant) or SEQURA_MERCHANT_ID, or start again once seQura answers',
      );
    }
    this.logger.log(this.accounts.describe(list));
  }

  /** The back office's "discover again": seQura's list now, stored; a refusal says why (409, 502, 503). */
  async rediscover(): Promise<AccountsInForce> {
    if (this.accounts.overridden) {
      throw new ConflictError('SEQURA_MERCHANTS sets the merchant accounts: nothing is asked of seQura');
    }
    const outcome = await this.discover();
    if (!('kind' in outcome)) return outcome;
    const message = `Could not list the seQura merchant accounts: ${outcome.reason}`;
    throw outcome.kind === 'unavailable' ? new ServiceUnavailableError(message) : new BadGatewayError(message);
  }

  /** Asks seQura; stores a good answer (a non-empty list) and returns the accounts then in force. */
  private async discover(): Promise<AccountsInForce | DiscoveryFailure> {
    const result = await this.client.listMerchantCredentials();
    switch (result.kind) {
      case 'retryable':
        return { kind: 'unavailable', reason: result.reason };
      case 'conflict':
      case 'rejected':
        return {
          kind: 'refused',
          reason:
            result.status === 401
              ? `seQura refused the API user's credentials (HTTP 401)`
              : `seQura answered HTTP ${result.status}`,
        };
      case 'success': {
        const accounts = parseMerchantCredentials(result.body);
        if (!accounts) return { kind: 'refused', reason: 'seQura answered something other than a list of accounts' };
        // An empty list is no good answer: orders would lose the accounts they were going to.
        if (accounts.length === 0) return { kind: 'refused', reason: 'seQura listed no merchant account' };
        return this.accounts.storeDiscovered(accounts);
      }
    }
  }
}
