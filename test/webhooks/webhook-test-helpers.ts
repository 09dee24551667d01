import { randomUUID } from 'node:crypto';
import { signOrderRef } from '../../src/webhooks/webhook-signature.js';
import {
  encodeForm,
  eventFormFields,
  EventRequest,
  ipnFormFields,
  IpnRequest,
  SEQURA_WEBHOOK_HEADERS,
} from '../support/sequra-webhook-request.js';
import type { SequraStandIn } from '../sequra-stand-in/sequra-stand-in.js';
import { seedOrder } from '../support/order-fixtures.js';
import { confirmAtSequra } from '../support/sequra-fixtures.js';
import { TestApp, TestResponse, WEBHOOK_SECRET } from '../support/test-app.js';

export const sign = (orderRef1: string, secret = WEBHOOK_SECRET) => signOrderRef(secret, orderRef1);

/** seQura's request for an event, signed like the order's registration (`m_signature`, `m_order`). */
export function eventForm(
  event: string,
  orderRef1: string,
  orderRef: string,
  options: Partial<EventRequest> & { secret?: string } = {},
): string {
  const { secret, ...rest } = options;
  return encodeForm(
    eventFormFields({
      event,
      orderRef1,
      orderRef,
      parameters: { signature: sign(orderRef1, secret), order: orderRef1 },
      ...rest,
    }),
  );
}

export function ipnForm(
  state: IpnRequest['state'],
  orderRef1: string,
  orderRef: string,
  options: Partial<IpnRequest> & { secret?: string } = {},
): string {
  const { secret, ...rest } = options;
  return encodeForm(
    ipnFormFields({
      state,
      orderRef1,
      orderRef,
      parameters: { signature: sign(orderRef1, secret), order: orderRef1 },
      ...rest,
    }),
  );
}

/** POSTs a raw body with seQura's headers (no API key: the webhooks are public). */
export function postWebhook(
  t: TestApp,
  path: 'ipn' | 'events',
  raw: string,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return t.request('POST', `/webhooks/sequra/${path}`, {
    raw,
    key: null,
    headers: { ...SEQURA_WEBHOOK_HEADERS, ...headers },
  });
}

export type State = 'pending' | 'on_hold' | 'approved' | 'shipped' | 'refunded' | 'denied' | 'cancelled';

/**
 * An order already in `state` (seeded through the repository, as the other webhooks and the API
 * would have left it) and the seQura order uuid its webhooks carry: stored once seQura confirmed the
 * order (approved, shipped, refunded), unless `sequraOrderRef` says what to store. With `standIn`,
 * seQura's side of the order is seeded too (see confirmAtSequra).
 */
export async function orderIn(
  t: TestApp,
  ref: string,
  state: State,
  options: { sequraOrderRef?: string | null; standIn?: SequraStandIn } = {},
): Promise<{ ref: string; sequraOrderRef: string }> {
  const sequraOrderRef = randomUUID();
  const confirmed = state === 'approved' || state === 'shipped' || state === 'refunded';
  const stored = options.sequraOrderRef === undefined ? (confirmed ? sequraOrderRef : null) : options.sequraOrderRef;
  const order = await seedOrder(t, ref, { state, sequraOrderRef: stored });
  if (options.standIn) confirmAtSequra(options.standIn, order);
  return { ref, sequraOrderRef };
}

export async function orderRow(t: TestApp, ref: string) {
  const [row] = await t.db.query(`SELECT * FROM orders WHERE order_ref_1 = $1`, [ref]);
  return row;
}

export async function historyOf(t: TestApp, ref: string) {
  return t.db.query(
    `SELECT h.kind, h.from_state, h.to_state, h.cause, h.actor, h.details
     FROM order_history h JOIN orders o ON o.id = h.order_id
     WHERE o.order_ref_1 = $1 ORDER BY h.id`,
    [ref],
  );
}

export async function webhookEventsOf(t: TestApp, ref: string) {
  return t.db.query(`SELECT * FROM webhook_events WHERE order_ref_1 = $1 ORDER BY id`, [ref]);
}

/** The answer must be JSON: `application/json`, and an empty body when `empty`. */
export function expectJsonAnswer(res: TestResponse, status: number, empty = false): void {
  expect({ status: res.status, type: res.headers.get('content-type')?.split(';')[0] }).toEqual({
    status,
    type: 'application/json',
  });
  if (empty) expect(res.text).toBe('');
  else expect(() => JSON.parse(res.text)).not.toThrow();
}
