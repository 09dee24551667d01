import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { ApiErrors } from '../common/api-docs.js';
import { AppConfig } from '../config/app-config.js';
import { MerchantAccountsService } from '../merchants/merchant-accounts.service.js';
import { toMerchantAccountsView } from './merchant-accounts-view.js';
import { MerchantAccountsView } from './dto/merchant-accounts-view.dto.js';
import { MerchantDiscoveryService } from './merchant-discovery.service.js';

/** The shop's seQura merchant accounts: what new orders are given, and discovering them again. */
@ApiTags('merchant accounts')
@Controller('merchant-accounts')
export class MerchantAccountsController {
  constructor(
    private readonly accounts: MerchantAccountsService,
    private readonly discovery: MerchantDiscoveryService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listMerchantAccounts',
    summary: 'The merchant accounts in force (SEQURA_MERCHANTS, or as seQura last listed them)',
  })
  @ApiOkResponse({ type: MerchantAccountsView })
  async list(): Promise<MerchantAccountsView> {
    return toMerchantAccountsView(await this.accounts.inForce(), this.config);
  }

  @Post('discover')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({
    operationId: 'discoverMerchantAccounts',
    summary: "Ask seQura for the API user's merchant accounts now and keep them (admin keys only)",
    description:
      '`GET merchants/credentials` on seQura with the API user; a good answer (a non-empty list) replaces the ' +
      'stored list and is in force at once. Otherwise the list in force stays as it was.',
  })
  @ApiOkResponse({ type: MerchantAccountsView, description: 'The accounts now in force' })
  @ApiErrors({
    409: {
      description: 'SEQURA_MERCHANTS sets the accounts: nothing is asked of seQura',
      message: 'SEQURA_MERCHANTS sets the merchant accounts: nothing is asked of seQura',
    },
    502: {
      description: "seQura refused the API user's credentials, listed no account, or answered unreadably",
      message: "Could not list the seQura merchant accounts: seQura refused the API user's credentials (HTTP 401)",
    },
    503: {
      description: 'seQura could not be reached, or answered 5xx: retry later',
      message: 'Could not list the seQura merchant accounts: HTTP 500',
    },
  })
  async discover(): Promise<MerchantAccountsView> {
    return toMerchantAccountsView(await this.discovery.rediscover(), this.config);
  }
}
