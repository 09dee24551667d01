import pg from 'pg';

/** The error node-postgres fails a query with when `query_timeout` passes. */
export const QUERY_READ_TIMEOUT = 'Query read timeout';

type Callback = (error: Error | null, result?: unknown) => void;

/**
 * node-postgres's client, with one change. When a query outlives `query_timeout`, pg fails it but
 * keeps the connection, which is still waiting for that statement's answer: handed out again by the
 * pool, every later query on it queues behind the one that timed out, so a frozen database (a stalled
 * disk, a failover, a partition) turns each pooled connection into a trap that outlives the outage.
 * This client closes its socket instead: the pool drops the connection and opens a fresh one when
 * asked, so it recovers by itself once the database answers again, and PostgreSQL rolls back
 * whatever the closed connection had open (a COMMIT already received may still commit: the caller
 * answered 503 and the request is retried, which every write path already makes idempotent).
 *
 * Used as the pool's `Client` (see data-source-options.ts); everything else is pg's own.
 */
export class DisposingClient extends pg.Client {
  // pg's query() has a dozen overloads; this wraps them all without changing any.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last: unknown = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as Callback;
      args[args.length - 1] = (error: Error | null, result?: unknown) => {
        this.disposeAfterTimeout(error);
        callback(error, result);
      };
      return super.query(...(args as [never]));
    }
    const result: unknown = super.query(...(args as [never]));
    if (result instanceof Promise) result.catch((error: Error) => this.disposeAfterTimeout(error));
    return result;
  }

  private disposeAfterTimeout(error: Error | null): void {
    if (error?.message !== QUERY_READ_TIMEOUT) return;
    // Runs before the caller sees the error (the first handler on the query's promise): nothing more
    // is queued here, and the pool, seeing the client unqueryable when it is released, drops it
    // instead of handing it out again (pg-pool reads this same flag). Then the socket is closed.
    const client = this as unknown as { _queryable: boolean; connection?: { stream?: { destroy(): void } } };
    client._queryable = false;
    client.connection?.stream?.destroy();
  }
}
