import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `risk_level` is stored as seQura sends it: any word of up to 64 characters (`[a-z_]{1,64}`), not
 * only the three documented levels (seQura's own plugins also meet `unknown_risk`).
 */
export class WidenRiskLevel1763820010000 implements MigrationInterface {
  name = 'WidenRiskLevel1763820010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ALTER COLUMN risk_level TYPE varchar(64)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ALTER COLUMN risk_level TYPE varchar(32) USING left(risk_level, 32)`);
  }
}
