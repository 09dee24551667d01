import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order after approval (issue 13): cancelled units, refunds, the `refunded` state, the view of
 * the order seQura last acknowledged, trackings in seQura's shape, and the new kinds and outcome
 * of Order Update calls.
 */
export class OrderLifecycleAfterApproval1763820011000 implements MigrationInterface {
  name = 'OrderLifecycleAfterApproval1763820011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders DROP CONSTRAINT orders_state_check`);
    await q.query(`ALTER TABLE orders ADD CONSTRAINT orders_state_check
      CHECK (state IN ('pending', 'on_hold', 'approved', 'shipped', 'refunded', 'denied', 'cancelled'))`);
    // Units cancelled before shipping, per item reference; refunds as recorded (returned units and money).
    await q.query(`ALTER TABLE orders ADD COLUMN cancelled_quantities jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE orders ADD COLUMN refunds jsonb NOT NULL DEFAULT '[]'`);
    // The carts seQura last acknowledged (confirmation, Order Update 2xx), or the version of the order
    // whose view a delivery report carried (set in bulk with reported_at: see sequra-view.ts).
    await q.query(`ALTER TABLE orders ADD COLUMN sequra_view jsonb`);
    await q.query(`ALTER TABLE orders ADD COLUMN sequra_view_version integer`);

    // Orders confirmed before this migration: seQura holds the confirmation (everything unshipped)
    // until a report carried the shipment; a reported order's report carried its current view.
    await q.query(`
      UPDATE orders SET sequra_view = jsonb_build_object(
        'shipped_cart',
        jsonb_build_object('currency', cart->'currency', 'order_total_with_tax', 0, 'items', '[]'::jsonb),
        'unshipped_cart', cart)
      WHERE state IN ('approved', 'shipped')`);
    await q.query(
      `UPDATE orders SET sequra_view_version = version WHERE state = 'shipped' AND reported_at IS NOT NULL`,
    );

    // Trackings were {carrier, tracking_number, tracking_url, shipped_at}: now seQura's postal shape,
    // with a generated reference (a carrier that was never given is 'unknown': postal requires one).
    await q.query(`
      UPDATE orders SET trackings = (
        SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                 'type', 'postal',
                 'reference', 'T' || n,
                 'carrier', coalesce(t->>'carrier', 'unknown'),
                 'tracking_number', t->>'tracking_number',
                 'tracking_url', t->>'tracking_url')) ORDER BY n), '[]'::jsonb)
        FROM jsonb_array_elements(trackings) WITH ORDINALITY AS x(t, n))
      WHERE jsonb_array_length(trackings) > 0 AND NOT (trackings->0 ? 'type')`);

    await q.query(`ALTER TABLE sequra_outbox DROP CONSTRAINT sequra_outbox_kind_check`);
    await q.query(`ALTER TABLE sequra_outbox ADD CONSTRAINT sequra_outbox_kind_check
      CHECK (kind IN ('cancellation', 'customer_data', 'shipment', 'refund', 'cancel_units'))`);
    // `skipped`: nothing to send when its turn came (seQura already held that state, or the delivery
    // report carries the order's first shipment and its changes).
    await q.query(`ALTER TABLE sequra_outbox DROP CONSTRAINT sequra_outbox_status_check`);
    await q.query(`ALTER TABLE sequra_outbox ADD CONSTRAINT sequra_outbox_status_check
      CHECK (status IN ('pending', 'sent', 'failed', 'skipped'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sequra_outbox DROP CONSTRAINT sequra_outbox_status_check`);
    await q.query(`UPDATE sequra_outbox SET status = 'sent' WHERE status = 'skipped'`);
    await q.query(`ALTER TABLE sequra_outbox ADD CONSTRAINT sequra_outbox_status_check
      CHECK (status IN ('pending', 'sent', 'failed'))`);
    await q.query(`ALTER TABLE sequra_outbox DROP CONSTRAINT sequra_outbox_kind_check`);
    await q.query(
      `UPDATE sequra_outbox SET kind = 'customer_data' WHERE kind IN ('shipment', 'refund', 'cancel_units')`,
    );
    await q.query(`ALTER TABLE sequra_outbox ADD CONSTRAINT sequra_outbox_kind_check
      CHECK (kind IN ('cancellation', 'customer_data'))`);
    await q.query(`ALTER TABLE orders DROP COLUMN sequra_view_version`);
    await q.query(`ALTER TABLE orders DROP COLUMN sequra_view`);
    await q.query(`ALTER TABLE orders DROP COLUMN refunds`);
    await q.query(`ALTER TABLE orders DROP COLUMN cancelled_quantities`);
    await q.query(`ALTER TABLE orders DROP CONSTRAINT orders_state_check`);
    await q.query(`UPDATE orders SET state = 'shipped' WHERE state = 'refunded'`);
    await q.query(`ALTER TABLE orders ADD CONSTRAINT orders_state_check
      CHECK (state IN ('pending', 'on_hold', 'approved', 'shipped', 'denied', 'cancelled'))`);
  }
}
