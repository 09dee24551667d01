import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigError } from '../config/app-config.js';
import { MerchantAccountsService } from '../merchants/merchant-accounts.service.js';
import { OrderRepository } from './order.repository.js';

/**
 * At start-up, before any request: orders stored before merchant accounts existed get the account they
 * were made with, `SEQURA_MERCHANT_ID` (the only one the service knew then). Without it the start stops,
 * saying so: their later calls to seQura would otherwise have no account to go to.
 */
@Injectable()
export class OrderAccountsBackfill implements OnModuleInit {
  private readonly logger = new Logger(OrderAccountsBackfill.name);

  constructor(
    private readonly orders: OrderRepository,
    private readonly accounts: MerchantAccountsService,
  ) {}

  async onModuleInit(): Promise<void> {
    const fallback = this.accounts.fallback;
    if (fallback === undefined) {
      const legacy = await this.orders.countLegacyOrders();
      if (legacy > 0) {
        throw new ConfigError(
          `${legacy} order(s) were registered before seQura merchant accounts and have none: set ` +
            'SEQURA_MERCHANT_ID to the merchant id they were registered with',
        );
      }
      return;
    }
    const assigned = await this.orders.assignAccountToLegacyOrders(fallback);
    if (assigned > 0) this.logger.log(`${assigned} order(s) from before merchant accounts now belong to ${fallback}`);
  }
}
