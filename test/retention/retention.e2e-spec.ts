import { jest } from '@jest/globals';
import pg from 'pg';
import { RETENTION_LOCK_KEY, RetentionService } from '../../src/retention/retention.service.js';
import { ShippingReportClaimService } from '../../src/shipping-reports/shipping-report-claim.service.js';
import { WebhookEventRepository } from '../../src/webhooks/webhook-event.repository.js';
import { startSequraStandIn, SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { shippedOrder, waitFor } from '../shipping-reports/report-helpers.js';
import { startTestApp, TestApp } from '../support/test-app.js';

const ENV = {
  WEBHOOK_EVENTS_RETENTION_DAYS: '30',
  REPORT_PAYLOAD_RETENTION_DAYS: '10',
  RETENTION_BATCH_SIZE: '4',
  SHIPPING_REPORT_STATISTICS: 'false',
  SHIPPING_REPORT_MAX_ATTEMPTS: '1',
  SEQURA_TIMEOUT_MS: '1000',
};

let standIn: SequraStandIn;
let t: TestApp;
let retention: RetentionService;

beforeAll(async () => {
  standIn = await startSequraStandIn();
  t = await startTestApp({ ...ENV, SEQURA_BASE_URL: standIn.url });
  retention = t.app.get(RetentionService);
});
afterAll(async () => {
  await t.close();
  await standIn.close();
});

/** A stored webhook request received `daysAgo` days ago (seQura's requests are only ever inserted). */
async function webhookEvent(
  ref: string,
  daysAgo: number,
  options: { key?: string; final?: boolean; replayOf?: string } = {},
): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO webhook_events (kind, event, order_ref_1, status, response_body, dedupe_key, final, replay_of,
                                 received_at)
     VALUES ('event', 'risk_assessment', $1, 200, '', $2, $3, $4, now() - make_interval(days => $5))
     RETURNING id::text`,
    [ref, options.key ?? null, options.final ?? false, options.replayOf ?? null, daysAgo],
  );
  return row.id;
}

const eventRefs = async () =>
  (await t.db.query(`SELECT order_ref_1 FROM webhook_events ORDER BY id`)).map((r) => r.order_ref_1);

/** Moves a run's creation `days` back (clock travel: runs are created by the claim with the time of the day). */
const ageRun = (id: string, days: number) =>
  t.db.query(`UPDATE shipping_reports SET created_at = created_at - make_interval(days => $2) WHERE id = $1`, [
    id,
    days,
  ]);

describe('retention', () => {
  beforeEach(async () => {
    standIn.reset();
    await t.db.query(`DELETE FROM webhook_events`);
  });

  it('deletes webhook events older than WEBHOOK_EVENTS_RETENTION_DAYS in batches, and keeps the rest', async () => {
    for (let i = 0; i < 11; i++) await webhookEvent(`OLD-${i}`, 31 + i);
    await webhookEvent('YOUNG-1', 29);
    await webhookEvent('YOUNG-2', 0);
    const repository = t.app.get(WebhookEventRepository);
    const batches: number[] = [];
    const spy = jest.spyOn(repository, 'deleteOlderThan').mockImplementation(async (...args) => {
      const batch = await WebhookEventRepository.prototype.deleteOlderThan.apply(repository, args);
      batches.push(batch.deleted);
      return batch;
    });
    try {
      const result = await retention.runOnce();
      expect(result).toMatchObject({ skipped: false, webhookEvents: 11, reportBodies: 0 });
    } finally {
      spy.mockRestore();
    }
    // RETENTION_BATCH_SIZE=4: one statement per four rows, never more.
    expect(batches).toEqual([4, 4, 3]);
    expect(await eventRefs()).toEqual(['YOUNG-1', 'YOUNG-2']);

    expect(await retention.runOnce()).toMatchObject({ webhookEvents: 0 });
    expect(await eventRefs()).toEqual(['YOUNG-1', 'YOUNG-2']);
  });

  it('deletes the repeats of an old event with it, though they are younger: the dedupe index never sees two originals', async () => {
    const key = 'a'.repeat(64);
    const original = await webhookEvent('REPEATED', 45, { key, final: true });
    await webhookEvent('REPEATED', 20, { key, final: true, replayOf: original });
    await webhookEvent('REPEATED', 5, { key, final: true, replayOf: original });
    const other = await webhookEvent('OTHER', 1, { key: 'b'.repeat(64), final: true });
    await webhookEvent('OTHER', 0, { key: 'b'.repeat(64), final: true, replayOf: other });

    expect(await retention.runOnce()).toMatchObject({ webhookEvents: 3 });
    expect(await eventRefs()).toEqual(['OTHER', 'OTHER']);
  });

  it('drops the stored bodies of sent and failed runs older than REPORT_PAYLOAD_RETENTION_DAYS; runs keep status and answer', async () => {
    await shippedOrder(t, 'RET-SENT');
    const [sent] = (await t.request('POST', '/shipping-reports')).body.data;
    await shippedOrder(t, 'RET-FAILED');
    standIn.failNext(1, 'reject422');
    const [failed] = (await t.request('POST', '/shipping-reports')).body.data;
    expect([sent.status, failed.status]).toEqual(['sent', 'failed']);
    await shippedOrder(t, 'RET-RECENT');
    const [recent] = (await t.request('POST', '/shipping-reports')).body.data;
    // A run left pending (its process died before sending): its body is what it will send.
    const [pending] = await t.app.get(ShippingReportClaimService).createRuns('manual');
    for (const run of [sent, failed, pending]) await ageRun(run.id, 11);
    await ageRun(recent.id, 9);

    expect(await retention.runOnce()).toMatchObject({ skipped: false, reportBodies: 2 });

    const view = async (id: string) => (await t.request('GET', `/shipping-reports/${id}`)).body;
    const sentView = await view(sent.id);
    expect(sentView).toMatchObject({ status: 'sent', sequra_status: 204, order_count: 1, payload: null });
    expect(Date.parse(sentView.payload_dropped_at)).toBeGreaterThan(Date.now() - 60_000);
    expect(await view(failed.id)).toMatchObject({
      status: 'failed',
      sequra_status: 422,
      sequra_response: { errors: [expect.any(String)] },
      payload: null,
    });
    expect(await view(pending.id)).toMatchObject({
      status: 'pending',
      payload: { delivery_report: { orders: [] } },
      payload_dropped_at: null,
    });
    // RET-RECENT, and RET-FAILED, which the failed run released.
    expect((await view(recent.id)).payload.delivery_report.orders).toHaveLength(2);
    // The database itself refuses to leave a pending run without its body.
    await expect(t.db.query(`UPDATE shipping_reports SET payload = NULL WHERE id = $1`, [pending.id])).rejects.toThrow(
      /shipping_reports_pending_has_payload/,
    );
  });

  it('runs on one replica at a time: while another session holds the lock, a run skips and removes nothing', async () => {
    await webhookEvent('LOCKED-OLD', 40);
    const other = new pg.Client({ connectionString: t.db.url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [RETENTION_LOCK_KEY]);
      expect(await retention.runOnce()).toEqual({ skipped: true });
      expect(await eventRefs()).toEqual(['LOCKED-OLD']);
      await other.query('SELECT pg_advisory_unlock($1)', [RETENTION_LOCK_KEY]);
      expect(await retention.runOnce()).toMatchObject({ skipped: false, webhookEvents: 1 });
    } finally {
      await other.end();
    }
  });
});

describe('retention schedule', () => {
  it('runs by itself on RETENTION_CRON when RETENTION_ENABLED', async () => {
    const scheduled = await startTestApp({ ...ENV, RETENTION_ENABLED: 'true', RETENTION_CRON: '* * * * * *' });
    try {
      await scheduled.db.query(
        `INSERT INTO webhook_events (kind, status, received_at) VALUES ('ipn', 200, now() - interval '31 days'),
                                                                       ('ipn', 200, now())`,
      );
      await waitFor('the old event to be deleted', async () => {
        const [{ n }] = await scheduled.db.query(`SELECT count(*)::integer AS n FROM webhook_events`);
        return n === 1;
      });
    } finally {
      await scheduled.close();
    }
  });
});
