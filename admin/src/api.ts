/**
 * The service's REST API, as the page uses it: typed from `api-schema.ts`, which `npm run openapi`
 * generates from the service's OpenAPI document (a test fails when it is out of date). Paths,
 * parameters, bodies and answers are the document's, so the page cannot call a route or read a field
 * the API does not have. Every failure becomes an {@link ApiError} with plain words.
 */
import type { components, paths } from './api-schema.js';

/** The API's named shapes: `Schemas['Order']`, `Schemas['CustomerDataEdit']`, … */
export type Schemas = components['schemas'];
export type FieldError = Schemas['FieldError'];

type Method = 'get' | 'post' | 'patch' | 'delete';
/** The paths that have an operation for `M`. */
export type PathsFor<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: unknown } ? P : never;
}[keyof paths];
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Parameters<O, In extends string> = O extends { parameters: { [K in In]?: infer T } } ? T : never;
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
/** The JSON body of the operation's success answers (200, 201). */
type Answer<O> = O extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201>]> : never;
type Body<O> = O extends { requestBody?: infer R }
  ? [NonNullable<R>] extends [never]
    ? never
    : NonNullable<R> extends { content: { 'application/json': infer B } }
      ? B
      : never
  : never;

/** What a call sends, each part typed by the operation; `X-Actor` is the session's, added by {@link Api}. */
export type RequestOptions<O> = ([Parameters<O, 'path'>] extends [undefined]
  ? { path?: undefined }
  : { path: Parameters<O, 'path'> }) &
  ([Parameters<O, 'query'>] extends [undefined] ? { query?: undefined } : { query?: Parameters<O, 'query'> }) &
  ([Body<O>] extends [never] ? { body?: undefined } : { body: Body<O> }) & {
    headers?: Omit<NonNullable<Parameters<O, 'header'>>, 'X-Actor'>;
  };

/** The options argument: optional when the operation needs nothing (no path parameter, body or required header). */
type Options<O> = object extends RequestOptions<O> ? [options?: RequestOptions<O>] : [options: RequestOptions<O>];

export interface ApiResponse<T> {
  status: number;
  body: T;
  etag: string | null;
}

/**
 * The API lives at the root of the service; the page at `<root>/admin/`. Relative, so a path prefix in front of the
 * service still works.
 */
const API_ROOT = new URL('..', document.baseURI);

export function apiUrl(path: string): string {
  return new URL(path.replace(/^\//, ''), API_ROOT).toString();
}

/** `/orders/{ref}` with `{ref: 'A14/1'}` → `orders/A14%2F1?…`: each parameter URL-encoded (a `/` travels as `%2F`). */
type Scalar = string | number | boolean;

export function fillPath(template: string, path?: Record<string, Scalar>, query?: Record<string, Scalar | undefined>) {
  const filled = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(path?.[name])));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== '') search.set(name, String(value));
  return `${filled.replace(/^\//, '')}${search.size ? `?${search}` : ''}`;
}

export class ApiError extends Error {
  constructor(
    /** 0 when the service could not be reached at all. */
    readonly status: number,
    /** What the API itself said (its `message`), or a description of what went wrong on the way. */
    readonly apiMessage: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(plainMessage(status, apiMessage));
    this.name = 'ApiError';
  }
}

/** Plain words for each answer a staff member may meet. */
export function plainMessage(status: number, apiMessage: string): string {
  const said = apiMessage ? ` The service said: “${apiMessage}”` : '';
  if (status === 0)
    return (
      `The service could not be reached (${apiMessage}). ` +
      'Check the connection and that the service is running, then try again.'
    );
  if (status === 400) return `The service refused the data.${said}`;
  if (status === 401) return 'The service did not accept your key. Sign in again with a valid admin key.';
  if (status === 403) return 'This needs an admin key: the key you signed in with is not an admin key.';
  if (status === 404) return `Not found.${said}`;
  if (status === 409) return `Not possible in the order's current state.${said}`;
  if (status === 412) return 'Someone else changed this data after you opened it, so nothing was saved.';
  if (status === 413) return 'What you sent is too large for the service.';
  if (status === 428)
    return 'The page did not say which version of the data it was editing (If-Match). Reload the order and try again.';
  if (status === 429) return 'Too many requests right now. Wait a moment and try again.';
  if (status === 503) return `The service is unavailable right now; try again in a moment.${said}`;
  if (status >= 500)
    return `The service failed (error ${status}). Try again; if it keeps failing, tell the engineers.${said}`;
  return `The service answered with error ${status}.${said}`;
}

export class Api {
  constructor(
    private readonly key: string,
    /** Sent as `X-Actor`, so the audit trail names the person and not only the key. */
    private readonly actor: string | null,
    /** Called on any 401: the key was revoked or the session is stale. */
    private readonly onUnauthorized: (error: ApiError) => void,
  ) {}

  get<P extends PathsFor<'get'>>(path: P, ...[options]: Options<Operation<P, 'get'>>) {
    return this.request<Answer<Operation<P, 'get'>>>('GET', path, options ?? {});
  }

  post<P extends PathsFor<'post'>>(path: P, ...[options]: Options<Operation<P, 'post'>>) {
    return this.request<Answer<Operation<P, 'post'>>>('POST', path, options ?? {});
  }

  patch<P extends PathsFor<'patch'>>(path: P, ...[options]: Options<Operation<P, 'patch'>>) {
    return this.request<Answer<Operation<P, 'patch'>>>('PATCH', path, options ?? {});
  }

  private async request<T>(
    method: string,
    template: string,
    options: { path?: object; query?: object; body?: unknown; headers?: object },
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${this.key}`,
      ...(options.headers as Record<string, string> | undefined),
    };
    if (this.actor) headers['x-actor'] = this.actor;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      const path = fillPath(template, options.path as Record<string, Scalar>, options.query as Record<string, Scalar>);
      response = await fetch(apiUrl(path), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      throw new ApiError(0, error instanceof Error ? error.message : 'network error');
    }
    const text = await response.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (!response.ok) {
      const error = toApiError(response, body);
      if (response.status === 401) this.onUnauthorized(error);
      throw error;
    }
    return { status: response.status, body: body as T, etag: response.headers.get('etag') };
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; errors?: unknown };
    const message =
      typeof b.message === 'string' ? b.message : Array.isArray(b.message) ? b.message.join('; ') : response.statusText;
    const errors = Array.isArray(b.errors)
      ? (b.errors as unknown[])
          .filter((e): e is FieldError => !!e && typeof (e as FieldError).field === 'string')
          .map((e) => ({
            field: e.field,
            messages: Array.isArray(e.messages) ? e.messages.map(String) : [],
          }))
      : [];
    return new ApiError(response.status, message, errors);
  }
  const snippet = typeof body === 'string' ? body.slice(0, 200) : response.statusText;
  return new ApiError(response.status, snippet);
}

/** Any thrown value as words for the user (an ApiError already has them). */
export function describe(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return `Something went wrong in the page: ${error.message}`;
  return `Something went wrong in the page: ${String(error)}`;
}
