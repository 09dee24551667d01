import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox of merchant-side changes for seQura's Order Update API. A row is written in the same
 * transaction as the change (a cancel, an address edit); the relay sends it later and keeps the
 * outcome here, so a seQura outage never blocks or loses the merchant's action.
 */
export class CreateSequraOutbox1763820001000 implements MigrationInterface {
  name = 'CreateSequraOutbox1763820001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sequra_outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        order_ref_1 varchar(255) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('cancellation', 'customer_data')),
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_status integer,
        last_error text,
        response jsonb,
        cancellation_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    // The relay's pick: due pending rows, oldest first. Partial, so sent rows cost nothing.
    await q.query(`CREATE INDEX sequra_outbox_due_idx ON sequra_outbox (next_attempt_at, id) WHERE status = 'pending'`);
    // Per-order ordering check of the pick, and the order page's list.
    await q.query(`CREATE INDEX sequra_outbox_order_idx ON sequra_outbox (order_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sequra_outbox`);
  }
}
