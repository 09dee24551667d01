import { Injectable, Logger } from '@nestjs/common';
import {
  FieldError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ValidationFailedError,
} from '../common/domain-errors.js';
import type { Tx } from '../database/transaction-runner.js';
import { OrderLifecycleService } from '../orders/order-lifecycle.service.js';
import { Order } from '../orders/order.entity.js';
import { isConfirmedBySequra, isCustomerDataEditable } from '../orders/order-states.js';
import { OrdersService } from '../orders/orders.service.js';
import { CustomerDataChange } from './customer-data-change.entity.js';
import { CustomerDataChangeRepository } from './customer-data-change.repository.js';
import { DEFAULT_SOURCE, EDITABLE_FIELDS, Section, SECTION_PROPERTY } from './customer-data-fields.js';
import { EditPlan, FieldEdit, planEdits } from './customer-data-plan.js';
import { EditRejected, OrderDataErasedError, OrderNotEditableError } from './data-sync.errors.js';
import type { EditMetaDto } from './dto/edit-meta.dto.js';
import { etagOf, parseIfMatch } from './etag.js';

/** Who made the edit, for the audit rows. */
export interface EditContext {
  actor: string;
  requestId: string | null;
}

/** What an edit wrote: the order as it now is, its plan, and the audit rows (none when nothing changed). */
export interface EditResult {
  order: Order;
  plan: EditPlan;
  changes: CustomerDataChange[];
}

function toFieldErrors(problems: { field: string; message: string }[]): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
  return [...byField].map(([field, messages]) => ({ field, messages }));
}

/**
 * Back-office corrections of an order's customer and addresses: the reads, the PATCH routes, and
 * {@link applyEdits}, which the PATCH routes and the corrections batch (CorrectionsService) share.
 * Every edit runs in the order's lifecycle transaction (row lock): the new data, one audit row per
 * changed field, a history note (field names only) and, for a merchant edit of a confirmed order,
 * an Order Update queued in the outbox. Personal data goes to the audit table only, never to the logs.
 */
@Injectable()
export class DataSyncService {
  private readonly logger = new Logger(DataSyncService.name);

  constructor(
    private readonly auditTrail: CustomerDataChangeRepository,
    private readonly lifecycle: OrderLifecycleService,
    private readonly orders: OrdersService,
  ) {}

  getOrder(orderRef1: string): Promise<Order> {
    return this.orders.get(orderRef1);
  }

  /** The audit trail of an order, newest first. */
  async changes(orderRef1: string): Promise<CustomerDataChange[]> {
    const order = await this.orders.get(orderRef1);
    return this.auditTrail.listForOrder(order.id);
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
      const messages = [`send at least one of: ${EDITABLE_FIELDS[section].join(', ')}`];
      throw new ValidationFailedError([{ field: section, messages }]);
    }
    const assertVersion = (order: Order) => {
      if (versions.includes(order.version)) return;
      const current = etagOf(order.version);
      throw new PreconditionFailedError(
        `The customer data of order '${orderRef1}' changed since it was read (now version ${order.version}); ` +
          'read it again and redo the edit',
        { current_version: order.version, current_etag: current },
        { etag: current, 'cache-control': 'no-store' },
      );
    };
    try {
      const { order, changes } = await this.applyEdits(orderRef1, edits, context, assertVersion);
      return { order, changes };
    } catch (error) {
      if (error instanceof EditRejected) throw new ValidationFailedError(toFieldErrors(error.problems));
      throw error;
    }
  }

  /**
   * Applies `edits` to one order in its lifecycle transaction: refuses an order that may no longer
   * be edited, runs `check` on the locked order (the PATCH's `If-Match`), plans the edits and writes
   * the plan. A plan that breaks a rule throws {@link EditRejected}, and nothing is written.
   */
  async applyEdits(
    orderRef1: string,
    edits: FieldEdit[],
    context: EditContext,
    check?: (order: Order) => void,
  ): Promise<EditResult> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      this.assertEditable(order);
      check?.(order);
      const plan = planEdits(order, edits);
      if (plan.problems.length > 0) throw new EditRejected(plan.problems);
      const changes = await this.write(tx, order, plan, context);
      return { order, plan, changes };
    });
  }

  private requiredVersions(ifMatch: string | undefined): number[] {
    const sendEtag = 'send the ETag from GET /orders/:ref/customer-data';
    if (!ifMatch?.trim()) {
      throw new PreconditionRequiredError(`If-Match is required: ${sendEtag}`, { header: 'If-Match' });
    }
    const ifMatchTags = parseIfMatch(ifMatch);
    if (ifMatchTags.kind === 'any') {
      throw new PreconditionRequiredError(`If-Match: * is not accepted: ${sendEtag}`, { header: 'If-Match' });
    }
    if (ifMatchTags.kind === 'malformed') {
      throw new ValidationFailedError([{ field: 'If-Match', messages: ['If-Match must be an ETag such as "7"'] }]);
    }
    // Well-formed tags that name none of our versions simply do not match: 412 once the order is read.
    return ifMatchTags.versions;
  }

  private assertEditable(order: Order): void {
    if (!isCustomerDataEditable(order.state)) throw new OrderNotEditableError(order.orderRef1, order.state);
    if (order.erasedAt) throw new OrderDataErasedError(order.orderRef1, order.erasedAt);
  }

  /** Writes a plan in the caller's transaction; nothing at all when nothing changes. */
  private async write(tx: Tx, order: Order, plan: EditPlan, context: EditContext): Promise<CustomerDataChange[]> {
    if (plan.changes.length === 0) return [];
    const patch: Partial<Order> = {};
    for (const [section, value] of Object.entries(plan.sections) as [Section, Record<string, unknown>][]) {
      Object.assign(patch, { [SECTION_PROPERTY[section]]: value });
    }
    await this.lifecycle.update(tx, order, patch);
    const rows = await this.auditTrail.append(
      tx,
      plan.changes.map((change) => ({
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
      })),
    );
    const fields = plan.changes.map((c) => `${c.section}.${c.field}`);
    const sources = [...new Set(plan.changes.map((c) => c.source))];
    await this.lifecycle.note(tx, order, { type: 'customer_data_changed', actor: context.actor, fields, sources });
    // seQura's own corrections are not echoed back; a merchant's edit of a confirmed order is (or,
    // while its first shipment is unreported in daily mode, the report carries it).
    const pushed =
      sources.includes('merchant') &&
      isConfirmedBySequra(order.state) &&
      (await this.lifecycle.queueSequraUpdate(tx, order, 'customer_data'));
    this.logger.log(
      `Customer data of order ${order.orderRef1} edited (${fields.join(', ')}; ${sources.join(', ')})` +
        (pushed ? '; Order Update queued' : ''),
    );
    return rows;
  }
}
