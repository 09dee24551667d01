import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed Order Updates, found without reading the whole outbox: the `sequra_outbox_failed` gauge
 * counts them at every metrics scrape, and sent rows (the bulk of the table, kept for the order
 * page) are not in this partial index. A plain CREATE INDEX: migrations run in a transaction, and
 * failed rows are few.
 */
export class IndexFailedOutboxRows1763820040000 implements MigrationInterface {
  name = 'IndexFailedOutboxRows1763820040000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX sequra_outbox_failed_idx ON sequra_outbox (id) WHERE status = 'failed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sequra_outbox_failed_idx`);
  }
}
