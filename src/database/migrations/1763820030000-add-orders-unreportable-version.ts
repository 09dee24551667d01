import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An order whose stored data cannot go in a delivery report (an amount no integer seQura takes, a
 * cart that cannot be read) is left out of the run that claimed it, with a history note, instead of
 * failing the report of every other order. `unreportable_version` is the version found so: the claim
 * passes the order over while its version is still that one, so it is not noted again every day,
 * and any later change to the order (a shipment, a correction) makes it reportable again.
 * Nullable without a default: adding it rewrites no row.
 */
export class AddOrdersUnreportableVersion1763820030000 implements MigrationInterface {
  name = 'AddOrdersUnreportableVersion1763820030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN unreportable_version integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders DROP COLUMN unreportable_version`);
  }
}
