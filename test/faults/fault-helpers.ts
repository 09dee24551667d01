import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { EmbeddedDatabase, startEmbeddedDatabase } from '../../src/database/embedded-database.js';
import { runMigrations } from '../../src/database/run-migrations.js';
import { signOrderRef } from '../../src/webhooks/webhook-signature.js';
import {
  encodeForm,
  eventFormFields,
  ipnFormFields,
  SEQURA_WEBHOOK_HEADERS,
} from '../support/sequra-webhook-request.js';
import type { OrderState } from '../../src/orders/order-states.js';
import { openOrderStore, seedOrder, SeedOptions } from '../support/order-fixtures.js';
import { SERVICE_KEY, TEST_ENV, WEBHOOK_SECRET } from '../support/test-app.js';
import type { TestDatabase } from '../support/test-database.js';
import { freePort } from '../support/free-port.js';

export { freePort };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

// ---- a database of the scenario's own, that can be stopped and started again ----------------------

export interface OwnDatabase extends TestDatabase {
  port: number;
  /** Stops PostgreSQL (fast shutdown: sessions are terminated); the data stay. */
  stop(): Promise<void>;
  /** Starts it again on the same data and port. */
  start(): Promise<void>;
  /**
   * Freezes this cluster (SIGSTOP to its postmaster and every child): connections stay open and
   * nothing answers, like a stalled disk, a failover or a partition. Returns the pids stopped.
   */
  freeze(): Promise<number[]>;
  /** SIGCONT to what {@link freeze} stopped. */
  thaw(): void;
  /** Stops it and removes its folder. */
  drop(): Promise<void>;
}

/** The pids whose parent is `parent`, from /proc (Linux). */
async function childPids(parent: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) children.push(Number(entry));
  }
  return children;
}

/**
 * This cluster's postmaster, from its own data folder's postmaster.pid: never another cluster's
 * (other suites may run on this machine at the same time).
 */
async function postmasterPid(dataDir: string): Promise<number> {
  const pidFile = await fs.readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8');
  const postmaster = Number(pidFile.split('\n')[0]);
  if (!Number.isInteger(postmaster) || postmaster <= 1) throw new Error(`no postmaster pid in ${dataDir}`);
  return postmaster;
}

/**
 * An embedded PostgreSQL under os.tmpdir() (persistent, so a stop keeps the data), migrated with the
 * real migrations. `query` uses a small pool that survives the stops (errors on idle clients are
 * expected while the database is down).
 */
export async function startOwnDatabase(): Promise<OwnDatabase> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sequra-faults-'));
  // As root the cluster runs as the `postgres` user, which must be able to enter the folder.
  if (os.userInfo().uid === 0) await fs.chmod(dataDir, 0o755);
  const port = await freePort();
  let embedded: EmbeddedDatabase | undefined = await startEmbeddedDatabase({ dataDir, port, persistent: true });
  const url = embedded.url;
  const dataSource = await new DataSource(dataSourceOptions(url, 2)).initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on('error', () => undefined);
  let frozen: number[] = [];
  return {
    url,
    name: 'postgres',
    port,
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    freeze: async () => {
      // The postmaster first (no new backend forks), then the backends it had.
      const postmaster = await postmasterPid(dataDir);
      process.kill(postmaster, 'SIGSTOP');
      frozen = [postmaster, ...(await childPids(postmaster))];
      for (const pid of frozen.slice(1)) process.kill(pid, 'SIGSTOP');
      return frozen;
    },
    thaw: () => {
      for (const pid of frozen) {
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // Gone meanwhile.
        }
      }
      frozen = [];
    },
    stop: async () => {
      await embedded?.stop();
      embedded = undefined;
    },
    start: async () => {
      embedded = await startEmbeddedDatabase({ dataDir, port, persistent: true });
    },
    drop: async () => {
      if (frozen.length > 0) for (const pid of frozen) process.kill(pid, 'SIGCONT');
      await pool.end().catch(() => undefined);
      await embedded?.stop().catch(() => undefined);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- the production build as a child process --------------------------------------------------------

export const MAIN = path.resolve('dist/main.js');

export interface ServiceProcess {
  url: string;
  process: ChildProcess;
  /** The last 64 KiB of its stdout and stderr (JSON log lines), for failure messages. */
  output(): string;
  alive(): boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM and wait for the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown hook runs, connections drop mid-transaction. Resolves once it is gone. */
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node dist/main.js` with TEST_ENV plus `env` (nothing else inherited), ready when /health answers 200. */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  await fs.access(MAIN).catch(() => {
    throw new Error(`${MAIN} is missing: run the fault suite with \`npm run test:faults\` (it builds first)`);
  });
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      ...TEST_ENV,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-64 * 1024);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let gone = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      gone = true;
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    url,
    process: child,
    output: () => log,
    alive: () => !gone,
    exited,
    stop: async () => {
      if (gone) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
    kill: async () => {
      if (!gone) child.kill('SIGKILL');
      return exited;
    },
  };
  try {
    await waitFor(
      'the service to answer /health',
      async () => {
        if (gone) throw new Error('exited');
        const res = await fetch(`${url}/health`);
        await res.arrayBuffer();
        return res.status === 200;
      },
      60_000,
      100,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`the service did not start: ${(error as Error).message}\n${log}`);
  }
  return service;
}

// ---- requests ----------------------------------------------------------------------------------------

export interface Answer {
  status: number;
  text: string;
}

/** A request that never throws: a connection error or a timeout is status 0. */
export async function send(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 15_000) });
    return { status: res.status, text: await res.text() };
  } catch (error) {
    return { status: 0, text: (error as Error).message };
  }
}

export const sign = (orderRef1: string) => signOrderRef(WEBHOOK_SECRET, orderRef1);

/** seQura's request for an event, signed like the order's registration. */
export function eventBody(
  event: string,
  orderRef1: string,
  orderRef: string,
  extra: Record<string, string> = {},
): string {
  return encodeForm(
    eventFormFields({
      event,
      orderRef1,
      orderRef,
      extra,
      parameters: { signature: sign(orderRef1), order: orderRef1 },
    }),
  );
}

/** seQura's `risk_assessment` request for an order. */
export const riskEvent = (orderRef1: string, orderRef: string, level: string) =>
  eventBody('risk_assessment', orderRef1, orderRef, { risk_level: level });

/** seQura's IPN for an order. */
export function ipnBody(state: 'approved' | 'needs_review', orderRef1: string, orderRef: string): string {
  return encodeForm(
    ipnFormFields({ state, orderRef1, orderRef, parameters: { signature: sign(orderRef1), order: orderRef1 } }),
  );
}

export function postEvent(
  baseUrl: string,
  body: string,
  path: 'events' | 'ipn' = 'events',
  timeoutMs?: number,
): Promise<Answer> {
  return send(`${baseUrl}/webhooks/sequra/${path}`, {
    method: 'POST',
    headers: SEQURA_WEBHOOK_HEADERS,
    body,
    timeoutMs,
  });
}

export function api(baseUrl: string, method: string, route: string, body?: unknown): Promise<Answer> {
  return send(`${baseUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${SERVICE_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/**
 * Orders already in `state`, as the webhooks and the API would have left them, seeded through
 * OrderRepository on the scenario's database (the service under test may be another process).
 * Returns each order's seQura uuid, for the webhooks; it is stored unless the order is still pending
 * or was denied (no IPN stored one).
 */
export async function seedOrders(
  db: Pick<TestDatabase, 'url'>,
  refs: string[],
  state: OrderState,
  options: Omit<SeedOptions, 'state' | 'sequraOrderRef'> = {},
): Promise<Map<string, string>> {
  const sequraRefs = new Map(refs.map((ref) => [ref, randomUUID()]));
  // Thousands of orders (the outage scenario) a few at a time; a handful in order, so seq follows refs.
  const concurrency = refs.length >= 100 ? 4 : 1;
  const store = await openOrderStore(db.url, concurrency);
  try {
    const queue = [...refs];
    const seeder = async () => {
      for (let ref = queue.shift(); ref !== undefined; ref = queue.shift()) {
        const stored = state === 'pending' || state === 'denied' ? null : sequraRefs.get(ref)!;
        await seedOrder(store, ref, { ...options, state, sequraOrderRef: stored });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, seeder));
    return sequraRefs;
  } finally {
    await store.close();
  }
}

/** The order_ref_1 of every entry of a delivery report body (orders and broken_orders). */
export function reportedRefs(body: {
  delivery_report: {
    orders: { merchant_reference: { order_ref_1: string } }[];
    broken_orders?: { merchant_reference: { order_ref_1: string } }[];
  };
}): string[] {
  const report = body.delivery_report;
  return [...report.orders, ...(report.broken_orders ?? [])].map((o) => o.merchant_reference.order_ref_1);
}

/**
 * The acknowledged `risk_assessment` events (order → levels, in the order each got its 2xx) that are
 * not all in the database: the order's level, one history note per change, one settled event each (a
 * 503'd request that did commit was repeated until acknowledged, and answered as a replay).
 */
export async function missingAcknowledgedEvents(
  db: Pick<TestDatabase, 'query'>,
  acknowledged: Map<string, string[]>,
): Promise<unknown[]> {
  const refs = [...acknowledged.keys()];
  const rows: { order_ref_1: string; risk_level: string | null; notes: number; settled: string[] }[] = await db.query(
    `SELECT o.order_ref_1, o.risk_level,
       (SELECT count(*)::integer FROM order_history h
         WHERE h.order_id = o.id AND h.details->>'event' = 'risk_assessment') AS notes,
       (SELECT coalesce(array_agg(e.payload->>'risk_level' ORDER BY e.id), '{}') FROM webhook_events e
         WHERE e.order_ref_1 = o.order_ref_1 AND e.final AND e.replay_of IS NULL AND e.status = 200) AS settled
     FROM orders o WHERE o.order_ref_1 = ANY($1)`,
    [refs],
  );
  const missing: unknown[] = refs.filter((ref) => !rows.some((row) => row.order_ref_1 === ref));
  for (const row of rows) {
    const levels = acknowledged.get(row.order_ref_1)!;
    const stored =
      row.risk_level === levels[levels.length - 1] &&
      row.notes === levels.length &&
      row.settled.join() === levels.join();
    if (!stored) missing.push({ acknowledged: levels, ...row });
  }
  return missing;
}
