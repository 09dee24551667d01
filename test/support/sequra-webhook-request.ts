/**
 * The requests seQura sends, built the way seQura builds them: one source for the simulator
 * (`npm run sequra:simulate`), the tests, the fault suite and the webhook benchmark. Not part of the
 * service (it only receives these), hence here and not in src/. Field order follows the docs' example
 * (`charset, utf8, event, order_ref_1, order_ref_2, order_ref`, then the merchant's parameters with
 * an `m_` prefix); the IPN follows seQura's core test fixture (the notification parameters first,
 * unprefixed, then `order_ref, <state>_since, product_code, sq_state, order_ref_1`).
 */
export const SEQURA_WEBHOOK_HEADERS = {
  'Content-Type': 'application/x-www-form-urlencoded',
  Accept: 'application/json',
  'User-Agent': 'seQura-Event/1.0 (www.sequra.es)',
} as const;

/** `a=1&b=2`, percent-encoded like seQura (`√` → `%E2%88%9A`, `+` → `%2B`, `"` → `%22`). */
export function encodeForm(fields: [string, string][]): string {
  return fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

export interface EventRequest {
  event: string;
  orderRef1: string;
  /** seQura sends the two characters `""` when the order has none (see the docs' example). */
  orderRef2?: string;
  orderRef: string;
  /** Event-specific fields, e.g. `{ risk_level: 'low_risk' }` or `{ cancellation_request_url: … }`. */
  extra?: Record<string, string>;
  /** `events_webhook.parameters` as registered (`{ signature, order }`); sent with an `m_` prefix. */
  parameters: Record<string, string>;
}

export function eventFormFields(request: EventRequest): [string, string][] {
  return [
    ['charset', 'UTF-8'],
    ['utf8', '\u221a'],
    ['event', request.event],
    ['order_ref_1', request.orderRef1],
    ['order_ref_2', request.orderRef2 ?? '""'],
    ['order_ref', request.orderRef],
    ...Object.entries(request.extra ?? {}),
    ...Object.entries(request.parameters).map(([k, v]): [string, string] => [`m_${k}`, v]),
  ];
}

export interface IpnRequest {
  state: 'approved' | 'needs_review';
  orderRef1: string;
  orderRef: string;
  productCode?: string;
  /** `notification_parameters` as registered (`{ signature, order }`); sent as-is. */
  parameters: Record<string, string>;
}

export function ipnFormFields(request: IpnRequest): [string, string][] {
  return [
    ...Object.entries(request.parameters),
    ['order_ref', request.orderRef],
    [`${request.state}_since`, '0'],
    ['product_code', request.productCode ?? 'i1'],
    ['sq_state', request.state],
    ['order_ref_1', request.orderRef1],
  ];
}

/**
 * The statuses seQura takes as delivered (anything else is retried); `cancel` also needs a JSON answer
 * and does not accept 404.
 */
export function isAcceptedAnswer(kind: 'ipn' | 'event', event: string, status: number, body: string): boolean {
  if (kind === 'event' && event === 'cancel') {
    if (![200, 201, 202, 302, 307, 501].includes(status)) return false;
    try {
      JSON.parse(body);
      return true;
    } catch {
      return false;
    }
  }
  // 410 is the IPN's "the shop refuses": final, seQura does not retry it.
  return [200, 201, 202, 302, 307, 404, 501, ...(kind === 'ipn' ? [410] : [])].includes(status);
}
