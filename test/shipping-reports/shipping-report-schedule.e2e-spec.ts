import { jest } from '@jest/globals';
import type { ShippingReport } from '../../src/shipping-reports/shipping-report.entity.js';
import { ShippingReportService } from '../../src/shipping-reports/shipping-report.service.js';
import { startSequraStandIn, SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { orderBody } from '../support/fixtures.js';
import { changeOrders, ORDERS_WITH_REPORT_STATE } from '../support/order-fixtures.js';
import { createTestDatabase, TestDatabase } from '../support/test-database.js';
import { startTestApp, TestApp } from '../support/test-app.js';
import { deliveryReports, reportedRefs, waitFor } from './report-helpers.js';

/** Three replicas of the service on one database, each running the schedule every 2 seconds. */
const ENV = {
  SHIPPING_REPORT_ENABLED: 'true',
  SHIPPING_REPORT_CRON: '*/2 * * * * *',
  SHIPPING_REPORT_TZ: 'UTC',
  SHIPPING_REPORT_BATCH_SIZE: '2',
  SHIPPING_REPORT_STATISTICS: 'false',
};
const REFS = ['SCHED-1', 'SCHED-2', 'SCHED-3', 'SCHED-4', 'SCHED-5'];

let standIn: SequraStandIn;
let db: TestDatabase;
const replicas: TestApp[] = [];
/** Every tick each replica handled: its nominal time and the runs it created. */
const ticks: { replica: number; scheduledFor: Date; runs: Promise<ShippingReport[]> }[] = [];

beforeAll(async () => {
  standIn = await startSequraStandIn();
  db = await createTestDatabase();
  for (let i = 0; i < 3; i++) {
    const app = await startTestApp({ ...ENV, SEQURA_BASE_URL: standIn.url }, db);
    const service = app.app.get(ShippingReportService);
    const original = service.runScheduledTick.bind(service);
    jest.spyOn(service, 'runScheduledTick').mockImplementation((scheduledFor: Date) => {
      const runs = original(scheduledFor);
      ticks.push({ replica: i, scheduledFor, runs });
      return runs;
    });
    replicas.push(app);
  }
});
afterAll(async () => {
  for (const app of replicas) await app.close();
  await db.drop();
  await standIn.close();
});

it('sends exactly one POST per batch per tick, and every shipped order exactly once', async () => {
  const [first] = replicas;
  for (const ref of REFS) expect((await first.request('POST', '/orders', { body: orderBody(ref) })).status).toBe(201);
  // All five ship at once (one transaction), so a single tick has three batches (2 + 2 + 1).
  const now = new Date();
  const shipped = { shirt1234: 1, jacket9876: 1 };
  await changeOrders(first, REFS, { state: 'shipped', approvedAt: now, shippedAt: now, shippedQuantities: shipped });
  await waitFor('every order to be reported', async () => {
    const [{ n }] = await db.query(
      `SELECT count(*)::integer AS n FROM ${ORDERS_WITH_REPORT_STATE} WHERE reported_at IS NOT NULL`,
    );
    return n === REFS.length;
  });
  // A few more ticks: empty days still send one report each.
  const ticksSoFar = new Set(ticks.map((t) => t.scheduledFor.getTime())).size;
  await waitFor(
    'two more ticks',
    async () => new Set(ticks.map((t) => t.scheduledFor.getTime())).size >= ticksSoFar + 2,
    8000,
  );
  // Stop creating runs.
  for (const app of replicas) app.app.get(ShippingReportService).runScheduledTick = async () => [];
  await Promise.all(ticks.map((t) => t.runs));
  await waitFor('runs in flight to finish', async () => {
    const [{ n }] = await db.query(`SELECT count(*)::integer AS n FROM shipping_reports WHERE status = 'pending'`);
    return n === 0;
  });

  // Every replica ran the schedule; for each tick, exactly one of them created runs.
  const byTick = new Map<number, { replicas: Set<number>; creators: number[] }>();
  for (const t of ticks) {
    const entry = byTick.get(t.scheduledFor.getTime()) ?? { replicas: new Set<number>(), creators: [] };
    entry.replicas.add(t.replica);
    if ((await t.runs).length > 0) entry.creators.push(t.replica);
    byTick.set(t.scheduledFor.getTime(), entry);
  }
  expect(new Set(ticks.map((t) => t.replica))).toEqual(new Set([0, 1, 2]));
  for (const [, entry] of byTick) expect(entry.creators).toHaveLength(1);
  const competed = [...byTick.values()].filter((e) => e.replicas.size === 3).length;
  expect(competed).toBeGreaterThanOrEqual(2);

  // One run row per (tick, batch); each run POSTed exactly once, and succeeded the first time.
  const runs = await db.query<{
    id: string;
    scheduled_for: Date;
    batch: number;
    order_count: number;
    status: string;
    attempts: number;
  }>(`SELECT id, scheduled_for, batch, order_count, status, attempts FROM shipping_reports ORDER BY seq`);
  expect(runs.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  const tickRows = await db.query(`SELECT scheduled_for FROM shipping_report_ticks`);
  expect(new Set(runs.map((r) => r.scheduled_for.getTime()))).toEqual(
    new Set(tickRows.map((r) => (r.scheduled_for as Date).getTime())),
  );
  const batchesPerTick = new Map<number, number[]>();
  for (const r of runs)
    batchesPerTick.set(r.scheduled_for.getTime(), [...(batchesPerTick.get(r.scheduled_for.getTime()) ?? []), r.batch]);
  for (const [, batches] of batchesPerTick) expect(batches).toEqual(batches.map((_, i) => i + 1));
  expect(runs.filter((r) => r.order_count > 0).map((r) => [r.batch, r.order_count])).toEqual([
    [1, 2],
    [2, 2],
    [3, 1],
  ]);

  const reports = deliveryReports(standIn);
  expect(reports).toHaveLength(runs.length);
  expect(reports.every((r) => r.status === 204)).toBe(true);
  expect(reports.flatMap((r) => reportedRefs(r.body)).sort()).toEqual(REFS);
});
