import { Injectable, Logger } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, FieldError, OrderNotFoundError, ValidationFailedError } from '../common/domain-errors.js';
import { flattenValidationErrors } from '../common/validation.js';
import { DEFAULT_SOURCE, parseFieldPath, Section } from './customer-data-fields.js';
import type { FieldEdit } from './customer-data-plan.js';
import { BatchTooLargeError, EditRejected, OrderDataErasedError, OrderNotEditableError } from './data-sync.errors.js';
import { DataSyncService, EditContext } from './data-sync.service.js';
import { AddressPatchDto } from './dto/address-patch.dto.js';
import { CorrectionRowDto } from './dto/correction-row.dto.js';
import { CustomerPatchDto } from './dto/customer-patch.dto.js';

export const MAX_BATCH_ROWS = 1000;

export type CorrectionStatus = 'applied' | 'unchanged' | 'error' | 'not_applied';
export interface CorrectionResult {
  row: number;
  order_ref_1: string | null;
  field: string | null;
  status: CorrectionStatus;
  error?: { code: string; message: string };
}

type RowError = { code: string; message: string };
type CheckedRow = { index: number; edit: FieldEdit };

/** Each row's value is checked by the DTO of the PATCH route that edits the same section. */
const PATCH_DTOS: Record<Section, new () => object> = {
  customer: CustomerPatchDto,
  delivery_address: AddressPatchDto,
  invoice_address: AddressPatchDto,
};

/**
 * A batch of corrections (JSON or CSV rows): each row checked on its own, with the same rules as
 * the PATCH routes, then grouped by order and applied all-or-nothing per order through
 * {@link DataSyncService.applyEdits}, one transaction each. No `If-Match`: the rows are corrections
 * to apply to the latest data, and each audit row records the value it replaced.
 */
@Injectable()
export class CorrectionsService {
  private readonly logger = new Logger(CorrectionsService.name);

  constructor(private readonly dataSync: DataSyncService) {}

  async applyCorrections(input: unknown[], context: EditContext): Promise<CorrectionResult[]> {
    if (input.length === 0) throw new ValidationFailedError([{ field: 'rows', messages: ['the batch has no rows'] }]);
    if (input.length > MAX_BATCH_ROWS) throw new BatchTooLargeError(input.length, MAX_BATCH_ROWS);

    const results: CorrectionResult[] = [];
    const edits = new Map<number, FieldEdit>();
    for (const [index, raw] of input.entries()) {
      const row = raw as Record<string, unknown> | null;
      const result: CorrectionResult = {
        row: index + 1,
        order_ref_1: typeof row?.order_ref_1 === 'string' ? row.order_ref_1 : null,
        field: typeof row?.field === 'string' ? row.field : null,
        status: 'error',
      };
      const checked = await this.checkRow(raw);
      if ('error' in checked) result.error = checked.error;
      else edits.set(index, checked.edit);
      results.push(result);
    }

    // Rows without an order reference stay errors on their own; the others are grouped per order.
    const groups = new Map<string, number[]>();
    results.forEach((r, i) => {
      if (r.order_ref_1 !== null) groups.set(r.order_ref_1, [...(groups.get(r.order_ref_1) ?? []), i]);
    });
    for (const [ref, indexes] of groups) {
      const rows = indexes.filter((i) => edits.has(i)).map((index) => ({ index, edit: edits.get(index)! }));
      this.flagDuplicateFields(rows, results);
      const failed = indexes.filter((i) => results[i].error);
      if (failed.length > 0) this.markNotApplied(indexes, results, failed);
      else await this.applyGroup(ref, rows, indexes, results, context);
    }
    return results;
  }

  private async applyGroup(
    ref: string,
    rows: CheckedRow[],
    indexes: number[],
    results: CorrectionResult[],
    context: EditContext,
  ): Promise<void> {
    try {
      const edits = rows.map((r) => r.edit);
      const { plan } = await this.dataSync.applyEdits(ref, edits, context);
      rows.forEach((r, i) => (results[r.index].status = plan.outcomes[i]));
    } catch (error) {
      const failAll = (code: string, message: string) => indexes.forEach((i) => (results[i].error = { code, message }));
      if (error instanceof EditRejected) {
        for (const p of error.problems) {
          const result = results[rows[p.edit].index];
          const message = `${p.section}.${p.field}: ${p.message}`;
          const combined = result.error ? `${result.error.message}; ${message}` : message;
          result.error = { code: 'invalid_value', message: combined };
        }
      } else if (error instanceof OrderNotFoundError) {
        failAll('order_not_found', error.message);
      } else if (error instanceof OrderNotEditableError || error instanceof OrderDataErasedError) {
        failAll('order_not_editable', error.message);
      } else if (error instanceof DomainError) {
        failAll('rejected', error.message);
      } else {
        // Not the row's fault (the database, a bug): report it on the rows and go on with the next order.
        const { message, stack } = error as Error;
        this.logger.error(`Corrections for order ${ref} failed: ${message}`, stack);
        failAll('internal_error', 'not applied: internal error, retry these rows');
      }
      this.markNotApplied(
        indexes,
        results,
        indexes.filter((i) => results[i].error),
      );
    }
  }

  /** A row on its own: shape, known field, and the field's value rules (the PATCH DTOs). */
  private async checkRow(raw: unknown): Promise<{ edit: FieldEdit } | { error: RowError }> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return { error: { code: 'invalid_row', message: 'a row must be an object' } };
    }
    const row = plainToInstance(CorrectionRowDto, raw);
    const shape = await validate(row, { whitelist: true, forbidNonWhitelisted: true });
    if (shape.length > 0) {
      return { error: { code: 'invalid_row', message: this.describe(flattenValidationErrors(shape)) } };
    }

    const path = parseFieldPath(row.field);
    if (!path) {
      const message =
        `unknown field '${row.field}': use customer.<field>, delivery_address.<field> or ` +
        'invoice_address.<field> with an editable field';
      return { error: { code: 'unknown_field', message } };
    }
    const patch = plainToInstance(PATCH_DTOS[path.section], { [path.field]: row.value }) as Record<string, unknown>;
    const errors = await validate(patch, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const fieldErrors = flattenValidationErrors(errors).map((e) => ({ ...e, field: `${path.section}.${e.field}` }));
      return { error: { code: 'invalid_value', message: this.describe(fieldErrors) } };
    }
    const value = (patch[path.field] ?? null) as string | null;
    return { edit: { ...path, value, source: row.source ?? DEFAULT_SOURCE, note: row.note ?? null } };
  }

  private describe(errors: FieldError[]): string {
    return errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ');
  }

  /** Two rows changing the same field of one order would make the result depend on row order. */
  private flagDuplicateFields(rows: CheckedRow[], results: CorrectionResult[]): void {
    const seen = new Map<string, number>();
    for (const { index, edit } of rows) {
      const key = `${edit.section}.${edit.field}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, index);
      } else {
        const message = `${key} is already corrected for this order by row ${first + 1}`;
        results[index].error = { code: 'duplicate_field', message };
      }
    }
  }

  /** All-or-nothing per order: the other rows of an order with a failed row are not applied. */
  private markNotApplied(indexes: number[], results: CorrectionResult[], failed: number[]): void {
    const failedRows = failed.map((i) => i + 1).join(', ');
    for (const i of indexes) {
      if (results[i].error) {
        results[i].status = 'error';
      } else {
        results[i].status = 'not_applied';
        const message = `not applied: row ${failedRows} of the same order failed`;
        results[i].error = { code: 'order_rejected', message };
      }
    }
  }
}
