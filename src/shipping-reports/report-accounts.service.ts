import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { MerchantAccountsService } from '../merchants/merchant-accounts.service.js';
import { ShippingReportRepository } from './shipping-report.repository.js';

/**
 * Which merchant accounts get a delivery report (one each, as seQura's PrestaShop module sends one per
 * stored merchant id): every account in force, even with nothing to report (seQura wants a report every
 * day), and any other account orders belong to that still has something to report (an account no longer
 * listed keeps its orders).
 */
@Injectable()
export class ReportAccountsService {
  constructor(
    private readonly accounts: MerchantAccountsService,
    private readonly reports: ShippingReportRepository,
    private readonly config: AppConfig,
  ) {}

  async accountsToReport(): Promise<string[]> {
    const { mode, statistics } = this.config.shippingReport;
    const inForce = await this.accounts.accountIdsInForce();
    // realtime: shipments went by Order Update, so only statistics make a report worth sending.
    const withWork = await this.reports.accountsWithWork({ orders: mode === 'daily', statistics });
    return [...new Set([...inForce, ...withWork])];
  }
}
