import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { AddressDto, CustomerDto } from '../../orders/dto/sequra-objects.dto.js';
import { EXAMPLE_REGISTRATION } from '../../orders/dto/order-examples.js';
import { ORDER_STATES, type OrderState } from '../../orders/order-states.js';
import type { Address, Customer } from '../../orders/sequra-objects.js';
import type { CorrectionStatus } from '../corrections.service.js';
import { type ChangeSource, type Section, SECTIONS, SOURCES } from '../customer-data-fields.js';

/** The wire shapes of `customer-data-view.ts` and the corrections batch, for the OpenAPI document. */

@ApiSchema({ name: 'CustomerData', description: 'The customer data of an order; its `version` is the ETag' })
export class CustomerDataView {
  @ApiProperty({ example: 'QWER1234' })
  order_ref_1: string;

  @ApiProperty({ enum: ORDER_STATES, example: 'approved' })
  state: OrderState;

  @ApiProperty({ description: 'the ETag is this number in quotes', example: 3 })
  version: number;

  @ApiProperty({ type: CustomerDto, example: EXAMPLE_REGISTRATION.customer })
  customer: Customer;

  @ApiProperty({ type: AddressDto, nullable: true, example: EXAMPLE_REGISTRATION.delivery_address })
  delivery_address: Address | null;

  @ApiProperty({ type: AddressDto, nullable: true, example: EXAMPLE_REGISTRATION.invoice_address })
  invoice_address: Address | null;
}

@ApiSchema({ name: 'CustomerDataChange', description: 'One audit row: one field changed by one edit' })
export class ChangeView {
  @ApiProperty({ example: 17 })
  id: number;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ description: "the key's name, plus X-Actor", example: 'backoffice (Marta)' })
  actor: string;

  @ApiProperty({ enum: SOURCES })
  source: ChangeSource;

  @ApiProperty({ enum: SECTIONS })
  section: Section;

  @ApiProperty({ example: 'postal_code' })
  field: string;

  @ApiProperty({ type: String, nullable: true, example: '28031' })
  before: unknown;

  @ApiProperty({ type: String, nullable: true, example: '28013' })
  after: unknown;

  @ApiProperty({ type: String, nullable: true, example: 'seQura called: the shopper gave the right postal code' })
  note: string | null;

  @ApiProperty({ description: "the order's version after the edit", example: 4 })
  order_version: number;

  @ApiProperty({ type: String, nullable: true, description: 'the request that made the change' })
  request_id: string | null;
}

@ApiSchema({ name: 'CustomerDataChangeList' })
export class ChangeList {
  @ApiProperty({ type: [ChangeView] })
  data: ChangeView[];
}

@ApiSchema({ name: 'CustomerDataEdit', description: 'The data after the edit and the audit rows it wrote' })
export class CustomerDataEditView extends CustomerDataView {
  @ApiProperty({ type: [ChangeView], description: 'empty when the edit changed nothing' })
  changes: ChangeView[];
}

@ApiSchema({ name: 'CorrectionError' })
export class CorrectionErrorView {
  @ApiProperty({
    enum: [
      'invalid_row',
      'unknown_field',
      'invalid_value',
      'duplicate_field',
      'order_not_found',
      'order_not_editable',
      'order_rejected',
      'rejected',
      'internal_error',
    ],
    description: '`order_rejected`: another row of the same order failed; `internal_error`: retry these rows',
    example: 'invalid_value',
  })
  code: string;

  @ApiProperty({ example: 'postal_code must be 5 digits for ES' })
  message: string;
}

const CORRECTION_STATUSES: CorrectionStatus[] = ['applied', 'unchanged', 'error', 'not_applied'];

@ApiSchema({ name: 'CorrectionResult', description: 'The outcome of one row, in input order' })
export class CorrectionResultView {
  @ApiProperty({ description: 'the row number, from 1', example: 1 })
  row: number;

  @ApiProperty({ type: String, nullable: true, example: 'QWER1234' })
  order_ref_1: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'delivery_address.postal_code' })
  field: string | null;

  @ApiProperty({
    enum: CORRECTION_STATUSES,
    description: '`not_applied`: another row of the same order failed, so none of its rows was applied',
  })
  status: CorrectionStatus;

  @ApiPropertyOptional({ type: CorrectionErrorView })
  error?: CorrectionErrorView;
}

@ApiSchema({ name: 'CorrectionSummary' })
export class CorrectionSummaryView {
  @ApiProperty({ example: 2 }) rows: number;
  @ApiProperty({ example: 1 }) applied: number;
  @ApiProperty({ example: 0 }) unchanged: number;
  @ApiProperty({ example: 1 }) failed: number;
  @ApiProperty({ example: 0 }) not_applied: number;
}

@ApiSchema({ name: 'CorrectionsResult' })
export class CorrectionsResultView {
  @ApiProperty({ type: CorrectionSummaryView })
  summary: CorrectionSummaryView;

  @ApiProperty({ type: [CorrectionResultView] })
  results: CorrectionResultView[];
}
