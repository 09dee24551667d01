import type { FieldError } from '../common/domain-errors.js';
import type { WebhookKind } from './webhook-event.entity.js';
import type { WebhookNotification } from './webhook-handler.js';

/** Bodies are small forms; anything bigger is not from seQura (Fastify answers 413). */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

const MAX_REF_LENGTH = 255;
/** `orders.sequra_order_ref` is varchar(64). */
const MAX_SEQURA_REF_LENGTH = 64;
/** The `utf8` field: if it does not arrive as `√`, the body was re-encoded on the way. */
const UTF8_CHECK = '\u221a';

/** The signature fields: checked, never stored. */
export const SIGNATURE_FIELDS = ['signature', 'm_signature'] as const;

/**
 * Where each kind carries its event name and its signature. The IPN's `order` / events' `m_order` is our own
 * notification parameter.
 */
const LAYOUT: Record<WebhookKind, { name: string; signature: string; ownRef: string }> = {
  ipn: { name: 'sq_state', signature: 'signature', ownRef: 'order' },
  event: { name: 'event', signature: 'm_signature', ownRef: 'm_order' },
};

/** The form field that names the IPN state (`sq_state`) or the event (`event`). */
export const WEBHOOK_NAME_FIELD: Record<WebhookKind, string> = { ipn: LAYOUT.ipn.name, event: LAYOUT.event.name };

export type FormFields = Record<string, string | string[]>;

export interface WebhookForm {
  /** The form as received, signatures removed: what gets stored. */
  payload: Record<string, unknown> | null;
  /** What could be read, for the audit row even when the request is refused (null if absent or unusable). */
  name: string | null;
  orderRef1: string | null;
  orderRef2: string | null;
  sequraOrderRef: string | null;
  signature: string | undefined;
  errors: FieldError[];
  /** Set when there are no errors. */
  notification?: WebhookNotification;
}

/** `application/x-www-form-urlencoded`, with or without parameters (`; charset=UTF-8`). */
export function isFormContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

/** The stored copy of a body: every field but the signatures. */
export function withoutSignatures(body: unknown): Record<string, unknown> | null {
  if (!isPlainObject(body)) return null;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body))
    if (!(SIGNATURE_FIELDS as readonly string[]).includes(key)) copy[key] = value;
  return copy;
}

/** PostgreSQL text cannot hold U+0000: a body with one is refused, and stored with U+FFFD in its place. */
const NUL = '\u0000';

function withoutNul(body: unknown): { body: unknown; hadNul: boolean } {
  if (!isPlainObject(body)) return { body, hadNul: false };
  const has = (value: unknown) => typeof value === 'string' && value.includes(NUL);
  const hadNul = Object.entries(body).some(
    ([key, value]) => has(key) || has(value) || (Array.isArray(value) && value.some(has)),
  );
  if (!hadNul) return { body, hadNul };
  const clean = (value: unknown) => (typeof value === 'string' ? value.replaceAll(NUL, '\ufffd') : value);
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body))
    copy[clean(key) as string] = Array.isArray(value) ? value.map(clean) : clean(value);
  return { body: copy, hadNul };
}

/** A single string value that fits a reference column, or null. */
function single(fields: Record<string, unknown>, name: string): string | null {
  const value = fields[name];
  return typeof value === 'string' && value !== '' && value.length <= MAX_REF_LENGTH ? value : null;
}

/**
 * Reads and checks a webhook form (already parsed by Fastify). Each problem is a field error
 * (answered 400); a missing or repeated signature is not a field error but a failed authentication
 * (403), checked by the caller.
 */
export function readWebhookForm(kind: WebhookKind, received: unknown): WebhookForm {
  const layout = LAYOUT[kind];
  const { body, hadNul } = withoutNul(received);
  const fields = isPlainObject(body) ? body : {};
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, messages: [message] });
  if (!isPlainObject(body)) fail('body', 'expected a form body');
  if (hadNul) fail('body', 'the form must not contain NUL characters (%00)');

  const required = (field: string, max = MAX_REF_LENGTH): string | undefined => {
    const value = fields[field];
    if (value === undefined || value === '') fail(field, `${field} is required`);
    else if (typeof value !== 'string') fail(field, `${field} must be given once`);
    else if (value.length > max) fail(field, `${field} must be at most ${max} characters long`);
    else return value;
    return undefined;
  };
  const optional = (field: string): string | undefined => {
    const value = fields[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') fail(field, `${field} must be given once`);
    else if (value.length > MAX_REF_LENGTH) fail(field, `${field} must be at most ${MAX_REF_LENGTH} characters long`);
    else return value;
    return undefined;
  };

  const name = required(layout.name);
  const sequraOrderRef = required('order_ref', kind === 'ipn' ? MAX_SEQURA_REF_LENGTH : MAX_REF_LENGTH);
  // order_ref_1 is "the merchant reference, if known"; our own notification parameter carries it too.
  const givenRef1 = optional('order_ref_1');
  const ownRef = optional(layout.ownRef);
  const orderRef1 = givenRef1 || ownRef;
  if (!orderRef1 && !errors.some((e) => e.field === 'order_ref_1' || e.field === layout.ownRef))
    fail('order_ref_1', 'order_ref_1 is required');
  if (givenRef1 && ownRef && givenRef1 !== ownRef)
    fail('order_ref_1', `order_ref_1 and ${layout.ownRef} name different orders`);
  const orderRef2 = optional('order_ref_2');
  const utf8 = fields.utf8;
  if (utf8 !== undefined && utf8 !== UTF8_CHECK)
    fail('utf8', 'utf8 must be "\u221a": the body was re-encoded on the way');

  const signature = typeof fields[layout.signature] === 'string' ? (fields[layout.signature] as string) : undefined;
  const form: WebhookForm = {
    payload: withoutSignatures(body),
    name: single(fields, layout.name),
    orderRef1: orderRef1 ?? single(fields, 'order_ref_1') ?? single(fields, layout.ownRef),
    orderRef2: single(fields, 'order_ref_2'),
    sequraOrderRef: single(fields, 'order_ref'),
    signature,
    errors,
  };
  if (errors.length === 0) {
    const strings: Record<string, string> = {};
    for (const [key, value] of Object.entries(form.payload ?? {})) if (typeof value === 'string') strings[key] = value;
    form.notification = {
      kind,
      name: name!,
      orderRef1: orderRef1!,
      orderRef2: orderRef2 ?? null,
      sequraOrderRef: sequraOrderRef!,
      fields: strings,
    };
  }
  return form;
}
