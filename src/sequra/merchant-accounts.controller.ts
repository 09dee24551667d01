import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { AppConfig } from '../config/app-config.js';
import { MerchantAccountsService } from '../merchants/merchant-accounts.service.js';
import { toMerchantAccountsView } from './merchant-accounts-view.js';
import { MerchantDiscoveryService } from './merchant-discovery.service.js';

/** The shop's seQura merchant accounts: what new orders are given, and discovering them again. */
@ApiTags('merchant accounts')
@ApiBearerAuth()
@Controller('merchant-accounts')
export class MerchantAccountsController {
  constructor(
    private readonly accounts: MerchantAccountsService,
    private readonly discovery: MerchantDiscoveryService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The merchant accounts in force (SEQURA_MERCHANTS, or as seQura last listed them)' })
  async list() {
    return toMerchantAccountsView(await this.accounts.inForce(), this.config);
  }

  @Post('discover')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({
    summary: "Ask seQura for the API user's merchant accounts now and keep them (admin keys only)",
  })
  async discover() {
    return toMerchantAccountsView(await this.discovery.rediscover(), this.config);
  }
}
