/** The ETag of an order's customer data: its version, as a strong entity tag. */
export const etagOf = (version: number) => `"${version}"`;

/** What an `If-Match` header asks for (RFC 9110 §13.1.1). */
export type IfMatch =
  /** `*`: any current representation. */
  | { kind: 'any' }
  /** A list of well-formed entity tags; `versions` are those that name one of our versions (others never match). */
  | { kind: 'tags'; versions: number[] }
  /** Not an entity-tag list at all. */
  | { kind: 'malformed' };

/** `[W/]"<etagc>*"` (RFC 9110 §8.8.3: etagc is `!`, `#`–`~` or obs-text), or a bare version (lenient). */
const ENTITY_TAG = /^(?:W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;
const BARE_VERSION = /^\d{1,9}$/;

/**
 * Reads an `If-Match` header. A well-formed tag that is not one of ours (`"stale-0"`) is a tag that
 * does not match (the caller answers 412), not a malformed header (400). A weak tag (`W/"7"`) is
 * accepted as naming version 7, and a bare `7` too, as the back office and scripts have sent them.
 */
export function parseIfMatch(header: string): IfMatch {
  const members = header.split(',').map((m) => m.trim());
  if (members.length === 1 && members[0] === '*') return { kind: 'any' };
  const versions: number[] = [];
  for (const member of members) {
    if (BARE_VERSION.test(member)) {
      versions.push(Number(member));
      continue;
    }
    const tag = ENTITY_TAG.exec(member);
    if (!tag) return { kind: 'malformed' };
    if (/^\d{1,9}$/.test(tag[1])) versions.push(Number(tag[1]));
  }
  return { kind: 'tags', versions };
}
