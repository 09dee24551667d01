/**
 * The sends of one claim, in batch order. A run's POST starts once the previous run's POST has been
 * answered, so its orders are marked reported (in PostgreSQL) while the next body travels; at most
 * two attempts are in flight, and the claim waits while two runs are queued, so only a few bodies
 * are held however large the day. The first error stops the sends not yet started and is rethrown
 * by {@link rethrow} once all have settled.
 */
export class SendPipeline {
  private readonly attempts: Promise<void>[] = [];
  private previousAnswered: Promise<void> = Promise.resolve();
  private queued = 0;
  private dequeued: () => void = () => undefined;
  private failure?: { error: unknown };

  constructor(
    private readonly send: (id: string, payload: Buffer, answered: () => void) => Promise<unknown>,
    private readonly stopping: () => boolean,
  ) {}

  /** Queues a run; resolves when the caller may claim the next batch. */
  add(id: string, payload: Buffer): Promise<void> {
    this.queued++;
    let answered: () => void = () => undefined;
    const thisAnswered = new Promise<void>((resolve) => (answered = resolve));
    const attempt = Promise.all([this.previousAnswered, this.attempts[this.attempts.length - 2]])
      .then(async () => {
        this.queued--;
        this.dequeued();
        if (this.failure || this.stopping()) return;
        try {
          await this.send(id, payload, answered);
        } catch (error) {
          this.failure ??= { error };
        }
      })
      .finally(answered);
    this.attempts.push(attempt);
    this.previousAnswered = thisAnswered;
    return this.queued > 1 ? new Promise<void>((resolve) => (this.dequeued = resolve)) : Promise.resolve();
  }

  /** Resolves once every queued attempt has finished (never rejects). */
  async settled(): Promise<void> {
    await Promise.all(this.attempts);
  }

  rethrow(): void {
    if (this.failure) throw this.failure.error;
  }
}
