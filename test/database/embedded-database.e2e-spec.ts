import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  EmbeddedDatabase,
  EmbeddedDatabaseError,
  EmbeddedDatabaseOptions,
  startEmbeddedDatabase,
} from '../../src/database/embedded-database.js';
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

/** The start's failure: an EmbeddedDatabaseError whose message is one line. */
async function failure(start: Promise<EmbeddedDatabase>): Promise<string> {
  const error = await start.then(
    async (db) => {
      await db.stop();
      throw new Error('the start succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmbeddedDatabaseError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntil(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Postgres processes working in `dir` (postmaster and backends keep the cluster folder as their cwd). */
async function postgresIn(dir: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cwd = await fs.readlink(`/proc/${entry}/cwd`).catch(() => undefined);
    const comm = await fs.readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (cwd === dir && comm.trim() === 'postgres') found.push(Number(entry));
  }
  return found;
}

describe('embedded PostgreSQL (what npm start uses when DATABASE_URL is unset)', () => {
  const asRoot = os.userInfo().uid === 0;
  let root: string;
  /** One cluster, initialised by the first test and reused by the next ones: initdb takes a second or two. */
  let dataDir: string;
  let pidFile: string;
  const started: EmbeddedDatabase[] = [];
  const notices: string[] = [];
  const options = async (overrides: Partial<EmbeddedDatabaseOptions> = {}): Promise<EmbeddedDatabaseOptions> => ({
    dataDir,
    port: await freePort(),
    persistent: true,
    // Durability is not under test here; without it a start after a kill -9 skips syncing the whole cluster.
    initdbFlags: ['--no-sync'],
    settings: { fsync: 'off' },
    notice: (message) => notices.push(message),
    ...overrides,
  });
  const start = async (overrides: Partial<EmbeddedDatabaseOptions> = {}) => {
    const db = await startEmbeddedDatabase(await options(overrides));
    started.push(db);
    return db;
  };

  beforeAll(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'sequra-embedded-')));
    // As root the cluster runs as the `postgres` user, which must be able to enter the folder.
    await fs.chmod(root, 0o755);
    dataDir = path.join(root, 'data');
    pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  });
  beforeEach(() => {
    notices.length = 0;
  });
  afterAll(async () => {
    for (const db of started) await db.stop().catch(() => undefined);
    await fs.rm(root, { recursive: true, force: true });
  });

  it('keeps data across a stop and a restart on the same DATA_DIR', async () => {
    const first = await start();
    await query(first.url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')`);
    await first.stop();
    await expect(query(first.url, 'SELECT 1')).rejects.toThrow();

    const second = await start();
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
    await second.stop();
  });

  it('refuses a second start on a running DATA_DIR (a second npm start), naming its pid', async () => {
    const first = await start();
    const message = await failure(startEmbeddedDatabase(await options()));
    expect(message).toMatch(
      new RegExp(`already running \\(pid ${first.pid}\\).*another 'npm start'.*kill ${first.pid}`),
    );
    expect(await query(first.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
    await first.stop();
  });

  it('says the port is taken, and by what to replace it, when another program listens on it', async () => {
    const port = await freePort();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const message = await failure(startEmbeddedDatabase(await options({ port })));
      expect(message).toMatch(
        new RegExp(`Port ${port} of the embedded PostgreSQL is already in use.*EMBEDDED_PG_PORT`),
      );
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    // Nothing was left behind: the cluster starts on a free port.
    await (await start()).stop();
  });

  /** A PostgreSQL killed with SIGKILL: its postmaster.pid stays; waits until its backends are gone too. */
  async function killHard(db: EmbeddedDatabase): Promise<void> {
    process.kill(db.pid, 'SIGKILL');
    const cluster = path.join(dataDir, 'pg');
    await waitUntil('the killed PostgreSQL and its backends to be gone', async () => {
      return (await postgresIn(cluster)).length === 0;
    });
    await expect(fs.access(pidFile)).resolves.toBeUndefined();
  }

  it('starts again by itself after a kill -9 left a postmaster.pid behind', async () => {
    const first = await start();
    await killHard(first);
    const second = await start();
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
    expect((await fs.readFile(pidFile, 'utf8')).split('\n')[0]).toBe(String(second.pid));
    await second.stop();
  });

  it('takes a postmaster.pid whose pid now belongs to another program for stale, and starts', async () => {
    const first = await start();
    await killHard(first);
    // After a reboot or in a container the old pid is often reused; PostgreSQL alone would refuse to start.
    const other: ChildProcess = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await waitUntil('sleep to run', () => other.pid !== undefined && isAlive(other.pid));
      const lines = (await fs.readFile(pidFile, 'utf8')).split('\n');
      await fs.writeFile(pidFile, [String(other.pid), ...lines.slice(1)].join('\n'));

      const second = await start();
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
      expect(notices.join('\n')).toMatch(
        new RegExp(`stale postmaster.pid .*pid ${other.pid} now belongs to another program`),
      );
      expect(isAlive(other.pid!)).toBe(true);
      await second.stop();
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('does not touch a postmaster.pid while backends of the killed PostgreSQL still run', async () => {
    const first = await start();
    const cluster = path.join(dataDir, 'pg');
    // A backend of the old server outlives its postmaster for a moment; a stand-in (a `sleep` named
    // postgres, working in the cluster folder like a backend) makes that moment last.
    const standIn = path.join(root, 'stand-in', 'postgres');
    await fs.mkdir(path.dirname(standIn), { recursive: true });
    await fs.copyFile('/bin/sleep', standIn);
    await fs.chmod(standIn, 0o755);
    const straggler = spawn(standIn, ['60'], { cwd: cluster, stdio: 'ignore' });
    try {
      await waitUntil('the stand-in to run', async () => (await postgresIn(cluster)).includes(straggler.pid!));
      process.kill(first.pid, 'SIGKILL');
      await waitUntil('the postmaster to be gone', async () => !(await postgresIn(cluster)).includes(first.pid));
      const message = await failure(startEmbeddedDatabase(await options()));
      expect(message).toMatch(
        new RegExp(`still use DATA_DIR ${dataDir} \\(pids ${straggler.pid}\\).*kill ${straggler.pid}`),
      );
      await expect(fs.access(pidFile)).resolves.toBeUndefined();
    } finally {
      straggler.kill('SIGKILL');
    }
    await waitUntil('the stand-in to be gone', async () => (await postgresIn(cluster)).length === 0);
    const second = await start();
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
    await second.stop();
  });

  it('explains an initdb failure and what to do about it', async () => {
    const junk = path.join(root, 'junk');
    await fs.mkdir(path.join(junk, 'pg'), { recursive: true });
    await fs.writeFile(path.join(junk, 'pg', 'notes.txt'), 'not a cluster');
    const message = await failure(startEmbeddedDatabase(await options({ dataDir: junk })));
    expect(message).toMatch(
      new RegExp(`initdb could not create the PostgreSQL cluster in ${junk}/pg: .*not empty.*remove ${junk}/pg`),
    );
  });

  it('says what to do when DATA_DIR cannot be reached', async () => {
    const closed = path.join(root, 'closed');
    // Root's case: a folder closed to others (like /root). Another user's: a folder it cannot write.
    await fs.mkdir(closed, { mode: asRoot ? 0o700 : 0o500 });
    await fs.chmod(closed, asRoot ? 0o700 : 0o500);
    const message = await failure(startEmbeddedDatabase(await options({ dataDir: path.join(closed, 'data') })));
    expect(message).toMatch(
      asRoot
        ? /not reachable by the 'postgres' user.*closed to others \(mode 700\).*Leave DATA_DIR unset.*DATABASE_URL/
        : /DATA_DIR .*closed\/data cannot be created.*EACCES.*set DATA_DIR/,
    );
    await fs.chmod(closed, 0o700);
  });
});
