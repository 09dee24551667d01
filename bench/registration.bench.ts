/**
 * Benchmark (not a test): `POST /orders` against the production build at fixed concurrency.
 *
 *   npm run bench -- registration
 *   BENCH_DURATION=10 BENCH_CONNECTIONS=32 BENCH_ROUNDS=2 node dist-tools/bench/registration.bench.js
 *
 * The service runs as a child process (`node dist/main.js`) on an embedded PostgreSQL (production
 * settings); autocannon runs here. Every request registers a new order (a unique order_ref_1) with
 * the example order of the orders API: validation of the whole seQura shapes, one INSERT, the read
 * back, the snake_case view.
 */
import path from 'node:path';
import pg from 'pg';
import { startSequraStandIn } from '../test/sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../test/support/fixtures.js';
import {
  BENCH_SERVICE_KEY,
  ChildServer,
  cpuMs,
  fixed,
  freePort,
  LoadFigures,
  machineLine,
  postgresCpuMs,
  ROOT,
  runLoad,
  serviceEnv,
  startBenchDatabase,
  startChild,
  writeResults,
} from './bench-support.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const POOL_SIZE = process.env.DB_POOL_SIZE ?? '20';

async function main(): Promise<void> {
  const database = await startBenchDatabase('sequra-bench-registration');
  const standIn = await startSequraStandIn();
  const db = new pg.Client({ connectionString: database.url });
  let service: ChildServer | undefined;
  try {
    const port = await freePort();
    service = await startChild(
      path.join(ROOT, 'dist/main.js'),
      serviceEnv(database.url, port, standIn.url, { DB_POOL_SIZE: POOL_SIZE }),
      port,
    );
    await db.connect();
    console.log(
      `\nRegistration benchmark — POST /orders, ${CONNECTIONS} connections, ${DURATION} s per round, ` +
        `${ROUNDS} round(s), pool ${POOL_SIZE}`,
    );
    console.log(`machine: ${machineLine()}`);

    const load = (label: string, seconds: number) =>
      runLoad({
        url: service!.url,
        connections: CONNECTIONS,
        durationSeconds: seconds,
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_SERVICE_KEY}` },
        body: (n) => JSON.stringify(orderBody(`REG-${label}-${n}`)),
      });

    await load('warmup', WARMUP);
    const rounds: LoadFigures[] = [];
    const cpu: { server: number; postgres: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await db.query('CHECKPOINT');
      const [{ count: before }] = (await db.query('SELECT count(*)::integer AS count FROM orders')).rows;
      const cpuBefore = await cpuMs(service.process.pid);
      const pgBefore = await postgresCpuMs(database.dataDir);
      const figures = await load(`r${round}`, DURATION);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const [{ count: after }] = (await db.query('SELECT count(*)::integer AS count FROM orders')).rows;
      const per = (ms: number) => ms / Math.max(1, figures.requests);
      rounds.push(figures);
      cpu.push({
        server: per((await cpuMs(service.process.pid)) - cpuBefore),
        postgres: per((await postgresCpuMs(database.dataDir)) - pgBefore),
      });
      console.log(
        `round ${round}  ${fixed(figures.rps, 0).padStart(6)} req/s  ` +
          `p50 ${fixed(figures.p50)} ms  p99 ${fixed(figures.p99)} ms  ` +
          `CPU ms/req: server ${fixed(cpu[cpu.length - 1].server, 2)}, ` +
          `postgres ${fixed(cpu[cpu.length - 1].postgres, 2)}; ` +
          `${figures.requests} requests, ${figures.non2xx} non-2xx, ${figures.errors} errors; ` +
          `${after - before} orders stored`,
      );
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const rps = mean(rounds.map((r) => r.rps));
    const p50 = mean(rounds.map((r) => r.p50));
    const p99 = mean(rounds.map((r) => r.p99));
    const failed = rounds.reduce((a, r) => a + r.non2xx + r.errors, 0);
    const cpuFigure =
      `server ${fixed(mean(cpu.map((c) => c.server)), 2)} + ` +
      `PostgreSQL ${fixed(mean(cpu.map((c) => c.postgres)), 2)}`;
    console.log(`\nmean of ${ROUNDS} round(s): ${fixed(rps, 0)} req/s  p50 ${fixed(p50)} ms  p99 ${fixed(p99)} ms`);
    await writeResults([
      {
        bench: 'registration',
        subject: `POST /orders (${CONNECTIONS} connections)`,
        figures: {
          'req/s': fixed(rps, 0),
          p50: `${fixed(p50)} ms`,
          p99: `${fixed(p99)} ms`,
          failed: String(failed),
          'CPU ms/req': cpuFigure,
        },
      },
    ]);
  } finally {
    await db.end().catch(() => undefined);
    await service?.stop();
    await standIn.close();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
