import { DataSource } from 'typeorm';

/** Any fixed 64-bit key; every replica uses the same one so that only one migrates at a time. */
const MIGRATION_LOCK_KEY = 7_345_001_001;

/**
 * Runs pending migrations under a session-level advisory lock, so replicas starting together never
 * race: the second waits, then finds nothing left to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
