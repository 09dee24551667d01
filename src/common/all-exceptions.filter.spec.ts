import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable, isUnstorableText } from './all-exceptions.filter.js';

describe('isDatabaseUnavailable (503, retry later)', () => {
  it('recognises a lost connection, including TypeORM releasing a transaction whose connection PostgreSQL dropped', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerProviderAlreadyReleasedError())).toBe(true);
    expect(isDatabaseUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
  });

  it('recognises a database too slow to answer: the timeouts of the pool, the client and the server', () => {
    const failed = (message: string, code?: string) =>
      new QueryFailedError('SELECT …', [], Object.assign(new Error(message), code ? { code } : {}));
    expect(isDatabaseUnavailable(failed('Query read timeout'))).toBe(true);
    expect(isDatabaseUnavailable(failed('canceling statement due to statement timeout', '57014'))).toBe(true);
    expect(isDatabaseUnavailable(failed('canceling statement due to lock timeout', '55P03'))).toBe(true);
    expect(isDatabaseUnavailable(failed('terminating connection due to idle-in-transaction timeout', '25P03'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
  });

  it('leaves other errors alone (they are 500s)', () => {
    expect(
      isDatabaseUnavailable(
        new QueryFailedError('INSERT …', [], Object.assign(new Error('duplicate key'), { code: '23505' })),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

describe('isUnstorableText (400)', () => {
  it('recognises PostgreSQL refusing U+0000 in text or jsonb', () => {
    const driverError = (code: string) =>
      new QueryFailedError('INSERT …', [], Object.assign(new Error('invalid byte sequence'), { code }));
    expect(isUnstorableText(driverError('22021'))).toBe(true);
    expect(isUnstorableText(driverError('22P05'))).toBe(true);
    expect(isUnstorableText(driverError('23505'))).toBe(false);
    expect(isUnstorableText(new Error('no code'))).toBe(false);
  });
});
