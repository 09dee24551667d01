import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an order stands with the delivery report (`reported_at`, `shipping_report_id`,
 * `sequra_view_version`) moves out of `orders` into `order_report_states`: one narrow row per order
 * that shipped, keyed by the order's `seq`. Marking a batch reported rewrote every ~1.5 kB order row
 * and an entry in each of its 7 indexes (never a HOT update: `reported_at` was in the predicate of
 * the unreported index and `updated_at` is indexed), 60 % of the report's PostgreSQL CPU at 100,000
 * orders and more per order as the table grew (issue 18, bench/shipping-report.bench.ts); it now
 * updates the narrow rows in seq order. Unreported shipments are found through this table's partial
 * index, which leads with the account as `orders_unreported_idx` did. Claims name their order's seq.
 */
export class OrderReportStates1763820080000 implements MigrationInterface {
  name = 'OrderReportStates1763820080000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE order_report_states (
        order_seq bigint PRIMARY KEY REFERENCES orders (seq) ON DELETE CASCADE,
        sequra_merchant_id varchar(255),
        reported_at timestamptz,
        shipping_report_id uuid,
        sequra_view_version integer
      )`);
    await q.query(`
      INSERT INTO order_report_states
        (order_seq, sequra_merchant_id, reported_at, shipping_report_id, sequra_view_version)
      SELECT seq, sequra_merchant_id, reported_at, shipping_report_id, sequra_view_version FROM orders
      WHERE shipped_at IS NOT NULL OR state IN ('shipped', 'refunded') OR reported_at IS NOT NULL`);
    await q.query(`
      CREATE INDEX order_report_states_unreported_idx ON order_report_states (sequra_merchant_id, order_seq)
      WHERE reported_at IS NULL`);
    // A claim names its order's seq too: marking a run joins report states and orders by seq, in the
    // order of their pages, instead of looking up 1,000 random ids per run in the primary key of orders.
    await q.query(`ALTER TABLE shipping_report_claims ADD COLUMN order_seq bigint`);
    await q.query(`UPDATE shipping_report_claims c SET order_seq = o.seq FROM orders o WHERE o.id = c.order_id`);
    await q.query(`ALTER TABLE shipping_report_claims ALTER COLUMN order_seq SET NOT NULL`);
    // Drops orders_unreported_idx with the column its predicate reads.
    await q.query(
      `ALTER TABLE orders DROP COLUMN reported_at, DROP COLUMN shipping_report_id, DROP COLUMN sequra_view_version`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE orders ADD COLUMN reported_at timestamptz, ADD COLUMN shipping_report_id uuid,
         ADD COLUMN sequra_view_version integer`,
    );
    await q.query(`
      UPDATE orders o SET reported_at = r.reported_at, shipping_report_id = r.shipping_report_id,
        sequra_view_version = r.sequra_view_version
      FROM order_report_states r WHERE r.order_seq = o.seq`);
    await q.query(`
      CREATE INDEX orders_unreported_idx ON orders (sequra_merchant_id, seq)
      WHERE state = 'shipped' AND reported_at IS NULL`);
    await q.query(`DROP TABLE order_report_states`);
    await q.query(`ALTER TABLE shipping_report_claims DROP COLUMN order_seq`);
  }
}
