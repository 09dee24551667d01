import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { OrdersModule } from '../orders/orders.module.js';
import { CorrectionsController } from './corrections.controller.js';
import { CorrectionsService } from './corrections.service.js';
import { CustomerDataChangeRepository } from './customer-data-change.repository.js';
import { CustomerDataController } from './customer-data.controller.js';
import { DataSyncService } from './data-sync.service.js';

/**
 * Back-office corrections of customer data (seQura's "data sync"), with their audit trail. Order
 * Updates for merchant edits are queued through the orders lifecycle (OrderLifecycleService).
 */
@Module({
  imports: [OrdersModule],
  controllers: [CustomerDataController, CorrectionsController],
  providers: [CustomerDataChangeRepository, DataSyncService, CorrectionsService],
  exports: [DataSyncService, CustomerDataChangeRepository],
})
export class DataSyncModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** Corrections may be uploaded as CSV: hand the body to the controller as a string. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (!fastify.hasContentTypeParser('text/csv')) {
      fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    }
  }
}
