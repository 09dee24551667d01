import { promises as fs } from 'node:fs';
import pg from 'pg';
import type { TestCluster } from './global-setup.js';

export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as Record<string, unknown>).__EMBEDDED_PG__ as TestCluster | undefined;
  if (cluster) {
    await cluster.embedded.stop();
    await fs.rm(cluster.dataDir, { recursive: true, force: true });
    return;
  }
  // An external server (DATABASE_URL): leave it as we found it.
  const admin = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'sequra\\_test\\_%'`,
  );
  for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
  await admin.end();
}
