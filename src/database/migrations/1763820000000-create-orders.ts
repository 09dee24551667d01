import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1763820000000 implements MigrationInterface {
  name = 'CreateOrders1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        order_ref_1 varchar(255) NOT NULL,
        order_ref_2 varchar(255),
        sequra_order_ref varchar(64),
        state varchar(16) NOT NULL
          CHECK (state IN ('pending', 'on_hold', 'approved', 'shipped', 'denied', 'cancelled')),
        risk_level varchar(32),
        cart jsonb NOT NULL,
        shipped_quantities jsonb NOT NULL DEFAULT '{}',
        delivery_method jsonb,
        customer jsonb NOT NULL,
        delivery_address jsonb,
        invoice_address jsonb,
        trackings jsonb NOT NULL DEFAULT '[]',
        approved_at timestamptz,
        shipped_at timestamptz,
        cancelled_at timestamptz,
        reported_at timestamptz,
        fulfilment_started_at timestamptz,
        shipping_report_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT orders_order_ref_1_key UNIQUE (order_ref_1),
        CONSTRAINT orders_sequra_order_ref_key UNIQUE (sequra_order_ref)
      )`);
    await q.query(`CREATE INDEX orders_state_seq_idx ON orders (state, seq DESC)`);
    await q.query(`CREATE INDEX orders_updated_at_idx ON orders (updated_at)`);
    await q.query(`
      CREATE TABLE order_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL DEFAULT 'transition' CHECK (kind IN ('transition', 'note')),
        from_state varchar(16),
        to_state varchar(16) NOT NULL,
        cause varchar(16) NOT NULL CHECK (cause IN ('api', 'ipn', 'webhook', 'admin', 'system')),
        actor varchar(255),
        details jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX order_history_order_id_idx ON order_history (order_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_history`);
    await q.query(`DROP TABLE orders`);
  }
}
