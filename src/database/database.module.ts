import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { AdvisoryLockRepository } from './advisory-lock.repository.js';
import { dataSourceOptions } from './data-source-options.js';
import { runMigrations } from './run-migrations.js';
import { TransactionRunner } from './transaction-runner.js';

/**
 * The data source (migrated before anything uses it), the transaction runner and the advisory locks
 * of background jobs, for every module.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.databaseUrl) throw new Error('No database URL: start the embedded database first');
        return dataSourceOptions(config.databaseUrl, config.dbPoolSize);
      },
      // Migrate before any module touches the schema.
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await runMigrations(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [TransactionRunner, AdvisoryLockRepository],
  exports: [TransactionRunner, AdvisoryLockRepository],
})
export class DatabaseModule {}
