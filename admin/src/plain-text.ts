/**
 * A JSON value as text: a string as itself, a number or boolean as `String()` writes it, an object or array as
 * JSON (never `[object Object]`). `null` and `undefined` are the caller's to show (as `—`, `unknown`…).
 */
export function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}
