import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Needs attention (NeedsAttentionService): a failed report run that staff retried (a new run now
 * carries its orders) records who, when and which runs; the list of failed Order Updates reads a
 * partial index instead of the whole outbox (so does the `sequra_outbox_failed` metrics gauge).
 */
export class NeedsAttention1763820022000 implements MigrationInterface {
  name = 'NeedsAttention1763820022000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE shipping_reports
        ADD COLUMN retried_at timestamptz,
        ADD COLUMN retried_by varchar(255),
        ADD COLUMN retry_run_ids uuid[],
        ADD CONSTRAINT shipping_reports_retried_if_failed CHECK (retried_at IS NULL OR status = 'failed')`);
    await q.query(`CREATE INDEX sequra_outbox_failed_idx ON sequra_outbox (id) WHERE status = 'failed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sequra_outbox_failed_idx`);
    await q.query(`
      ALTER TABLE shipping_reports
        DROP CONSTRAINT shipping_reports_retried_if_failed,
        DROP COLUMN retry_run_ids,
        DROP COLUMN retried_by,
        DROP COLUMN retried_at`);
  }
}
