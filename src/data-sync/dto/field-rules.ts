import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsISO31661Alpha2,
  isISO31661Alpha2,
  isISO6391,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { IsPhone } from '../../common/phone.validator.js';

/**
 * Property decorators shared by the PATCH bodies and the correction batch (which validates each
 * row through the same DTOs). Every field is optional: absent = untouched, `null` = clear it (the
 * service refuses to clear required fields), a string must not be empty after trimming.
 */
const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A trimmed, non-empty string of at most `max` characters. */
export const Text = (max: number) => applyDecorators(IsOptional(), trim, IsString(), IsNotEmpty(), MaxLength(max));

export const Email = () =>
  applyDecorators(
    IsOptional(),
    trim,
    IsString(),
    MaxLength(254),
    IsEmail({}, { message: '$property must be a valid email address' }),
  );

/** The rule registration uses too (src/common/phone.validator.ts), on the trimmed value. */
export const Phone = () => applyDecorators(IsOptional(), trim, IsPhone());

/** Upper-cased before the check, so `es` is stored as `ES`. */
export const CountryCode = () =>
  applyDecorators(
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)),
    IsString(),
    IsISO31661Alpha2({ message: '$property must be an ISO 3166-1 alpha-2 country code, like ES' }),
  );

/** The country-specific format is checked by the service against the resulting address. */
export const PostalCode = () =>
  applyDecorators(
    IsOptional(),
    trim,
    IsString(),
    Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{1,15}$/, {
      message: '$property must be 2 to 16 letters, digits, spaces or dashes',
    }),
  );

/** `es` or `es-ES`: an ISO 639-1 language, optionally with an ISO 3166-1 region. */
export const LanguageCode = () =>
  applyDecorators(
    IsOptional(),
    trim,
    IsString(),
    ValidateBy({
      name: 'isLanguageCode',
      validator: {
        validate: (value) => {
          const match = typeof value === 'string' ? /^([a-z]{2})(?:-([A-Z]{2}))?$/.exec(value) : null;
          return !!match && isISO6391(match[1]) && (!match[2] || isISO31661Alpha2(match[2]));
        },
        defaultMessage: () => 'language_code must be an ISO 639-1 code, optionally with a region: "es" or "es-ES"',
      },
    }),
  );

/** A real calendar date, YYYY-MM-DD, not in the future and not before 1900. */
export function isValidBirthDate(value: unknown, today = new Date()): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  // `2023-02-30` parses to March 2nd: a real date must survive the round trip.
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  return value >= '1900-01-01' && value <= today.toISOString().slice(0, 10);
}

export const BirthDate = () =>
  applyDecorators(
    IsOptional(),
    trim,
    IsString(),
    ValidateBy({
      name: 'isBirthDate',
      validator: {
        validate: (value) => isValidBirthDate(value),
        defaultMessage: () => 'date_of_birth must be a real date YYYY-MM-DD, not in the future and not before 1900',
      },
    }),
  );
