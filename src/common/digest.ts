import { createHash, timingSafeEqual } from 'node:crypto';

export const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Compares a presented secret with the digest of the expected one. Digests have a fixed length, so
 * the comparison time says nothing about the secret's length or content.
 */
export const matchesDigest = (presented: string, expected: Buffer): boolean =>
  timingSafeEqual(sha256(presented), expected);
