import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What {@link AdvisoryLockRepository.whileHolding} did: ran the work, or found the lock taken. */
export type LockOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * Session-level PostgreSQL advisory locks, for background jobs that one replica at a time should run
 * (the retention job). The lock is held on a connection of its own for the whole job, while the
 * job's own statements run on the pool in short transactions; if the process dies, PostgreSQL drops
 * the lock with the connection, so a later run is never blocked by a dead one.
 */
@Injectable()
export class AdvisoryLockRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` holding lock `key`; does not wait: when another session holds it, `{ran: false}`. */
  async whileHolding<T>(key: number, work: () => Promise<T>): Promise<LockOutcome<T>> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.manager.query(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [key],
      );
      if (!locked) return { ran: false };
      try {
        return { ran: true, value: await work() };
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }
}
