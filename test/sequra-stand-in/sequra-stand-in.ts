import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CheckoutOutcome,
  CompletedCheckout,
  completedPageHtml,
  escapeHtml,
  FORM_NOT_FOUND_HTML,
  FORM_SCRIPT,
  formPageHtml,
  identificationFormHtml,
  paymentMethods,
  sendIpn,
  Solicitation,
} from './stand-in-checkout.js';

export type { CheckoutOutcome, CompletedCheckout, Solicitation } from './stand-in-checkout.js';

/**
 * A local stand-in for seQura's merchant API, used by the tests and runnable on its own
 * (`npm run sequra:stand-in`). It serves the calls the service makes, checks credentials,
 * the merchant header and the body shapes the way seQura does, records every request, and can be
 * scripted to fail.
 *
 * It plays the checkout end to end: a solicitation (`POST /orders`) starts a seQura order, answered
 * 204 with its `Location`; its identification form (`form_v2`) and payment methods are served; and
 * the shopper's side, which seQura serves to browsers without credentials (`/orders/{uuid}/pumbaa_form`,
 * the page the form's iframe shows), completes the purchase by POSTing the IPN to the order's
 * `notify_url` with its `notification_parameters`, as seQura does (see {@link SequraStandIn.completeCheckout}).
 *
 * It also keeps seQura's side of each order, as seQura does: an IPN acknowledgement confirms the
 * order (or puts it on hold) with its cart unshipped; an Order Update or a delivery report entry
 * replaces its carts. An Order Update for an order it never confirmed (unknown, or on hold) is a
 * 404, as seQura answers. Tests read {@link SequraStandIn.orders} to assert what seQura now holds,
 * and seed it with {@link SequraStandIn.confirmOrder} for orders they seed directly in our database.
 */

export interface RecordedRequest {
  method: string;
  /** Path without query string, percent-decoded (`A14/12345`). */
  path: string;
  /** Path as received on the wire (`A14%2F12345`). */
  rawPath: string;
  /** The query string as received, with its `?` (`?product=i1`), or ''. */
  query: string;
  /** Header names lower-cased; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text if it was not JSON, or null when empty. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** Status answered; 0 while a scripted `hang` keeps the request open. */
  status: number;
  at: Date;
}

export type FailureMode = 'error500' | 'hang' | 'conflict409' | 'reject422' | 'notFound404';

/** seQura's side of one order: what it holds after the calls it accepted. */
export interface SequraSideOrder {
  orderRef1: string;
  /** seQura's order uuid (the acknowledgement's path); null for an order a test seeded. */
  sequraOrderRef: string | null;
  state: 'confirmed' | 'on_hold';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  shipped_cart: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  unshipped_cart: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  trackings: any[];
  /** How many Order Updates and report entries changed it. */
  updates: number;
}

export interface SequraStandIn {
  /** Base URL to use as SEQURA_BASE_URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Every request received, in arrival order. */
  requests: RecordedRequest[];
  /** seQura's side of the orders it knows, by order_ref_1. */
  orders: Map<string, SequraSideOrder>;
  /** The seQura orders started by solicitations, by uuid (each one independent, as at seQura). */
  solicitations: Map<string, Solicitation>;
  /**
   * The shopper finishes seQura's form for a solicited order: the IPN goes to its `notify_url` (see
   * sendIpn). Also served as `POST /orders/{uuid}/pumbaa_form` (the form page's buttons).
   */
  completeCheckout(uuid: string, outcome?: CheckoutOutcome, productCode?: string): Promise<CompletedCheckout>;
  /**
   * Seeds seQura's side of an order a test put directly in our database as confirmed (approved,
   * shipped): as if seQura had accepted its acknowledgement with `cart` (everything unshipped).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  confirmOrder(orderRef1: string, cart: any, state?: 'confirmed' | 'on_hold'): void;
  /**
   * The next `count` requests (any route, before any check; with `only`, those whose method and path
   * it accepts) fail with `mode`. Calls add up in order.
   */
  failNext(count: number, mode: FailureMode, only?: (method: string, path: string) => boolean): void;
  /** Forgets recorded requests and scripted failures (not the orders it knows). */
  reset(): void;
  close(): Promise<void>;
}

export interface StandInOptions {
  port?: number;
  host?: string;
  user?: string;
  password?: string;
  merchantId?: string;
  /**
   * seQura's side of the orders to start with: pass a stopped stand-in's `orders` to model seQura
   * coming back after an outage with everything it knew.
   */
  orders?: Map<string, SequraSideOrder>;
  /** Answers only after this many milliseconds: lets a test hold a call in flight. Default 0. */
  latencyMs?: number;
  /** Called once per request when its status is known (a `hang` reports status 0 on arrival). */
  onResponse?: (request: RecordedRequest) => void;
  /**
   * Serves `/__stand-in/*` control routes (no auth): `POST /__stand-in/fail-next {count, mode}`,
   * `POST /__stand-in/reset`, `GET /__stand-in/requests`. For manual runs only; off by default.
   */
  controlRoutes?: boolean;
}

/** The messages the stand-in answers with, so tests can assert on them. */
export const STAND_IN_ERRORS = {
  unauthorized: 'Wrong credentials',
  forbiddenUrl: 'You do not have access to this URL',
  notFound: 'Order not found',
  routeNotFound: 'Not found',
  serverError: 'Internal server error',
  conflict: 'Cart has changed',
  /** seQura's 409 for a cart whose lines do not add up (docs, start-solicitation and order-update-api). */
  inconsistentCart: (prefix: string, items: number[], total: number) => {
    const sum = items.reduce((a, b) => a + b, 0);
    return (
      `Invalid data: ${prefix}items' total_with_tax add up to ${sum} (${items.join('+')}) ` +
      `but order_total_with_tax is ${total}. The diff is ${total - sum}.`
    );
  },
  rejected: 'Order cannot be updated in its current state',
  badMerchant: (merchantId: string, user: string) => `Bad merchant id '${merchantId}' for ${user}`,
  /** seQura's 403 for the payment methods of an order it does not know (core fixture InvalidOrderIdResponse). */
  badOrder: (uuid: string, user: string) => `Bad order id '${uuid}' for ${user}`,
} as const;

const FAILURES: Record<Exclude<FailureMode, 'hang'>, { status: number; errors: string[] }> = {
  error500: { status: 500, errors: [STAND_IN_ERRORS.serverError] },
  conflict409: { status: 409, errors: [STAND_IN_ERRORS.conflict, 'unshipped_cart does not match the order'] },
  reject422: { status: 422, errors: [STAND_IN_ERRORS.rejected] },
  notFound404: { status: 404, errors: [STAND_IN_ERRORS.notFound] },
};
const FAILURE_MODES: readonly FailureMode[] = ['error500', 'hang', 'conflict409', 'reject422', 'notFound404'];

interface Answer {
  status: number;
  /** JSON, unless `html` or `javascript` is set. */
  body?: unknown;
  html?: string;
  javascript?: string;
  headers?: Record<string, string>;
}

/** A body problem: 409 when the cart is inconsistent (as seQura), 422 for any other shape error. */
class BodyError extends Error {
  constructor(
    readonly status: 409 | 422,
    readonly errors: string[],
  ) {
    super(errors.join('; '));
  }
}

export async function startSequraStandIn(options: StandInOptions = {}): Promise<SequraStandIn> {
  const user = options.user ?? 'test-user';
  const password = options.password ?? 'test-password';
  const merchantId = options.merchantId ?? 'test-merchant';
  const expectedAuthorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  const requests: RecordedRequest[] = [];
  const orders = options.orders ?? new Map<string, SequraSideOrder>();
  const solicitations = new Map<string, Solicitation>();
  let scripted: { mode: FailureMode; only?: (method: string, path: string) => boolean }[] = [];
  const hanging = new Set<ServerResponse>();

  const standIn: SequraStandIn = {
    url: '',
    requests,
    orders,
    solicitations,
    completeCheckout(uuid, outcome = 'approved', productCode = 'i1') {
      const solicitation = solicitations.get(uuid);
      if (!solicitation) return Promise.reject(new Error(`no seQura order '${uuid}'`));
      return sendIpn(solicitation, outcome, productCode);
    },
    confirmOrder(orderRef1, cart, state = 'confirmed') {
      const empty = { currency: cart.currency, order_total_with_tax: 0, items: [] };
      orders.set(orderRef1, {
        orderRef1,
        sequraOrderRef: null,
        state,
        shipped_cart: empty,
        unshipped_cart: cart,
        trackings: [],
        updates: 0,
      });
    },
    failNext(count, mode, only) {
      if (!FAILURE_MODES.includes(mode)) throw new Error(`unknown failure mode '${mode}'`);
      for (let i = 0; i < count; i++) scripted.push({ mode, only });
    },
    reset() {
      requests.length = 0;
      scripted = [];
    },
    close: () => close(),
  };

  function route(
    method: string,
    rawPath: string,
    query: string,
    headers: Record<string, string>,
    body: unknown,
  ): Answer {
    if (headers.authorization !== expectedAuthorization) return errorAnswer(401, [STAND_IN_ERRORS.unauthorized]);
    const headerMerchant = headers['sequra-merchant-id'];
    if (headerMerchant !== merchantId)
      return errorAnswer(403, [STAND_IN_ERRORS.badMerchant(headerMerchant ?? '', user)]);

    // Split the raw path first, so a `%2F` inside a reference stays inside its segment.
    const segments = rawPath.split('/').slice(1).map(safeDecode);
    try {
      if (method === 'POST' && segments.length === 1 && segments[0] === 'orders') {
        const order = checkSolicitation(body, merchantId);
        const uuid = randomUUID();
        solicitations.set(uuid, { uuid, merchantId: headerMerchant, order, at: new Date() });
        return { status: 204, headers: { location: `${standIn.url}/orders/${uuid}` } };
      }
      if (method === 'GET' && segments.length === 3 && segments[0] === 'orders' && segments[2] === 'form_v2') {
        if (!solicitations.has(segments[1])) return { status: 404, html: FORM_NOT_FOUND_HTML };
        const params = new URLSearchParams(query);
        const product = params.get('product') || 'i1';
        return { status: 200, html: identificationFormHtml(standIn.url, segments[1], product, params.get('campaign')) };
      }
      if (method === 'GET' && segments.length === 3 && segments[0] === 'orders' && segments[2] === 'payment_methods') {
        const solicitation = solicitations.get(segments[1]);
        if (!solicitation) return errorAnswer(403, [STAND_IN_ERRORS.badOrder(segments[1], user)]);
        return { status: 200, body: paymentMethods(solicitation.order.cart.order_total_with_tax as number) };
      }
      if (
        method === 'POST' &&
        segments.length === 2 &&
        segments[0] === 'orders' &&
        segments[1] === 'delivery_reports'
      ) {
        const report = checkDeliveryReport(body, merchantId);
        for (const entry of report.orders as Json[]) {
          const known = orders.get((entry.merchant_reference as Json).order_ref_1 as string);
          if (!known || known.state !== 'confirmed') continue;
          known.shipped_cart = entry.cart;
          known.unshipped_cart = entry.remaining_cart ?? {
            ...(entry.cart as Json),
            order_total_with_tax: 0,
            items: [],
          };
          known.trackings = (entry.trackings as Json[] | undefined) ?? known.trackings;
          known.updates += 1;
        }
        return { status: 204 };
      }
      if (method === 'PUT' && segments.length === 2 && segments[0] === 'orders' && segments[1]) {
        const order = checkAcknowledgement(body, merchantId);
        const solicitation = solicitations.get(segments[1]);
        if (solicitation) solicitation.acknowledged = order.state as 'confirmed' | 'on_hold';
        const ref = (order.merchant_reference as Json).order_ref_1 as string;
        const known = orders.get(ref);
        const cart = order.cart as Json;
        // A repeated confirmation keeps what later calls changed; a first one (or one after on_hold) starts afresh.
        if (!(known?.state === 'confirmed' && order.state === 'confirmed')) {
          orders.set(ref, {
            orderRef1: ref,
            sequraOrderRef: segments[1],
            state: order.state as 'confirmed' | 'on_hold',
            shipped_cart: { currency: cart.currency, order_total_with_tax: 0, items: [] },
            unshipped_cart: cart,
            trackings: [],
            updates: 0,
          });
        }
        return { status: 200, body: {} };
      }
      if (
        method === 'PUT' &&
        segments.length === 4 &&
        segments[0] === 'merchants' &&
        segments[2] === 'orders' &&
        segments[3]
      ) {
        if (segments[1] !== merchantId) return errorAnswer(403, [STAND_IN_ERRORS.forbiddenUrl]);
        const order = checkOrderUpdate(body, merchantId, segments[3]);
        // seQura knows no confirmed order under this reference (never confirmed, or on hold): 404.
        const known = orders.get(segments[3]);
        if (!known || known.state !== 'confirmed') return errorAnswer(404, [STAND_IN_ERRORS.notFound]);
        known.shipped_cart = order.shipped_cart;
        known.unshipped_cart = order.unshipped_cart;
        known.trackings = (order.trackings as Json[] | undefined) ?? known.trackings;
        known.updates += 1;
        return { status: 200, body: {} };
      }
    } catch (error) {
      if (error instanceof BodyError) return errorAnswer(error.status, error.errors);
      throw error;
    }
    return errorAnswer(404, [STAND_IN_ERRORS.routeNotFound]);
  }

  function control(method: string, path: string, body: unknown): Answer | undefined {
    if (!options.controlRoutes || !path.startsWith('/__stand-in/')) return undefined;
    if (method === 'POST' && path === '/__stand-in/fail-next') {
      const { count, mode } = (body ?? {}) as { count?: unknown; mode?: unknown };
      if (!Number.isInteger(count) || !FAILURE_MODES.includes(mode as FailureMode)) {
        return errorAnswer(422, [`expected {"count": <integer>, "mode": ${FAILURE_MODES.join('|')}}`]);
      }
      standIn.failNext(count as number, mode as FailureMode);
      return { status: 204 };
    }
    if (method === 'POST' && path === '/__stand-in/reset') {
      standIn.reset();
      return { status: 204 };
    }
    if (method === 'GET' && path === '/__stand-in/requests') return { status: 200, body: requests };
    return errorAnswer(404, [STAND_IN_ERRORS.routeNotFound]);
  }

  /**
   * The shopper's side, which seQura serves to browsers without credentials (not recorded in
   * `requests`, which hold what the merchant's service sent): the form page the fragment's iframe
   * shows, its buttons completing the purchase (the IPN to the order's notify_url), and the script
   * that shows the iframe. The purchase is completed by a POST of a form or JSON (`outcome`,
   * `product`): a browser (Accept: text/html, the page's buttons) gets a page, anything else
   * (`curl -d outcome=approved`) JSON.
   */
  async function shopper(
    method: string,
    rawPath: string,
    query: string,
    headers: Record<string, string>,
    text: string,
  ): Promise<Answer | undefined> {
    if (method === 'GET' && rawPath === '/assets/sequra_form.js') return { status: 200, javascript: FORM_SCRIPT };
    const segments = rawPath.split('/').slice(1).map(safeDecode);
    if (segments.length !== 3 || segments[0] !== 'orders' || segments[2] !== 'pumbaa_form') return undefined;
    if (method !== 'GET' && method !== 'POST') return undefined;
    const solicitation = solicitations.get(segments[1]);
    if (!solicitation) return { status: 404, html: FORM_NOT_FOUND_HTML };
    const params = new URLSearchParams(query);
    if (method === 'GET')
      return { status: 200, html: formPageHtml(solicitation, params.get('product') || 'i1', params.get('campaign')) };

    // The form's buttons post a form from a browser (an HTML answer); curl or a test may post either (JSON answer).
    const fromForm = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const browser = (headers.accept ?? '').includes('text/html');
    let fields: Record<string, unknown> = {};
    if (fromForm) fields = Object.fromEntries(new URLSearchParams(text));
    else if (text) {
      try {
        fields = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return errorAnswer(422, ['Body is not valid JSON']);
      }
    }
    const outcome = fields.outcome ?? 'approved';
    const product = fields.product ?? params.get('product') ?? 'i1';
    if (outcome !== 'approved' && outcome !== 'needs_review')
      return errorAnswer(422, ["outcome must be 'approved' or 'needs_review'"]);
    if (typeof product !== 'string' || !/^[a-z0-9_]{1,16}$/.test(product))
      return errorAnswer(422, ['product must be a seQura product code such as i1']);
    if (typeof solicitation.order.merchant?.notify_url !== 'string')
      return errorAnswer(409, ['The order has no merchant.notify_url: seQura cannot tell the shop']);
    let done: CompletedCheckout;
    try {
      done = await sendIpn(solicitation, outcome, product);
    } catch (error) {
      const url = String(solicitation.order.merchant.notify_url);
      const reason = `The IPN could not be delivered to ${url}: ${(error as Error).message}`;
      return browser ? { status: 502, html: `<p>${escapeHtml(reason)}</p>` } : errorAnswer(502, [reason]);
    }
    return browser ? { status: 200, html: completedPageHtml(done) } : { status: 200, body: done };
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, errorAnswer(500, [error.message]));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const rawUrl = req.url ?? '/';
    const rawPath = rawUrl.split('?')[0];
    const query = rawUrl.slice(rawPath.length);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: unknown = null;
    let jsonError = false;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
        jsonError = true;
      }
    }
    const method = req.method ?? 'GET';

    const controlAnswer = control(method, safeDecode(rawPath), body);
    if (controlAnswer) return send(res, controlAnswer);
    const shopperAnswer = await shopper(method, rawPath, query, headers, text);
    if (shopperAnswer) {
      options.onResponse?.({
        method,
        path: safeDecode(rawPath),
        rawPath,
        query,
        headers,
        body: null,
        status: shopperAnswer.status,
        at: new Date(),
      });
      return send(res, shopperAnswer);
    }

    const recorded: RecordedRequest = {
      method,
      path: safeDecode(rawPath),
      rawPath,
      query,
      headers,
      body,
      status: 0,
      at: new Date(),
    };
    requests.push(recorded);

    const at = scripted.findIndex((s) => !s.only || s.only(method, recorded.path));
    const failure = at >= 0 ? scripted.splice(at, 1)[0].mode : undefined;
    let answer: Answer;
    if (failure === 'hang') {
      // Never answered: the socket is destroyed when the stand-in closes (or the client gives up).
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      options.onResponse?.(recorded);
      return;
    } else if (failure) {
      answer = errorAnswer(FAILURES[failure].status, FAILURES[failure].errors);
    } else if (jsonError) {
      answer = errorAnswer(422, ['Body is not valid JSON']);
    } else {
      answer = route(method, rawPath, query, headers, body);
    }
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    recorded.status = answer.status;
    options.onResponse?.(recorded);
    send(res, answer);
  }

  async function close(): Promise<void> {
    for (const res of hanging) res.destroy();
    hanging.clear();
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  standIn.url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  return standIn;
}

function errorAnswer(status: number, errors: string[]): Answer {
  return { status, body: { errors } };
}

function send(res: ServerResponse, answer: Answer): void {
  const text = answer.html ?? answer.javascript;
  if (text !== undefined) {
    const type = answer.html !== undefined ? 'text/html' : 'text/javascript';
    res.writeHead(answer.status, {
      ...answer.headers,
      'content-type': `${type}; charset=utf-8`,
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
    return;
  }
  if (answer.body === undefined || answer.status === 204) {
    res.writeHead(answer.status, answer.headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// ---- body checks -------------------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function envelope(body: unknown, key: 'order' | 'delivery_report'): Json {
  if (!isObject(body) || !isObject(body[key])) throw new BodyError(422, [`Body must be {"${key}": {...}}`]);
  return body[key];
}

function checkMerchant(value: unknown, merchantId: string, field: string, required: boolean): void {
  if (value === undefined && !required) return;
  if (!isObject(value) || typeof value.id !== 'string') throw new BodyError(422, [`${field}.id is required`]);
  if (value.id !== merchantId) throw new BodyError(422, [`${field}.id '${value.id}' does not match the merchant`]);
}

/** A seQura cart: integer cents everywhere, and lines that add up to the total (409, seQura's message, otherwise). */
function checkCart(value: unknown, field: string, conflictPrefix: string): void {
  if (!isObject(value)) throw new BodyError(422, [`${field} is required`]);
  const problems: string[] = [];
  if (typeof value.currency !== 'string' || !/^[A-Z]{3}$/.test(value.currency))
    problems.push(`${field}.currency must be an ISO 4217 code`);
  if (!Number.isInteger(value.order_total_with_tax))
    problems.push(`${field}.order_total_with_tax must be an integer (cents)`);
  if (!Array.isArray(value.items)) problems.push(`${field}.items must be an array`);
  else {
    value.items.forEach((item: unknown, i: number) => {
      const at = `${field}.items[${i}]`;
      if (!isObject(item)) return problems.push(`${at} must be an object`);
      if (!Number.isInteger(item.total_with_tax)) problems.push(`${at}.total_with_tax must be an integer (cents)`);
      if (item.price_with_tax !== undefined && !Number.isInteger(item.price_with_tax))
        problems.push(`${at}.price_with_tax must be an integer (cents)`);
      if (item.quantity !== undefined && !Number.isInteger(item.quantity))
        problems.push(`${at}.quantity must be an integer`);
    });
  }
  if (problems.length > 0) throw new BodyError(422, problems);
  const totals = (value.items as Json[]).map((item) => item.total_with_tax as number);
  const sum = totals.reduce((a, b) => a + b, 0);
  if (sum !== value.order_total_with_tax) {
    throw new BodyError(409, [
      STAND_IN_ERRORS.inconsistentCart(conflictPrefix, totals, value.order_total_with_tax as number),
    ]);
  }
}

const TRACKING_FIELDS: Record<string, readonly string[]> = {
  postal: ['type', 'reference', 'tracking_number', 'delivered_at', 'carrier', 'tracking_url'],
  pickup_store: [
    'type',
    'reference',
    'tracking_number',
    'delivered_at',
    'operator_ref',
    'store_ref',
    'available_at',
    'address_line_1',
    'address_line_2',
    'postal_code',
    'city',
    'state',
    'country_code',
  ],
};
TRACKING_FIELDS.pickup_point = TRACKING_FIELDS.pickup_store;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * `trackings` in seQura's shape (integration-core Tracking/*.php, order API reference §6): `type`
 * postal, pickup_store or pickup_point; a `reference`, unique in the list; a postal tracking names
 * its `carrier`; `tracking_url` a URL; `delivered_at` and `available_at` ISO 8601; `country_code` 2–3
 * characters; no field of another type.
 */
function checkTrackings(value: unknown, field: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new BodyError(422, [`${field} must be an array`]);
  const problems: string[] = [];
  const references = new Set<string>();
  value.forEach((tracking: unknown, i: number) => {
    const at = `${field}[${i}]`;
    if (!isObject(tracking)) return problems.push(`${at} must be an object`);
    const allowed = typeof tracking.type === 'string' ? TRACKING_FIELDS[tracking.type] : undefined;
    if (!allowed) return problems.push(`${at}.type must be postal, pickup_store or pickup_point`);
    if (typeof tracking.reference !== 'string' || tracking.reference === '')
      problems.push(`${at}.reference is required`);
    else if (references.has(tracking.reference)) problems.push(`${at}.reference '${tracking.reference}' is repeated`);
    else references.add(tracking.reference);
    for (const key of Object.keys(tracking))
      if (!allowed.includes(key)) problems.push(`${at}.${key} is not a field of a ${String(tracking.type)} tracking`);
    if (tracking.type === 'postal' && (typeof tracking.carrier !== 'string' || tracking.carrier === ''))
      problems.push(`${at}.carrier is required for a postal tracking`);
    if (tracking.tracking_url !== undefined && !isUrl(tracking.tracking_url))
      problems.push(`${at}.tracking_url must be a valid URL`);
    for (const date of ['delivered_at', 'available_at'])
      if (tracking[date] !== undefined && !(typeof tracking[date] === 'string' && ISO_8601.test(tracking[date])))
        problems.push(`${at}.${date} must be an ISO 8601 timestamp`);
    const country = tracking.country_code;
    if (country !== undefined && !(typeof country === 'string' && /^[A-Z]{2,3}$/.test(country)))
      problems.push(`${at}.country_code must be 2-3 letters (ISO 3166)`);
  });
  if (problems.length > 0) throw new BodyError(422, problems);
}

function isUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Members that must be objects, each with these string fields. */
function requireMembers(order: Json, prefix: string, members: Record<string, readonly string[]>): void {
  const problems: string[] = [];
  for (const [member, fields] of Object.entries(members)) {
    const value = order[member];
    if (!isObject(value)) {
      problems.push(`${prefix}.${member} is required`);
      continue;
    }
    for (const field of fields)
      if (typeof value[field] !== 'string' || value[field] === '')
        problems.push(`${prefix}.${member}.${field} is required`);
  }
  if (problems.length > 0) throw new BodyError(422, problems);
}

const PLATFORM_FIELDS = ['name', 'version', 'uname', 'db_name', 'db_version'] as const;

/**
 * The IPN acknowledgement (`PUT orders/{uuid}`): the whole order as seQura's core sends it
 * (`CreateOrderRequest`, whose constructor requires these members): state, merchant, merchant
 * reference, a consistent cart, delivery method, both addresses, customer, gui and platform.
 */
function checkAcknowledgement(body: unknown, merchantId: string): Json {
  const order = envelope(body, 'order');
  if (order.state !== 'confirmed' && order.state !== 'on_hold') {
    throw new BodyError(422, [`order.state must be 'confirmed' or 'on_hold', got '${String(order.state)}'`]);
  }
  checkMerchant(order.merchant, merchantId, 'order.merchant', true);
  requireMembers(order, 'order', {
    merchant_reference: ['order_ref_1'],
    delivery_method: ['name'],
    delivery_address: ['country_code'],
    invoice_address: ['country_code'],
    customer: ['email'],
    gui: ['layout'],
    platform: PLATFORM_FIELDS,
  });
  if (!['desktop', 'smartphone'].includes((order.gui as Json).layout as string))
    throw new BodyError(422, ["order.gui.layout must be 'desktop' or 'smartphone'"]);
  checkCart(order.cart, 'order.cart', '');
  checkTrackings(order.trackings, 'order.trackings');
  return order;
}

/** Each value a string (notification and event parameters travel back as form fields). */
function stringMap(value: unknown): boolean {
  return isObject(value) && Object.values(value).every((v) => typeof v === 'string');
}

/**
 * The start solicitation (`POST orders`, order API reference §1): `state: ""` (nothing confirmed
 * yet, as seQura's plugins send it), the merchant with its callbacks (URLs where given; parameters
 * as string maps, since seQura sends them back as form fields), and what seQura's core requires of
 * a new order (`CreateOrderRequest`): delivery method, both addresses, a customer with email,
 * language, IP address and user agent, gui layout, platform, and a cart whose lines add up (409 with
 * seQura's message otherwise).
 */
function checkSolicitation(body: unknown, merchantId: string): Json {
  const order = envelope(body, 'order');
  if (order.state !== '')
    throw new BodyError(422, [`order.state must be "" when starting an order, got '${String(order.state)}'`]);
  checkMerchant(order.merchant, merchantId, 'order.merchant', true);
  const merchant = order.merchant as Json;
  const problems: string[] = [];
  for (const field of ['notify_url', 'return_url', 'abort_url', 'approved_url', 'edit_url'])
    if (merchant[field] !== undefined && !isUrl(merchant[field]))
      problems.push(`order.merchant.${field} must be a valid URL`);
  if (merchant.notification_parameters !== undefined && !stringMap(merchant.notification_parameters))
    problems.push('order.merchant.notification_parameters must map names to strings');
  if (merchant.events_webhook !== undefined) {
    const webhook = merchant.events_webhook;
    if (!isObject(webhook) || !isUrl(webhook.url))
      problems.push('order.merchant.events_webhook.url must be a valid URL');
    else if (webhook.parameters !== undefined && !stringMap(webhook.parameters))
      problems.push('order.merchant.events_webhook.parameters must map names to strings');
  }
  if (problems.length > 0) throw new BodyError(422, problems);
  if (order.merchant_reference !== undefined) requireMembers(order, 'order', { merchant_reference: ['order_ref_1'] });
  requireMembers(order, 'order', {
    delivery_method: ['name'],
    delivery_address: ['country_code'],
    invoice_address: ['country_code'],
    customer: ['email', 'language_code', 'ip_number', 'user_agent'],
    gui: ['layout'],
    platform: PLATFORM_FIELDS,
  });
  if (!['desktop', 'smartphone'].includes((order.gui as Json).layout as string))
    throw new BodyError(422, ["order.gui.layout must be 'desktop' or 'smartphone'"]);
  checkCart(order.cart, 'order.cart', '');
  checkTrackings(order.trackings, 'order.trackings');
  return order;
}

/**
 * An Order Update: the members seQura's core requires (`UpdateOrderRequest`: merchant, merchant
 * reference, both carts, platform), each cart consistent (409 with seQura's message), trackings in
 * seQura's shape.
 */
function checkOrderUpdate(body: unknown, merchantId: string, orderRef1: string): Json {
  const order = envelope(body, 'order');
  checkMerchant(order.merchant, merchantId, 'order.merchant', true);
  requireMembers(order, 'order', { merchant_reference: ['order_ref_1'], platform: PLATFORM_FIELDS });
  if ((order.merchant_reference as Json).order_ref_1 !== orderRef1)
    throw new BodyError(422, [`order.merchant_reference.order_ref_1 does not match the URL ('${orderRef1}')`]);
  checkCart(order.shipped_cart, 'order.shipped_cart', 'In shipped_cart, ');
  checkCart(order.unshipped_cart, 'order.unshipped_cart', 'In unshipped_cart, ');
  if ((order.shipped_cart as Json).currency !== (order.unshipped_cart as Json).currency) {
    throw new BodyError(409, ['order.shipped_cart and order.unshipped_cart must have the same currency']);
  }
  checkTrackings(order.trackings, 'order.trackings');
  return order;
}

function checkDeliveryReport(body: unknown, merchantId: string): Json {
  const report = envelope(body, 'delivery_report');
  checkMerchant(report.merchant, merchantId, 'delivery_report.merchant', true);
  if (!Array.isArray(report.orders)) throw new BodyError(422, ['delivery_report.orders must be an array']);
  report.orders.forEach((entry: unknown, i: number) => {
    const at = `delivery_report.orders[${i}]`;
    if (!isObject(entry)) throw new BodyError(422, [`${at} must be an object`]);
    if (!isObject(entry.merchant_reference) || typeof entry.merchant_reference.order_ref_1 !== 'string') {
      throw new BodyError(422, [`${at}.merchant_reference.order_ref_1 is required`]);
    }
    if (entry.cart !== undefined) checkCart(entry.cart, `${at}.cart`, `In ${at}.cart, `);
    if (entry.remaining_cart !== undefined)
      checkCart(entry.remaining_cart, `${at}.remaining_cart`, `In ${at}.remaining_cart, `);
    checkTrackings(entry.trackings, `${at}.trackings`);
  });
  if (report.broken_orders !== undefined && !Array.isArray(report.broken_orders))
    throw new BodyError(422, ['delivery_report.broken_orders must be an array']);
  if (!isObject(report.platform) || typeof report.platform.name !== 'string')
    throw new BodyError(422, ['delivery_report.platform.name is required']);
  return report;
}
