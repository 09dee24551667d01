import { createHmac, createSecretKey, KeyObject } from 'node:crypto';

/** The secrets as key objects, made once: a string key is converted to bytes on every `createHmac`. */
const keys = new Map<string, KeyObject>();

/**
 * The signature handed to seQura at registration (in the order's callback parameters) and checked on
 * every IPN and event: base64url(HMAC-SHA256(secret, order_ref_1)). seQura echoes it back verbatim.
 * It lives with the order that issues it; the webhooks verify it (webhooks/webhook-signature.ts).
 */
export function signOrderRef(secret: string, orderRef1: string): string {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return createHmac('sha256', key).update(orderRef1, 'utf8').digest('base64url');
}
