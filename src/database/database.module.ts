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
        return dataSourceOptions(config.databaseUrl, config.dbPoolSize, config.dbTimeouts);
      },
      // Migrate before any module touches the schema (retried like the connection, if the database is
      // not up yet), on a connection of its own without the query and statement timeouts: a migration
      // may rightly run for minutes. The service's pool has them.
      dataSourceFactory: async (options) => {
        const { url, extra } = options as { url: string; extra: { connectionTimeoutMillis?: number } };
        const migrator = await new DataSource(
          // Two connections: runMigrations holds one for its advisory lock while TypeORM migrates on the other.
          dataSourceOptions(url, 2, { connectMs: extra.connectionTimeoutMillis }),
        ).initialize();
        try {
          await runMigrations(migrator);
        } finally {
          await migrator.destroy();
        }
        return new DataSource(options!).initialize();
      },
    }),
  ],
  providers: [TransactionRunner, AdvisoryLockRepository],
  exports: [TransactionRunner, AdvisoryLockRepository],
})
export class DatabaseModule {}
