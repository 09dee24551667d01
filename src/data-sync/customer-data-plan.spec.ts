import type { Order } from '../orders/order.entity.js';
import { parseFieldPath, postalCodeProblem } from './customer-data-fields.js';
import { FieldEdit, planEdits } from './customer-data-plan.js';
import { isValidBirthDate } from './dto/field-rules.js';

const order = (overrides: Partial<Order> = {}) =>
  ({
    customer: { email: 'ana@example.com', given_names: 'Ana', phone: null },
    deliveryAddress: {
      address_line_1: 'Calle Mayor 1',
      postal_code: '28013',
      city: 'Madrid',
      country_code: 'ES',
      address_line_2: '',
    },
    invoiceAddress: null,
    ...overrides,
  }) as Order;

const edit = (section: FieldEdit['section'], field: string, value: string | null): FieldEdit => ({
  section,
  field,
  value,
  source: 'sequra_correction',
  note: null,
});

describe('planEdits', () => {
  test('only fields that really change become changes; the others are unchanged', () => {
    const plan = planEdits(order(), [
      edit('customer', 'email', 'ana@example.com'),
      edit('customer', 'given_names', 'Anabel'),
      edit('customer', 'phone', null),
    ]);
    expect(plan.outcomes).toEqual(['unchanged', 'applied', 'unchanged']);
    expect(plan.changes).toEqual([
      {
        edit: 1,
        section: 'customer',
        field: 'given_names',
        before: 'Ana',
        after: 'Anabel',
        source: 'sequra_correction',
        note: null,
      },
    ]);
    expect(plan.sections).toEqual({ customer: { email: 'ana@example.com', given_names: 'Anabel' } });
    expect(plan.problems).toEqual([]);
  });

  test('a section that does not change is not rewritten, even when edited', () => {
    const plan = planEdits(order(), [edit('delivery_address', 'city', 'Madrid')]);
    expect(plan.sections).toEqual({});
    expect(plan.changes).toEqual([]);
  });

  test('null removes the key and records before → null', () => {
    const plan = planEdits(order(), [edit('delivery_address', 'address_line_2', null)]);
    expect(plan.sections.delivery_address).not.toHaveProperty('address_line_2');
    expect(plan.changes[0]).toMatchObject({ before: '', after: null });
  });

  test('a country change is checked against the stored postal code, and pinned on the country edit', () => {
    const plan = planEdits(order(), [
      edit('delivery_address', 'city', 'Porto'),
      edit('delivery_address', 'country_code', 'PT'),
    ]);
    expect(plan.problems).toEqual([
      { edit: 1, section: 'delivery_address', field: 'postal_code', message: expect.stringContaining('NNNN-NNN') },
    ]);
  });

  test('a stored postal code that is already wrong does not block an unrelated edit', () => {
    const plan = planEdits(
      order({ deliveryAddress: { address_line_1: 'x', postal_code: '99999', city: 'y', country_code: 'ES' } }),
      [edit('delivery_address', 'city', 'Soria')],
    );
    expect(plan.problems).toEqual([]);
  });

  test('a new address needs its required fields; clearing one is refused', () => {
    const created = planEdits(order(), [edit('invoice_address', 'city', 'Bilbao')]);
    expect(created.problems.map((p) => p.field)).toEqual(['address_line_1', 'postal_code', 'country_code']);
    expect(created.problems.every((p) => p.edit === 0)).toBe(true);
    const cleared = planEdits(order(), [edit('customer', 'email', null)]);
    expect(cleared.problems).toEqual([
      { edit: 0, section: 'customer', field: 'email', message: 'email is required and cannot be cleared' },
    ]);
  });

  test('the stored order is not modified by planning', () => {
    const o = order();
    planEdits(o, [edit('customer', 'email', 'new@example.com'), edit('delivery_address', 'city', 'Soria')]);
    expect(o.customer.email).toBe('ana@example.com');
    expect(o.deliveryAddress!.city).toBe('Madrid');
  });
});

describe('postal codes', () => {
  test.each([
    ['ES', '28013', true],
    ['ES', '01001', true],
    ['ES', '52006', true],
    ['ES', '53001', false],
    ['ES', '00001', false],
    ['ES', '2801', false],
    ['ES', '280131', false],
    ['PT', '1000-001', true],
    ['PT', '1000001', false],
    ['PT', '1000-01', false],
    ['FR', '75001', true],
    ['FR', '7501', false],
    ['IT', '00184', true],
    ['IT', '0018', false],
    ['es', '28013', true],
    ['DE', 'anything', true],
  ])('%s %s → valid %s', (country, code, valid) => {
    expect(postalCodeProblem(country, code) === undefined).toBe(valid);
  });
});

describe('birth dates', () => {
  const today = new Date('2025-06-15T12:00:00Z');
  test.each([
    ['1984-02-29', true],
    ['1985-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['1900-01-01', true],
    ['1899-12-31', false],
    ['2025-06-15', true],
    ['2025-06-16', false],
    ['1985-04-31', false],
    ['1985-4-3', false],
    ['19850403', false],
  ])('%s → %s', (value, valid) => {
    expect(isValidBirthDate(value, today)).toBe(valid);
  });
});

describe('field paths', () => {
  test('only editable fields of known sections', () => {
    expect(parseFieldPath('customer.email')).toEqual({ section: 'customer', field: 'email' });
    expect(parseFieldPath('invoice_address.postal_code')).toEqual({ section: 'invoice_address', field: 'postal_code' });
    expect(parseFieldPath('customer.title')).toBeUndefined();
    expect(parseFieldPath('customer.address_line_1')).toBeUndefined();
    expect(parseFieldPath('cart.items')).toBeUndefined();
    expect(parseFieldPath('email')).toBeUndefined();
    expect(parseFieldPath('delivery_address.')).toBeUndefined();
  });
});
