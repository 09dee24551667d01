import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { isISO31661Alpha2, isISO6391, validate } from 'class-validator';
import {
  COUNTRY_CODES,
  FIELDS,
  fieldProblems,
  normalise,
  planSectionEdit,
  postalCodeProblem,
  REQUIRED_FIELDS,
  SECTIONS,
} from '../../admin/src/field-rules.js';
import {
  EDITABLE_FIELDS,
  postalCodeProblem as apiPostalCodeProblem,
  REQUIRED_FIELDS as API_REQUIRED_FIELDS,
} from '../../src/data-sync/customer-data-fields.js';
import { AddressPatchDto } from '../../src/data-sync/dto/address-patch.dto.js';
import { CustomerPatchDto } from '../../src/data-sync/dto/customer-patch.dto.js';

/**
 * The page validates corrections before sending them, with its own copy of the API's rules (it is
 * compiled for the browser, apart from the server). These tests hold the copy to the original, so
 * the page neither blocks what the API accepts nor lets through what it refuses.
 */
const letters = 'abcdefghijklmnopqrstuvwxyz';
const pairs = [...letters].flatMap((a) => [...letters].map((b) => a + b));

async function apiAccepts(section: 'customer' | 'address', field: string, value: string): Promise<boolean> {
  const dto = plainToInstance(section === 'customer' ? CustomerPatchDto : AddressPatchDto, { [field]: value });
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  return !errors.some((e) => e.property === field);
}

describe('the page’s copy of the customer-data rules', () => {
  it('knows the same editable and required fields as the API', () => {
    for (const section of SECTIONS) {
      expect(FIELDS[section].map((f) => f.name)).toEqual([...EDITABLE_FIELDS[section]]);
      expect(REQUIRED_FIELDS[section]).toEqual([...API_REQUIRED_FIELDS[section]]);
    }
  });

  it('accepts exactly the country codes the API accepts', () => {
    const apiCodes = pairs.map((p) => p.toUpperCase()).filter((code) => isISO31661Alpha2(code));
    expect([...COUNTRY_CODES].sort()).toEqual(apiCodes);
  });

  it('judges postal codes per country like the API', () => {
    const samples = [
      '28013',
      '01001',
      '52006',
      '53001',
      '00123',
      '2801',
      '1000-001',
      '1000001',
      '75001',
      '00118',
      'SW1A 1AA',
      '12345',
    ];
    for (const country of ['ES', 'PT', 'FR', 'IT', 'DE', 'es']) {
      for (const code of samples)
        expect([country, code, postalCodeProblem(country, code)]).toEqual([
          country,
          code,
          apiPostalCodeProblem(country, code),
        ]);
    }
  });

  const samples: Record<string, string[]> = {
    phone: [
      '600000000',
      '+34 600 00 00 00',
      '(91) 123-45.67',
      '12',
      '1 2 3 4',
      'call me',
      '+-+-+-',
      '6'.repeat(33),
      '++34600',
    ],
    country_code: ['ES', 'es', 'pt', 'XX', 'ESP', 'E1', 'E'],
    postal_code: ['28013', 'AB', 'A', '1234-567', '-123', 'SW1A 1AA', '12345678901234567', '28_013'],
    date_of_birth: ['1985-04-23', '2000-02-29', '2023-02-30', '1899-12-31', '2999-01-01', '1985-4-23', 'yesterday'],
    language_code: ['es', 'es-ES', 'ca-ES', 'ES', 'xx', 'es-XX', 'es_ES', 'eng'],
    nin: ['12345678Z', 'x'.repeat(32), 'x'.repeat(33)],
    given_names: ['Ana', 'a'.repeat(255), 'a'.repeat(256)],
    address_line_1: ['Calle Mayor 1', 'a'.repeat(255), 'a'.repeat(256)],
  };

  it.each(Object.entries(samples))('gives the API’s verdict on %s values', async (field, values) => {
    const section = (['postal_code', 'country_code', 'address_line_1'] as string[]).includes(field)
      ? 'delivery_address'
      : 'customer';
    const spec = FIELDS[section].find((f) => f.name === field)!;
    for (const value of values) {
      const pageAccepts = fieldProblems(spec, normalise(spec, value)).length === 0;
      expect({ field, value, pageAccepts }).toEqual({
        field,
        value,
        pageAccepts: await apiAccepts(section === 'customer' ? 'customer' : 'address', field, value),
      });
    }
  });

  it('never blocks an email the API accepts, and blocks the obviously wrong ones', async () => {
    const spec = FIELDS.customer.find((f) => f.name === 'email')!;
    const valid = [
      'ana@example.com',
      'ana.garcia+shop@correo.example.es',
      'o.neil@example.ie',
      'x@sub.domain.example.com',
    ];
    const invalid = [
      'ana',
      'ana@',
      '@example.com',
      'ana@@example.com',
      'ana maria@example.com',
      'ana@example',
      'ana@exa mple.com',
    ];
    for (const value of valid)
      expect({ value, api: await apiAccepts('customer', 'email', value), page: fieldProblems(spec, value) }).toEqual({
        value,
        api: true,
        page: [],
      });
    for (const value of invalid) {
      expect({ value, api: await apiAccepts('customer', 'email', value) }).toEqual({ value, api: false });
      expect({ value, page: fieldProblems(spec, value).length > 0 }).toEqual({ value, page: true });
    }
  });

  it('uses the same ISO 639-1 list for language codes', () => {
    for (const pair of pairs)
      expect([
        pair,
        fieldProblems(
          FIELDS.customer.find((f) => f.name === 'language_code')!,
          pair,
        ).length === 0,
      ]).toEqual([pair, isISO6391(pair)]);
  });
});

describe('planSectionEdit (what a form sends)', () => {
  const address = {
    address_line_1: 'Calle Mayor 1',
    postal_code: '28013',
    city: 'Madrid',
    country_code: 'ES',
    phone: '600000000',
  };
  const typed = (overrides: Record<string, string>) => ({
    ...Object.fromEntries(FIELDS.delivery_address.map((f) => [f.name, ''])),
    address_line_1: 'Calle Mayor 1',
    postal_code: '28013',
    city: 'Madrid',
    country_code: 'ES',
    phone: '600000000',
    ...overrides,
  });

  it('sends only the fields that changed, trimmed, and null for an emptied optional field', () => {
    expect(planSectionEdit('delivery_address', address, typed({}))).toEqual({ changes: {}, errors: {} });
    expect(planSectionEdit('delivery_address', address, typed({ city: '  Madrid Centro ', phone: '' }))).toEqual({
      changes: { city: 'Madrid Centro', phone: null },
      errors: {},
    });
  });

  it('upper-cases the country code as the API does, so `es` is no change', () => {
    expect(planSectionEdit('delivery_address', address, typed({ country_code: 'es' }))).toEqual({
      changes: {},
      errors: {},
    });
  });

  it('refuses to empty a required field', () => {
    expect(planSectionEdit('delivery_address', address, typed({ city: ' ' })).errors).toEqual({
      city: ['city is required and cannot be cleared'],
    });
  });

  it('checks the postal code against the resulting country when either changes, and not an old mismatch otherwise', () => {
    expect(planSectionEdit('delivery_address', address, typed({ country_code: 'PT' })).errors).toEqual({
      postal_code: ['postal_code is not valid for country PT: expected NNNN-NNN'],
    });
    expect(
      planSectionEdit('delivery_address', address, typed({ country_code: 'PT', postal_code: '1000-001' })).errors,
    ).toEqual({});
    const mismatched = { ...address, country_code: 'FR', postal_code: '1' };
    expect(
      planSectionEdit('delivery_address', mismatched, typed({ country_code: 'FR', postal_code: '1', city: 'Paris' })),
    ).toEqual({ changes: { city: 'Paris' }, errors: {} });
  });

  it('asks for every required field when the order has no such address yet', () => {
    const plan = planSectionEdit('invoice_address', null, {
      ...typed({}),
      address_line_1: '',
      postal_code: '',
      city: 'Madrid',
      country_code: '',
      phone: '',
    });
    expect(Object.keys(plan.errors).sort()).toEqual(['address_line_1', 'country_code', 'postal_code']);
  });
});
