import { ShippingReportClaimService } from '../../src/shipping-reports/shipping-report-claim.service.js';
import { ShippingReportService } from '../../src/shipping-reports/shipping-report.service.js';
import { startSequraStandIn, SequraStandIn, STAND_IN_ERRORS } from '../sequra-stand-in/sequra-stand-in.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestApp, TestApp } from '../support/test-app.js';
import { deliveryReports, reportedRefs, shippedOrder, waitFor } from './report-helpers.js';
import { ORDERS_WITH_REPORT_STATE } from '../support/order-fixtures.js';

/** Tiny backoff so retries take milliseconds. */
const ENV = {
  SHIPPING_REPORT_BACKOFF_BASE_MS: '20',
  SHIPPING_REPORT_BACKOFF_MAX_MS: '40',
  SHIPPING_REPORT_MAX_ATTEMPTS: '5',
  SHIPPING_REPORT_STATISTICS: 'false',
  SEQURA_TIMEOUT_MS: '1000',
};

let standIn: SequraStandIn;
let t: TestApp;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({ ...ENV, SEQURA_BASE_URL: standIn.url });
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});
beforeEach(() => standIn.reset());

const runStatus = async (id: string) => (await t.request('GET', `/shipping-reports/${id}`)).body;
/** Whether the order is reported, by which run, and whether a pending run still claims it. */
const reportState = async (ref: string) =>
  (
    await t.db.query(
      `SELECT r.reported_at IS NOT NULL AS reported, r.shipping_report_id AS run, c.report_id AS claimed_by
       FROM ${ORDERS_WITH_REPORT_STATE} LEFT JOIN shipping_report_claims c ON c.order_id = o.id
       WHERE o.order_ref_1 = $1`,
      [ref],
    )
  )[0];

describe('delivery', () => {
  it('retries a transient failure with backoff: 500 three times, then 204 → one report, each order reported once', async () => {
    await shippedOrder(t, 'RETRY-1');
    await shippedOrder(t, 'RETRY-2');
    standIn.failNext(3, 'error500');

    const res = await t.request('POST', '/shipping-reports');

    expect(res.status).toBe(201);
    const [run] = res.body.data;
    expect(run).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 500', sequra_status: 500 });
    expect(run.next_attempt_at).not.toBeNull();
    const sent = await waitFor('the run to be sent', async () => {
      const r = await runStatus(run.id);
      return r.status === 'sent' && r;
    });
    expect(sent).toMatchObject({ attempts: 4, sequra_status: 204, next_attempt_at: null });

    const reports = deliveryReports(standIn);
    expect(reports.map((r) => r.status)).toEqual([500, 500, 500, 204]);
    // The same body every time: the one stored on the run.
    for (const r of reports) expect(r.body).toEqual(sent.payload);
    expect(reportedRefs(sent.payload)).toEqual(['RETRY-1', 'RETRY-2']);
    for (const ref of ['RETRY-1', 'RETRY-2'])
      expect(await reportState(ref)).toEqual({ reported: true, run: run.id, claimed_by: null });

    // Reported once: the next run has nothing to send.
    standIn.reset();
    const next = await t.request('POST', '/shipping-reports');
    expect(next.body.data).toEqual([expect.objectContaining({ status: 'sent', order_count: 0 })]);
  });

  it('marks a run refused with 409 failed, keeps seQura’s messages, and puts its orders in the next run', async () => {
    await shippedOrder(t, 'CONFLICT-1');
    standIn.failNext(1, 'conflict409');

    const res = await t.request('POST', '/shipping-reports');

    const [run] = res.body.data;
    expect(run).toMatchObject({ status: 'failed', attempts: 1, sequra_status: 409 });
    const failed = await runStatus(run.id);
    expect(failed.sequra_response).toEqual({
      errors: [STAND_IN_ERRORS.conflict, 'unshipped_cart does not match the order'],
    });
    expect(failed.last_error).toContain(STAND_IN_ERRORS.conflict);
    expect(failed.failed_at).not.toBeNull();
    // Released: not reported, and no longer claimed.
    expect(await reportState('CONFLICT-1')).toEqual({ reported: false, run: null, claimed_by: null });
    expect(
      (await t.request('GET', '/shipping-reports?status=failed')).body.data.map((r: { id: string }) => r.id),
    ).toContain(run.id);

    const next = await t.request('POST', '/shipping-reports');
    expect(next.body.data).toEqual([expect.objectContaining({ status: 'sent', order_count: 1 })]);
    const reports = deliveryReports(standIn);
    expect(reports.map((r) => reportedRefs(r.body))).toEqual([['CONFLICT-1'], ['CONFLICT-1']]);
    expect(await reportState('CONFLICT-1')).toEqual({ reported: true, run: next.body.data[0].id, claimed_by: null });
  });

  it('gives up after SHIPPING_REPORT_MAX_ATTEMPTS transient failures, and releases the orders', async () => {
    await shippedOrder(t, 'GIVEUP-1');
    standIn.failNext(5, 'error500');

    const [run] = (await t.request('POST', '/shipping-reports')).body.data;
    const failed = await waitFor('the run to fail', async () => {
      const r = await runStatus(run.id);
      return r.status === 'failed' && r;
    });

    expect(failed).toMatchObject({ attempts: 5, sequra_status: 500 });
    expect(failed.last_error).toMatch(/gave up after 5 attempts/);
    expect(deliveryReports(standIn)).toHaveLength(5);
    expect(await reportState('GIVEUP-1')).toEqual({ reported: false, run: null, claimed_by: null });
  });

  it('reports an order that changed while its run was in flight again, with its new data', async () => {
    await shippedOrder(t, 'INFLIGHT-1', { shipment: { items: [{ reference: 'shirt1234', quantity: 1 }] } });
    const service = t.app.get(ShippingReportService);
    const [run] = await t.app.get(ShippingReportClaimService).createRuns('manual');
    // The rest ships after the claim, before seQura answers.
    expect((await t.request('POST', '/orders/INFLIGHT-1/shipments', { body: {} })).status).toBe(200);
    await service.resumeDue();

    expect((await runStatus(run.id)).status).toBe('sent');
    expect(await reportState('INFLIGHT-1')).toEqual({ reported: false, run: null, claimed_by: null });
    await t.request('POST', '/shipping-reports');
    // (GIVEUP-1, released by the previous test, rides along in both runs.)
    const inflight = (body: {
      delivery_report: {
        orders: { merchant_reference: { order_ref_1: string }; cart: { order_total_with_tax: number } }[];
      };
    }) =>
      body.delivery_report.orders.find((o) => o.merchant_reference.order_ref_1 === 'INFLIGHT-1')?.cart
        .order_total_with_tax;
    const reports = deliveryReports(standIn);
    expect(reports.map((r) => inflight(r.body))).toEqual([1250, 8350]);
    expect(await reportState('INFLIGHT-1')).toMatchObject({ reported: true, claimed_by: null });
  });
});

describe('a process killed after the claim', () => {
  it('leaves the run pending; the next start sends the same run with the same orders', async () => {
    const db = await createTestDatabase();
    const env = { ...ENV, SEQURA_BASE_URL: standIn.url };
    try {
      const first = await startTestApp(env, db);
      await shippedOrder(first, 'KILLED-1');
      await shippedOrder(first, 'KILLED-2');
      // The claim commits, then the process dies before its POST (as if killed).
      const [run] = await first.app.get(ShippingReportClaimService).createRuns('manual');
      await first.close();
      expect(deliveryReports(standIn)).toHaveLength(0);
      const [pending] = await db.query(`SELECT status, attempts FROM shipping_reports WHERE id = $1`, [run.id]);
      expect(pending).toEqual({ status: 'pending', attempts: 0 });
      const claimed = `SELECT o.order_ref_1 FROM shipping_report_claims c JOIN orders o ON o.id = c.order_id
                       WHERE c.report_id = $1 ORDER BY o.seq`;
      expect(await db.query(claimed, [run.id])).toEqual([{ order_ref_1: 'KILLED-1' }, { order_ref_1: 'KILLED-2' }]);

      const second = await startTestApp(env, db);
      try {
        const sent = await waitFor('the pending run to be resent', async () => {
          const r = (await second.request('GET', `/shipping-reports/${run.id}`)).body;
          return r.status === 'sent' && r;
        });
        const reports = deliveryReports(standIn);
        expect(reports).toHaveLength(1);
        expect(reports[0].body).toEqual(sent.payload);
        expect(reportedRefs(reports[0].body)).toEqual(['KILLED-1', 'KILLED-2']);
        expect(
          await db.query(
            `SELECT count(*)::integer AS n FROM ${ORDERS_WITH_REPORT_STATE}
             WHERE reported_at IS NOT NULL AND shipping_report_id = $1`,
            [run.id],
          ),
        ).toEqual([{ n: 2 }]);
        expect(await db.query(claimed, [run.id])).toEqual([]);
        // No second run was needed, and none was created.
        expect(await db.query(`SELECT count(*)::integer AS n FROM shipping_reports`)).toEqual([{ n: 1 }]);
      } finally {
        await second.close();
      }
    } finally {
      await db.drop();
    }
  });
});

describe('a day of several batches', () => {
  it('sends each batch once claimed, in order; a refused batch does not stop the others and its orders go in the next run', async () => {
    const db = await createTestDatabase();
    const app = await startTestApp({ ...ENV, SEQURA_BASE_URL: standIn.url, SHIPPING_REPORT_BATCH_SIZE: '2' }, db);
    const refs = ['DAY-1', 'DAY-2', 'DAY-3', 'DAY-4', 'DAY-5'];
    try {
      for (const ref of refs) await shippedOrder(app, ref);
      standIn.failNext(1, 'conflict409');

      const first = (await app.request('POST', '/shipping-reports')).body.data;

      expect(
        first.map((r: { batch: number; status: string; order_count: number }) => [r.batch, r.status, r.order_count]),
      ).toEqual([
        [1, 'failed', 2],
        [2, 'sent', 2],
        [3, 'sent', 1],
      ]);
      const second = (await app.request('POST', '/shipping-reports')).body.data;
      expect(second).toEqual([expect.objectContaining({ status: 'sent', order_count: 2 })]);

      // In batch order; each order accepted by seQura exactly once.
      const reports = deliveryReports(standIn);
      expect(reports.map((r) => [r.status, reportedRefs(r.body)])).toEqual([
        [409, ['DAY-1', 'DAY-2']],
        [204, ['DAY-3', 'DAY-4']],
        [204, ['DAY-5']],
        [204, ['DAY-1', 'DAY-2']],
      ]);
      const state = await db.query(
        `SELECT order_ref_1, shipping_report_id FROM ${ORDERS_WITH_REPORT_STATE}
         WHERE reported_at IS NOT NULL ORDER BY order_ref_1`,
      );
      expect(state).toEqual([
        { order_ref_1: 'DAY-1', shipping_report_id: second[0].id },
        { order_ref_1: 'DAY-2', shipping_report_id: second[0].id },
        { order_ref_1: 'DAY-3', shipping_report_id: first[1].id },
        { order_ref_1: 'DAY-4', shipping_report_id: first[1].id },
        { order_ref_1: 'DAY-5', shipping_report_id: first[2].id },
      ]);
      expect(await db.query(`SELECT count(*)::integer AS n FROM shipping_report_claims`)).toEqual([{ n: 0 }]);
    } finally {
      await app.close();
      await db.drop();
    }
  });

  it('passes over the orders pending runs hold, page after page, and makes no empty run of them', async () => {
    const db = await createTestDatabase();
    const app = await startTestApp({ ...ENV, SEQURA_BASE_URL: standIn.url, SHIPPING_REPORT_BATCH_SIZE: '2' }, db);
    try {
      for (const ref of ['HELD-1', 'HELD-2', 'HELD-3', 'HELD-4']) await shippedOrder(app, ref);
      // Two runs claimed and not sent yet (as if the process died after the claim) hold the first four.
      const held = await app.app.get(ShippingReportClaimService).createRuns('manual');
      expect(held.map((r) => r.orderCount)).toEqual([2, 2]);
      await shippedOrder(app, 'HELD-5');

      // The next claim looks at HELD-1/2, then HELD-3/4 (all held), then claims HELD-5: one run.
      const next = await app.app.get(ShippingReportClaimService).createRuns('manual');

      expect(next.map((r) => [r.batch, r.orderCount])).toEqual([[1, 1]]);
      const claimed = await db.query(
        `SELECT o.order_ref_1 FROM shipping_report_claims c JOIN orders o ON o.id = c.order_id WHERE c.report_id = $1`,
        [next[0].id],
      );
      expect(claimed).toEqual([{ order_ref_1: 'HELD-5' }]);
    } finally {
      await app.close();
      await db.drop();
    }
  });

  it('lets no order be claimed by two pending runs, whatever the application does', async () => {
    const db = await createTestDatabase();
    const app = await startTestApp({ ...ENV, SEQURA_BASE_URL: standIn.url }, db);
    try {
      await shippedOrder(app, 'TWICE-1');
      const [run] = await app.app.get(ShippingReportClaimService).createRuns('manual');
      await expect(
        db.query(
          `WITH r AS (INSERT INTO shipping_reports
                        (id, trigger, batch, order_count, broken_order_count, statistics_count, payload)
                      VALUES (gen_random_uuid(), 'manual', 1, 1, 0, 0, '{}') RETURNING id)
           INSERT INTO shipping_report_claims (order_id, order_seq, report_id, version)
           SELECT o.id, o.seq, r.id, o.version FROM orders o, r WHERE o.order_ref_1 = 'TWICE-1'`,
        ),
      ).rejects.toThrow(/duplicate key/);
      // The next claim skips it too: the second run carries nothing.
      const [next] = await app.app.get(ShippingReportClaimService).createRuns('manual');
      expect(next.orderCount).toBe(0);
      expect((await db.query(`SELECT report_id FROM shipping_report_claims`)).map((r) => r.report_id)).toEqual([
        run.id,
      ]);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
