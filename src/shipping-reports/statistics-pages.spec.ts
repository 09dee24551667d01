import { jest } from '@jest/globals';
import type { StatisticsRow } from './shipping-report-payload.js';
import { StatisticsPages } from './statistics-pages.js';

describe('StatisticsPages', () => {
  const row = (seq: number): StatisticsRow => ({
    seq: String(seq),
    created_at: new Date(0),
    created_key: `key-${seq}`,
    order_ref_1: `R${seq}`,
    order_ref_2: null,
    state: 'shipped',
    currency: 'EUR',
    amount: 100,
    country: 'ES',
  });

  test('reads one page ahead, keyed on the last row taken, until a short page', async () => {
    const reads: { key: string; seq: string }[] = [];
    const pages = [
      [row(1), row(2), row(3)],
      [row(3), row(4)],
    ];
    const statistics = new StatisticsPages(async (after) => (reads.push(after), pages[reads.length - 1]), 2, true);

    expect(await statistics.take()).toEqual({ rows: [row(1), row(2)], more: true });
    expect(reads).toEqual([
      { key: '-infinity', seq: '0' },
      { key: 'key-2', seq: '2' },
    ]);
    expect(await statistics.take()).toEqual({ rows: [row(3), row(4)], more: false });
    expect(await statistics.take()).toEqual({ rows: [], more: false });
    await statistics.settled();
    expect(reads).toHaveLength(2);
  });

  test('reads nothing when statistics are off', async () => {
    const read = jest.fn(async () => [row(1)]);
    const statistics = new StatisticsPages(read, 2, false);
    expect(await statistics.take()).toEqual({ rows: [], more: false });
    expect(read).not.toHaveBeenCalled();
  });
});
