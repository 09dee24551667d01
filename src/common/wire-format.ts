/** A timestamp on the wire: ISO 8601 in UTC, or null. */
export const isoOrNull = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

/**
 * Drops null and undefined members, as seQura's php-client does before sending (a plain loop: it
 * runs for every entry of a report).
 */
export function withoutEmpty<T extends Record<string, unknown>>(value: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key in value) {
    const member = value[key];
    if (member !== null && member !== undefined) result[key] = member;
  }
  return result;
}
