import { Api, ApiError } from './api.js';

/**
 * The admin key lives in sessionStorage only: gone when the tab closes, never in localStorage or a
 * cookie, never sent anywhere but this service's API.
 */
const KEY = 'sequra-admin.key';
const ACTOR = 'sequra-admin.actor';

export interface Session {
  key: string;
  actor: string | null;
}

export function loadSession(): Session | null {
  const key = sessionStorage.getItem(KEY);
  return key ? { key, actor: sessionStorage.getItem(ACTOR) } : null;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, session.key);
  if (session.actor) sessionStorage.setItem(ACTOR, session.actor);
  else sessionStorage.removeItem(ACTOR);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ACTOR);
}

/** A reference no order can have (order_ref_1 may not start with a space); the probe only reads anyway. */
const PROBE_REF = ' admin-key-check';

/**
 * Checks a key with two cheap reads: any valid key may list orders (else 401: unknown key); only an
 * admin key may read customer data, so the probe answers 404 (no such order) to an admin key and 403
 * to a service key. Throws an Error whose message says what is wrong, in plain words.
 */
export async function verifyAdminKey(key: string): Promise<void> {
  const api = new Api(key, null, () => undefined);
  try {
    await api.get('/orders', { query: { limit: 1 } });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401)
      throw new Error('This key was not accepted: it is not a key of this service. Check it and try again.');
    throw error;
  }
  try {
    await api.get('/orders/{ref}/customer-data', { path: { ref: PROBE_REF } });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 404) return;
    if (error.status === 403) {
      throw new Error(
        'This is a service key (for the shop’s systems), not an admin key. ' +
          'The back office needs a key from ADMIN_API_KEYS.',
      );
    }
    throw error;
  }
  // 200 for a reference no order can have: the API does not behave as this page expects.
  throw new Error(
    'The service answered the admin-key check unexpectedly; the key was not accepted. Tell the engineers.',
  );
}

/** Header values must be Latin-1; a name outside it would make every request fail in fetch(). */
export function actorProblem(actor: string): string | undefined {
  if (actor.length > 100) return 'Your name may have at most 100 characters.';
  if (/[^\x20-\x7E\xA0-\xFF]/.test(actor))
    return 'Your name may use Latin letters (accents included), digits, spaces and punctuation only.';
  return undefined;
}
