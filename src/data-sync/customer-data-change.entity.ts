import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ChangeSource, Section } from './customer-data-fields.js';

/**
 * The audit trail of customer-data edits: one row per changed field, written in the edit's own
 * transaction. Append-only: the database refuses UPDATE, DELETE and TRUNCATE (see the migration).
 * This is the only place where the old and new personal data are kept; they are never logged.
 */
@Entity('customer_data_changes')
export class CustomerDataChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ name: 'order_ref_1', type: 'varchar', length: 255 })
  orderRef1: string;

  /** The order's version after the edit (the ETag it answered with). */
  @Column({ name: 'order_version', type: 'integer' })
  orderVersion: number;

  @Column({ type: 'varchar', length: 32 })
  section: Section;

  @Column({ type: 'varchar', length: 64 })
  field: string;

  /** JSON value; SQL NULL = the field was absent. */
  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  /** JSON value; SQL NULL = the field was cleared. */
  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ type: 'varchar', length: 32 })
  source: ChangeSource;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  /** The API key's name, plus the person from `X-Actor` when sent: `backoffice (Marta)`. */
  @Column({ type: 'varchar', length: 255 })
  actor: string;

  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
