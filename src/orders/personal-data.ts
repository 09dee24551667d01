import type { Address, Customer } from './sequra-objects.js';

/**
 * What a shopper's personal data is replaced with when it is erased (`POST /orders/:ref/erase`): the
 * order keeps its shape (an email, addresses with their country) so everything that reads it still
 * works, but nothing in it identifies the person any more.
 */
export const ERASED = '[erased]';
/** A syntactically valid address in the reserved `.invalid` domain (RFC 2606): it reaches nobody. */
export const ERASED_EMAIL = 'erased@erased.invalid';

/** Customer fields that say nothing about who the shopper is: kept as they are. */
const KEPT_CUSTOMER_FIELDS = new Set(['language_code', 'logged_in']);
/** Address fields kept: the country (the report's statistics and seQura's market). */
const KEPT_ADDRESS_FIELDS = new Set(['country_code']);

/**
 * Every field but the kept ones: a non-empty text becomes {@link ERASED} (names, phones, NIN, date
 * of birth, IP, user agent, address lines, postal code, city…); anything else (lists such as
 * `previous_orders`, objects, numbers) is dropped; an empty text stays empty. Key order is kept.
 */
function erased(section: Record<string, unknown>, kept: ReadonlySet<string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(section)) {
    if (kept.has(field)) result[field] = value;
    else if (typeof value === 'string') result[field] = value === '' ? '' : ERASED;
  }
  return result;
}

/** The customer block without the person: the email becomes {@link ERASED_EMAIL}. */
export function erasedCustomer(customer: Customer): Customer {
  return { ...erased(customer, KEPT_CUSTOMER_FIELDS), email: ERASED_EMAIL };
}

export function erasedAddress(address: Address): Address;
export function erasedAddress(address: Address | null): Address | null;
export function erasedAddress(address: Address | null): Address | null {
  return address ? erased(address, KEPT_ADDRESS_FIELDS) : null;
}
