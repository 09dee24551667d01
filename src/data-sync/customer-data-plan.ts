import type { Order } from '../orders/order.entity.js';
import { ChangeSource, postalCodeProblem, REQUIRED_FIELDS, Section, sectionOf } from './customer-data-fields.js';

/** One field to set (`value`) or clear (`null`), already validated on its own by the DTO rules. */
export interface FieldEdit {
  section: Section;
  field: string;
  value: string | null;
  source: ChangeSource;
  note: string | null;
}

/** A field whose value really changes: one audit row. `null` before/after = the field was/is absent. */
export interface PlannedChange {
  edit: number;
  section: Section;
  field: string;
  before: unknown;
  after: unknown;
  source: ChangeSource;
  note: string | null;
}

/** A rule the resulting data breaks, pinned on the edit (index) that caused it. */
export interface EditProblem {
  edit: number;
  section: Section;
  field: string;
  message: string;
}

export interface EditPlan {
  /** The new value of each section that changes (sections that do not change are absent). */
  sections: Partial<Record<Section, Record<string, unknown>>>;
  changes: PlannedChange[];
  /** Per edit, in input order. */
  outcomes: ('applied' | 'unchanged')[];
  problems: EditProblem[];
}

/** Absent and null are the same thing in seQura's shapes. */
const normalize = (value: unknown) => (value === undefined ? null : value);
const same = (a: unknown, b: unknown) => JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Works out, without touching the database, what a set of edits does to an order: the new
 * sections, one change per field that really changes, and the rules the result breaks. Rules that
 * need the whole section are checked here (required fields, postal code against the country of the
 * resulting address); only sections that change are checked, so an old imperfection elsewhere does
 * not block an unrelated correction.
 */
export function planEdits(order: Order, edits: FieldEdit[]): EditPlan {
  const plan: EditPlan = { sections: {}, changes: [], outcomes: [], problems: [] };
  const next = new Map<Section, Record<string, unknown>>();
  const changedFields = new Map<Section, Set<string>>();

  edits.forEach((edit, index) => {
    const current = sectionOf(order, edit.section);
    if (!next.has(edit.section)) next.set(edit.section, { ...(current ?? {}) });
    const target = next.get(edit.section)!;
    const before = normalize(current?.[edit.field]);
    if (edit.value === null) delete target[edit.field];
    else target[edit.field] = edit.value;
    if (same(before, edit.value)) {
      plan.outcomes.push('unchanged');
      return;
    }
    plan.outcomes.push('applied');
    plan.changes.push({
      edit: index,
      section: edit.section,
      field: edit.field,
      before,
      after: edit.value,
      source: edit.source,
      note: edit.note,
    });
    if (!changedFields.has(edit.section)) changedFields.set(edit.section, new Set());
    changedFields.get(edit.section)!.add(edit.field);
  });

  for (const [section, fields] of changedFields) {
    const result = next.get(section)!;
    const editOf = (field: string) => edits.findIndex((e) => e.section === section && e.field === field);
    const firstEdit = edits.findIndex((e) => e.section === section);
    for (const field of REQUIRED_FIELDS[section]) {
      if (!isBlank(result[field])) continue;
      const index = editOf(field);
      plan.problems.push({
        edit: index >= 0 ? index : firstEdit,
        section,
        field,
        message:
          index >= 0
            ? `${field} is required and cannot be cleared`
            : sectionOf(order, section) === null
              ? `${field} is required: the order has no ${section} yet, ` +
                'so send address_line_1, postal_code, city and country_code'
              : `${field} is required and missing from the stored ${section}; send it too`,
      });
    }
    if (fields.has('postal_code') || fields.has('country_code')) {
      const problem = postalCodeProblem(result.country_code, result.postal_code);
      const index = editOf('postal_code') >= 0 ? editOf('postal_code') : editOf('country_code');
      if (problem) plan.problems.push({ edit: index, section, field: 'postal_code', message: problem });
    }
    plan.sections[section] = result;
  }
  return plan;
}
