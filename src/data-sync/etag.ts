/** The ETag of an order's customer data: its version, as a strong entity tag. */
export const etagOf = (version: number) => `"${version}"`;

/**
 * The versions an `If-Match` header names. Accepts `"7"`, `7` and `W/"7"`, and a comma-separated
 * list. Returns `'*'` for the wildcard and an empty list when no tag can be read.
 */
export function ifMatchVersions(header: string): number[] | '*' {
  const versions: number[] = [];
  for (const raw of header.split(',')) {
    const tag = raw.trim();
    if (tag === '*') return '*';
    const match = /^(?:W\/)?(?:"(\d{1,9})"|(\d{1,9}))$/.exec(tag);
    if (match) versions.push(Number(match[1] ?? match[2]));
  }
  return versions;
}
