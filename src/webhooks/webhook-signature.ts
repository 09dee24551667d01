import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature handed to seQura at registration and checked on every IPN and event:
 * base64url(HMAC-SHA256(secret, order_ref_1)). seQura echoes it back verbatim.
 */
export function signOrderRef(secret: string, orderRef1: string): string {
  return createHmac('sha256', secret).update(orderRef1, 'utf8').digest('base64url');
}

/** Constant-time check against the current secret and, during a rotation, the previous one. */
export function verifyOrderRefSignature(secrets: (string | undefined)[], orderRef1: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature, 'utf8');
  let ok = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = Buffer.from(signOrderRef(secret, orderRef1), 'utf8');
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}
