/**
 * Benchmark (not a test): one shipping report of 100,000 shipped orders through the real app.
 *
 *   npm run bench:report                 # 100,000 orders
 *   BENCH_ORDERS=20000 npm run bench:report
 *
 * Starts an embedded PostgreSQL under os.tmpdir(), migrates it and seeds the orders with one
 * INSERT … SELECT generate_series. Then, on that same fresh table:
 *
 * 1. **Lower bound**, in a child process of its own: the same rows (the unreported shipments and the
 *    last 7 days' orders for the statistics) read with one SQL query and serialized to the same JSON
 *    (the app's own writer, one body instead of one per batch): no claim, no batching, no HTTP, no
 *    bookkeeping, and memory that grows with the day. Its own process, so its body (~140 MB) weighs
 *    on neither the report's memory nor its garbage collector. It runs first so both read the table
 *    as seeded (after the report, every order row has a dead version the scan would wade through).
 * 2. **Report**: `POST /shipping-reports` on the app built by the production factory, in this
 *    process, against the seQura stand-in running in another child process (seQura parsing the
 *    bodies is not the app's work nor its memory). Wall time, peak RSS sampled every 10 ms during
 *    the call, CPU of this process and of PostgreSQL, requests seen by the stand-in.
 *
 * PostgreSQL runs in its own processes: its memory is not in the figures.
 */
import 'reflect-metadata';
import { ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrations } from '../src/database/run-migrations.js';
import { platformInfo } from '../src/sequra/sequra-client.js';
import {
  REPORT_ORDER_COLUMNS,
  ReportOrderRow,
  STATISTICS_COLUMNS,
  StatisticsRow,
  writeDeliveryReport,
} from '../src/shipping-reports/shipping-report-payload.js';
import { startSequraStandIn } from '../test/sequra-stand-in/sequra-stand-in.js';
import { machineLine, postgresCpuMs, startBenchDatabase, writeResults } from './bench-support.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
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
const CART = {
  currency: 'EUR',
  order_total_with_tax: 8350,
  items: [
    {
      type: 'product',
      reference: 'shirt1234',
      name: 'shirt',
      price_with_tax: 1250,
      quantity: 1,
      total_with_tax: 1250,
      downloadable: false,
    },
    {
      type: 'product',
      reference: 'jacket9876',
      name: 'jacket',
      price_with_tax: 7100,
      quantity: 1,
      total_with_tax: 7100,
      downloadable: false,
    },
  ],
};

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

/** Child: the lower bound. One query, one body, in a process that does nothing else. */
async function lowerBoundChild(): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(process.env.BENCH_DATABASE_URL!, 1)).initialize();
  try {
    const [{ server_version }] = await dataSource.query('SHOW server_version');
    const sampler = rssSampler();
    const started = performance.now();
    // The rows a run reads: shipped and unreported (the report orders), or created in the last 7 days
    // (the statistics), in one scan; here they are the same orders.
    const rows: (ReportOrderRow & StatisticsRow & { to_report: boolean; recent: boolean })[] = await dataSource.query(
      `SELECT ${REPORT_ORDER_COLUMNS.join(', ')}, ${STATISTICS_COLUMNS},
              state = 'shipped' AND reported_at IS NULL AS to_report, created_at >= now() - interval '7 days' AS recent
       FROM orders WHERE (state = 'shipped' AND reported_at IS NULL) OR created_at >= now() - interval '7 days'
       ORDER BY seq`,
    );
    // The app's own writer (the same bytes as JSON.stringify of the report object), one body for all.
    const orders = rows.filter((row) => row.to_report);
    const statistics = rows.filter((row) => row.recent);
    const { json } = writeDeliveryReport({
      merchantId: MERCHANT_ID,
      rows: orders,
      statisticsRows: statistics,
      platform: platformInfo(server_version),
      timeZone: TIME_ZONE,
    });
    const ms = performance.now() - started;
    const result: LowerBoundResult = {
      ms,
      peakRss: sampler.stop().rss,
      bodyBytes: json.length,
      orders: orders.length,
      statistics: statistics.length,
    };
    await sendToParent(result);
  } finally {
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

async function main(): Promise<void> {
  // startEmbeddedDatabase under os.tmpdir() (folder opened to the `postgres` user when root), removed on stop.
  const database = await startBenchDatabase('sequra-bench-report');
  let dataSource: DataSource | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const standIn = forkSelf('--stand-in');
  try {
    const { url: standInUrl } = await nextMessage<{ url: string }>(standIn);
    dataSource = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
    await runMigrations(dataSource);

    let started = performance.now();
    await dataSource.query(
      `INSERT INTO orders (order_ref_1, order_ref_2, sequra_order_ref, state, cart, shipped_quantities, delivery_method,
                           customer, delivery_address, invoice_address, trackings, approved_at, shipped_at, created_at)
       SELECT 'BENCH-' || lpad(g::text, 7, '0'), 'cart-' || g, gen_random_uuid()::text, 'shipped', $1::jsonb,
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
        ORDERS,
      ],
    );
    await dataSource.query('VACUUM ANALYZE orders');
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

    const rssBefore = process.memoryUsage.rss();
    const sampler = rssSampler();
    const cpuBefore = process.cpuUsage();
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
    if (response.statusCode !== 201)
      throw new Error(`POST /shipping-reports answered ${response.statusCode}: ${response.body}`);
    const runs = response.json<{ data: { status: string }[] }>().data;
    const [{ reported }] = await dataSource.query(
      `SELECT count(*)::integer AS reported FROM orders WHERE reported_at IS NOT NULL`,
    );
    standIn.send('counts');
    const counts = await nextMessage<StandInCounts>(standIn);

    const ratio = reportMs / lower.ms;
    const met = ratio <= GOAL_RATIO && reportPeak <= GOAL_RSS_MB * 1024 * 1024;
    console.log(
      `\nShipping report benchmark — ${ORDERS.toLocaleString('en')} shipped orders, ` +
        `batch size ${BATCH_SIZE}, statistics on`,
    );
    console.log(`machine: ${machineLine()}`);
    console.log(`seed (one INSERT … SELECT generate_series, VACUUM ANALYZE): ${seconds(seedMs)}`);
    console.log('\nlower bound (child process: one SQL query, one JSON body, nothing sent or written):');
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
        `(${Math.round(ORDERS / (reportMs / 1000)).toLocaleString('en')} orders/s)`,
    );
    console.log(
      `  CPU                  app ${seconds((cpu.user + cpu.system) / 1000)}, ` +
        `PostgreSQL ${seconds(reportPgCpuMs)}, stand-in ${seconds(counts.cpuMs - standInBefore.cpuMs)}`,
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
    console.log(
      `\nreport / lower bound: ${ratio.toFixed(2)}× (goal ≤ ${GOAL_RATIO}×), ` +
        `peak RSS ${mb(reportPeak)} (goal ≤ ${GOAL_RSS_MB} MB): ${met ? 'met' : 'MISSED'}`,
    );
    await writeResults([
      {
        bench: 'shipping-report',
        subject: `${ORDERS.toLocaleString('en')} orders, batches of ${BATCH_SIZE}`,
        figures: {
          'wall time': seconds(reportMs),
          'peak RSS': `${mb(reportPeak)} (+${mb(reportPeak - rssBefore)})`,
          requests: String(counts.requests),
          'lower bound': `${seconds(lower.ms)}, ${mb(lower.peakRss)}`,
          ratio: `${ratio.toFixed(2)}×`,
        },
        goal: `≤ ${GOAL_RATIO}× the lower bound's time, peak RSS ≤ ${GOAL_RSS_MB} MB`,
        met,
      },
    ]);
  } finally {
    await app?.close().catch(() => undefined);
    if (standIn.connected) standIn.send('stop');
    await dataSource?.destroy().catch(() => undefined);
    await database.stop();
  }
}

const role = process.argv[2];
const entry = role === '--lower-bound' ? lowerBoundChild : role === '--stand-in' ? standInChild : main;
entry().then(
  () => {
    if (role !== '--stand-in') process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
