/**
 * Benchmark (not a test): seQura `risk_assessment` events against the production build, and against
 * a bare Fastify CONTROL doing the same work on the same database (bench/control-server.ts).
 *
 *   npm run bench -- webhooks                     # build + this bench only
 *   # the defaults:
 *   BENCH_DURATION=10 BENCH_CONNECTIONS=32 BENCH_ROUNDS=3 BENCH_WARMUP=5 node dist-tools/bench/webhooks.bench.js
 *   BENCH_TRACE_SQL=1 node dist-tools/bench/webhooks.bench.js    # print each server's SQL for one event
 *   DB_POOL_SIZE=20 …                                             # both servers' pool (default 20, the service's)
 *   BENCH_SERVICE_MAIN=path/to/other/main.js …                    # another build of the service (before/after)
 *   # profile the service (BENCH_CONTROL_NODE_ARGS: the control):
 *   BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
 *
 * One embedded PostgreSQL (production settings), 10,000 approved orders (`BENCH_ORDERS`) seeded with one
 * INSERT … SELECT generate_series after the service migrated. Both servers run as child processes
 * with the same pool size; autocannon runs here. Rounds alternate service/control (A/B/A/B…), each
 * after the same reset (risk levels cleared, history and webhook_events emptied, VACUUM, CHECKPOINT)
 * so neither side inherits the other's bloat. Every request is a valid, signed event for a different
 * order than the previous one; an order's successive events alternate low_risk → high_risk →
 * under_evaluation, so each request changes the row and writes a history note (no replays).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { signOrderRef } from '../src/webhooks/webhook-signature.js';
import { orderBody } from '../test/support/fixtures.js';
import { encodeForm, eventFormFields, SEQURA_WEBHOOK_HEADERS } from '../test/support/sequra-webhook-request.js';
import { startSequraStandIn } from '../test/sequra-stand-in/sequra-stand-in.js';
import {
  BENCH_WEBHOOK_SECRET,
  ChildServer,
  cpuTimes,
  fixed,
  postgresCpuMs,
  freePort,
  LoadFigures,
  machineLine,
  ResultRow,
  ROOT,
  runLoad,
  serviceEnv,
  startBenchDatabase,
  startChild,
  writeResults,
} from './bench-support.js';

/** Approved orders seeded (`BENCH_ORDERS`, up to 1,000,000 and more; `BENCH_WEBHOOK_ORDERS` is the older name). */
const ORDERS = Number(process.env.BENCH_ORDERS ?? process.env.BENCH_WEBHOOK_ORDERS ?? 10_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const POOL_SIZE = process.env.DB_POOL_SIZE ?? '20';
const TRACE = process.env.BENCH_TRACE_SQL === '1';
const LEVELS = ['low_risk', 'high_risk', 'under_evaluation'] as const;
/** Coprime with any ORDERS not divisible by it: consecutive requests land on scattered orders. */
const STRIDE = 7919;

const ref1 = (i: number) => `WH-${String(i).padStart(7, '0')}`;
/** The same uuid the seed computes with `md5('sq-' || g)::uuid`. */
function sequraRef(i: number): string {
  const h = createHash('md5').update(`sq-${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The event for order i (1-based) with the level of pass `pass % 3`, written when a request needs
 * it: at a million orders, three passes' bodies held in memory would weigh ~2 GB on this process.
 */
function eventBody(pass: number, i: number): string {
  const orderRef1 = ref1(i);
  return encodeForm(
    eventFormFields({
      event: 'risk_assessment',
      orderRef1,
      orderRef: sequraRef(i),
      extra: { risk_level: LEVELS[pass % LEVELS.length] },
      parameters: { signature: signOrderRef(BENCH_WEBHOOK_SECRET, orderRef1), order: orderRef1 },
    }),
  );
}

async function seed(db: pg.Client): Promise<void> {
  const cart = orderBody('BENCH').cart;
  const address = {
    given_names: 'Ana',
    surnames: 'García López',
    address_line_1: 'Calle Mayor 1',
    address_line_2: '',
    postal_code: '28013',
    city: 'Madrid',
    country_code: 'ES',
    phone: '600000000',
  };
  await db.query(
    `INSERT INTO orders (order_ref_1, order_ref_2, sequra_order_ref, sequra_merchant_id, state, cart, delivery_method,
                         customer, delivery_address, invoice_address, approved_at)
     SELECT 'WH-' || lpad(g::text, 7, '0'), 'cart-' || g, md5('sq-' || g)::uuid::text, 'bench-merchant', 'approved',
            $1::jsonb, $2::jsonb,
            $3::jsonb || jsonb_build_object('ref', 'c-' || g), $4::jsonb, $4::jsonb, now()
     FROM generate_series(1, $5::integer) AS g`,
    [
      JSON.stringify(cart),
      JSON.stringify({ name: 'standard', days: '1-3', provider: 'MRW', home_delivery: true }),
      JSON.stringify({
        given_names: 'Ana',
        surnames: 'García López',
        email: 'ana@example.com',
        logged_in: true,
        language_code: 'es',
      }),
      JSON.stringify(address),
      ORDERS,
    ],
  );
}

/** The same starting point for every round. */
async function reset(db: pg.Client): Promise<void> {
  await settle(db);
  await db.query('UPDATE orders SET risk_level = NULL WHERE risk_level IS NOT NULL');
  await db.query('TRUNCATE webhook_events, order_history');
  await db.query('VACUUM ANALYZE orders, webhook_events, order_history');
  await db.query('CHECKPOINT');
}

function load(server: ChildServer, seconds: number): Promise<LoadFigures> {
  return runLoad({
    url: server.url,
    connections: CONNECTIONS,
    durationSeconds: seconds,
    method: 'POST',
    path: '/webhooks/sequra/events',
    headers: { ...SEQURA_WEBHOOK_HEADERS },
    body: (n) => eventBody(Math.floor(n / ORDERS), ((n * STRIDE) % ORDERS) + 1),
  });
}

/** Requests still in flight when autocannon stopped finish before anything is counted or reset. */
async function settle(db: pg.Client): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { rows } = await db.query(
      `SELECT count(*)::integer AS busy FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')`,
    );
    if (rows[0].busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface RoundCheck {
  events: number;
  replays: number;
  notes: number;
}

async function check(db: pg.Client): Promise<RoundCheck> {
  const [row] = (
    await db.query(`SELECT (SELECT count(*) FROM webhook_events)::integer AS events,
                           (SELECT count(*) FROM webhook_events WHERE replay_of IS NOT NULL)::integer AS replays,
                           (SELECT count(*) FROM order_history)::integer AS notes`)
  ).rows;
  return row as RoundCheck;
}

async function main(): Promise<void> {
  const traceLines: string[] = [];
  let tracing = false;
  const database = await startBenchDatabase(
    'sequra-bench-webhooks',
    TRACE ? (line) => tracing && traceLines.push(line) : undefined,
  );
  const standIn = await startSequraStandIn();
  let service: ChildServer | undefined;
  let control: ChildServer | undefined;
  const db = new pg.Client({ connectionString: database.url });
  try {
    const servicePort = await freePort();
    service = await startChild(
      path.resolve(ROOT, process.env.BENCH_SERVICE_MAIN ?? 'dist/main.js'),
      serviceEnv(database.url, servicePort, standIn.url, { DB_POOL_SIZE: POOL_SIZE }),
      servicePort,
      '/health',
      process.env.BENCH_SERVICE_NODE_ARGS ? process.env.BENCH_SERVICE_NODE_ARGS.split(' ') : [],
    );
    await db.connect();
    const started = Date.now();
    await seed(db);
    await db.query('ANALYZE orders');
    const seedMs = Date.now() - started;
    const controlPort = await freePort();
    control = await startChild(
      path.join(ROOT, 'dist-tools/bench/control-server.js'),
      {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: database.url,
        PORT: String(controlPort),
        WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
        DB_POOL_SIZE: POOL_SIZE,
      },
      controlPort,
      '/health',
      process.env.BENCH_CONTROL_NODE_ARGS ? process.env.BENCH_CONTROL_NODE_ARGS.split(' ') : [],
    );
    const subjects = { service, control };

    if (TRACE) {
      await db.query(`ALTER SYSTEM SET log_statement = 'all'`);
      await db.query('SELECT pg_reload_conf()');
      for (const [name, server] of Object.entries(subjects)) {
        await reset(db);
        traceLines.length = 0;
        tracing = true;
        const res = await fetch(`${server.url}/webhooks/sequra/events`, {
          method: 'POST',
          headers: SEQURA_WEBHOOK_HEADERS,
          body: eventBody(0, 1),
        });
        await res.text();
        await new Promise((resolve) => setTimeout(resolve, 300));
        tracing = false;
        const statements = traceLines.filter(
          (l) => /LOG: {2}(statement|execute)/.test(l) && !/pg_reload_conf|ALTER SYSTEM/.test(l),
        );
        console.log(`\n${name}: HTTP ${res.status}, ${statements.length} statements for one event`);
        for (const s of statements)
          console.log(
            `  ${s
              .replace(/^.*LOG: {2}/, '')
              .replace(/\s+/g, ' ')
              .slice(0, 240)}`,
          );
      }
      await db.query(`ALTER SYSTEM RESET log_statement`);
      await db.query('SELECT pg_reload_conf()');
      return;
    }

    console.log(
      `\nWebhook benchmark — ${ORDERS.toLocaleString('en')} approved orders ` +
        `(seeded in ${(seedMs / 1000).toFixed(1)} s), ` +
        `${CONNECTIONS} connections, ${DURATION} s per round, ${ROUNDS} round(s) each, pool ${POOL_SIZE}`,
    );
    console.log(`machine: ${machineLine()}`);

    // Warm-up (JIT, pools, caches), not measured.
    for (const server of [service, control]) {
      await reset(db);
      await load(server, WARMUP);
    }

    const results: Record<'service' | 'control', LoadFigures[]> = { service: [], control: [] };
    /** CPU ms per request of the server process and of PostgreSQL: steadier than req/s on a shared machine. */
    const cpu: Record<'service' | 'control', { server: number; postgres: number }[]> = { service: [], control: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const name of ['service', 'control'] as const) {
        await reset(db);
        const cpuBefore = await cpuTimes(subjects[name].process.pid);
        const pgBefore = await postgresCpuMs(database.dataDir);
        const benchBefore = process.cpuUsage();
        const figures = await load(subjects[name], DURATION);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await settle(db);
        const perRequest = (ms: number) => ms / Math.max(1, figures.requests);
        const cpuAfter = await cpuTimes(subjects[name].process.pid);
        const userPerRequest = perRequest(cpuAfter.user - cpuBefore.user);
        const systemPerRequest = perRequest(cpuAfter.system - cpuBefore.system);
        const pgPerRequest = perRequest((await postgresCpuMs(database.dataDir)) - pgBefore);
        const benchCpu = process.cpuUsage(benchBefore);
        const loadPerRequest = perRequest((benchCpu.user + benchCpu.system) / 1000);
        const checked = await check(db);
        results[name].push(figures);
        cpu[name].push({ server: userPerRequest + systemPerRequest, postgres: pgPerRequest });
        const ok = figures.requests - figures.non2xx;
        console.log(
          `round ${round} ${name.padEnd(7)} ${fixed(figures.rps, 0).padStart(6)} req/s  ` +
            `p50 ${fixed(figures.p50)} ms  p99 ${fixed(figures.p99)} ms  ` +
            `CPU ms/req: server ${fixed(userPerRequest + systemPerRequest, 2)} ` +
            `(user ${fixed(userPerRequest, 2)}, kernel ${fixed(systemPerRequest, 2)}), ` +
            `postgres ${fixed(pgPerRequest, 2)}, autocannon ${fixed(loadPerRequest, 2)}; ` +
            `${figures.requests} requests, ${figures.non2xx} non-2xx, ${figures.errors} errors; ` +
            `stored ${checked.events} events, ${checked.notes} notes, ${checked.replays} replays`,
        );
        // autocannon stops counting at the deadline: up to one request per connection completes uncounted.
        if (
          checked.events < ok ||
          checked.events > ok + CONNECTIONS ||
          checked.notes !== checked.events ||
          checked.replays !== 0
        ) {
          console.log(
            `  WARNING: ${ok} answered 2xx but ${checked.events} events / ${checked.notes} history notes / ` +
              `${checked.replays} replays stored`,
          );
        }
      }
    }

    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const summary = (name: 'service' | 'control') => ({
      rps: mean(results[name].map((r) => r.rps)),
      p50: mean(results[name].map((r) => r.p50)),
      p99: mean(results[name].map((r) => r.p99)),
      failed: results[name].reduce((a, r) => a + r.non2xx + r.errors, 0),
      cpu:
        `server ${fixed(mean(cpu[name].map((c) => c.server)), 2)} + ` +
        `PostgreSQL ${fixed(mean(cpu[name].map((c) => c.postgres)), 2)}`,
    });
    const s = summary('service');
    const c = summary('control');
    const rpsRatio = s.rps / c.rps;
    const p99Ratio = s.p99 / c.p99;
    console.log(`\nmean of ${ROUNDS} round(s):`);
    console.log(
      `  service  ${fixed(s.rps, 0)} req/s  p50 ${fixed(s.p50)} ms  p99 ${fixed(s.p99)} ms  CPU ms/req ${s.cpu}`,
    );
    console.log(
      `  control  ${fixed(c.rps, 0)} req/s  p50 ${fixed(c.p50)} ms  p99 ${fixed(c.p99)} ms  CPU ms/req ${c.cpu}`,
    );
    console.log(`  ratio    req/s ${fixed(rpsRatio, 2)} (goal ≥ 0.80)   p99 ${fixed(p99Ratio, 2)}× (goal ≤ 1.5×)`);

    const rows: ResultRow[] = [
      {
        bench: 'webhooks',
        subject: 'service (Nest, dist/main.js)',
        figures: {
          'req/s': fixed(s.rps, 0),
          p50: `${fixed(s.p50)} ms`,
          p99: `${fixed(s.p99)} ms`,
          failed: String(s.failed),
          'CPU ms/req': s.cpu,
        },
      },
      {
        bench: 'webhooks',
        subject: 'control (bare Fastify + pg)',
        figures: {
          'req/s': fixed(c.rps, 0),
          p50: `${fixed(c.p50)} ms`,
          p99: `${fixed(c.p99)} ms`,
          failed: String(c.failed),
          'CPU ms/req': c.cpu,
        },
      },
      {
        bench: 'webhooks',
        subject: 'service / control req/s',
        figures: { ratio: fixed(rpsRatio, 2) },
        goal: '≥ 0.80',
        met: rpsRatio >= 0.8,
      },
      {
        bench: 'webhooks',
        subject: 'service / control p99',
        figures: { ratio: `${fixed(p99Ratio, 2)}×` },
        goal: '≤ 1.5×',
        met: p99Ratio <= 1.5,
      },
    ];
    await writeResults(rows);
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
