import { ApiError, describe, type PathsFor, type Schemas } from './api.js';
import { append, Child, details, h, replace, table, uid } from './dom.js';
import { text, when } from './format.js';
import { FIELDS, planSectionEdit, Section, SECTION_TITLES, SECTIONS } from './field-rules.js';
import { Context, Notice } from './ui.js';

/** One section's data, read field by field by name (the forms are driven by FIELDS). */
type Data = Record<string, unknown> | null;

export type CustomerDataView = Schemas['CustomerData'];
export type ChangeRow = Schemas['CustomerDataChange'];

/** The PATCH route of each section. */
const EDIT_PATHS = {
  customer: '/orders/{ref}/customer',
  delivery_address: '/orders/{ref}/delivery-address',
  invoice_address: '/orders/{ref}/invoice-address',
} as const satisfies Record<Section, PathsFor<'patch'>>;

/** A section of the API's customer data, as the field-driven form reads it. */
const sectionData = (view: CustomerDataView, section: Section): Data => view[section];

const SOURCE_LABELS: Record<string, string> = {
  sequra_correction: 'seQura correction',
  merchant: 'Merchant',
};

const value = (v: unknown): string =>
  v === null || v === undefined ? '(empty)' : typeof v === 'string' ? v : JSON.stringify(v);

/** Audit rows as a table: when, who, source, field, before → after, note. */
export function changesTable(caption: string, rows: ChangeRow[]): HTMLTableElement {
  return table(
    caption,
    ['When', 'Who', 'Source', 'Field', 'Before', 'After', 'Note'],
    rows.map((r) => [
      when(r.at),
      r.actor,
      SOURCE_LABELS[r.source] ?? r.source,
      `${r.section}.${r.field}`,
      value(r.before),
      value(r.after),
      text(r.note),
    ]),
    { className: 'changes' },
  );
}

/**
 * The customer and both addresses, each with a "Correct" form. A form reads the data with its ETag
 * when it opens and sends that ETag back as If-Match: if someone saved in between (412), nothing is
 * overwritten; the card says so and shows the current data, with the user's unsaved values beside it.
 */
export function customerDataPanel(
  ctx: Context,
  ref: string,
  order: CustomerDataView,
  onSaved: () => void,
): HTMLElement {
  const headingId = uid('h');
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': headingId },
    h('div', { class: 'panel-head' }, h('h3', { id: headingId }, 'Customer and addresses')),
    h(
      'div',
      { class: 'cards' },
      SECTIONS.map((section) => sectionCard(ctx, ref, section, order, onSaved)),
    ),
  );
}

function sectionCard(
  ctx: Context,
  ref: string,
  section: Section,
  initial: CustomerDataView,
  onSaved: () => void,
): HTMLElement {
  const title = SECTION_TITLES[section];
  const headingId = uid('h');
  const card = h('section', { class: 'card', 'aria-labelledby': headingId, 'data-section': section });
  const formSlot = h('div', { class: 'form-slot', id: uid('form') });
  const notice = new Notice();
  const savedSlot = h('div', { class: 'saved-changes' });
  const view = h('div', { class: 'section-view' });
  const editable = !['cancelled', 'denied', 'refunded'].includes(initial.state);

  const showData = (next: Data) => {
    const known = FIELDS[section].map((f) => f.name);
    const pairs: [string, Child][] = FIELDS[section]
      .filter((f) => next?.[f.name] !== undefined && next?.[f.name] !== null)
      .map((f) => [f.label, String(next![f.name])]);
    // Fields seQura sent that are not editable here (customer ref, logged_in…): shown, read-only.
    for (const [name, v] of Object.entries(next ?? {}))
      if (!known.includes(name) && v !== null && v !== undefined && v !== '') pairs.push([name, value(v)]);
    replace(view, next ? details(pairs) : h('p', { class: 'muted' }, `No ${title.toLowerCase()} on this order.`));
  };
  showData(sectionData(initial, section));

  const correct = h(
    'button',
    { type: 'button', 'aria-expanded': 'false', 'aria-controls': formSlot.id, disabled: !editable },
    `Correct ${title.toLowerCase()}`,
  );
  const closeForm = (focusButton = true) => {
    formSlot.replaceChildren();
    card.classList.remove('editing');
    correct.setAttribute('aria-expanded', 'false');
    correct.hidden = false;
    if (focusButton) correct.focus();
  };

  /** Reads the section fresh (data + ETag) and opens the form; `unsaved` = values a 412 kept from being saved. */
  const openForm = async (unsaved?: Record<string, string | null>) => {
    let fresh: { body: CustomerDataView; etag: string | null };
    try {
      fresh = await ctx.api.get('/orders/{ref}/customer-data', { path: { ref } });
    } catch (error) {
      notice.error(error, `Could not open the ${title.toLowerCase()} form.`);
      return;
    }
    showData(sectionData(fresh.body, section));
    if (!fresh.etag) {
      notice.show(
        'error',
        'The service sent no ETag with the customer data, so a correction cannot be sent safely. Tell the engineers.',
      );
      return;
    }
    correct.setAttribute('aria-expanded', 'true');
    correct.hidden = true;
    // The form needs room: its card spans the whole row while it is open.
    card.classList.add('editing');
    replace(formSlot, sectionForm(fresh.body, fresh.etag, unsaved));
  };

  const sectionForm = (
    current: CustomerDataView,
    etag: string,
    unsaved?: Record<string, string | null>,
  ): HTMLElement => {
    const currentSection = sectionData(current, section);
    const inputs = new Map<string, HTMLInputElement>();
    const errorSlots = new Map<string, HTMLElement>();
    const formErrors = h('div', { class: 'form-errors' });
    const fields = FIELDS[section].map((spec) => {
      const id = uid(`${section}-${spec.name}`);
      const hintId = spec.hint ? `${id}-hint` : null;
      const errorId = `${id}-error`;
      const input = h('input', {
        id,
        name: spec.name,
        type: spec.inputType ?? 'text',
        value:
          currentSection?.[spec.name] === null || currentSection?.[spec.name] === undefined
            ? ''
            : String(currentSection[spec.name]),
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
      });
      inputs.set(spec.name, input);
      const errorSlot = h('div', { id: errorId, class: 'field-error' });
      errorSlots.set(spec.name, errorSlot);
      return h(
        'div',
        { class: 'field' },
        h('label', { for: id }, spec.label),
        input,
        hintId ? h('p', { id: hintId, class: 'hint' }, spec.hint) : null,
        errorSlot,
      );
    });

    const sourceId = uid('source');
    const source = h(
      'select',
      { id: sourceId, name: 'source', 'aria-describedby': `${sourceId}-hint` },
      h('option', { value: 'sequra_correction' }, 'seQura correction'),
      h('option', { value: 'merchant' }, 'Merchant (our own staff)'),
    );
    const noteId = uid('note');
    const note = h('textarea', { id: noteId, name: 'note', rows: 2, maxlength: 1000 });
    const submit = h('button', { type: 'submit', class: 'primary' }, `Save ${title.toLowerCase()}`);
    const cancel = h('button', { type: 'button' }, 'Cancel');
    cancel.addEventListener('click', () => {
      notice.clear();
      closeForm();
    });

    const setErrors = (errors: Record<string, string[]>, general: string[] = []) => {
      for (const [name, slot] of errorSlots) {
        const messages = errors[name] ?? [];
        replace(
          slot,
          messages.length
            ? h(
                'ul',
                {},
                messages.map((m) => h('li', {}, m)),
              )
            : null,
        );
        const input = inputs.get(name)!;
        if (messages.length) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
      replace(
        formErrors,
        general.length
          ? h(
              'ul',
              { class: 'notice notice-error' },
              general.map((m) => h('li', {}, m)),
            )
          : null,
      );
      const first = FIELDS[section].find((spec) => errors[spec.name]?.length);
      if (first) inputs.get(first.name)!.focus();
    };

    const form = h(
      'form',
      { class: 'edit-form', novalidate: true, 'aria-label': `Correct ${title.toLowerCase()}` },
      unsaved ? unsavedTable(unsaved, currentSection) : null,
      h('div', { class: 'grid-fields' }, fields),
      h(
        'div',
        { class: 'grid-fields meta' },
        h(
          'div',
          { class: 'field' },
          h('label', { for: sourceId }, 'Who asked for this correction?'),
          source,
          h(
            'p',
            { id: `${sourceId}-hint`, class: 'hint' },
            'seQura correction: seQura told us (not sent back to seQura). ' +
              'Merchant: our own fix; for an approved or shipped order it is also sent to seQura.',
          ),
        ),
        h('div', { class: 'field' }, h('label', { for: noteId }, 'Note (optional, kept in the audit trail)'), note),
      ),
      formErrors,
      h('div', { class: 'buttons' }, submit, cancel),
    );

    const submitCorrection = async (event: Event): Promise<void> => {
      event.preventDefault();
      if (submit.disabled) return;
      const typed: Record<string, string> = {};
      for (const [name, input] of inputs) typed[name] = input.value;
      const plan = planSectionEdit(section, currentSection, typed);
      const count = Object.values(plan.errors).reduce((n, m) => n + m.length, 0);
      if (count > 0) {
        notice.show(
          'error',
          `Not saved: ${count === 1 ? 'one field needs' : `${count} fields need`} correcting ` +
            '(see the messages next to the fields).',
        );
        setErrors(plan.errors);
        return;
      }
      setErrors({});
      if (Object.keys(plan.changes).length === 0) {
        notice.show('info', 'Nothing to save: no field differs from the current data.');
        return;
      }
      const body: Record<string, unknown> = { ...plan.changes, source: source.value };
      if (note.value.trim()) body.note = note.value.trim();
      submit.disabled = true;
      submit.setAttribute('aria-busy', 'true');
      notice.show('info', 'Saving…');
      try {
        const saved = await ctx.api.patch(EDIT_PATHS[section], {
          path: { ref },
          // The plan's changes are the section's own fields (FIELDS), checked like the API checks them.
          body: body as Schemas['CustomerPatch'] & Schemas['AddressPatch'],
          headers: { 'If-Match': etag },
        });
        showData(sectionData(saved.body, section));
        closeForm(false);
        const rows = saved.body.changes ?? [];
        if (rows.length === 0) {
          notice.show('info', 'Nothing changed: the service already had these values. No audit row was written.');
          replace(savedSlot);
        } else {
          notice.show(
            'success',
            `Saved: ${rows.length === 1 ? 'one field' : `${rows.length} fields`} changed ` +
              `(order version ${saved.body.version}).`,
          );
          replace(savedSlot, savedRows(title, rows));
        }
        correct.focus();
        notice.reveal();
        onSaved();
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          notice.show(
            'error',
            'Someone else changed this order’s customer data after you opened the form. ' +
              'Your correction was not saved, so nothing was overwritten. ' +
              'The form now shows the current data; your unsaved values are listed with it. ' +
              'Apply them again if they are still needed.',
          );
          await openForm(plan.changes);
          notice.reveal();
          onSaved();
          return;
        }
        if (error instanceof ApiError && error.status === 400 && error.fieldErrors.length > 0) {
          const byField: Record<string, string[]> = {};
          const general: string[] = [];
          for (const e of error.fieldErrors) {
            const name = e.field.split('.').pop()!;
            if (inputs.has(name)) (byField[name] ??= []).push(...e.messages);
            else general.push(`${e.field}: ${e.messages.join('; ')}`);
          }
          notice.show('error', `Not saved: the service refused the correction. ${describe(error)}`);
          setErrors(byField, general);
          return;
        }
        notice.error(error, 'Not saved.');
        notice.reveal();
      } finally {
        submit.disabled = false;
        submit.removeAttribute('aria-busy');
      }
    };
    form.addEventListener('submit', (event) => void submitCorrection(event));
    return form;
  };

  const openCorrection = async (): Promise<void> => {
    notice.clear();
    replace(savedSlot);
    correct.disabled = true;
    try {
      await openForm();
      inputsFocus(formSlot);
    } finally {
      correct.disabled = !editable;
    }
  };
  correct.addEventListener('click', () => void openCorrection());

  append(
    card,
    h('div', { class: 'card-head' }, h('h4', { id: headingId }, title), correct),
    editable ? null : h('p', { class: 'muted' }, `The order is ${initial.state}: its data can no longer be corrected.`),
    view,
    notice.el,
    formSlot,
    savedSlot,
  );
  return card;
}

/** The audit rows one save wrote: they share when, who, source and note, so those are said once. */
function savedRows(title: string, rows: ChangeRow[]): HTMLElement {
  const first = rows[0];
  return h(
    'div',
    { class: 'saved-rows' },
    h(
      'p',
      { class: 'muted' },
      'Recorded ',
      when(first.at),
      ` by ${first.actor} · ${SOURCE_LABELS[first.source] ?? first.source}`,
      first.note ? ` · Note: ${first.note}` : '',
    ),
    table(
      `New audit rows for the ${title.toLowerCase()}`,
      ['Field', 'Before', 'After'],
      rows.map((r) => [r.field, value(r.before), value(r.after)]),
      { className: 'changes' },
    ),
  );
}

function inputsFocus(slot: HTMLElement): void {
  slot.querySelector<HTMLInputElement>('input')?.focus();
}

/** After a 412: what the user typed (not saved) next to what is stored now. */
function unsavedTable(unsaved: Record<string, string | null>, current: Data): HTMLElement {
  return table(
    'Your unsaved values and the current data',
    ['Field', 'Your value (not saved)', 'Current value'],
    Object.entries(unsaved).map(([field, mine]) => [field, value(mine), value(current?.[field])]),
    { className: 'unsaved' },
  );
}
