import pg from 'pg';
import { ShippingReportService } from '../../src/shipping-reports/shipping-report.service.js';
import { startSequraStandIn, SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { startTestApp, TestApp } from '../support/test-app.js';
import { deliveryReports, reportedRefs, shippedOrder, waitFor } from './report-helpers.js';

/**
 * A schedule tick while the database cannot answer in time: the claim waits on its advisory lock,
 * held here by another session, until `statement_timeout` cancels it. The tick must not be lost: the
 * resume pass claims it again, backing off, as soon as the database answers.
 */
const CLAIM_LOCK_KEY = 7_345_001_005; // shipping-report.repository.ts

let standIn: SequraStandIn;
let t: TestApp;
let locker: pg.Client;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({
    SEQURA_BASE_URL: standIn.url,
    SHIPPING_REPORT_STATISTICS: 'false',
    DB_STATEMENT_TIMEOUT_MS: '200',
    DB_QUERY_TIMEOUT_MS: '2000',
    BACKGROUND_BACKOFF_MAX_MS: '400',
  });
  locker = new pg.Client({ connectionString: t.db.url });
  await locker.connect();
});
afterAll(async () => {
  await locker.end();
  await t.close();
  await standIn.close();
});

it('claims a tick that failed once the database answers again, once, with the nominal tick time', async () => {
  await shippedOrder(t, 'TICK-1');
  await shippedOrder(t, 'TICK-2');
  const tick = new Date('2030-01-01T03:00:00Z');
  const service = t.app.get(ShippingReportService);

  await locker.query('SELECT pg_advisory_lock($1)', [CLAIM_LOCK_KEY]);
  await expect(service.runScheduledTick(tick)).rejects.toThrow(/statement timeout/);
  // Retried in the background while the lock is held: each attempt fails the same way, nothing is created.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(await t.db.query(`SELECT 1 FROM shipping_report_ticks`)).toEqual([]);
  expect(deliveryReports(standIn)).toEqual([]);
  await locker.query('SELECT pg_advisory_unlock($1)', [CLAIM_LOCK_KEY]);

  await waitFor('the tick to be claimed and sent', async () => {
    const runs = await t.db.query(`SELECT status FROM shipping_reports`);
    return runs.length > 0 && runs.every((r) => r.status === 'sent');
  });
  await new Promise((resolve) => setTimeout(resolve, 500)); // a second claim of the tick would show now
  const runs = await t.db.query(`SELECT trigger, scheduled_for, order_count FROM shipping_reports`);
  expect(runs).toEqual([{ trigger: 'schedule', scheduled_for: tick, order_count: 2 }]);
  const reports = deliveryReports(standIn);
  expect(reports.map((r) => r.status)).toEqual([204]);
  expect(reportedRefs(reports[0].body).sort()).toEqual(['TICK-1', 'TICK-2']);
});
