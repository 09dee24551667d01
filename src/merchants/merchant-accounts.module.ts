import { Module } from '@nestjs/common';
import { MerchantAccountRepository } from './merchant-account.repository.js';
import { MerchantAccountsService } from './merchant-accounts.service.js';

/**
 * The shop's seQura merchant accounts: the list in force (SEQURA_MERCHANTS, or seQura's last good
 * list) and the choice of a new order's account. Below orders (registration asks it); discovery, which
 * calls seQura, is in the seQura module and stores its answer here.
 */
@Module({
  providers: [MerchantAccountRepository, MerchantAccountsService],
  exports: [MerchantAccountsService],
})
export class MerchantAccountsModule {}
