import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { EmbeddedDatabase } from '../../src/database/embedded-database.js';

// Jest loads this file outside its module system: a `../../src/….js` import would not find the `.ts` source.
// require() goes through Jest's transform hook, though, so the embedded PostgreSQL the app uses (binary cache
// for root included) is loaded from its source; it imports Node built-ins only, which is what makes this work.
// The template database is migrated by the first test file that needs it (test-database.ts).
const { startEmbeddedDatabase } = createRequire(import.meta.url)(
  '../../src/database/embedded-database.ts',
) as typeof import('../../src/database/embedded-database.js');

export interface TestCluster {
  embedded: EmbeddedDatabase;
  dataDir: string;
}

// A copy of free-port.ts: this file cannot import project files but the one above.
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** One PostgreSQL for the whole run: DATABASE_URL when set, else an embedded cluster under os.tmpdir(). */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_PG_TEMPLATE = `sequra_test_template_${process.pid}`;
  if (process.env.DATABASE_URL) {
    process.env.TEST_PG_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sequra-test-'));
  // As root the cluster runs as the `postgres` user, which must be able to enter the folder.
  await fs.chmod(dataDir, 0o755);
  try {
    const embedded = await startEmbeddedDatabase({
      dataDir,
      port: await freePort(),
      persistent: false,
      password: 'test',
      initdbFlags: ['--no-sync'],
      // Tests need no crash safety; this makes CREATE DATABASE … TEMPLATE and commits cheap.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '400' },
    });
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = { embedded, dataDir } satisfies TestCluster;
    process.env.TEST_PG_ADMIN_URL = embedded.url;
  } catch (error) {
    await fs.rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
