import { createHmac } from 'node:crypto';

/**
 * The signature handed to seQura at registration (in the order's callback parameters) and checked on
 * every IPN and event: base64url(HMAC-SHA256(secret, order_ref_1)). seQura echoes it back verbatim.
 * It lives with the order that issues it; the webhooks verify it (webhooks/webhook-signature.ts).
 */
export function signOrderRef(secret: string, orderRef1: string): string {
  return createHmac('sha256', secret).update(orderRef1, 'utf8').digest('base64url');
}
