import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module.js';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { loggerParams } from './common/logging.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { SequraModule } from './sequra/sequra.module.js';
import { DataSyncModule } from './data-sync/data-sync.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { ShippingReportsModule } from './shipping-reports/shipping-reports.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { ErasureModule } from './erasure/erasure.module.js';
import { NeedsAttentionModule } from './needs-attention/needs-attention.module.js';
import { CheckoutModule } from './checkout/checkout.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config.logLevel)),
        ScheduleModule.forRoot(),
        DatabaseModule,
        AuthModule,
        MetricsModule,
        HealthModule,
        OrdersModule,
        SequraModule,
        AdminModule,
        DataSyncModule,
        WebhooksModule,
        ShippingReportsModule,
        RetentionModule,
        ErasureModule,
        NeedsAttentionModule,
        CheckoutModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
