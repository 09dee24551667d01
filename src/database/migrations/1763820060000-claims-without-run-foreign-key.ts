import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `shipping_report_claims.report_id` loses its foreign key to `shipping_reports`. The key was checked
 * once per claimed order (a deferred `SELECT … FOR KEY SHARE` of the same run row, 1,000 per batch):
 * at 1,000,000 orders that was 1,000,000 lookups and ~20 s of PostgreSQL time in one report, more per
 * order as the runs table grew (bench/shipping-report.bench.ts, issue 18). Claims are only written by
 * the claim statement with the id of the run inserted in the same transaction, and runs are never
 * deleted (retention drops bodies, not rows), so the key guarded nothing the code can do; its
 * `ON DELETE CASCADE` never fired. The primary key on `order_id` (at most one pending run per order)
 * stays a database rule.
 */
export class ClaimsWithoutRunForeignKey1763820060000 implements MigrationInterface {
  name = 'ClaimsWithoutRunForeignKey1763820060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipping_report_claims DROP CONSTRAINT IF EXISTS shipping_report_claims_report_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE shipping_report_claims ADD CONSTRAINT shipping_report_claims_report_id_fkey FOREIGN KEY (report_id)
       REFERENCES shipping_reports (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED`,
    );
  }
}
