/**
 * What every benchmark shares: an embedded PostgreSQL under os.tmpdir(), the production build run as
 * a child process, autocannon with a summary in milliseconds, and a result file for `run-all`.
 * Benchmarks print figures; they are not tests and never fail on a figure.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedDatabase, startEmbeddedDatabase } from '../src/database/embedded-database.js';
import { freePort } from '../test/support/free-port.js';

/** The repository root (this file runs from dist-tools/bench/). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export { freePort };

export const BENCH_SERVICE_KEY = 'bench-service-key-0001';
export const BENCH_WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BenchDatabase extends EmbeddedDatabase {
  dataDir: string;
}

/** A throw-away PostgreSQL (production settings: the same `startEmbeddedDatabase` the service uses). */
export async function startBenchDatabase(
  prefix: string,
  log?: (line: string) => void,
  settings?: Record<string, string>,
): Promise<BenchDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `${prefix}-`));
  // As root the cluster runs as the `postgres` user, which must be able to enter the folder.
  if (os.userInfo().uid === 0) await fs.chmod(dataDir, 0o755);
  const database = await startEmbeddedDatabase({ dataDir, port: await freePort(), persistent: false, log, settings });
  return {
    ...database,
    dataDir,
    stop: async () => {
      await database.stop().catch(() => undefined);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The environment of the production build in a benchmark (production mode, quiet logs). */
export function serviceEnv(
  databaseUrl: string,
  port: number,
  sequraBaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    API_KEYS: `bench:${BENCH_SERVICE_KEY}`,
    ADMIN_API_KEYS: 'bench-admin:bench-admin-key-0001',
    WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
    SEQURA_BASE_URL: sequraBaseUrl,
    SEQURA_USER: 'test-user',
    SEQURA_PASSWORD: 'test-password',
    SEQURA_MERCHANT_ID: 'test-merchant',
    // Background jobs (outbox relay poll, report schedule) are not what these benchmarks measure.
    OUTBOX_ENABLED: 'false',
    SHIPPING_REPORT_ENABLED: 'false',
    ...extra,
  };
}

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** SIGTERM, then wait for the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

/**
 * Starts `node <script>` with `env` (nothing inherited but PATH) and waits until `readyPath`
 * answers 200. Its stderr is passed through (warnings and errors only at LOG_LEVEL=warn).
 */
export async function startChild(
  script: string,
  env: Record<string, string>,
  port: number,
  readyPath = '/health',
  nodeArgs: string[] = [],
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`${path.basename(script)} exited before it was ready`);
    try {
      const res = await fetch(url + readyPath);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${path.basename(script)} was not ready within 60 s`);
    }
    await sleep(100);
  }
  return {
    url,
    process: child,
    stop: async () => {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface LoadFigures {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method: 'POST' | 'GET';
  path: string;
  headers: Record<string, string>;
  /** Called once per request: the body of the n-th request (n counts across all connections). */
  body: (n: number) => string;
}

/** One autocannon run (programmatic API, one connection = one in-flight request, no pipelining). */
export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  let n = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: options.method,
        path: options.path,
        headers: options.headers,
        setupRequest: (request) => ({ ...request, body: options.body(n++) }),
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.total / (result.duration || options.durationSeconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Figures a benchmark hands to `run-all` (one row each in the final table). */
export interface ResultRow {
  bench: string;
  subject: string;
  figures: Record<string, string>;
  goal?: string;
  met?: boolean;
}

/** Writes the rows to BENCH_RESULT_FILE when `run-all` asked for them. */
export async function writeResults(rows: ResultRow[]): Promise<void> {
  const file = process.env.BENCH_RESULT_FILE;
  if (file) await fs.writeFile(file, JSON.stringify(rows, null, 2));
}

/** CPU time a process has used so far, in ms, user and system (kernel) apart; Linux only (0 elsewhere). */
export async function cpuTimes(pid: number | undefined): Promise<{ user: number; system: number }> {
  if (!pid) return { user: 0, system: 0 };
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the file (11 and 12 after the command name), in clock ticks.
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** CPU time (user + system) a process has used so far, in ms. */
export async function cpuMs(pid: number | undefined): Promise<number> {
  const { user, system } = await cpuTimes(pid);
  return user + system;
}

/**
 * CPU time used so far by a PostgreSQL cluster: its live processes (children of the postmaster,
 * whose pid heads `postmaster.pid`) plus what exited children left in the postmaster's cutime/cstime.
 */
export async function postgresCpuMs(dataDir: string): Promise<number> {
  try {
    const pid = Number((await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime: fields 14-17 of the file.
    let ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    const children = (await fs.readFile(`/proc/${pid}/task/${pid}/children`, 'utf8'))
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    for (const child of children) ticks += ((await cpuMs(Number(child))) * 100) / 1000;
    return (ticks * 1000) / 100;
  } catch {
    return 0;
  }
}

export const fixed = (value: number, digits = 1) => value.toFixed(digits);

export function machineLine(): string {
  const cpus = os.cpus();
  return (
    `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ` +
    `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ` +
    `Node ${process.version}, ${os.platform()} ${os.release()}`
  );
}
