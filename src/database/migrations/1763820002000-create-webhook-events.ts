import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every request seQura (or anyone) sends to the webhook endpoints, with the answer it got. The
 * partial unique index is the database's guarantee that one event is processed once: only one
 * original, final row per dedupe key (repeats point at it through `replay_of`).
 */
export class CreateWebhookEvents1763820002000 implements MigrationInterface {
  name = 'CreateWebhookEvents1763820002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        received_at timestamptz NOT NULL DEFAULT now(),
        kind varchar(8) NOT NULL CHECK (kind IN ('ipn', 'event')),
        event varchar(255),
        order_ref_1 varchar(255),
        order_ref_2 varchar(255),
        order_ref varchar(255),
        payload jsonb,
        status smallint NOT NULL,
        response_body text,
        dedupe_key char(64),
        final boolean NOT NULL DEFAULT false,
        replay_of bigint REFERENCES webhook_events (id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE UNIQUE INDEX webhook_events_dedupe_key_idx ON webhook_events (dedupe_key)
        WHERE final AND replay_of IS NULL`);
    await q.query(`CREATE INDEX webhook_events_order_ref_1_idx ON webhook_events (order_ref_1, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_events`);
  }
}
