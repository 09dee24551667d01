import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateShippingReports1763820003000 implements MigrationInterface {
  name = 'CreateShippingReports1763820003000';

  async up(q: QueryRunner): Promise<void> {
    // One row per POST of a delivery report (a large day is several rows, one per batch). `payload`
    // is the exact JSON POSTed (resent byte for byte on a retry), gzip-compressed by the service:
    // storing a batch's ~1.4 MB of JSON costs PostgreSQL ~15-25 ms (compression, TOAST chunks, WAL),
    // the compressed tens of KB about 1 ms. Read it with GET /shipping-reports/:id.
    await q.query(`
      CREATE TABLE shipping_reports (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        trigger varchar(16) NOT NULL CHECK (trigger IN ('schedule', 'manual')),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        scheduled_for timestamptz,
        batch integer NOT NULL CHECK (batch >= 1),
        order_count integer NOT NULL,
        broken_order_count integer NOT NULL,
        statistics_count integer NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sequra_status integer,
        sequra_response jsonb,
        payload bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz
      )`);
    // Already compressed: PostgreSQL need not try again.
    await q.query(`ALTER TABLE shipping_reports ALTER COLUMN payload SET STORAGE EXTERNAL`);
    await q.query(
      `CREATE INDEX shipping_reports_pending_idx ON shipping_reports (next_attempt_at) WHERE status = 'pending'`,
    );
    // The orders a pending run carries, with the version its body was built from. A narrow row per
    // order instead of an UPDATE of the wide orders row (and of its eight indexes) at claim time.
    // The primary key makes "at most one pending run per order" a database rule, whatever the
    // application does. Rows live only while their run is pending: deleted when it is sent (after
    // marking the orders) or failed (which releases the orders to the next run). No foreign key
    // to orders: its check would lock every claimed order row (a write per row, and webhooks
    // waiting on the claim); the rows are read from orders in the same statement, and orders are
    // never deleted. The run row is inserted after its claims (its body is built from the claimed
    // rows), in the same transaction, hence a deferred check.
    await q.query(`
      CREATE TABLE shipping_report_claims (
        order_id uuid PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES shipping_reports (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        version integer NOT NULL
      )`);
    await q.query(`CREATE INDEX shipping_report_claims_report_id_idx ON shipping_report_claims (report_id)`);
    // One row per schedule tick, whichever replica gets there first: the others' inserts conflict.
    await q.query(`
      CREATE TABLE shipping_report_ticks (
        job varchar(64) NOT NULL,
        scheduled_for timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job, scheduled_for)
      )`);
    // orders.shipping_report_id (the column exists on orders) is the run that last reported the
    // order, set with reported_at: each order shows which report carried it. A reference for people,
    // without a foreign key or an index: runs are never deleted, and marking 1,000 orders would pay
    // for both on every one.
    // The claim reads unreported shipments in seq order; statistics read the last 7 days of orders.
    await q.query(`CREATE INDEX orders_unreported_idx ON orders (seq) WHERE state = 'shipped' AND reported_at IS NULL`);
    await q.query(`CREATE INDEX orders_created_at_seq_idx ON orders (created_at, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders_created_at_seq_idx`);
    await q.query(`DROP INDEX orders_unreported_idx`);
    await q.query(`DROP TABLE shipping_report_ticks`);
    await q.query(`DROP TABLE shipping_report_claims`);
    await q.query(`DROP TABLE shipping_reports`);
  }
}
