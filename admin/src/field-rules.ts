/**
 * The customer-data fields the API lets staff correct, and the same checks the API makes
 * (src/data-sync/dto/field-rules.ts, customer-data-fields.ts), so most mistakes are caught before
 * sending. The API stays the judge: its 400 field errors are shown next to the fields too.
 * No DOM here: test/admin/admin-field-rules.spec.ts checks these rules against the API's own.
 */

import { plainText } from './plain-text.js';

export type Section = 'customer' | 'delivery_address' | 'invoice_address';
export const SECTIONS: readonly Section[] = ['customer', 'delivery_address', 'invoice_address'];

export const SECTION_TITLES: Readonly<Record<Section, string>> = {
  customer: 'Customer',
  delivery_address: 'Delivery address',
  invoice_address: 'Invoice address',
};

type Kind = 'text' | 'email' | 'phone' | 'country' | 'postal_code' | 'date' | 'language';

export interface FieldSpec {
  name: string;
  label: string;
  kind: Kind;
  max?: number;
  hint?: string;
  /** For the browser: autocomplete off (staff type other people's data), input type, inputmode. */
  inputType?: 'text' | 'email' | 'tel';
}

const text = (name: string, label: string, max: number, hint?: string): FieldSpec => ({
  name,
  label,
  kind: 'text',
  max,
  hint,
});
const phone = (name: string, label: string): FieldSpec => ({
  name,
  label,
  kind: 'phone',
  inputType: 'tel',
  hint: 'Digits, spaces and ( ) - . ; an optional leading +',
});

export const CUSTOMER_FIELDS: readonly FieldSpec[] = [
  { name: 'email', label: 'Email', kind: 'email', max: 254, inputType: 'email' },
  text('given_names', 'Given names', 255),
  text('surnames', 'Surnames', 255),
  phone('phone', 'Phone'),
  phone('mobile_phone', 'Mobile phone'),
  text('nin', 'National ID (NIF/NIE)', 32),
  { name: 'date_of_birth', label: 'Date of birth', kind: 'date', hint: 'YYYY-MM-DD, e.g. 1985-04-23' },
  text('company', 'Company', 255),
  text('vat_number', 'VAT number', 32),
  {
    name: 'language_code',
    label: 'Language',
    kind: 'language',
    hint: 'ISO 639-1, optionally with a region: es or es-ES',
  },
];

export const ADDRESS_FIELDS: readonly FieldSpec[] = [
  text('given_names', 'Given names', 255),
  text('surnames', 'Surnames', 255),
  text('company', 'Company', 255),
  text('address_line_1', 'Address line 1', 255),
  text('address_line_2', 'Address line 2', 255),
  { name: 'postal_code', label: 'Postal code', kind: 'postal_code', hint: 'Checked for ES, PT, FR and IT' },
  text('city', 'City', 255),
  text('state', 'State / province', 255),
  { name: 'country_code', label: 'Country code', kind: 'country', hint: 'ISO 3166-1 alpha-2, e.g. ES' },
  phone('phone', 'Phone'),
  phone('mobile_phone', 'Mobile phone'),
  text('vat_number', 'VAT number', 32),
  text('extra', 'Extra (floor, door…)', 255),
];

export const FIELDS: Readonly<Record<Section, readonly FieldSpec[]>> = {
  customer: CUSTOMER_FIELDS,
  delivery_address: ADDRESS_FIELDS,
  invoice_address: ADDRESS_FIELDS,
};

/** Fields a section cannot exist without: they may be corrected but not emptied. */
const ADDRESS_REQUIRED = ['address_line_1', 'postal_code', 'city', 'country_code'];
export const REQUIRED_FIELDS: Readonly<Record<Section, readonly string[]>> = {
  customer: ['email'],
  delivery_address: ADDRESS_REQUIRED,
  invoice_address: ADDRESS_REQUIRED,
};

export const COUNTRY_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY ' +
    'BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK ' +
    'FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR ' +
    'IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ' +
    'ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF ' +
    'TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

export const POSTAL_CODE_RULES: Readonly<Record<string, { pattern: RegExp; format: string }>> = {
  ES: { pattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, format: '5 digits starting with a province code 01-52' },
  PT: { pattern: /^\d{4}-\d{3}$/, format: 'NNNN-NNN' },
  FR: { pattern: /^\d{5}$/, format: '5 digits' },
  IT: { pattern: /^\d{5}$/, format: '5 digits' },
};

// The one phone rule of registration and corrections (src/common/phone.validator.ts), on the trimmed value.
const PHONE = /^\+?[0-9()\-.\s]{3,32}$/;
const POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,15}$/;
// A pragmatic email check; the API's (validator.js isEmail) is stricter and has the last word.
const EMAIL =
  /^[^\s@"(),:;<>[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;
const ISO_639_1 = new Set(
  (
    'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee ' +
    'el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is ' +
    'it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms ' +
    'mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk ' +
    'sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi ' +
    'yo za zh zu'
  ).split(' '),
);

/** The value the API will store for what was typed: trimmed; country codes upper-cased. */
export function normalise(spec: FieldSpec, raw: string): string {
  const value = raw.trim();
  return spec.kind === 'country' ? value.toUpperCase() : value;
}

/** Why `postal_code` does not fit `country`, or undefined when it does or the country has no rule. */
export function postalCodeProblem(country: string, postalCode: string): string | undefined {
  const rule = POSTAL_CODE_RULES[country.toUpperCase()];
  if (!rule || rule.pattern.test(postalCode)) return undefined;
  return `postal_code is not valid for country ${country.toUpperCase()}: expected ${rule.format}`;
}

export function isValidBirthDate(value: string, today = new Date()): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  return value >= '1900-01-01' && value <= today.toISOString().slice(0, 10);
}

/** Problems with one non-empty, normalised value (the API's wording where it has one). */
export function fieldProblems(spec: FieldSpec, value: string): string[] {
  const problems: string[] = [];
  if (spec.max !== undefined && value.length > spec.max)
    problems.push(`${spec.name} must be shorter than or equal to ${spec.max} characters`);
  switch (spec.kind) {
    case 'email':
      if (!EMAIL.test(value)) problems.push(`${spec.name} must be a valid email address`);
      break;
    case 'phone':
      if (!PHONE.test(value))
        problems.push(
          `${spec.name} may hold digits, spaces and ( ) - . only, an optional leading +, 3 to 32 characters`,
        );
      else if (!/(\D*\d){3}/.test(value)) problems.push(`${spec.name} must contain at least 3 digits`);
      break;
    case 'country':
      if (!COUNTRY_CODES.has(value)) problems.push(`${spec.name} must be an ISO 3166-1 alpha-2 country code, like ES`);
      break;
    case 'postal_code':
      if (!POSTAL_CODE.test(value)) problems.push(`${spec.name} must be 2 to 16 letters, digits, spaces or dashes`);
      break;
    case 'date':
      if (!isValidBirthDate(value))
        problems.push(`${spec.name} must be a real date YYYY-MM-DD, not in the future and not before 1900`);
      break;
    case 'language': {
      const match = /^([a-z]{2})(?:-([A-Z]{2}))?$/.exec(value);
      if (!match || !ISO_639_1.has(match[1]) || (match[2] !== undefined && !COUNTRY_CODES.has(match[2]))) {
        problems.push(`${spec.name} must be an ISO 639-1 code, optionally with a region: "es" or "es-ES"`);
      }
      break;
    }
    case 'text':
      break;
  }
  return problems;
}

export interface SectionEdit {
  /** Only the fields that changed: a string, or null to clear the field. */
  changes: Record<string, string | null>;
  /** Problems per field name; empty when the edit can be sent. */
  errors: Record<string, string[]>;
}

/**
 * What to send for a section: the fields whose normalised value differs from the current data
 * (empty = clear), checked like the API checks them, including the postal code against the
 * country of the resulting address.
 */
export function planSectionEdit(
  section: Section,
  current: Record<string, unknown> | null,
  typed: Record<string, string>,
): SectionEdit {
  const changes: Record<string, string | null> = {};
  const errors: Record<string, string[]> = {};
  const addError = (field: string, message: string) => (errors[field] ??= []).push(message);
  for (const spec of FIELDS[section]) {
    if (!(spec.name in typed)) continue;
    const value = normalise(spec, typed[spec.name]);
    const before = current?.[spec.name];
    const beforeText = before === null || before === undefined ? '' : plainText(before);
    if (value === beforeText) continue;
    if (value === '') {
      if (REQUIRED_FIELDS[section].includes(spec.name))
        addError(spec.name, `${spec.name} is required and cannot be cleared`);
      else changes[spec.name] = null;
      continue;
    }
    for (const problem of fieldProblems(spec, value)) addError(spec.name, problem);
    changes[spec.name] = value;
  }
  if (current === null && Object.keys(changes).length > 0) {
    for (const field of REQUIRED_FIELDS[section]) {
      if (!(field in changes) && !errors[field])
        addError(field, `${field} is required: the order has no ${section} yet`);
    }
  }
  if (section !== 'customer' && !errors.postal_code && !errors.country_code) {
    const country = 'country_code' in changes ? changes.country_code : current?.country_code;
    const postal = 'postal_code' in changes ? changes.postal_code : current?.postal_code;
    // Only when the edit touches one of the two: an old mismatch is not this edit's fault.
    if (
      ('country_code' in changes || 'postal_code' in changes) &&
      typeof country === 'string' &&
      typeof postal === 'string'
    ) {
      const problem = postalCodeProblem(country, postal);
      if (problem) addError('postal_code', problem);
    }
  }
  return { changes, errors };
}
