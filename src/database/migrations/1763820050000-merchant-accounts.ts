import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several seQura merchant accounts (issue 16): the last good list of the API user's accounts, the
 * account each order belongs to, and the account of each delivery-report run.
 *
 * Orders and runs stored before this have no account (NULL): they were all made with the one
 * `SEQURA_MERCHANT_ID` of the time, which only the running service knows, so the service assigns it
 * to those orders at start-up (OrderAccountsBackfill) and a legacy run's account is read from the
 * body it stores. The CHECK ... NOT VALID makes every new or changed order carry its account without
 * rejecting the legacy rows until then.
 */
export class MerchantAccounts1763820050000 implements MigrationInterface {
  name = 'MerchantAccounts1763820050000';

  async up(q: QueryRunner): Promise<void> {
    // The accounts seQura last listed for the API user (`GET merchants/credentials`), per deployment and
    // environment (a user on seQura's sandbox lists other accounts than on SVEA's live), in seQura's order:
    // the first account of a country takes its orders, as in seQura's own core.
    await q.query(`
      CREATE TABLE sequra_merchant_accounts (
        deployment varchar(16) NOT NULL,
        env varchar(16) NOT NULL,
        position integer NOT NULL,
        ref varchar(255) NOT NULL,
        country varchar(2),
        name varchar(255),
        currency varchar(3),
        realm varchar(32),
        discovered_at timestamptz NOT NULL,
        PRIMARY KEY (deployment, env, position)
      )`);

    // An identifier, compared byte by byte (COLLATE "C"): it leads two indexes that every new order and every
    // order marked reported writes into, and a collation-aware comparison costs several times more there.
    await q.query(`ALTER TABLE orders ADD COLUMN sequra_merchant_id varchar(255) COLLATE "C"`);
    await q.query(`ALTER TABLE orders ADD CONSTRAINT orders_sequra_merchant_id_set
      CHECK (sequra_merchant_id IS NOT NULL) NOT VALID`);
    // The claim of a report reads one account's unreported shipments in seq order; its statistics one
    // account's last 7 days. Both indexes replace the account-less ones (same size, same plans per account);
    // the second also finds the accounts orders use (a loose scan on its leading column) and the legacy
    // orders still without one.
    await q.query(`DROP INDEX orders_unreported_idx`);
    await q.query(`CREATE INDEX orders_unreported_idx ON orders (sequra_merchant_id, seq)
      WHERE state = 'shipped' AND reported_at IS NULL`);
    await q.query(`DROP INDEX orders_created_at_seq_idx`);
    await q.query(`CREATE INDEX orders_merchant_created_at_seq_idx ON orders (sequra_merchant_id, created_at, seq)`);

    // The account a run reports for (NULL: a run from before accounts; its body names it).
    await q.query(`ALTER TABLE shipping_reports ADD COLUMN sequra_merchant_id varchar(255)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE shipping_reports DROP COLUMN sequra_merchant_id`);
    await q.query(`DROP INDEX orders_merchant_created_at_seq_idx`);
    await q.query(`CREATE INDEX orders_created_at_seq_idx ON orders (created_at, seq)`);
    await q.query(`DROP INDEX orders_unreported_idx`);
    await q.query(`CREATE INDEX orders_unreported_idx ON orders (seq) WHERE state = 'shipped' AND reported_at IS NULL`);
    await q.query(`ALTER TABLE orders DROP CONSTRAINT orders_sequra_merchant_id_set`);
    await q.query(`ALTER TABLE orders DROP COLUMN sequra_merchant_id`);
    await q.query(`DROP TABLE sequra_merchant_accounts`);
  }
}
