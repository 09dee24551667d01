import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { ShippingReportStatus, ShippingReportTrigger } from '../shipping-report.entity.js';

/**
 * The wire shapes of the shipping-report routes, for the OpenAPI document and as the views' return
 * types. The body sent to seQura is seQura's delivery report, described by seQura, so it is an open
 * object here, with an example in its shape.
 */

const STATUSES: ShippingReportStatus[] = ['pending', 'sent', 'failed'];
const TRIGGERS: ShippingReportTrigger[] = ['schedule', 'manual'];

/** seQura's `{"delivery_report": {...}}`, one shipped order (from seQura's own test fixture, shortened). */
export const EXAMPLE_DELIVERY_REPORT = {
  delivery_report: {
    merchant: { id: 'shop-es' },
    orders: [
      {
        state: 'shipped',
        sent_at: '2026-11-20T11:15:00+01:00',
        merchant_reference: { order_ref_1: 'QWER1234', order_ref_2: 'cart-77' },
        cart: {
          currency: 'EUR',
          order_total_with_tax: 1250,
          items: [
            {
              type: 'product',
              reference: 'shirt1234',
              name: 'shirt',
              price_with_tax: 1250,
              quantity: 1,
              total_with_tax: 1250,
              downloadable: false,
            },
          ],
        },
        remaining_cart: {
          currency: 'EUR',
          order_total_with_tax: 7100,
          items: [
            {
              type: 'product',
              reference: 'jacket9876',
              name: 'jacket',
              price_with_tax: 7100,
              quantity: 1,
              total_with_tax: 7100,
              downloadable: false,
            },
          ],
        },
        trackings: [{ carrier: 'MRW', tracking_number: '0123456789', shipped_at: '2026-11-20T11:15:00+01:00' }],
        delivery_method: { name: 'standard', days: '1-3', provider: 'MRW', home_delivery: true },
        delivery_address: {
          given_names: 'Ana',
          surnames: 'García López',
          address_line_1: 'Calle Mayor 1',
          postal_code: '28013',
          city: 'Madrid',
          country_code: 'ES',
        },
        invoice_address: {
          given_names: 'Ana',
          surnames: 'García López',
          address_line_1: 'Calle Mayor 1',
          postal_code: '28013',
          city: 'Madrid',
          country_code: 'ES',
        },
        customer: { given_names: 'Ana', surnames: 'García López', email: 'ana@example.com', language_code: 'es' },
      },
    ],
    broken_orders: [],
    statistics: {
      orders: [
        {
          completed_at: '2026-11-19T18:02:11+01:00',
          merchant_reference: { order_ref_1: 'QWER1234' },
          currency: 'EUR',
          amount: 8350,
          payment_method: 'SQ',
          status: 'shipped',
        },
      ],
    },
    platform: { name: 'seQura merchant backend', version: '0.1.0', uname: 'Linux', db_name: 'postgresql' },
  },
};

const DELIVERY_REPORT_SCHEMA = {
  type: 'object' as const,
  additionalProperties: true,
  description:
    'seQura\'s delivery report, `{"delivery_report": {merchant, orders, broken_orders, statistics, platform}}`',
  example: EXAMPLE_DELIVERY_REPORT,
};

@ApiSchema({ name: 'ShippingReport', description: 'One run: one POST of a delivery report to seQura' })
export class ShippingReportView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: TRIGGERS })
  trigger: ShippingReportTrigger;

  @ApiProperty({ enum: STATUSES, description: '`failed` runs need a person; their orders go in the next run' })
  status: ShippingReportStatus;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'the nominal tick of a scheduled run',
  })
  scheduled_for: string | null;

  @ApiProperty({ description: 'the batch number within its trigger, from 1', example: 1 })
  batch: number;

  @ApiProperty({ example: 1 })
  order_count: number;

  @ApiProperty({ description: 'orders whose cart lines do not add up (sent in broken_orders)', example: 0 })
  broken_order_count: number;

  @ApiProperty({ example: 1 })
  statistics_count: number;

  @ApiProperty({ example: 1 })
  attempts: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'set while pending' })
  next_attempt_at: string | null;

  @ApiProperty({ type: String, nullable: true })
  last_error: string | null;

  @ApiProperty({ type: Number, nullable: true, description: "seQura's HTTP status", example: 204 })
  sequra_status: number | null;

  @ApiProperty({
    nullable: true,
    oneOf: [{ type: 'object', additionalProperties: true }, { type: 'string' }],
    description: 'seQura\'s answer: its JSON body (`{"errors": [...]}` on a refusal), its text, or null when empty',
    example: { errors: ["Bad merchant id 'test' for logeecom"] },
  })
  sequra_response: unknown;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sent_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  failed_at: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the retention job dropped the body sent (`payload` is then null)',
  })
  payload_dropped_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when a person retried this run' })
  retried_at: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'who retried it', example: 'backoffice (Marta)' })
  retried_by: string | null;

  @ApiProperty({ type: [String], description: 'the runs its retry made', example: [] })
  retry_run_ids: string[];
}

@ApiSchema({ name: 'ShippingReportDetail', description: 'One run with the exact body sent' })
export class ShippingReportDetailView extends ShippingReportView {
  @ApiProperty({ ...DELIVERY_REPORT_SCHEMA, nullable: true })
  payload: unknown;
}

@ApiSchema({ name: 'ShippingReportPage', description: 'Runs, newest first' })
export class ShippingReportPage {
  @ApiProperty({ type: [ShippingReportView] })
  data: ShippingReportView[];

  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last' })
  next_cursor: string | null;
}

@ApiSchema({ name: 'ShippingReportRuns', description: 'The runs a report made: one per batch' })
export class ShippingReportRuns {
  @ApiProperty({ type: [ShippingReportView] })
  data: ShippingReportView[];
}

@ApiSchema({
  name: 'UnreportableOrder',
  description: 'An order whose stored data cannot go in a report: a run leaves it out, with a history note',
})
export class UnreportableOrderView {
  @ApiProperty({ example: 'QWER1234' })
  order_ref_1: string;

  @ApiProperty({
    description: 'why, naming fields and bounds (never values)',
    example: 'cart.items.0.total_with_tax is out of bounds',
  })
  reason: string;
}

@ApiSchema({ name: 'ShippingReportPreviewBatch' })
export class ShippingReportPreviewBatch {
  @ApiProperty({ example: 1 })
  order_count: number;

  @ApiProperty({ example: 0 })
  broken_order_count: number;

  @ApiProperty({ type: [UnreportableOrderView], example: [] })
  unreportable: UnreportableOrderView[];

  @ApiProperty(DELIVERY_REPORT_SCHEMA)
  payload: unknown;
}

@ApiSchema({
  name: 'ShippingReportPreview',
  description: 'What a run would send now: the totals and the first batch’s body. Claims and sends nothing',
})
export class ShippingReportPreview {
  @ApiProperty({ description: 'shipped orders not yet reported', example: 1 })
  order_count: number;

  @ApiProperty({ description: "the last 7 days' orders (statistics)", example: 1 })
  statistics_count: number;

  @ApiProperty({ example: 1000 })
  batch_size: number;

  @ApiProperty({ description: 'runs a report would make now', example: 1 })
  batches: number;

  @ApiProperty({ description: 'runs waiting to be (re)sent', example: 0 })
  pending_runs: number;

  @ApiProperty({ type: ShippingReportPreviewBatch })
  first_batch: ShippingReportPreviewBatch;
}
