import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateShippingReports1763820003000 implements MigrationInterface {
  name = 'CreateShippingReports1763820003000';

  async up(q: QueryRunner): Promise<void> {
    // One row per POST of a delivery report (a large day is several rows, one per batch).
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
        payload jsonb NOT NULL,
        claimed_orders jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz
      )`);
    await q.query(`CREATE INDEX shipping_reports_pending_idx ON shipping_reports (next_attempt_at) WHERE status = 'pending'`);
    // One row per schedule tick, whichever replica gets there first: the others' inserts conflict.
    await q.query(`
      CREATE TABLE shipping_report_ticks (
        job varchar(64) NOT NULL,
        scheduled_for timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job, scheduled_for)
      )`);
    // The claim column already exists on orders; the run is inserted after its orders are claimed,
    // in the same transaction, hence a deferred check.
    await q.query(`
      ALTER TABLE orders ADD CONSTRAINT orders_shipping_report_id_fkey
        FOREIGN KEY (shipping_report_id) REFERENCES shipping_reports (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED`);
    // The claim reads unreported shipments in seq order; statistics read the last 7 days of orders.
    await q.query(`CREATE INDEX orders_unreported_idx ON orders (seq) WHERE state = 'shipped' AND reported_at IS NULL`);
    await q.query(`CREATE INDEX orders_shipping_report_id_idx ON orders (shipping_report_id) WHERE shipping_report_id IS NOT NULL`);
    await q.query(`CREATE INDEX orders_created_at_seq_idx ON orders (created_at, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders_created_at_seq_idx`);
    await q.query(`DROP INDEX orders_shipping_report_id_idx`);
    await q.query(`DROP INDEX orders_unreported_idx`);
    await q.query(`ALTER TABLE orders DROP CONSTRAINT orders_shipping_report_id_fkey`);
    await q.query(`DROP TABLE shipping_report_ticks`);
    await q.query(`DROP TABLE shipping_reports`);
  }
}
