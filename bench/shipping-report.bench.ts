/**
 * Benchmark (not a test): one shipping report of 100,000 shipped orders through the real app, or of
 * several sizes in one run to see how its cost scales.
 *
 *   npm run bench:report                                  # 100,000 orders
 *   BENCH_ORDERS=20000 npm run bench:report
 *   BENCH_SCALE=100000,1000000 npm run bench:report       # each size, then the ratios between them
 *
 * Each size runs in a child process of its own (its own peak RSS) on a fresh embedded PostgreSQL
 * under os.tmpdir() (production settings, plus pg_stat_statements), migrated and seeded with one
 * INSERT … SELECT generate_series, then VACUUM ANALYZE and CHECKPOINT. Then, on that same table:
 *
 * 1. **Lower bound**, in a child process of its own: the same rows (the unreported shipments, then
 *    the last 7 days' orders for the statistics) read through two server-side cursors and written
 *    with the app's own entry writers into the same JSON, one body streamed to a hash: no claim, no
 *    batching, no HTTP, no bookkeeping, and memory that does not grow with the day (a fair bound at
 *    any size). It runs first so both read the table as seeded.
 * 2. **Report**: `POST /shipping-reports` on the app built by the production factory, in this
 *    process, against the seQura stand-in running in another child process (seQura parsing the
 *    bodies is not the app's work nor its memory). Wall time (with the load average: other work on
 *    the machine moves it), peak RSS sampled every 20 ms during the call, CPU of this process and of
 *    PostgreSQL (its processes' /proc times, autovacuum and checkpointer included), PostgreSQL CPU
 *    per 1,000 orders in each tenth of the run (a cost that grows with the work shows there), and
 *    each statement's calls, time and buffers per call (pg_stat_statements).
 *
 * PostgreSQL runs in its own processes: its memory is not in the figures.
 */
import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { orderBody } from '../test/support/fixtures.js';
import { runMigrations } from '../src/database/run-migrations.js';
import { platformInfo } from '../src/sequra/sequra-client.js';
import {
  checkedReportOrderEntry,
  checkedStatisticsEntry,
  REPORT_ORDER_COLUMNS,
  ReportOrderRow,
  STATISTICS_COLUMNS,
  StatisticsRow,
} from '../src/shipping-reports/shipping-report-payload.js';
import { startSequraStandIn } from '../test/sequra-stand-in/sequra-stand-in.js';
import { machineLine, postgresCpuMs, startBenchDatabase, writeResults } from './bench-support.js';

/** The sizes to run, each in a fresh cluster: `BENCH_SCALE=100000,1000000`, or one `BENCH_ORDERS`. */
const SIZES = (process.env.BENCH_SCALE ?? process.env.BENCH_ORDERS ?? '100000')
  .split(',')
  .map((size) => Number(size.trim().replace(/_/g, '')))
  .filter((size) => Number.isInteger(size) && size > 0);
/** Rows per FETCH of the streaming lower bound. */
const LOWER_BOUND_FETCH = 1000;
const BATCH_SIZE = process.env.SHIPPING_REPORT_BATCH_SIZE ?? '1000';
const TIME_ZONE = 'Europe/Madrid';
const MERCHANT_ID = 'test-merchant';
const SERVICE_KEY = 'bench-service-key';
/** Issue 7's goals for this benchmark. */
const GOAL_RATIO = 2;
const GOAL_RSS_MB = 300;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Samples the resident set size every 20 ms: the peak of one phase, which maxRSS (whole process)
 * cannot give, with the V8 heap and the memory outside it (Buffers) at that moment.
 */
function rssSampler() {
  let peakRss = 0;
  let breakdown = process.memoryUsage();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    peakRss = Math.max(peakRss, rss);
    // rss() alone is cheap; the breakdown is taken again only when the peak has moved by a megabyte.
    if (rss > breakdown.rss + 1024 * 1024) breakdown = process.memoryUsage();
  };
  sample();
  const timer = setInterval(sample, 20);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { ...breakdown, rss: peakRss };
    },
  };
}

const ADDRESS = {
  given_names: 'Ana',
  surnames: 'García López',
  address_line_1: 'Calle Mayor 1',
  address_line_2: '',
  postal_code: '28013',
  city: 'Madrid',
  country_code: 'ES',
  phone: '600000000',
};
const CART = orderBody('BENCH').cart;

// ---- child processes ---------------------------------------------------------------------------

interface LowerBoundResult {
  ms: number;
  peakRss: number;
  bodyBytes: number;
  orders: number;
  statistics: number;
}

interface StandInCounts {
  requests: number;
  statuses: Record<string, number>;
  orderEntries: number;
  /** CPU the stand-in process has used so far (it shares the machine's cores with the app and PostgreSQL). */
  cpuMs: number;
}

/**
 * Child: the lower bound, streamed. Two server-side cursors (the unreported shipments, then the
 * statistics window), fetched 1,000 rows at a time in one read-only transaction, each row written
 * with the app's own entry writers into the same JSON as one body, which goes to a byte counter and
 * a hash instead of memory: its peak RSS does not grow with the day, so it is a fair bound at any size.
 */
async function lowerBoundChild(): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(process.env.BENCH_DATABASE_URL!, 1)).initialize();
  const runner = dataSource.createQueryRunner();
  try {
    const [{ server_version }] = await dataSource.query('SHOW server_version');
    const sampler = rssSampler();
    const started = performance.now();
    const hash = createHash('sha256');
    let bodyBytes = 0;
    const write = (text: string) => {
      bodyBytes += Buffer.byteLength(text);
      hash.update(text);
    };
    const fetchAll = async <T>(name: string, sql: string, each: (row: T) => void) => {
      await runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
      for (;;) {
        const rows: T[] = await runner.query(`FETCH ${LOWER_BOUND_FETCH} FROM ${name}`);
        for (const row of rows) each(row);
        if (rows.length < LOWER_BOUND_FETCH) break;
      }
      await runner.query(`CLOSE ${name}`);
    };
    await runner.startTransaction('REPEATABLE READ');
    write(`{"delivery_report":{"merchant":${JSON.stringify({ id: MERCHANT_ID })},"orders":[`);
    let orders = 0;
    let written = 0;
    const broken: string[] = [];
    await fetchAll<ReportOrderRow>(
      'report_orders',
      `SELECT ${REPORT_ORDER_COLUMNS.map((c) => `o.${c}`).join(', ')}
       FROM order_report_states r JOIN orders o ON o.seq = r.order_seq
       WHERE r.reported_at IS NULL AND o.state = 'shipped' ORDER BY r.order_seq`,
      (row) => {
        orders++;
        const checked = checkedReportOrderEntry(row, TIME_ZONE);
        if ('unreportable' in checked) return;
        if (checked.broken) broken.push(JSON.stringify(checked.entry));
        else write(written++ === 0 ? JSON.stringify(checked.entry) : `,${JSON.stringify(checked.entry)}`);
      },
    );
    write(`],"broken_orders":[${broken.join(',')}],"statistics":{"orders":[`);
    let statistics = 0;
    await fetchAll<StatisticsRow>(
      'report_statistics',
      `SELECT ${STATISTICS_COLUMNS} FROM orders WHERE created_at >= now() - interval '7 days' ORDER BY created_at, seq`,
      (row) => {
        const entry = checkedStatisticsEntry(row, TIME_ZONE);
        if (entry) write(statistics++ === 0 ? JSON.stringify(entry) : `,${JSON.stringify(entry)}`);
      },
    );
    write(`]},"platform":${JSON.stringify(platformInfo(server_version))}}}`);
    await runner.commitTransaction();
    const ms = performance.now() - started;
    const result: LowerBoundResult = { ms, peakRss: sampler.stop().rss, bodyBytes, orders, statistics };
    hash.digest();
    await sendToParent(result);
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}

/** Child: the seQura stand-in, counting what it receives and forgetting each request once counted. */
async function standInChild(): Promise<void> {
  const counts: StandInCounts = { requests: 0, statuses: {}, orderEntries: 0, cpuMs: 0 };
  const standIn = await startSequraStandIn({
    user: 'test-user',
    password: 'test-password',
    merchantId: MERCHANT_ID,
    onResponse: (request) => {
      standIn.requests.length = 0;
      counts.requests++;
      counts.statuses[request.status] = (counts.statuses[request.status] ?? 0) + 1;
      const report = request.body?.delivery_report;
      if (report) counts.orderEntries += report.orders.length + (report.broken_orders?.length ?? 0);
    },
  });
  process.on('message', (message) => {
    if (message === 'counts') {
      const cpu = process.cpuUsage();
      void sendToParent({ ...counts, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
    if (message === 'stop') void standIn.close().then(() => process.exit(0));
  });
  // The benchmark died: do not outlive it.
  process.on('disconnect', () => process.exit(0));
  await sendToParent({ url: standIn.url });
}

function sendToParent(message: unknown): Promise<void> {
  return new Promise((resolve, reject) =>
    process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())),
  );
}

function forkSelf(role: string, env: Record<string, string> = {}): ChildProcess {
  return fork(fileURLToPath(import.meta.url), [role], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`child process exited with code ${code} before answering`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

// ---- the benchmark -----------------------------------------------------------------------------

/** What one size's run measured (sent from its child process to the scale summary). */
interface SizeResult {
  orders: number;
  seedMs: number;
  lower: LowerBoundResult;
  lowerPgCpuMs: number;
  reportMs: number;
  appCpuMs: number;
  reportPgCpuMs: number;
  rssBefore: number;
  reportPeak: number;
  reported: number;
  requests: number;
  /** PostgreSQL CPU per 1,000 orders reported, per tenth of the run (where cost grows with the table). */
  pgCpuPerTenth: number[];
  /** `uptime`'s one-minute load average at the start and end of the report (other work on the machine). */
  load: [number, number];
}

interface StatementFigure {
  query: string;
  calls: number;
  total_ms: number;
  mean_ms: number;
  /** Buffers used per call; of them read from outside shared buffers; dirty buffers the call had to write out. */
  blocks: number;
  read: number;
  written: number;
  rows: number;
}

const loadAverage = () => Number(os.loadavg()[0].toFixed(2));

/**
 * Samples, every 250 ms, the orders the sent runs carried and the cluster's CPU: PostgreSQL CPU per
 * 1,000 orders in each tenth of the run, which shows a cost that grows as the run goes on.
 */
function progressSampler(dataSource: DataSource, dataDir: string, total: number) {
  const samples: { orders: number; pgCpu: number }[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const [{ n }]: { n: number }[] = await dataSource.query(
        `SELECT coalesce(sum(order_count), 0)::integer AS n FROM shipping_reports WHERE status = 'sent'`,
      );
      samples.push({ orders: n, pgCpu: await postgresCpuMs(dataDir) });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return async (): Promise<number[]> => {
    stopped = true;
    await loop;
    const tenths: number[] = [];
    // The cluster's CPU when `orders` had been reported, interpolated between the two samples around it.
    const cpuAt = (orders: number) => {
      const after = samples.findIndex((s) => s.orders >= orders);
      if (after < 0) return samples[samples.length - 1].pgCpu;
      if (after === 0) return samples[0].pgCpu;
      const [a, b] = [samples[after - 1], samples[after]];
      return a.pgCpu + ((b.pgCpu - a.pgCpu) * (orders - a.orders)) / Math.max(1, b.orders - a.orders);
    };
    for (let tenth = 1; tenth <= 10; tenth++) {
      const [from, to] = [((tenth - 1) * total) / 10, (tenth * total) / 10];
      tenths.push(((cpuAt(to) - cpuAt(from)) * 1000) / (to - from));
    }
    return tenths;
  };
}

/** One size: a fresh cluster, seeded, the lower bound, then the report through the app. */
async function runSize(orders: number): Promise<SizeResult> {
  // startEmbeddedDatabase under os.tmpdir() (folder opened to the `postgres` user when root), removed on stop.
  // pg_stat_statements: each statement's calls, time and buffers over the report (printed per size).
  const database = await startBenchDatabase('sequra-bench-report', undefined, {
    shared_preload_libraries: 'pg_stat_statements',
  });
  let dataSource: DataSource | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const standIn = forkSelf('--stand-in');
  try {
    const { url: standInUrl } = await nextMessage<{ url: string }>(standIn);
    dataSource = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
    await runMigrations(dataSource);
    await dataSource.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');

    let started = performance.now();
    await dataSource.query(
      `INSERT INTO orders (order_ref_1, order_ref_2, sequra_order_ref, sequra_merchant_id, state, cart,
                           shipped_quantities, delivery_method, customer, delivery_address, invoice_address, trackings,
                           approved_at, shipped_at, created_at)
       SELECT 'BENCH-' || lpad(g::text, 7, '0'), 'cart-' || g, gen_random_uuid()::text, $6, 'shipped', $1::jsonb,
              '{"shirt1234": 1, "jacket9876": 1}'::jsonb, $2::jsonb, $3::jsonb || jsonb_build_object('ref', 'c-' || g),
              $4::jsonb, $4::jsonb,
              jsonb_build_array(
                jsonb_build_object('type', 'postal', 'reference', 'T1', 'carrier', 'MRW', 'tracking_number', 'TN' || g)
              ),
              now() - interval '1 day', now() - interval '2 hours', now() - interval '2 days'
       FROM generate_series(1, $5::integer) AS g`,
      [
        JSON.stringify(CART),
        JSON.stringify({ name: 'standard', days: '1-3', provider: 'MRW', home_delivery: true }),
        JSON.stringify({
          given_names: 'Ana',
          surnames: 'García López',
          email: 'ana@example.com',
          logged_in: true,
          language_code: 'es',
          ip_number: '203.0.113.7',
        }),
        JSON.stringify(ADDRESS),
        orders,
        MERCHANT_ID,
      ],
    );
    // Each shipment's report state, as shipping writes it (OrderRepository): not reported yet.
    await dataSource.query(
      `INSERT INTO order_report_states (order_seq, sequra_merchant_id) SELECT seq, sequra_merchant_id FROM orders`,
    );
    await dataSource.query('VACUUM ANALYZE orders, order_report_states');
    await dataSource.query('CHECKPOINT');
    const seedMs = performance.now() - started;

    // 1. The lower bound, in its own process, on the table as seeded.
    const lowerChild = forkSelf('--lower-bound', { BENCH_DATABASE_URL: database.url });
    let pgCpu = await postgresCpuMs(database.dataDir);
    const lowerExited = new Promise((resolve) => lowerChild.once('exit', resolve));
    const lower = await nextMessage<LowerBoundResult>(lowerChild);
    await lowerExited;
    // Measured once its connection is closed: the backend's CPU then counts in the postmaster's.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lowerPgCpuMs = (await postgresCpuMs(database.dataDir)) - pgCpu;

    // 2. The report through the app.
    const config = loadConfig({
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      DATABASE_URL: database.url,
      API_KEYS: `bench:${SERVICE_KEY}`,
      ADMIN_API_KEYS: 'bench-admin:bench-admin-key',
      WEBHOOK_SECRET: 'bench-webhook-secret-0123456789',
      SEQURA_BASE_URL: standInUrl,
      SEQURA_USER: 'test-user',
      SEQURA_PASSWORD: 'test-password',
      SEQURA_MERCHANT_ID: MERCHANT_ID,
      SHIPPING_REPORT_ENABLED: 'false',
      SHIPPING_REPORT_BATCH_SIZE: BATCH_SIZE,
      SHIPPING_REPORT_TZ: TIME_ZONE,
      OUTBOX_ENABLED: 'false',
    });
    app = await createApp(config);
    await app.init();

    await dataSource.query('SELECT pg_stat_statements_reset()');
    const rssBefore = process.memoryUsage.rss();
    const sampler = rssSampler();
    const progress = progressSampler(dataSource, database.dataDir, orders);
    const cpuBefore = process.cpuUsage();
    const loadBefore = loadAverage();
    pgCpu = await postgresCpuMs(database.dataDir);
    standIn.send('counts');
    const standInBefore = await nextMessage<StandInCounts>(standIn);
    started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: '/shipping-reports',
      headers: { authorization: `Bearer ${SERVICE_KEY}` },
    });
    const reportMs = performance.now() - started;
    const peakMemory = sampler.stop();
    const reportPeak = peakMemory.rss;
    const reportPgCpuMs = (await postgresCpuMs(database.dataDir)) - pgCpu;
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpuPerTenth = await progress();
    const loadAfter = loadAverage();
    if (response.statusCode !== 201)
      throw new Error(`POST /shipping-reports answered ${response.statusCode}: ${response.body}`);
    const runs = response.json<{ data: { status: string }[] }>().data;
    const [{ reported }] = await dataSource.query(
      `SELECT count(*)::integer AS reported FROM order_report_states WHERE reported_at IS NOT NULL`,
    );
    // Figures only: a failure to read them (the extension's library moved by an install meanwhile) loses no run.
    const statements: StatementFigure[] = await dataSource
      .query(
        `SELECT regexp_replace(left(query, 90), '[[:space:]]+', ' ', 'g') AS query, calls::integer,
              round(total_exec_time::numeric, 1)::float AS total_ms,
              round(mean_exec_time::numeric, 3)::float AS mean_ms,
              round((shared_blks_hit + shared_blks_read)::numeric / calls, 1)::float AS blocks,
              round(shared_blks_read::numeric / calls, 1)::float AS read,
              round(shared_blks_written::numeric / calls, 1)::float AS written,
              round(rows::numeric / calls, 1)::float AS rows
       FROM pg_stat_statements WHERE calls > 0 AND query !~* 'pg_stat_statements|shipping_reports WHERE status = .sent'
       ORDER BY total_exec_time DESC LIMIT 8`,
      )
      .catch((error: unknown) => {
        console.error(`pg_stat_statements could not be read: ${String(error)}`);
        return [];
      });
    standIn.send('counts');
    const total = await nextMessage<StandInCounts>(standIn);
    // The report's requests only (not the discovery of merchant accounts at the app's start).
    const statuses = Object.fromEntries(
      Object.entries(total.statuses)
        .map(([status, n]) => [status, n - (standInBefore.statuses[status] ?? 0)])
        .filter(([, n]) => Number(n) > 0),
    ) as Record<string, number>;
    const counts = { ...total, requests: total.requests - standInBefore.requests, statuses };

    const ratio = reportMs / lower.ms;
    const met = ratio <= GOAL_RATIO && reportPeak <= GOAL_RSS_MB * 1024 * 1024;
    console.log(
      `\nShipping report benchmark — ${orders.toLocaleString('en')} shipped orders, ` +
        `batch size ${BATCH_SIZE}, statistics on`,
    );
    console.log(`machine: ${machineLine()}`);
    console.log(`seed (one INSERT … SELECT generate_series, VACUUM ANALYZE, CHECKPOINT): ${seconds(seedMs)}`);
    console.log(
      '\nlower bound (child process: two cursors, one JSON body streamed to a hash, nothing sent or written):',
    );
    console.log(`  wall time            ${seconds(lower.ms)}  (PostgreSQL CPU ${seconds(lowerPgCpuMs)})`);
    console.log(
      `  RSS peak             ${mb(lower.peakRss)}  (body ${mb(lower.bodyBytes)}: ` +
        `${lower.orders.toLocaleString('en')} orders, ${lower.statistics.toLocaleString('en')} statistics)`,
    );
    console.log(
      '\nthrough the app (POST /shipping-reports: claim in keyset pages, one POST per batch, mark reported):',
    );
    console.log(
      `  wall time            ${seconds(reportMs)}  ` +
        `(${Math.round(orders / (reportMs / 1000)).toLocaleString('en')} orders/s; ` +
        `load average ${loadBefore} → ${loadAfter})`,
    );
    console.log(
      `  CPU                  app ${seconds((cpu.user + cpu.system) / 1000)}, ` +
        `PostgreSQL ${seconds(reportPgCpuMs)} (${((reportPgCpuMs * 1000) / orders).toFixed(1)} ms per 1,000 orders), ` +
        `stand-in ${seconds(counts.cpuMs - standInBefore.cpuMs)}`,
    );
    console.log(
      `  PostgreSQL CPU per 1,000 orders, by tenth of the run: ` +
        `${pgCpuPerTenth.map((ms) => ms.toFixed(0)).join(' ')} ms`,
    );
    console.log(
      `  RSS before / peak    ${mb(rssBefore)} / ${mb(reportPeak)}  (+${mb(reportPeak - rssBefore)}; ` +
        `near the peak: V8 heap ${mb(peakMemory.heapUsed)} used of ${mb(peakMemory.heapTotal)}, ` +
        `outside it ${mb(peakMemory.external)})`,
    );
    console.log(`  runs                 ${runs.length} (${runs.filter((r) => r.status === 'sent').length} sent)`);
    console.log(
      `  requests to seQura   ${counts.requests} (${Object.entries(counts.statuses)
        .map(([s, n]) => `${n}× ${s}`)
        .join(', ')}), ${counts.orderEntries.toLocaleString('en')} order entries`,
    );
    console.log(`  orders reported      ${Number(reported).toLocaleString('en')}`);
    console.log('  statements (pg_stat_statements, by total time, per call: ms, buffers, rows):');
    for (const st of statements) {
      console.log(
        `    ${String(st.calls).padStart(6)} × ${st.mean_ms.toFixed(3).padStart(8)} ms ` +
          `${String(st.blocks).padStart(8)} buf (${String(st.read).padStart(6)} read, ` +
          `${String(st.written).padStart(6)} written) ${String(st.rows).padStart(7)} rows  ${st.query}`,
      );
    }
    console.log(
      `\nreport / lower bound: ${ratio.toFixed(2)}× (goal ≤ ${GOAL_RATIO}×), ` +
        `peak RSS ${mb(reportPeak)} (goal ≤ ${GOAL_RSS_MB} MB): ${met ? 'met' : 'MISSED'}`,
    );
    return {
      orders,
      seedMs,
      lower,
      lowerPgCpuMs,
      reportMs,
      appCpuMs: (cpu.user + cpu.system) / 1000,
      reportPgCpuMs,
      rssBefore,
      reportPeak,
      reported: Number(reported),
      requests: counts.requests,
      pgCpuPerTenth,
      load: [loadBefore, loadAfter],
    };
  } finally {
    await app?.close().catch(() => undefined);
    if (standIn.connected) standIn.send('stop');
    await dataSource?.destroy().catch(() => undefined);
    await database.stop();
  }
}

/** Child: one size, its result sent to the parent (each size in a fresh process: its own peak RSS). */
async function sizeChild(): Promise<void> {
  await sendToParent(await runSize(Number(process.env.BENCH_ORDERS)));
}

async function main(): Promise<void> {
  const results: SizeResult[] = [];
  for (const size of SIZES) {
    const child = forkSelf('--size', { BENCH_ORDERS: String(size) });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    results.push(await nextMessage<SizeResult>(child));
    await exited;
  }
  const rate = (r: SizeResult) => r.orders / (r.reportMs / 1000);
  const pgPerThousand = (r: SizeResult) => (r.reportPgCpuMs * 1000) / r.orders;
  if (results.length > 1) {
    const first = results[0];
    console.log(
      `\nScale (each size in a fresh cluster and process; ratios against ${first.orders.toLocaleString('en')}):`,
    );
    console.log('| orders | wall time | orders/s | PG CPU / 1,000 orders | app peak RSS | lower bound | load |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of results) {
      console.log(
        `| ${r.orders.toLocaleString('en')} | ${seconds(r.reportMs)} | ${Math.round(rate(r)).toLocaleString('en')} ` +
          `(${((rate(r) / rate(first)) * 100).toFixed(0)}%) | ${pgPerThousand(r).toFixed(1)} ms ` +
          `(${(pgPerThousand(r) / pgPerThousand(first)).toFixed(2)}×) | ${mb(r.reportPeak)} ` +
          `(${(r.reportPeak / first.reportPeak).toFixed(2)}×) | ${seconds(r.lower.ms)}, ${mb(r.lower.peakRss)} | ` +
          `${r.load[0]} → ${r.load[1]} |`,
      );
    }
  }
  await writeResults(
    results.map((r) => ({
      bench: 'shipping-report',
      subject: `${r.orders.toLocaleString('en')} orders, batches of ${BATCH_SIZE}`,
      figures: {
        'wall time': seconds(r.reportMs),
        'orders/s': String(Math.round(rate(r))),
        'PG CPU / 1,000': `${pgPerThousand(r).toFixed(1)} ms`,
        'peak RSS': `${mb(r.reportPeak)} (+${mb(r.reportPeak - r.rssBefore)})`,
        requests: String(r.requests),
        'lower bound': `${seconds(r.lower.ms)}, ${mb(r.lower.peakRss)}`,
        ratio: `${(r.reportMs / r.lower.ms).toFixed(2)}×`,
      },
      goal: `≤ ${GOAL_RATIO}× the lower bound's time, peak RSS ≤ ${GOAL_RSS_MB} MB`,
      met: r.reportMs / r.lower.ms <= GOAL_RATIO && r.reportPeak <= GOAL_RSS_MB * 1024 * 1024,
    })),
  );
}

const role = process.argv[2];
const entry =
  role === '--lower-bound'
    ? lowerBoundChild
    : role === '--stand-in'
      ? standInChild
      : role === '--size'
        ? sizeChild
        : main;
entry().then(
  () => {
    if (role !== '--stand-in') process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
