import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure of a shopper's personal data (ErasureService). The audit table stays append-only for
 * everything else: its trigger now lets through one kind of UPDATE only, the one
 * `erase_customer_data_changes(order_id)` makes, which replaces the recorded values (`before`,
 * `after`, `note`) of one order's rows by the marker `[erased]` and changes nothing else. DELETE and
 * TRUNCATE stay refused, and so does any other UPDATE.
 *
 * The function announces itself to the trigger with a transaction-local setting naming the order.
 * Anyone who can run SQL as the table's owner could set it too, but all it would let them do is
 * what the erasure does (the trigger checks the new row, column by column); the function is
 * SECURITY DEFINER and not executable by PUBLIC, so a deployment whose service role is not the
 * owner can grant that role EXECUTE on it and no UPDATE or DELETE on the table.
 */
export class Erasure1763820021000 implements MigrationInterface {
  name = 'Erasure1763820021000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN erased_at timestamptz`);
    await q.query(`
      CREATE OR REPLACE FUNCTION customer_data_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND current_setting('sequra.erasing_order', true) = OLD.order_id::text
           AND (NEW.id, NEW.order_id, NEW.order_ref_1, NEW.order_version, NEW.section, NEW.field, NEW.source,
                NEW.actor, NEW.request_id, NEW.created_at)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.order_id, OLD.order_ref_1, OLD.order_version, OLD.section, OLD.field, OLD.source,
                OLD.actor, OLD.request_id, OLD.created_at)
           AND (NEW.before IS NULL) = (OLD.before IS NULL) AND (NEW.before IS NULL OR NEW.before = '"[erased]"'::jsonb)
           AND (NEW.after IS NULL) = (OLD.after IS NULL) AND (NEW.after IS NULL OR NEW.after = '"[erased]"'::jsonb)
           AND (NEW.note IS NULL) = (OLD.note IS NULL) AND (NEW.note IS NULL OR NEW.note = '[erased]')
        THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'customer_data_changes is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE FUNCTION erase_customer_data_changes(p_order_id uuid) RETURNS integer
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        erased integer;
      BEGIN
        PERFORM set_config('sequra.erasing_order', p_order_id::text, true);
        UPDATE customer_data_changes SET
          before = CASE WHEN before IS NULL THEN NULL ELSE '"[erased]"'::jsonb END,
          after = CASE WHEN after IS NULL THEN NULL ELSE '"[erased]"'::jsonb END,
          note = CASE WHEN note IS NULL THEN NULL ELSE '[erased]' END
        WHERE order_id = p_order_id;
        GET DIAGNOSTICS erased = ROW_COUNT;
        PERFORM set_config('sequra.erasing_order', '', true);
        RETURN erased;
      END
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION erase_customer_data_changes(uuid) FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION erase_customer_data_changes(uuid)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION customer_data_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'customer_data_changes is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`ALTER TABLE orders DROP COLUMN erased_at`);
  }
}
