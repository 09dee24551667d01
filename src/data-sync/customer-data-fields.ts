import type { Order } from '../orders/order.entity.js';

/** The three parts of an order that back-office staff may correct. */
export const SECTIONS = ['customer', 'delivery_address', 'invoice_address'] as const;
export type Section = (typeof SECTIONS)[number];

/** Who asked for the change: seQura (it talked to the shopper) or the merchant's own staff. */
export const SOURCES = ['sequra_correction', 'merchant'] as const;
export type ChangeSource = (typeof SOURCES)[number];
export const DEFAULT_SOURCE: ChangeSource = 'sequra_correction';

export const CUSTOMER_FIELDS = [
  'email',
  'given_names',
  'surnames',
  'phone',
  'mobile_phone',
  'nin',
  'date_of_birth',
  'company',
  'vat_number',
  'language_code',
] as const;

export const ADDRESS_FIELDS = [
  'given_names',
  'surnames',
  'company',
  'address_line_1',
  'address_line_2',
  'postal_code',
  'city',
  'state',
  'country_code',
  'phone',
  'mobile_phone',
  'vat_number',
  'extra',
] as const;

export const EDITABLE_FIELDS: Readonly<Record<Section, readonly string[]>> = {
  customer: CUSTOMER_FIELDS,
  delivery_address: ADDRESS_FIELDS,
  invoice_address: ADDRESS_FIELDS,
};

/**
 * Fields a section cannot exist without (what order registration requires): they can be corrected
 * but not cleared. Every other editable field is optional and `null` removes it.
 */
const ADDRESS_REQUIRED = ['address_line_1', 'postal_code', 'city', 'country_code'];
export const REQUIRED_FIELDS: Readonly<Record<Section, readonly string[]>> = {
  customer: ['email'],
  delivery_address: ADDRESS_REQUIRED,
  invoice_address: ADDRESS_REQUIRED,
};

/** The entity property holding each section. */
export const SECTION_PROPERTY: Readonly<Record<Section, 'customer' | 'deliveryAddress' | 'invoiceAddress'>> = {
  customer: 'customer',
  delivery_address: 'deliveryAddress',
  invoice_address: 'invoiceAddress',
};

/** Postal code formats we know; other countries only get the generic length/character check. */
const POSTAL_CODE_RULES: Record<string, { pattern: RegExp; format: string }> = {
  ES: { pattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, format: '5 digits starting with a province code 01-52' },
  PT: { pattern: /^\d{4}-\d{3}$/, format: 'NNNN-NNN' },
  FR: { pattern: /^\d{5}$/, format: '5 digits' },
  IT: { pattern: /^\d{5}$/, format: '5 digits' },
};

/** Why a postal code does not fit the country, or undefined if it does (or the country has no rule). */
export function postalCodeProblem(countryCode: unknown, postalCode: unknown): string | undefined {
  if (typeof countryCode !== 'string' || typeof postalCode !== 'string') return undefined;
  const rule = POSTAL_CODE_RULES[countryCode.toUpperCase()];
  if (!rule || rule.pattern.test(postalCode)) return undefined;
  return `postal_code is not valid for country ${countryCode.toUpperCase()}: expected ${rule.format}`;
}

export function sectionOf(order: Order, section: Section): Record<string, unknown> | null {
  return order[SECTION_PROPERTY[section]] ?? null;
}

/** `customer.email` → `{section, field}`, or undefined for anything that is not an editable field. */
export function parseFieldPath(path: string): { section: Section; field: string } | undefined {
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const section = path.slice(0, dot) as Section;
  const field = path.slice(dot + 1);
  if (!SECTIONS.includes(section) || !EDITABLE_FIELDS[section].includes(field)) return undefined;
  return { section, field };
}
