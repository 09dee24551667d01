import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderState } from './order-states.js';

/** Who or what caused a change: the internal API, seQura's IPN or events webhook, staff, or the service itself. */
export type HistoryCause = 'api' | 'ipn' | 'webhook' | 'admin' | 'system';

/**
 * One row per state change (`kind: transition`), plus notes that staff must see without a state
 * change (`kind: note`, e.g. seQura cancelled an order that was already shipped). Never updated.
 */
@Entity('order_history')
export class OrderHistory {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId: string;

  @Column({ type: 'varchar', length: 16, default: 'transition' })
  kind: 'transition' | 'note';

  @Column({ name: 'from_state', type: 'varchar', length: 16, nullable: true })
  fromState: OrderState | null;

  @Column({ name: 'to_state', type: 'varchar', length: 16 })
  toState: OrderState;

  @Column({ type: 'varchar', length: 16 })
  cause: HistoryCause;

  @Column({ type: 'varchar', length: 255, nullable: true })
  actor: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
