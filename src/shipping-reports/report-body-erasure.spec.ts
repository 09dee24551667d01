import { erasedAddress, erasedCustomer } from '../orders/personal-data.js';
import type { Address } from '../orders/sequra-objects.js';
import { eraseOrderEntries } from './report-body-erasure.js';
import { ReportOrderRow, StatisticsRow, writeDeliveryReport } from './shipping-report-payload.js';

const cart = {
  currency: 'EUR',
  order_total_with_tax: 2000,
  items: [
    { type: 'product' as const, reference: 'a', name: 'A', price_with_tax: 1000, quantity: 2, total_with_tax: 2000 },
  ],
};
const address = (name: string): Address => ({
  given_names: name,
  address_line_1: `Calle ${name} 1`,
  postal_code: '28013',
  city: 'Madrid',
  country_code: 'ES',
});

function row(ref: string, name: string, overrides: Partial<ReportOrderRow> = {}): ReportOrderRow {
  return {
    id: `id-${ref}`,
    seq: '1',
    version: 1,
    order_ref_1: ref,
    order_ref_2: null,
    state: 'shipped',
    cart,
    shipped_quantities: { a: 2 },
    cancelled_quantities: {},
    refunds: [],
    trackings: [],
    delivery_method: null,
    delivery_address: address(name),
    invoice_address: address(name),
    customer: { email: `${name.toLowerCase()}@example.com`, given_names: name, ip_number: '10.0.0.1', nin: '1Z' },
    shipped_at: new Date('2025-07-01T08:30:00Z'),
    updated_at: new Date('2025-07-02T00:00:00Z'),
    ...overrides,
  };
}

const statistics = (ref: string): StatisticsRow => ({
  seq: '1',
  created_at: new Date('2025-07-01T08:00:00Z'),
  created_key: '2025-07-01 08:00:00+00',
  order_ref_1: ref,
  order_ref_2: null,
  state: 'shipped',
  currency: 'EUR',
  amount: 2000,
  country: 'ES',
});

const write = (rows: ReportOrderRow[], statisticsRows?: StatisticsRow[]) =>
  writeDeliveryReport({ merchantId: 'm', rows, statisticsRows, platform: { name: 'x' }, timeZone: 'Europe/Madrid' })
    .json;

/** The order as if its data had been erased before the report was written. */
const erasedRow = (r: ReportOrderRow): ReportOrderRow => ({
  ...r,
  customer: erasedCustomer(r.customer),
  delivery_address: erasedAddress(r.delivery_address),
  invoice_address: erasedAddress(r.invoice_address),
});

describe('eraseOrderEntries', () => {
  it('rewrites only the order’s entry: the body equals one written from the erased order, byte for byte', () => {
    const target = row('A14/2', 'Ana');
    const rows = [row('A14/1', 'Luis'), target, row('A14/3', 'Marta')];
    const stats = [statistics('A14/1'), statistics('A14/2')];

    const result = eraseOrderEntries(write(rows, stats), 'A14/2');

    expect(result?.equals(write([rows[0], erasedRow(target), rows[2]], stats))).toBe(true);
    const text = result!.toString('utf8');
    expect(text).not.toMatch(/Ana|ana@example/);
    expect(text).toContain('luis@example.com');
    expect(text).toContain('Calle Marta 1');
  });

  it('rewrites the order in broken_orders too', () => {
    const broken = row('BROKEN', 'Ana', { cart: { ...cart, order_total_with_tax: 1 } });
    const json = write([row('OK', 'Luis'), broken]);
    expect(JSON.parse(json.toString()).delivery_report.broken_orders).toHaveLength(1);

    const result = eraseOrderEntries(json, 'BROKEN');

    expect(result?.equals(write([row('OK', 'Luis'), erasedRow(broken)]))).toBe(true);
  });

  it('answers null for a body without the order, or with it in the statistics only (no personal data there)', () => {
    expect(eraseOrderEntries(write([row('A14/1', 'Luis')]), 'A14/2')).toBeNull();
    expect(eraseOrderEntries(write([row('A14/1', 'Luis')], [statistics('A14/2')]), 'A14/2')).toBeNull();
    // A reference that is a prefix of another is not that other.
    expect(eraseOrderEntries(write([row('A14/20', 'Luis')]), 'A14/2')).toBeNull();
  });
});
