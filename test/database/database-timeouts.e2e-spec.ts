import pg from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { seedOrder } from '../support/order-fixtures.js';
import { encodeForm, eventFormFields, SEQURA_WEBHOOK_HEADERS } from '../support/sequra-webhook-request.js';
import { startTestApp, TestApp, WEBHOOK_SECRET } from '../support/test-app.js';
import { createTestDatabase, TestDatabase } from '../support/test-database.js';
import { signOrderRef } from '../../src/webhooks/webhook-signature.js';

/**
 * Bounded waits on the database (DB_*_TIMEOUT_MS). A frozen database is the fault suite's
 * (test/faults/database-freeze.faults-spec.ts: it stops PostgreSQL's processes, which needs a cluster
 * of its own); here, the two mechanisms it relies on, on the shared test cluster.
 */

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

describe('the pool (node-postgres query_timeout, DisposingClient)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    // One connection: a query stuck on it would block every later one.
    dataSource = await new DataSource(dataSourceOptions(db.url, 1, { queryMs: 300 })).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('fails a query that outlives the timeout, and the next query gets a fresh connection at once', async () => {
    const [before] = await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
    const stuck = await timed(() => dataSource.query('SELECT pg_sleep(3)').catch((error: Error) => error));
    expect(stuck.value).toMatchObject({ message: 'Query read timeout' });
    expect(stuck.ms).toBeLessThan(1500);
    // Not queued behind the sleeping statement on the same connection: a new connection answers.
    const next = await timed(() => dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid'));
    expect(next.ms).toBeLessThan(1000);
    expect(next.value[0].pid).not.toBe(before.pid);
  });
});

describe('the service (statement_timeout → 503, the API and the webhooks alike)', () => {
  let t: TestApp;
  let locker: pg.Client;
  beforeAll(async () => {
    t = await startTestApp({ DB_STATEMENT_TIMEOUT_MS: '300', DB_QUERY_TIMEOUT_MS: '2000' });
    locker = new pg.Client({ connectionString: t.db.url });
    await locker.connect();
  });
  afterAll(async () => {
    await locker.end();
    await t.close();
  });

  it('applies the configured timeouts to every session of the pool', async () => {
    const rows = await t.app.get(DataSource).query<{ statement_timeout: string; idle: string }[]>(
      `SELECT current_setting('statement_timeout') AS statement_timeout,
              current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(rows).toEqual([{ statement_timeout: '300ms', idle: '30s' }]);
  });

  it('answers 503 at once while an order is locked too long, then serves it again', async () => {
    await seedOrder(t, 'LOCKED-1', { state: 'approved' });
    const [{ sequra_order_ref: uuid }] = await t.db.query(
      `SELECT sequra_order_ref FROM orders WHERE order_ref_1 = 'LOCKED-1'`,
    );
    await locker.query('BEGIN');
    await locker.query(`SELECT 1 FROM orders WHERE order_ref_1 = 'LOCKED-1' FOR UPDATE`);
    try {
      const cancel = await timed(() => t.request('POST', '/orders/LOCKED-1/cancel', { body: {} }));
      expect(cancel.value.status).toBe(503);
      expect(cancel.value.body).toMatchObject({ message: 'The database is unavailable; retry later' });
      expect(cancel.ms).toBeLessThan(2000);
      const signature = signOrderRef(WEBHOOK_SECRET, 'LOCKED-1');
      const event = await timed(() =>
        t.request('POST', '/webhooks/sequra/events', {
          key: null,
          headers: { ...SEQURA_WEBHOOK_HEADERS },
          raw: encodeForm(
            eventFormFields({
              event: 'risk_assessment',
              orderRef1: 'LOCKED-1',
              orderRef: uuid as string,
              extra: { risk_level: 'high_risk' },
              parameters: { signature, order: 'LOCKED-1' },
            }),
          ),
        }),
      );
      // seQura retries a 503.
      expect(event.value.status).toBe(503);
      expect(event.ms).toBeLessThan(2000);
    } finally {
      await locker.query('ROLLBACK');
    }
    const [order] = await t.db.query(`SELECT state, risk_level FROM orders WHERE order_ref_1 = 'LOCKED-1'`);
    expect(order).toEqual({ state: 'approved', risk_level: null });
    expect((await t.request('POST', '/orders/LOCKED-1/cancel', { body: {} })).status).toBe(200);
  });
});
