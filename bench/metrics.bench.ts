/**
 * Benchmark (not a test): the cost of a Prometheus scrape (`GET /metrics`) on a large database.
 *
 *   npm run bench -- metrics                       # 200,000 orders
 *   BENCH_ORDERS=1000000 npm run bench -- metrics
 *
 * Starts an embedded PostgreSQL under os.tmpdir(), migrates it and seeds the orders in every state
 * (70 % shipped, 12 % cancelled, 5 % denied, 8 % approved, 3 % pending, 2 % on hold) with one
 * INSERT … SELECT generate_series, plus an outbox row for every third order (0.1 % of them pending,
 * a few failed), then VACUUM ANALYZE. On the app built by the production factory, in this process
 * (`app.inject`, no network): the wall time of whole scrapes, of the two database reads behind the
 * gauges (orders per state, outbox backlog), and, for comparison, of the exact
 * `SELECT state, count(*) … GROUP BY state` the orders gauge avoids. Also how far the estimated
 * states are from their exact counts.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrations } from '../src/database/run-migrations.js';
import { EXACT_ORDER_COUNT_UP_TO } from '../src/orders/order-metrics.js';
import { ORDER_STATES } from '../src/orders/order-states.js';
import { OrderRepository } from '../src/orders/order.repository.js';
import { OutboxRepository } from '../src/outbox/outbox.repository.js';
import { machineLine, startBenchDatabase, writeResults } from './bench-support.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 200_000);
const SCRAPES = Number(process.env.BENCH_SCRAPES ?? 40);
/** A scrape every 15 s costing this much is noise for the database; the goal of this benchmark. */
const GOAL_MS = 50;

const ms = (value: number) => `${value.toFixed(1)} ms`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

const summary = (samples: number[]) =>
  `p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}, max ${ms(Math.max(...samples))}`;

async function main(): Promise<void> {
  const database = await startBenchDatabase('sequra-bench-metrics');
  let dataSource: DataSource | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    dataSource = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
    await runMigrations(dataSource);
    const started = performance.now();
    await dataSource.query(
      `INSERT INTO orders (order_ref_1, state, cart, customer, created_at)
       SELECT 'BENCH-' || g,
              CASE WHEN r < 0.70 THEN 'shipped' WHEN r < 0.82 THEN 'cancelled' WHEN r < 0.87 THEN 'denied'
                   WHEN r < 0.95 THEN 'approved' WHEN r < 0.98 THEN 'pending' ELSE 'on_hold' END,
              '{"currency": "EUR", "order_total_with_tax": 1000, "items": []}'::jsonb,
              '{"given_names": "Ana", "email": "ana@example.com"}'::jsonb,
              now() - g * interval '1 second'
       FROM (SELECT g, random() AS r FROM generate_series(1, $1::integer) AS g) s`,
      [ORDERS],
    );
    await dataSource.query(
      `INSERT INTO sequra_outbox (order_id, order_ref_1, kind, status, created_at, sent_at)
       SELECT id, order_ref_1, 'customer_data',
              CASE WHEN seq % 3000 = 0 THEN 'pending' WHEN seq % 30000 = 1 THEN 'failed' ELSE 'sent' END,
              created_at, CASE WHEN seq % 3000 = 0 THEN NULL ELSE created_at END
       FROM orders WHERE seq % 3 = 0`,
    );
    await dataSource.query('VACUUM ANALYZE orders');
    await dataSource.query('VACUUM ANALYZE sequra_outbox');
    const seedMs = performance.now() - started;
    const exactRows: { state: string; n: number }[] = await dataSource.query(
      'SELECT state, count(*)::integer AS n FROM orders GROUP BY state',
    );
    const exact = Object.fromEntries(exactRows.map((r) => [r.state, r.n]));
    const [{ outbox }] = await dataSource.query('SELECT count(*)::integer AS outbox FROM sequra_outbox');

    const config = loadConfig({
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      DATABASE_URL: database.url,
      API_KEYS: 'bench:bench-service-key',
      ADMIN_API_KEYS: 'bench-admin:bench-admin-key',
      WEBHOOK_SECRET: 'bench-webhook-secret-0123456789',
      SEQURA_USER: 'test-user',
      SEQURA_PASSWORD: 'test-password',
      SEQURA_MERCHANT_ID: 'test-merchant',
      SHIPPING_REPORT_ENABLED: 'false',
      OUTBOX_ENABLED: 'false',
    });
    app = await createApp(config);
    await app.init();
    const orders = app.get(OrderRepository);
    const outboxRepository = app.get(OutboxRepository);

    let body = '';
    const scrape = async () => {
      const response = await app!.inject({ method: 'GET', url: '/metrics' });
      if (response.statusCode !== 200) throw new Error(`GET /metrics answered ${response.statusCode}`);
      body = response.body;
    };
    await timed(5, scrape);
    const scrapes = await timed(SCRAPES, scrape);
    const stateReads = await timed(SCRAPES, () => orders.countByState(ORDER_STATES, EXACT_ORDER_COUNT_UP_TO));
    const backlogReads = await timed(SCRAPES, () => outboxRepository.backlog());
    const groupBy = await timed(10, () => dataSource!.query('SELECT state, count(*) FROM orders GROUP BY state'));

    const counts = await orders.countByState(ORDER_STATES, EXACT_ORDER_COUNT_UP_TO);
    const errors = counts
      .filter((c) => !c.exact)
      .map((c) => ({ state: c.state, error: Math.abs(c.count - (exact[c.state] ?? 0)) / (exact[c.state] ?? 1) }));
    const worst = errors.reduce((a, b) => (b.error > a.error ? b : a), { state: 'none', error: 0 });
    const p95 = percentile(scrapes, 95);
    const met = p95 <= GOAL_MS;

    const outboxRows = Number(outbox).toLocaleString('en');
    console.log(`\nMetrics scrape benchmark — ${ORDERS.toLocaleString('en')} orders, ${outboxRows} outbox rows`);
    console.log(`machine: ${machineLine()}`);
    console.log(`seed (INSERT … SELECT generate_series, VACUUM ANALYZE): ${(seedMs / 1000).toFixed(2)} s`);
    const bytes = body.length.toLocaleString('en');
    console.log(`\nGET /metrics (${SCRAPES} scrapes, in process)   ${summary(scrapes)}  (${bytes} bytes)`);
    console.log(`  orders per state (bounded + estimate)   ${summary(stateReads)}`);
    console.log(`  outbox backlog (partial indexes)        ${summary(backlogReads)}`);
    console.log(`  for comparison: exact GROUP BY state    ${summary(groupBy)}`);
    console.log('\nstate        exact      gauge      how');
    for (const c of counts) {
      const columns = [c.state.padEnd(12), String(exact[c.state] ?? 0).padStart(9), String(c.count).padStart(10)];
      console.log(`${columns.join(' ')}   ${c.exact ? 'exact' : 'estimated'}`);
    }
    console.log(`\nscrape p95 ${ms(p95)} (goal ≤ ${GOAL_MS} ms): ${met ? 'met' : 'MISSED'}`);
    await writeResults([
      {
        bench: 'metrics',
        subject: `GET /metrics, ${ORDERS.toLocaleString('en')} orders`,
        figures: {
          scrape: summary(scrapes),
          'orders per state': `p50 ${ms(percentile(stateReads, 50))}`,
          'outbox backlog': `p50 ${ms(percentile(backlogReads, 50))}`,
          'exact GROUP BY': `p50 ${ms(percentile(groupBy, 50))}`,
          'worst estimate': `${worst.state} ${(worst.error * 100).toFixed(1)} %`,
        },
        goal: `scrape p95 ≤ ${GOAL_MS} ms`,
        met,
      },
    ]);
  } finally {
    await app?.close().catch(() => undefined);
    await dataSource?.destroy().catch(() => undefined);
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
