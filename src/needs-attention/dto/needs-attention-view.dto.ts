import { ApiProperty, type ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';
import { ORDER_STATES, type OrderState } from '../../orders/order-states.js';
import { OutboxEntryView } from '../../outbox/outbox-view.dto.js';
import type { OutboxKind } from '../../outbox/sequra-outbox.entity.js';
import { ShippingReportView } from '../../shipping-reports/dto/shipping-report-view.dto.js';

/** The wire shapes of `needs-attention-view.ts`, for the OpenAPI document and as the views' return types. */

const SEQURA_ANSWER: ApiPropertyOptions = {
  nullable: true,
  oneOf: [{ type: 'object', additionalProperties: true }, { type: 'string' }],
  description: 'seQura\'s last answer: its JSON body (`{"errors": [...]}`), its text, or null',
  example: { errors: ["Invalid data: items' total_with_tax add up to 5055 but order_total_with_tax is 5097"] },
};

@ApiSchema({ name: 'FailedOrderUpdate', description: 'An Order Update seQura refused or that gave up retrying' })
export class FailedOrderUpdateView {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ example: 'QWER1234' }) order_ref_1: string;
  @ApiProperty({ enum: ORDER_STATES }) order_state: OrderState;
  @ApiProperty({ enum: ['cancellation', 'customer_data', 'shipment', 'refund', 'cancel_units'] }) kind: OutboxKind;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ type: Number, nullable: true, example: 409 }) last_status: number | null;
  @ApiProperty({ type: String, nullable: true }) last_error: string | null;
  @ApiProperty(SEQURA_ANSWER) response: unknown;
  @ApiProperty({ type: String, nullable: true }) cancellation_reason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) created_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failed_at: string | null;
}

@ApiSchema({
  name: 'CancelRequestAnsweredRetry',
  description: 'A seQura cancel request answered `retry` because the order is being picked: a person decides',
})
export class CancelRetryView {
  @ApiProperty({ example: 'QWER1234' }) order_ref_1: string;
  @ApiProperty({ type: String, nullable: true, example: 'low_risk' }) risk_level: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) fulfilment_started_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) requested_at: string | null;
  @ApiProperty({ example: '12' }) webhook_event_id: string;
  @ApiProperty({ type: String, nullable: true }) cancellation_request_url: string | null;
}

@ApiSchema({ name: 'OrderOnHold', description: 'An order seQura put on hold (needs_review) long ago' })
export class OnHoldView {
  @ApiProperty({ example: 'QWER1234' }) order_ref_1: string;
  @ApiProperty({ type: String, nullable: true }) risk_level: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) on_hold_since: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) created_at: string | null;
}

@ApiSchema({ name: 'FailedOrderUpdateList' })
export class FailedOrderUpdateList {
  @ApiProperty({ description: 'how many there are (data holds the newest)', example: 1 }) total: number;
  @ApiProperty({ type: [FailedOrderUpdateView] }) data: FailedOrderUpdateView[];
}

@ApiSchema({ name: 'FailedReportRunList' })
export class FailedReportRunList {
  @ApiProperty({ example: 0 }) total: number;
  @ApiProperty({ type: [ShippingReportView] }) data: ShippingReportView[];
}

@ApiSchema({ name: 'CancelRequestAnsweredRetryList' })
export class CancelRetryList {
  @ApiProperty({ example: 0 }) total: number;
  @ApiProperty({ type: [CancelRetryView] }) data: CancelRetryView[];
}

@ApiSchema({ name: 'OrderOnHoldList' })
export class OnHoldList {
  @ApiProperty({ example: 0 }) total: number;
  @ApiProperty({ type: [OnHoldView] }) data: OnHoldView[];
  @ApiProperty({ description: 'the threshold: on hold longer than this many hours', example: 24 })
  longer_than_hours: number;
}

@ApiSchema({ name: 'NeedsAttention', description: 'What needs a person: four lists, each `{total, data}`' })
export class NeedsAttentionView {
  @ApiProperty({ type: FailedOrderUpdateList }) failed_order_updates: FailedOrderUpdateList;
  @ApiProperty({ type: FailedReportRunList }) failed_report_runs: FailedReportRunList;
  @ApiProperty({ type: CancelRetryList }) cancel_requests_answered_retry: CancelRetryList;
  @ApiProperty({ type: OnHoldList }) orders_on_hold: OnHoldList;
}

@ApiSchema({ name: 'RetriedOrderUpdate', description: 'An Order Update after a retry, with seQura’s last answer' })
export class RetriedUpdateView extends OutboxEntryView {
  @ApiProperty({ example: 'QWER1234' }) order_ref_1: string;
  @ApiProperty(SEQURA_ANSWER) response: unknown;
}

@ApiSchema({ name: 'OrderUpdateRetry' })
export class OrderUpdateRetryView {
  @ApiProperty({ type: RetriedUpdateView }) order_update: RetriedUpdateView;
}

@ApiSchema({ name: 'ReportRunRetry', description: 'The failed run, now marked retried, and the runs the retry made' })
export class ReportRunRetryView {
  @ApiProperty({ type: ShippingReportView }) run: ShippingReportView;
  @ApiProperty({ type: [ShippingReportView] }) runs: ShippingReportView[];
}
