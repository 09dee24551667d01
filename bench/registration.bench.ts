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
 *
 * The CONTROL (bench/control-server.ts, its own process like the service) does the same insert
 * with bare Fastify and `pg`: the ratio of the two is what the framework, validation and mapping
 * cost. Profile either with BENCH_SERVICE_NODE_ARGS / BENCH_CONTROL_NODE_ARGS
 * (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startSequraStandIn } from '../test/sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../test/support/fixtures.js';
import {
  BENCH_SERVICE_KEY,
  BENCH_WEBHOOK_SECRET,
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

/** Issue 18's goal: the service does at least 0.8× the control's requests per second. */
const GOAL_RATIO = 0.8;

interface RoundFigures extends LoadFigures {
  /** CPU per request, ms: the server's process and PostgreSQL's. */
  serverCpu: number;
  postgresCpu: number;
  stored: number;
}

async function main(): Promise<void> {
  const database = await startBenchDatabase('sequra-bench-registration');
  const standIn = await startSequraStandIn();
  const db = new pg.Client({ connectionString: database.url });
  let service: ChildServer | undefined;
  let control: ChildServer | undefined;
  try {
    const port = await freePort();
    service = await startChild(
      path.join(ROOT, 'dist/main.js'),
      serviceEnv(database.url, port, standIn.url, { DB_POOL_SIZE: POOL_SIZE }),
      port,
      '/health',
      process.env.BENCH_SERVICE_NODE_ARGS ? process.env.BENCH_SERVICE_NODE_ARGS.split(' ') : [],
    );
    const controlPort = await freePort();
    control = await startChild(
      path.join(ROOT, 'dist-tools/bench/control-server.js'),
      {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: database.url,
        PORT: String(controlPort),
        WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
        CONTROL_API_KEY: BENCH_SERVICE_KEY,
        DB_POOL_SIZE: POOL_SIZE,
      },
      controlPort,
      '/health',
      process.env.BENCH_CONTROL_NODE_ARGS ? process.env.BENCH_CONTROL_NODE_ARGS.split(' ') : [],
    );
    await db.connect();
    console.log(
      `\nRegistration benchmark — POST /orders, ${CONNECTIONS} connections, ${DURATION} s per round, ` +
        `${ROUNDS} round(s) per server (service and control alternate), pool ${POOL_SIZE}`,
    );
    console.log(`machine: ${machineLine()}`);

    const load = (server: ChildServer, label: string, seconds: number) =>
      runLoad({
        url: server.url,
        connections: CONNECTIONS,
        durationSeconds: seconds,
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_SERVICE_KEY}` },
        body: (n) => JSON.stringify(orderBody(`REG-${label}-${n}`)),
      });
    const round = async (server: ChildServer, label: string): Promise<RoundFigures> => {
      await db.query('CHECKPOINT');
      const [{ count: before }] = (await db.query('SELECT count(*)::integer AS count FROM orders')).rows;
      const cpuBefore = await cpuMs(server.process.pid);
      const pgBefore = await postgresCpuMs(database.dataDir);
      const figures = await load(server, label, DURATION);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const [{ count: after }] = (await db.query('SELECT count(*)::integer AS count FROM orders')).rows;
      const per = (ms: number) => ms / Math.max(1, figures.requests);
      const result = {
        ...figures,
        serverCpu: per((await cpuMs(server.process.pid)) - cpuBefore),
        postgresCpu: per((await postgresCpuMs(database.dataDir)) - pgBefore),
        stored: after - before,
      };
      console.log(
        `${label.padEnd(12)} ${fixed(result.rps, 0).padStart(6)} req/s  ` +
          `p50 ${fixed(result.p50)} ms  p99 ${fixed(result.p99)} ms  ` +
          `CPU ms/req: server ${fixed(result.serverCpu, 2)}, postgres ${fixed(result.postgresCpu, 2)}; ` +
          `${result.requests} requests, ${result.non2xx} non-2xx, ${result.errors} errors; ` +
          `${result.stored} orders stored; load ${os.loadavg()[0].toFixed(2)}`,
      );
      return result;
    };

    await load(service, 'warmup-s', WARMUP);
    await load(control, 'warmup-c', WARMUP);
    const rounds: { service: RoundFigures; control: RoundFigures }[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      // Alternating which goes first: a growing table or a busy neighbour weighs on both alike.
      const first = r % 2 === 1 ? 'service' : 'control';
      const a = await round(first === 'service' ? service : control, `${first} r${r}`);
      const second = first === 'service' ? 'control' : 'service';
      const b = await round(second === 'service' ? service : control, `${second} r${r}`);
      rounds.push(first === 'service' ? { service: a, control: b } : { service: b, control: a });
    }
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const summary = (pick: (r: { service: RoundFigures; control: RoundFigures }) => RoundFigures) => ({
      rps: mean(rounds.map((r) => pick(r).rps)),
      p50: mean(rounds.map((r) => pick(r).p50)),
      p99: mean(rounds.map((r) => pick(r).p99)),
      serverCpu: mean(rounds.map((r) => pick(r).serverCpu)),
      postgresCpu: mean(rounds.map((r) => pick(r).postgresCpu)),
      failed: rounds.reduce((a, r) => a + pick(r).non2xx + pick(r).errors, 0),
    });
    const s = summary((r) => r.service);
    const c = summary((r) => r.control);
    const ratio = s.rps / c.rps;
    const met = ratio >= GOAL_RATIO && s.failed === 0;
    for (const [name, m] of [
      ['service', s],
      ['control', c],
    ] as const) {
      console.log(
        `\n${name}: ${fixed(m.rps, 0)} req/s  p50 ${fixed(m.p50)} ms  p99 ${fixed(m.p99)} ms  ` +
          `CPU ms/req: server ${fixed(m.serverCpu, 2)}, PostgreSQL ${fixed(m.postgresCpu, 2)}`,
      );
    }
    console.log(`\nservice / control: ${ratio.toFixed(2)}× (goal ≥ ${GOAL_RATIO}×): ${met ? 'met' : 'MISSED'}`);
    await writeResults([
      {
        bench: 'registration',
        subject: `POST /orders (${CONNECTIONS} connections)`,
        figures: {
          'req/s': `${fixed(s.rps, 0)} (control ${fixed(c.rps, 0)})`,
          p50: `${fixed(s.p50)} ms`,
          p99: `${fixed(s.p99)} ms (control ${fixed(c.p99)} ms)`,
          failed: String(s.failed),
          'CPU ms/req': `server ${fixed(s.serverCpu, 2)} (control ${fixed(c.serverCpu, 2)}) + PostgreSQL ${fixed(
            s.postgresCpu,
            2,
          )}`,
          ratio: `${ratio.toFixed(2)}×`,
        },
        goal: `≥ ${GOAL_RATIO}× the control's req/s`,
        met,
      },
    ]);
  } finally {
    await db.end().catch(() => undefined);
    await service?.stop();
    await control?.stop();
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
