import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '../../src/database/embedded-database.js';
import { freePort } from '../support/free-port.js';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL (what npm start uses when DATABASE_URL is unset)', () => {
  let root: string;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'sequra-embedded-'));
    await fs.chmod(root, 0o755);
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('keeps data across a stop and a restart on the same DATA_DIR', async () => {
    const dataDir = path.join(root, 'data');
    const port = await freePort();
    const first = await startEmbeddedDatabase({ dataDir, port, persistent: true });
    await query(first.url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')`);
    await first.stop();
    await expect(query(first.url, 'SELECT 1')).rejects.toThrow();

    const second = await startEmbeddedDatabase({ dataDir, port, persistent: true });
    try {
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
    } finally {
      await second.stop();
    }
  });

  const asRoot = os.userInfo().uid === 0;
  (asRoot ? it : it.skip)('says what to do when DATA_DIR sits under a folder closed to the postgres user', async () => {
    const closed = path.join(root, 'closed');
    await fs.mkdir(closed, { mode: 0o700 });
    await fs.chmod(closed, 0o700);
    await expect(
      startEmbeddedDatabase({ dataDir: path.join(closed, 'data'), port: await freePort(), persistent: true }),
    ).rejects.toThrow(/not reachable by the 'postgres' user.*closed to others \(mode 700\).*DATABASE_URL/s);
  });
});
