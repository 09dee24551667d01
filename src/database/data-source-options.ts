import type { DataSourceOptions } from 'typeorm';
import { DisposingClient } from './disposing-client.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * Bounded waits on the database (DB_* variables, see app-config.ts): what a request can wait before
 * it is answered 503, and what a transaction may hold. Only the service's own pool has them all:
 * migrations, tools and test set-up run without (a migration may rightly run for minutes).
 */
export interface DatabaseTimeouts {
  /** Getting a connection: waiting for a free one in the pool, or opening one (node-postgres, client side). */
  connectMs: number;
  /** One query, from sending it to its last row (node-postgres `query_timeout`, client side). */
  queryMs: number;
  /** PostgreSQL's `statement_timeout`: the server cancels a statement (lock waits included). */
  statementMs: number;
  /** PostgreSQL's `idle_in_transaction_session_timeout`: a transaction left idle is ended with its session. */
  idleInTransactionMs: number;
}

/**
 * The one place TypeORM is configured: explicit entity and migration lists, never `synchronize`.
 * `timeouts`: those to apply (the service's pool has all of them; the migrator only `connectMs`).
 */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  timeouts: Partial<DatabaseTimeouts> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: poolSize,
      application_name: 'sequra-merchant-backend',
      // A peer gone without a word (a partition) is noticed by the OS instead of never.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(timeouts.connectMs ? { connectionTimeoutMillis: timeouts.connectMs } : {}),
      // A connection whose query timed out is closed, not reused (see DisposingClient).
      ...(timeouts.queryMs ? { Client: DisposingClient, query_timeout: timeouts.queryMs } : {}),
      ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs } : {}),
      ...(timeouts.idleInTransactionMs ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs } : {}),
    },
  };
}
