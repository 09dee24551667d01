import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customer-data audit trail. Append-only is enforced by the database itself, not only by the
 * application: triggers raise on UPDATE, DELETE and TRUNCATE. Orders are never deleted, and the
 * foreign key has no cascade so that deleting an order with an audit trail fails loudly too.
 */
export class CreateCustomerDataChanges1763820004000 implements MigrationInterface {
  name = 'CreateCustomerDataChanges1763820004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_data_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        order_ref_1 varchar(255) NOT NULL,
        order_version integer NOT NULL,
        section varchar(32) NOT NULL CHECK (section IN ('customer', 'delivery_address', 'invoice_address')),
        field varchar(64) NOT NULL,
        before jsonb,
        after jsonb,
        source varchar(32) NOT NULL CHECK (source IN ('sequra_correction', 'merchant')),
        note varchar(1000),
        actor varchar(255) NOT NULL,
        request_id varchar(128),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX customer_data_changes_order_id_idx ON customer_data_changes (order_id, id DESC)`);
    await q.query(`
      CREATE FUNCTION customer_data_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'customer_data_changes is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER customer_data_changes_no_update_delete
        BEFORE UPDATE OR DELETE ON customer_data_changes
        FOR EACH ROW EXECUTE FUNCTION customer_data_changes_append_only()`);
    await q.query(`
      CREATE TRIGGER customer_data_changes_no_truncate
        BEFORE TRUNCATE ON customer_data_changes
        FOR EACH STATEMENT EXECUTE FUNCTION customer_data_changes_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE customer_data_changes`);
    await q.query(`DROP FUNCTION customer_data_changes_append_only()`);
  }
}
