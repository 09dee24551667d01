import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seQura checkout started by this service (issue 17): the latest solicitation's merchant
 * account, return and abort URLs and layout (see orders/order-checkout.ts). The seQura order it
 * started is the order's `sequra_order_ref`, unique as before.
 */
export class Checkout1763820070000 implements MigrationInterface {
  name = 'Checkout1763820070000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN checkout jsonb`);
    await q.query(`ALTER TABLE orders ADD CONSTRAINT orders_checkout_is_object
      CHECK (checkout IS NULL OR jsonb_typeof(checkout) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders DROP CONSTRAINT orders_checkout_is_object`);
    await q.query(`ALTER TABLE orders DROP COLUMN checkout`);
  }
}
