import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { parseStoredPayload } from './shipping-report-payload.js';

export type ShippingReportTrigger = 'schedule' | 'manual';
export type ShippingReportStatus = 'pending' | 'sent' | 'failed';

/**
 * One delivery-report POST to seQura ("a run"). Created in the transaction that claims its orders
 * (`shipping_report_claims`), with the body it will send, so every retry — and a resend after a
 * crash — posts exactly the same report. `sent` and `failed` are final.
 */
@Entity('shipping_reports')
export class ShippingReport {
  @PrimaryColumn('uuid')
  id: string;

  /** Creation order, the keyset for "newest first" (bigint: a string in JS). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ type: 'varchar', length: 16 })
  trigger: ShippingReportTrigger;

  @Column({ type: 'varchar', length: 16 })
  status: ShippingReportStatus;

  /** The schedule tick this run belongs to (nominal time); null for manual runs. */
  @Column({ name: 'scheduled_for', type: 'timestamptz', nullable: true })
  scheduledFor: Date | null;

  /** 1-based position among the runs created together (a large day is split into batches). */
  @Column({ type: 'integer' })
  batch: number;

  @Column({ name: 'order_count', type: 'integer' })
  orderCount: number;

  @Column({ name: 'broken_order_count', type: 'integer' })
  brokenOrderCount: number;

  @Column({ name: 'statistics_count', type: 'integer' })
  statisticsCount: number;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sequra_status', type: 'integer', nullable: true })
  sequraStatus: number | null;

  @Column({ name: 'sequra_response', type: 'jsonb', nullable: true })
  sequraResponse: unknown;

  /**
   * The exact body POSTed, `{"delivery_report": {...}}`, stored gzip-compressed (written by the
   * service with raw SQL; read here, decoded). Up to a batch of orders: loaded only on request.
   * Null once dropped by the retention job ({@link payloadDroppedAt}); a pending run always has it.
   */
  @Column({
    type: 'bytea',
    select: false,
    transformer: {
      from: (stored: Buffer | null) => (stored ? parseStoredPayload(stored) : stored),
      to: (value: unknown) => value,
    },
  })
  payload: { delivery_report: Record<string, unknown> } | null;

  /** When the retention job dropped the stored body (`REPORT_PAYLOAD_RETENTION_DAYS`). */
  @Column({ name: 'payload_dropped_at', type: 'timestamptz', nullable: true })
  payloadDroppedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  /** A failed run a person retried (a new run carried its orders): when, who, and the new runs. */
  @Column({ name: 'retried_at', type: 'timestamptz', nullable: true })
  retriedAt: Date | null;

  @Column({ name: 'retried_by', type: 'varchar', length: 255, nullable: true })
  retriedBy: string | null;

  @Column({ name: 'retry_run_ids', type: 'uuid', array: true, nullable: true })
  retryRunIds: string[] | null;
}
