import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Why the shop tells seQura about an order: a cancellation, corrected customer data, a shipment
 * (after the first report, or every one in realtime mode), a refund, cancelled units.
 */
export type OutboxKind = 'cancellation' | 'customer_data' | 'shipment' | 'refund' | 'cancel_units';
/**
 * `pending` until delivered (`sent`), given up (`failed`: seQura refused, or too many attempts), or
 * `skipped` (when its turn came there was nothing to tell: seQura already held that state, or the
 * delivery report carries the order's first shipment and every change since).
 */
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * One Order Update API call owed to seQura. The body is not stored: the relay builds it from the
 * order as stored when it sends, so a late send never carries stale carts or addresses.
 */
@Entity('sequra_outbox')
export class SequraOutboxEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  /** Copied for operators reading the table; the relay sends the order's current reference. */
  @Column({ name: 'order_ref_1', type: 'varchar', length: 255 })
  orderRef1: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OutboxKind;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** HTTP status of the last answer; null when there was none (timeout, connection error). */
  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** seQura's last answer body (its `{"errors": [...]}` on a refusal). */
  @Column({ type: 'jsonb', nullable: true })
  response: unknown;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
