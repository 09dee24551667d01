import { Injectable, Logger } from '@nestjs/common';
import os from 'node:os';
import { AppConfig } from '../config/app-config.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';

/** seQura answered 2xx. */
export interface SequraSuccess {
  kind: 'success';
  status: number;
  /** Parsed JSON; the text as received when it is not JSON, or when HTML was asked for. */
  body: unknown;
  /** The `Location` header, when seQura sent one (the solicitation's answer names the new order there). */
  location?: string;
}
/** 409: the cart changed or is inconsistent. */
export interface SequraConflict {
  kind: 'conflict';
  status: 409;
  errors: string[];
}
/** Any other 4xx: seQura refuses; retrying the same request will not help. */
export interface SequraRejected {
  kind: 'rejected';
  status: number;
  errors: string[];
}
/** 5xx, timeout or connection error: worth retrying later. */
export interface SequraRetryable {
  kind: 'retryable';
  status?: number;
  reason: string;
}
export type SequraResult = SequraSuccess | SequraConflict | SequraRejected | SequraRetryable;

/** Which of seQura's APIs a call is: the `operation` label of its metrics. */
export const SEQURA_OPERATIONS = [
  'start_solicitation',
  'identification_form',
  'payment_methods',
  'acknowledge_order',
  'update_order',
  'delivery_report',
] as const;
export type SequraOperation = (typeof SEQURA_OPERATIONS)[number];
const OUTCOMES: readonly SequraResult['kind'][] = ['success', 'conflict', 'rejected', 'retryable'];

export interface SequraRequest {
  operation: SequraOperation;
  method: 'GET' | 'PUT' | 'POST';
  /** Path and query string, after the base URL. */
  path: string;
  /** JSON body; none for a GET. */
  body: unknown;
  /**
   * The merchant account the call is made for (`Sequra-Merchant-Id`); default: the configured
   * `SEQURA_MERCHANT_ID`.
   */
  merchantId?: string;
  /** `html` asks for `text/html` (the identification form) and keeps the answer as text. Default `json`. */
  accept?: 'json' | 'html';
  /**
   * The body already serialized as JSON (a stored delivery report, resent byte for byte): sent instead of
   * `JSON.stringify(body)`.
   */
  json?: string | Uint8Array;
}

/** seQura's error body: `{"errors": ["..."]}`, entries sometimes `{"title": ...}`. */
export function parseSequraErrors(body: unknown, status: number): string[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.map((e) =>
      typeof e === 'string'
        ? e
        : typeof e === 'object' && e && 'title' in e
          ? String((e as { title: unknown }).title)
          : JSON.stringify(e),
    );
  }
  return [`HTTP ${status}`];
}

/**
 * The one client for seQura's merchant API: HTTP Basic, `Sequra-Merchant-Id`, JSON both ways, a
 * timeout per call, and typed results instead of exceptions. Credentials and bodies are never logged.
 * Each call is counted and timed by operation and outcome (the result's kind).
 */
@Injectable()
export class SequraClient {
  private readonly logger = new Logger(SequraClient.name);
  private readonly authorization: string;
  private readonly calls;
  private readonly duration;

  constructor(
    private readonly config: AppConfig,
    metrics: MetricsRegistry,
  ) {
    const { user, password } = config.sequra;
    this.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    this.calls = metrics.counter({
      name: 'sequra_api_calls_total',
      help: "Calls to seQura's API by operation and outcome (success, conflict, rejected, retryable)",
      labelNames: ['operation', 'outcome'],
    });
    this.duration = metrics.histogram({
      name: 'sequra_api_call_duration_seconds',
      help: "Duration of calls to seQura's API by operation and outcome, timeouts included",
      labelNames: ['operation', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
    });
    // Every series exists from the start, so rate() and increase() see the first call.
    for (const operation of SEQURA_OPERATIONS)
      for (const outcome of OUTCOMES) this.calls.inc({ operation, outcome }, 0);
  }

  /**
   * Start solicitation (order API reference §1): `POST /orders` with the whole order and `state: ""`.
   * seQura answers 2xx (usually 204) with the new order's URL in `Location` (see {@link sequraOrderRefOf}).
   */
  startSolicitation(merchantId: string, order: Record<string, unknown>): Promise<SequraResult> {
    return this.send({ operation: 'start_solicitation', method: 'POST', path: '/orders', body: { order }, merchantId });
  }

  /**
   * The identification form of a solicited order (§3): `GET /orders/{uuid}/form_v2` with the
   * parameters that are set (`product`, `campaign`, `ajax`), answered as `text/html` to embed as is.
   */
  identificationForm(
    merchantId: string,
    sequraOrderRef: string,
    options: { product?: string; campaign?: string; ajax?: boolean } = {},
  ): Promise<SequraResult> {
    const query = new URLSearchParams();
    if (options.product) query.set('product', options.product);
    if (options.campaign) query.set('campaign', options.campaign);
    if (options.ajax !== undefined) query.set('ajax', String(options.ajax));
    const search = query.size > 0 ? `?${query.toString()}` : '';
    return this.send({
      operation: 'identification_form',
      method: 'GET',
      path: `/orders/${encodeURIComponent(sequraOrderRef)}/form_v2${search}`,
      body: undefined,
      merchantId,
      accept: 'html',
    });
  }

  /** The payment methods a solicited order is eligible for (§4): `GET /orders/{uuid}/payment_methods`. */
  orderPaymentMethods(merchantId: string, sequraOrderRef: string): Promise<SequraResult> {
    return this.send({
      operation: 'payment_methods',
      method: 'GET',
      path: `/orders/${encodeURIComponent(sequraOrderRef)}/payment_methods`,
      body: undefined,
      merchantId,
    });
  }

  /** IPN acknowledgement: `PUT /orders/{sequra_order_ref}` with state `confirmed` or `on_hold`. */
  acknowledgeOrder(sequraOrderRef: string, order: Record<string, unknown>): Promise<SequraResult> {
    return this.send({
      operation: 'acknowledge_order',
      method: 'PUT',
      path: `/orders/${encodeURIComponent(sequraOrderRef)}`,
      body: { order },
    });
  }

  /** Order Update API: `PUT /merchants/{merchant}/orders/{order_ref_1}` (a `/` travels as `%2F`). */
  updateOrder(orderRef1: string, order: Record<string, unknown>): Promise<SequraResult> {
    const merchant = encodeURIComponent(this.config.sequra.merchantId);
    return this.send({
      operation: 'update_order',
      method: 'PUT',
      path: `/merchants/${merchant}/orders/${encodeURIComponent(orderRef1)}`,
      body: { order },
    });
  }

  /**
   * Delivery report: `POST /orders/delivery_reports`, seQura answers 204. The whole body
   * (`{"delivery_report": …}`) already serialized, as stored with a run.
   */
  sendDeliveryReportJson(json: string | Uint8Array): Promise<SequraResult> {
    return this.send({
      operation: 'delivery_report',
      method: 'POST',
      path: '/orders/delivery_reports',
      body: undefined,
      json,
    });
  }

  async send(request: SequraRequest): Promise<SequraResult> {
    const started = performance.now();
    let result: SequraResult;
    try {
      const html = request.accept === 'html';
      const hasBody = request.method !== 'GET';
      const response = await fetch(this.config.sequra.baseUrl + request.path, {
        method: request.method,
        headers: {
          authorization: this.authorization,
          'sequra-merchant-id': request.merchantId ?? this.config.sequra.merchantId,
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
          accept: html ? 'text/html' : 'application/json',
        },
        // A Buffer is a Uint8Array, which fetch sends as is (the DOM typings want an ArrayBuffer-backed one).
        body: hasBody
          ? ((request.json ?? JSON.stringify(request.body)) as string | Uint8Array<ArrayBuffer>)
          : undefined,
        signal: AbortSignal.timeout(this.config.sequra.timeoutMs),
      });
      const text = await response.text();
      const status = response.status;
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      if (html && status >= 200 && status < 300) body = text;
      const location = response.headers.get('location') ?? undefined;
      if (status >= 200 && status < 300) result = { kind: 'success', status, body, ...(location ? { location } : {}) };
      else if (status === 409) result = { kind: 'conflict', status: 409, errors: parseSequraErrors(body, status) };
      else if (status >= 400 && status < 500)
        result = { kind: 'rejected', status, errors: parseSequraErrors(body, status) };
      else result = { kind: 'retryable', status, reason: `HTTP ${status}` };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      const reason =
        e.name === 'TimeoutError' || e.name === 'AbortError'
          ? `timeout after ${this.config.sequra.timeoutMs} ms`
          : `connection error: ${e.cause?.code ?? e.message}`;
      result = { kind: 'retryable', reason };
    }
    const elapsedMs = performance.now() - started;
    const labels = { operation: request.operation, outcome: result.kind };
    this.calls.inc(labels);
    this.duration.observe(labels, elapsedMs / 1000);
    const status = 'status' in result && result.status ? ` ${result.status}` : '';
    this.logger.log(`${request.method} ${request.path} -> ${result.kind}${status} in ${Math.round(elapsedMs)} ms`);
    return result;
  }
}

/**
 * seQura's order uuid from the solicitation's `Location` (an absolute or relative order URL): its
 * last path segment, as seQura's core takes it (`basename(parse_url(location, PATH))`). Null when
 * there is none, or it does not fit a reference column (at most 64 characters of `[A-Za-z0-9_-]`).
 */
export function sequraOrderRefOf(location: string | undefined): string | null {
  if (!location) return null;
  let path: string;
  try {
    path = new URL(location, 'http://relative.invalid').pathname;
  } catch {
    return null;
  }
  const last = path.split('/').filter(Boolean).pop() ?? '';
  let segment: string;
  try {
    segment = decodeURIComponent(last);
  } catch {
    return null;
  }
  return /^[A-Za-z0-9_-]{1,64}$/.test(segment) ? segment : null;
}

/** The `platform` block seQura wants in orders and reports. */
export function platformInfo(dbVersion = 'unknown') {
  return {
    name: 'sequra-merchant-backend',
    version: process.env.npm_package_version ?? '0.1.0',
    uname: `${os.type()} ${os.release()} ${os.arch()}`,
    db_name: 'postgresql',
    db_version: dbVersion,
  };
}
