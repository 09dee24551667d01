import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention (RetentionService): stored report bodies may be dropped once old, the run rows staying
 * with their status and seQura's answer; webhook events are deleted once old.
 */
export class Retention1763820020000 implements MigrationInterface {
  name = 'Retention1763820020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipping_reports ALTER COLUMN payload DROP NOT NULL`);
    await q.query(`ALTER TABLE shipping_reports ADD COLUMN payload_dropped_at timestamptz`);
    // A pending run is resent with its stored body: that body is never dropped.
    await q.query(`
      ALTER TABLE shipping_reports ADD CONSTRAINT shipping_reports_pending_has_payload
        CHECK (payload IS NOT NULL OR status <> 'pending')`);
    // The retention pick (old bodies still kept) and the erasure's (bodies in a time window).
    await q.query(
      `CREATE INDEX shipping_reports_payload_kept_idx ON shipping_reports (created_at) WHERE payload IS NOT NULL`,
    );
    // Deleting an event finds its repeats (`replay_of`, ON DELETE SET NULL, and the retention deletes
    // them with it): without an index, every deleted row would scan the table. Partial: repeats are
    // rare, and the other rows cost the webhook hot path nothing here.
    await q.query(
      `CREATE INDEX webhook_events_replay_of_idx ON webhook_events (replay_of) WHERE replay_of IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_events_replay_of_idx`);
    await q.query(`DROP INDEX shipping_reports_payload_kept_idx`);
    await q.query(`ALTER TABLE shipping_reports DROP CONSTRAINT shipping_reports_pending_has_payload`);
    await q.query(`ALTER TABLE shipping_reports DROP COLUMN payload_dropped_at`);
    await q.query(`ALTER TABLE shipping_reports ALTER COLUMN payload SET NOT NULL`);
  }
}
