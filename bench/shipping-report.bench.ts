/**
 * Benchmark (not a test): one shipping report of 100,000 shipped orders through the real app.
 *
 *   npm run bench:report                 # 100,000 orders
 *   BENCH_ORDERS=20000 npm run bench:report
 *
 * Starts an embedded PostgreSQL under os.tmpdir(), migrates it, seeds the orders with one
 * INSERT … SELECT generate_series, starts the seQura stand-in, runs `POST /shipping-reports` on the
 * app built by the production factory, and prints wall time, memory and requests. For comparison it
 * then measures the lower bound: the same rows read with one SQL query and serialized to one JSON
 * body (no claim, no batching, no HTTP, no bookkeeping — and memory that grows with the day).
 * PostgreSQL runs in its own process: its memory is not in the figures.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/app-config.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { runMigrations } from '../src/database/run-migrations.js';
import { platformInfo } from '../src/sequra/sequra-client.js';
import { deliveryReportBody, REPORT_ORDER_COLUMNS, reportOrderEntry, ReportOrderRow } from '../src/shipping-reports/shipping-report-payload.js';
import { SequraStandIn, startSequraStandIn } from '../test/sequra-stand-in/sequra-stand-in.js';
import { machineLine, startBenchDatabase, writeResults } from './bench-support.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const BATCH_SIZE = process.env.SHIPPING_REPORT_BATCH_SIZE ?? '1000';
const SERVICE_KEY = 'bench-service-key';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Samples the resident set size every 10 ms: the peak of one phase, which maxRSS (whole process) cannot give. */
function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

const ADDRESS = { given_names: 'Ana', surnames: 'García López', address_line_1: 'Calle Mayor 1', address_line_2: '', postal_code: '28013', city: 'Madrid', country_code: 'ES', phone: '600000000' };
const CART = {
  currency: 'EUR',
  order_total_with_tax: 8350,
  items: [
    { type: 'product', reference: 'shirt1234', name: 'shirt', price_with_tax: 1250, quantity: 1, total_with_tax: 1250, downloadable: false },
    { type: 'product', reference: 'jacket9876', name: 'jacket', price_with_tax: 7100, quantity: 1, total_with_tax: 7100, downloadable: false },
  ],
};

async function main(): Promise<void> {
  // startEmbeddedDatabase under os.tmpdir() (folder opened to the `postgres` user when root), removed on stop.
  const database = await startBenchDatabase('sequra-bench-report');
  let dataSource: DataSource | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  let requests = 0;
  let reportedEntries = 0;
  const statuses = new Map<number, number>();
  // The stand-in runs in this process: it forgets each request once counted, so its log does not
  // weigh on the memory figures.
  const standIn: SequraStandIn = await startSequraStandIn({
    onResponse: (request) => {
      standIn.requests.length = 0;
      requests++;
      statuses.set(request.status, (statuses.get(request.status) ?? 0) + 1);
      const report = request.body?.delivery_report;
      if (report) reportedEntries += report.orders.length + (report.broken_orders?.length ?? 0);
    },
  });
  try {
    dataSource = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
    await runMigrations(dataSource);

    let started = performance.now();
    await dataSource.query(
      `INSERT INTO orders (order_ref_1, order_ref_2, sequra_order_ref, state, cart, shipped_quantities, delivery_method, customer,
                           delivery_address, invoice_address, trackings, approved_at, shipped_at, created_at)
       SELECT 'BENCH-' || lpad(g::text, 7, '0'), 'cart-' || g, gen_random_uuid()::text, 'shipped', $1::jsonb,
              '{"shirt1234": 1, "jacket9876": 1}'::jsonb, $2::jsonb, $3::jsonb || jsonb_build_object('ref', 'c-' || g), $4::jsonb, $4::jsonb,
              jsonb_build_array(jsonb_build_object('carrier', 'MRW', 'tracking_number', 'TN' || g, 'shipped_at', now())),
              now() - interval '1 day', now() - interval '2 hours', now() - interval '2 days'
       FROM generate_series(1, $5::integer) AS g`,
      [
        JSON.stringify(CART),
        JSON.stringify({ name: 'standard', days: '1-3', provider: 'MRW', home_delivery: true }),
        JSON.stringify({ given_names: 'Ana', surnames: 'García López', email: 'ana@example.com', logged_in: true, language_code: 'es', ip_number: '203.0.113.7' }),
        JSON.stringify(ADDRESS),
        ORDERS,
      ],
    );
    await dataSource.query('ANALYZE orders');
    const seedMs = performance.now() - started;

    const config = loadConfig({
      NODE_ENV: 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      DATABASE_URL: database.url,
      API_KEYS: `bench:${SERVICE_KEY}`,
      ADMIN_API_KEYS: 'bench-admin:bench-admin-key',
      WEBHOOK_SECRET: 'bench-webhook-secret-0123456789',
      SEQURA_BASE_URL: standIn.url,
      SEQURA_USER: 'test-user',
      SEQURA_PASSWORD: 'test-password',
      SEQURA_MERCHANT_ID: 'test-merchant',
      SHIPPING_REPORT_ENABLED: 'false',
      SHIPPING_REPORT_BATCH_SIZE: BATCH_SIZE,
      OUTBOX_ENABLED: 'false',
    });
    app = await createApp(config);
    await app.init();

    const rssBefore = process.memoryUsage.rss();
    let sampler = rssSampler();
    started = performance.now();
    const response = await app.inject({ method: 'POST', url: '/shipping-reports', headers: { authorization: `Bearer ${SERVICE_KEY}` } });
    const reportMs = performance.now() - started;
    const reportPeak = sampler.stop();
    if (response.statusCode !== 201) throw new Error(`POST /shipping-reports answered ${response.statusCode}: ${response.body}`);
    const runs = (response.json() as { data: { status: string }[] }).data;
    const [{ reported }] = await dataSource.query(`SELECT count(*)::integer AS reported FROM orders WHERE reported_at IS NOT NULL`);

    // The lower bound: one query, one body.
    sampler = rssSampler();
    started = performance.now();
    const rows: ReportOrderRow[] = await dataSource.query(`SELECT ${REPORT_ORDER_COLUMNS.join(', ')} FROM orders WHERE state = 'shipped' ORDER BY seq`);
    const json = JSON.stringify(
      deliveryReportBody({
        merchantId: config.sequra.merchantId,
        orders: rows.map((row) => reportOrderEntry(row, config.shippingReport.timeZone).entry),
        brokenOrders: [],
        platform: platformInfo(),
      }),
    );
    const lowerMs = performance.now() - started;
    const lowerPeak = sampler.stop();

    console.log(`\nShipping report benchmark — ${ORDERS.toLocaleString('en')} shipped orders, batch size ${BATCH_SIZE}`);
    console.log(`machine: ${machineLine()}`);
    console.log(`seed (one INSERT … SELECT generate_series): ${seconds(seedMs)}`);
    console.log('\nthrough the app (POST /shipping-reports: claim in keyset pages, one POST per batch, mark reported):');
    console.log(`  wall time            ${seconds(reportMs)}  (${Math.round(ORDERS / (reportMs / 1000)).toLocaleString('en')} orders/s)`);
    console.log(`  RSS before / peak    ${mb(rssBefore)} / ${mb(reportPeak)}  (+${mb(reportPeak - rssBefore)})`);
    console.log(`  runs                 ${runs.length} (${runs.filter((r) => r.status === 'sent').length} sent)`);
    console.log(`  requests to seQura   ${requests} (${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')}), ${reportedEntries.toLocaleString('en')} order entries`);
    console.log(`  orders reported      ${Number(reported).toLocaleString('en')}`);
    console.log('\nlower bound (one SQL query, one JSON body, nothing sent or written):');
    console.log(`  wall time            ${seconds(lowerMs)}`);
    console.log(`  RSS peak             ${mb(lowerPeak)}  (body ${mb(Buffer.byteLength(json))})`);
    console.log(`\nprocess maxRSS (whole run): ${mb(process.resourceUsage().maxRSS * 1024)}`);
    await writeResults([
      {
        bench: 'shipping-report',
        subject: `${ORDERS.toLocaleString('en')} orders, batches of ${BATCH_SIZE}`,
        figures: {
          'wall time': seconds(reportMs),
          'peak RSS': `${mb(reportPeak)} (+${mb(reportPeak - rssBefore)})`,
          requests: String(requests),
          'lower bound': `${seconds(lowerMs)}, ${mb(lowerPeak)}`,
        },
      },
    ]);
  } finally {
    await app?.close().catch(() => undefined);
    await standIn.close();
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
