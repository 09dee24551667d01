import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { OutboxKind, OutboxStatus } from './sequra-outbox.entity.js';

const KINDS: OutboxKind[] = ['cancellation', 'customer_data', 'shipment', 'refund', 'cancel_units'];
const STATUSES: OutboxStatus[] = ['pending', 'sent', 'failed', 'skipped'];

/** The wire shapes of `outbox-view.ts`, for the OpenAPI document (never instantiated). */
@ApiSchema({ name: 'SequraUpdate', description: 'An Order Update owed to seQura (an outbox row) and its outcome' })
export class OutboxEntryView {
  @ApiProperty({ example: '42' })
  id: string;

  @ApiProperty({ enum: KINDS, description: 'why the update is sent' })
  kind: OutboxKind;

  @ApiProperty({
    enum: STATUSES,
    description: '`failed` needs a person; `skipped`: nothing to send (seQura already holds that view)',
  })
  status: OutboxStatus;

  @ApiProperty({ example: 1 })
  attempts: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'set while pending' })
  next_attempt_at: string | null;

  @ApiProperty({ type: Number, nullable: true, description: "seQura's last HTTP status", example: 200 })
  last_status: number | null;

  @ApiProperty({ type: String, nullable: true, description: "seQura's messages, or the network error" })
  last_error: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'customer_cancel' })
  cancellation_reason: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sent_at: string | null;
}

@ApiSchema({ name: 'SequraUpdateSummary', description: 'What the shop still owes seQura for the order' })
export class OutboxSummaryView {
  @ApiProperty({ example: 0 })
  pending: number;

  @ApiProperty({ example: 1 })
  sent: number;

  @ApiProperty({ example: 0 })
  failed: number;

  @ApiProperty({ description: 'rows that had nothing to send when their turn came', example: 0 })
  skipped: number;

  @ApiProperty({ type: OutboxEntryView, nullable: true, description: 'the newest update' })
  latest: OutboxEntryView | null;
}

@ApiSchema({ name: 'SequraUpdateList' })
export class OutboxEntryList {
  @ApiProperty({ type: [OutboxEntryView] })
  data: OutboxEntryView[];
}
