import { ValidationFailedError } from './domain-errors.js';

/** Opaque keyset cursor over a bigint sequence column: base64url of the last row's `seq`. */
export const encodeCursor = (seq: string): string => Buffer.from(seq, 'utf8').toString('base64url');

/** The `seq` a cursor stands for; anything this API did not hand out is a 400 naming `cursor`. */
export function decodeCursor(cursor: string): string {
  const seq = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{1,19}$/.test(seq))
    throw new ValidationFailedError([{ field: 'cursor', messages: ['cursor is not one this API handed out'] }]);
  return seq;
}

/**
 * One page of a keyset listing: `rows` was read with `limit + 1` rows, newest first; the extra row
 * only says that another page follows, and the cursor points after the page's last row.
 */
export function keysetPage<T extends { seq: string }>(
  rows: T[],
  limit: number,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].seq) : null };
}
