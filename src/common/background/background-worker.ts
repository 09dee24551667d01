/** The longest delay a Node timer holds (about 24.8 days); a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The one primitive for background work in this service (the outbox relay, report runs): a pass
 * that runs now or at a chosen time, never twice at once in one process, and a graceful stop.
 *
 * What a pass does, and how it survives a crash, lives with the work: each piece of work is a
 * database row (outbox entry, report run) with its attempts and `next_attempt_at`, claimed with a
 * row lock, so another replica, or this one after a restart, resumes it. Retries follow
 * {@link decideRetry} (capped exponential backoff with full jitter, then give up). This class only
 * decides *when* the pass runs in this process and waits for it at shutdown.
 */
export class BackgroundWorker {
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private current: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  /**
   * @param pass the work; it may call {@link wake} to set its next run. An error it throws is
   *   handed to `onError` (the work stays in the database and is picked up by a later pass).
   * @param failureBackoff when given, a failed pass is tried again by itself, after a delay that
   *   doubles with each failure in a row, from `baseMs` up to `maxMs`, with jitter: while the
   *   database is down or frozen, passes neither pile up nor hammer it, and work resumes soon after
   *   it is back. A pass that fails should then not also {@link wake} itself sooner.
   */
  constructor(
    private readonly pass: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly failureBackoff?: { baseMs: number; maxMs: number },
  ) {}

  get stopping(): boolean {
    return this.stopped;
  }

  /** Passes that failed in a row (0 after a pass that succeeded). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /**
   * Runs a pass now or, if one is running, once more right after it (work may have arrived that
   * it did not see). Resolves when that pass has finished; never rejects.
   */
  run(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.current) {
      this.again = true;
      return this.current;
    }
    this.current = this.loop();
    return this.current;
  }

  /** Runs a pass in `delayMs`, unless one is already due sooner. */
  wake(delayMs = 0): void {
    if (this.stopped) return;
    const dueAt = Date.now() + Math.min(Math.max(0, delayMs), MAX_TIMER_MS);
    if (this.timer && dueAt >= this.timerDueAt) return;
    clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDueAt = Number.POSITIVE_INFINITY;
      void this.run();
    }, dueAt - Date.now());
    // A pending retry must not keep a finished process (a test, a CLI) alive.
    this.timer.unref();
  }

  /** Work started outside a pass (a request's own send) that shutdown must wait for. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /**
   * No new pass starts; waits for the pass and tracked work in flight. Call it from
   * `beforeApplicationShutdown`, which runs before TypeORM closes its pool.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
    await Promise.allSettled([...this.inFlight]);
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        try {
          await this.pass();
          this.failures = 0;
        } catch (error) {
          this.failures++;
          this.onError(error);
          if (this.failureBackoff) {
            // The retry is scheduled; a run() asked for meanwhile waits for it instead of failing again now.
            this.wake(this.failureDelay(this.failureBackoff));
            break;
          }
        }
      } while (this.again && !this.stopped);
    } finally {
      this.current = undefined;
    }
  }

  /** Capped exponential backoff from `baseMs`, with jitter over the upper half (never sooner than `baseMs`). */
  private failureDelay({ baseMs, maxMs }: { baseMs: number; maxMs: number }): number {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(this.failures - 1, 30));
    return Math.max(baseMs, Math.round(ceiling / 2 + Math.random() * (ceiling / 2)));
  }
}
