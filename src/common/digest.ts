import { hash, timingSafeEqual } from 'node:crypto';

/** One-shot `crypto.hash` (Node ≥ 20.12): the same digest as `createHash`, without building a Hash object. */
export const sha256 = (value: string): Buffer => hash('sha256', value, 'buffer');

/**
 * Compares a presented secret with the digest of the expected one. Digests have a fixed length, so
 * the comparison time says nothing about the secret's length or content.
 */
export const matchesDigest = (presented: string, expected: Buffer): boolean =>
  timingSafeEqual(sha256(presented), expected);
