import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  FieldError,
  OrderNotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ValidationFailedError,
} from '../common/domain-errors.js';
import { flattenValidationErrors } from '../common/validation.js';
import { OrderLifecycleService } from '../orders/order-lifecycle.service.js';
import { Order } from '../orders/order.entity.js';
import { isConfirmedBySequra, isCustomerDataEditable } from '../orders/order-states.js';
import { OrdersService } from '../orders/orders.service.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { CustomerDataChange } from './customer-data-change.entity.js';
import {
  DEFAULT_SOURCE,
  EDITABLE_FIELDS,
  parseFieldPath,
  Section,
  SECTION_PROPERTY,
} from './customer-data-fields.js';
import { EditPlan, EditProblem, FieldEdit, planEdits } from './customer-data-plan.js';
import { BatchTooLargeError, OrderNotEditableError } from './data-sync.errors.js';
import { AddressPatchDto } from './dto/address-patch.dto.js';
import { CorrectionRowDto } from './dto/correction-row.dto.js';
import { CustomerPatchDto } from './dto/customer-patch.dto.js';
import type { EditMetaDto } from './dto/edit-meta.dto.js';
import { etagOf, ifMatchVersions } from './etag.js';

/** Who made the edit, for the audit rows. */
export interface EditContext {
  actor: string;
  requestId: string | null;
}

export const MAX_BATCH_ROWS = 1000;

export type CorrectionStatus = 'applied' | 'unchanged' | 'error' | 'not_applied';
export interface CorrectionResult {
  row: number;
  order_ref_1: string | null;
  field: string | null;
  status: CorrectionStatus;
  error?: { code: string; message: string };
}

const PATCH_DTOS: Record<Section, new () => object> = {
  customer: CustomerPatchDto,
  delivery_address: AddressPatchDto,
  invoice_address: AddressPatchDto,
};

/** Thrown inside a batch transaction to roll it back with the rules the result broke. */
class PlanRejected extends Error {
  constructor(readonly problems: EditProblem[]) {
    super('edit rejected');
  }
}

function toFieldErrors(problems: { field: string; message: string }[]): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
  return [...byField].map(([field, messages]) => ({ field, messages }));
}

/**
 * Back-office corrections of an order's customer and addresses. Every edit runs in the order's
 * lifecycle transaction (row lock): the new data, one audit row per changed field, a history note
 * (field names only) and, for a merchant edit of a confirmed order, an Order Update queued in the
 * outbox. Personal data goes to the audit table only, never to the logs.
 */
@Injectable()
export class DataSyncService {
  private readonly logger = new Logger(DataSyncService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: OrderLifecycleService,
    private readonly orders: OrdersService,
    private readonly outbox: OutboxRepository,
  ) {}

  getOrder(orderRef1: string): Promise<Order> {
    return this.orders.get(orderRef1);
  }

  /** The audit trail of an order, newest first. */
  async changes(orderRef1: string): Promise<CustomerDataChange[]> {
    const order = await this.orders.get(orderRef1);
    return this.dataSource.getRepository(CustomerDataChange).find({ where: { orderId: order.id }, order: { id: 'DESC' } });
  }

  /**
   * One PATCH: the fields present in `dto` (null = clear), guarded by `If-Match`. An edit that
   * changes nothing writes nothing and keeps the version.
   */
  async editSection(
    orderRef1: string,
    section: Section,
    dto: EditMetaDto,
    ifMatch: string | undefined,
    context: EditContext,
  ): Promise<{ order: Order; changes: CustomerDataChange[] }> {
    const versions = this.requiredVersions(ifMatch);
    const values = dto as unknown as Record<string, string | null | undefined>;
    const source = dto.source ?? DEFAULT_SOURCE;
    const note = dto.note ?? null;
    const edits: FieldEdit[] = EDITABLE_FIELDS[section]
      .filter((field) => values[field] !== undefined)
      .map((field) => ({ section, field, value: values[field] ?? null, source, note }));
    if (edits.length === 0) {
      throw new ValidationFailedError([{ field: section, messages: [`send at least one of: ${EDITABLE_FIELDS[section].join(', ')}`] }]);
    }
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      this.assertEditable(order);
      if (!versions.includes(order.version)) {
        throw new PreconditionFailedError(
          `The customer data of order '${orderRef1}' changed since it was read (now version ${order.version}); read it again and redo the edit`,
          { current_version: order.version, current_etag: etagOf(order.version) },
        );
      }
      const plan = planEdits(order, edits);
      if (plan.problems.length > 0) throw new ValidationFailedError(toFieldErrors(plan.problems));
      const changes = await this.write(tx, order, plan, context);
      return { order, changes };
    });
  }

  /**
   * A batch of corrections: each row checked on its own (same rules as the PATCH routes), then
   * grouped by order and applied all-or-nothing per order, one transaction each. No `If-Match`:
   * the rows are corrections to apply to the latest data, and each audit row records the value
   * it replaced.
   */
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
    results.forEach((r, i) => r.order_ref_1 !== null && groups.set(r.order_ref_1, [...(groups.get(r.order_ref_1) ?? []), i]));
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
    rows: { index: number; edit: FieldEdit }[],
    indexes: number[],
    results: CorrectionResult[],
    context: EditContext,
  ): Promise<void> {
    try {
      const outcomes = await this.lifecycle.withLockedOrder(ref, async (order, tx) => {
        this.assertEditable(order);
        const plan = planEdits(order, rows.map((r) => r.edit));
        if (plan.problems.length > 0) throw new PlanRejected(plan.problems);
        await this.write(tx, order, plan, context);
        return plan.outcomes;
      });
      rows.forEach((r, i) => (results[r.index].status = outcomes[i]));
    } catch (error) {
      if (error instanceof PlanRejected) {
        for (const p of error.problems) {
          const result = results[rows[p.edit].index];
          const message = `${p.section}.${p.field}: ${p.message}`;
          result.error = { code: 'invalid_value', message: result.error ? `${result.error.message}; ${message}` : message };
        }
      } else if (error instanceof OrderNotFoundError) {
        indexes.forEach((i) => (results[i].error = { code: 'order_not_found', message: error.message }));
      } else if (error instanceof OrderNotEditableError) {
        indexes.forEach((i) => (results[i].error = { code: 'order_not_editable', message: error.message }));
      } else if (error instanceof DomainError) {
        indexes.forEach((i) => (results[i].error = { code: 'rejected', message: error.message }));
      } else {
        // Not the row's fault (the database, a bug): report it on the rows and go on with the next order.
        this.logger.error(`Corrections for order ${ref} failed: ${(error as Error).message}`, (error as Error).stack);
        indexes.forEach((i) => (results[i].error = { code: 'internal_error', message: 'not applied: internal error, retry these rows' }));
      }
      this.markNotApplied(indexes, results, indexes.filter((i) => results[i].error));
    }
  }

  /** A row on its own: shape, known field, and the field's value rules (the PATCH DTOs). */
  private async checkRow(raw: unknown): Promise<{ edit: FieldEdit } | { error: { code: string; message: string } }> {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: { code: 'invalid_row', message: 'a row must be an object' } };
    const row = plainToInstance(CorrectionRowDto, raw);
    const shape = await validate(row, { whitelist: true, forbidNonWhitelisted: true });
    if (shape.length > 0) return { error: { code: 'invalid_row', message: this.describe(flattenValidationErrors(shape)) } };

    const path = parseFieldPath(row.field);
    if (!path) {
      return { error: { code: 'unknown_field', message: `unknown field '${row.field}': use customer.<field>, delivery_address.<field> or invoice_address.<field> with an editable field` } };
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
  private flagDuplicateFields(rows: { index: number; edit: FieldEdit }[], results: CorrectionResult[]): void {
    const seen = new Map<string, number>();
    for (const { index, edit } of rows) {
      const key = `${edit.section}.${edit.field}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else results[index].error = { code: 'duplicate_field', message: `${key} is already corrected for this order by row ${first + 1}` };
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
        results[i].error = { code: 'order_rejected', message: `not applied: row ${failedRows} of the same order failed` };
      }
    }
  }

  private requiredVersions(ifMatch: string | undefined): number[] {
    if (!ifMatch?.trim()) {
      throw new PreconditionRequiredError('If-Match is required: send the ETag from GET /orders/:ref/customer-data', { header: 'If-Match' });
    }
    const versions = ifMatchVersions(ifMatch);
    if (versions === '*') {
      throw new PreconditionRequiredError('If-Match: * is not accepted: send the ETag from GET /orders/:ref/customer-data', { header: 'If-Match' });
    }
    if (versions.length === 0) throw new ValidationFailedError([{ field: 'If-Match', messages: ['If-Match must be an ETag such as "7"'] }]);
    return versions;
  }

  private assertEditable(order: Order): void {
    if (!isCustomerDataEditable(order.state)) throw new OrderNotEditableError(order.orderRef1, order.state);
  }

  /** Writes a plan in the caller's transaction; nothing at all when nothing changes. */
  private async write(tx: EntityManager, order: Order, plan: EditPlan, context: EditContext): Promise<CustomerDataChange[]> {
    if (plan.changes.length === 0) return [];
    const patch: Partial<Order> = {};
    for (const [section, value] of Object.entries(plan.sections) as [Section, Record<string, unknown>][]) {
      Object.assign(patch, { [SECTION_PROPERTY[section]]: value });
    }
    await this.lifecycle.update(tx, order, patch);
    const rows = await tx.getRepository(CustomerDataChange).save(
      plan.changes.map((change) =>
        tx.create(CustomerDataChange, {
          orderId: order.id,
          orderRef1: order.orderRef1,
          orderVersion: order.version,
          section: change.section,
          field: change.field,
          before: change.before,
          after: change.after,
          source: change.source,
          note: change.note,
          actor: context.actor,
          requestId: context.requestId,
        }),
      ),
    );
    const fields = plan.changes.map((c) => `${c.section}.${c.field}`);
    const sources = [...new Set(plan.changes.map((c) => c.source))];
    await this.lifecycle.note(tx, order, { type: 'customer_data_changed', actor: context.actor, fields, sources });
    // seQura's own corrections are not echoed back; a merchant's edit of a confirmed order is.
    const pushed = sources.includes('merchant') && isConfirmedBySequra(order.state);
    if (pushed) await this.outbox.enqueue(tx, order, 'customer_data');
    this.logger.log(`Customer data of order ${order.orderRef1} edited (${fields.join(', ')}; ${sources.join(', ')})${pushed ? '; Order Update queued' : ''}`);
    return rows;
  }
}
