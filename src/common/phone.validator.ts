import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The one phone rule, for order registration (seQura's customer and address objects) and for staff
 * corrections of the same fields. seQura takes national (`600 00 00 00`, `(91) 123-45.67`) and
 * international (`+34 600 000 000`, `0034 600000000`) numbers, so the rule checks the characters,
 * not a numbering plan: digits, spaces and `( ) - .`, a `+` only in front, 3 to 32 characters, at
 * least 3 digits. The back-office page keeps a copy (admin/src/field-rules.ts, held to this one by
 * test/admin/admin-field-rules.spec.ts).
 */
const PHONE_CHARACTERS = /^\+?[0-9()\-.\s]{3,32}$/;
const THREE_DIGITS = /(\D*\d){3}/;

export const PHONE_CHARACTERS_MESSAGE =
  'may hold digits, spaces and ( ) - . only, an optional leading +, 3 to 32 characters';
export const PHONE_DIGITS_MESSAGE = 'must contain at least 3 digits';

/**
 * Why `value` is not a phone number, or undefined when it is one. Surrounding spaces are ignored:
 * corrections trim every value before checking it and registration stores values as sent, and both
 * must give the same verdict.
 */
export function phoneProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  const phone = value.trim();
  if (!PHONE_CHARACTERS.test(phone)) return PHONE_CHARACTERS_MESSAGE;
  if (!THREE_DIGITS.test(phone)) return PHONE_DIGITS_MESSAGE;
  return undefined;
}

/** Property decorator for {@link phoneProblem}; the message names the property: `phone must …`. */
export function IsPhone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPhone',
      validator: {
        validate: (value) => phoneProblem(value) === undefined,
        defaultMessage: (args) => `${args?.property} ${phoneProblem(args?.value) ?? PHONE_CHARACTERS_MESSAGE}`,
      },
    },
    options,
  );
}
