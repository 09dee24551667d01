import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type WebhookKind = 'ipn' | 'event';

/**
 * One request received on `/webhooks/sequra/*` and the answer it got, kept for audit, for staff, and
 * for idempotency: a `final` row is the answer every later repeat of the same event (same
 * `dedupeKey`) gets again, without a second side effect. Never updated.
 */
@Entity('webhook_events')
export class WebhookEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 8 })
  kind: WebhookKind;

  /** The event name, or the IPN's `sq_state`; null when the body could not be read. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  event: string | null;

  @Column({ name: 'order_ref_1', type: 'varchar', length: 255, nullable: true })
  orderRef1: string | null;

  @Column({ name: 'order_ref_2', type: 'varchar', length: 255, nullable: true })
  orderRef2: string | null;

  /** seQura's order uuid. */
  @Column({ name: 'order_ref', type: 'varchar', length: 255, nullable: true })
  orderRef: string | null;

  /** The form fields as received, minus the signatures (`signature`, `m_signature`). */
  @Column({ type: 'jsonb', nullable: true })
  payload: Record<string, unknown> | null;

  @Column({ type: 'smallint' })
  status: number;

  /** The exact bytes answered (null: an empty body), so a replay is byte-for-byte the same. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ name: 'dedupe_key', type: 'char', length: 64, nullable: true })
  dedupeKey: string | null;

  /**
   * This answer settled the event: a repeat gets it again (the original row, `replay_of` null) or got
   * it (a replay). False when nothing was settled and the same request would be processed afresh:
   * refusals (400/403/404/413/415/501), 503 and a cancel `retry`.
   */
  @Column({ type: 'boolean', default: false })
  final: boolean;

  /** Set on a repeat: the row whose answer was replayed. */
  @Column({ name: 'replay_of', type: 'bigint', nullable: true })
  replayOf: string | null;
}
