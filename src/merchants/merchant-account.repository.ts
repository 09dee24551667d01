import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KnownMerchantAccount } from './merchant-account-choice.js';
import { StoredMerchantAccount } from './merchant-account.entity.js';

/** A deployment and environment: each has its own API user and so its own list of accounts. */
export interface AccountScope {
  deployment: string;
  env: string;
}

/** The stored list of merchant accounts (`sequra_merchant_accounts`). */
@Injectable()
export class MerchantAccountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The last good list of this deployment and environment, in seQura's order; empty when none was ever stored. */
  list(scope: AccountScope): Promise<StoredMerchantAccount[]> {
    return this.dataSource.getRepository(StoredMerchantAccount).find({
      where: { deployment: scope.deployment, env: scope.env },
      order: { position: 'ASC' },
    });
  }

  /** Replaces the list of this deployment and environment with `accounts`, in one transaction. */
  async replace(scope: AccountScope, accounts: readonly KnownMerchantAccount[], at: Date): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.delete(StoredMerchantAccount, { deployment: scope.deployment, env: scope.env });
      if (accounts.length === 0) return;
      await tx.insert(
        StoredMerchantAccount,
        accounts.map((a, position) => ({
          deployment: scope.deployment,
          env: scope.env,
          position,
          ref: a.ref,
          country: a.country,
          name: a.name ?? null,
          currency: a.currency ?? null,
          realm: a.realm ?? null,
          discoveredAt: at,
        })),
      );
    });
  }
}
