import { timingSafeEqual } from 'node:crypto';
import { signOrderRef } from '../orders/order-ref-signature.js';

/** Issued by the orders module at registration; re-exported for the webhook tests and tools. */
export { signOrderRef };

/** Constant-time check against the current secret and, during a rotation, the previous one. */
export function verifyOrderRefSignature(
  secrets: (string | undefined)[],
  orderRef1: string,
  signature: string | undefined,
): boolean {
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
