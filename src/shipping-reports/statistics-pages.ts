import type { StatisticsRow } from './shipping-report-payload.js';
import type { StatisticsKey } from './shipping-report.repository.js';

/** Where the first statistics page starts: before any order. */
export const FIRST_STATISTICS_KEY: StatisticsKey = { key: '-infinity', seq: '0' };

/**
 * The statistics pages of one claim, each read one batch ahead on a pooled connection of its own:
 * they need not be read in the claim's transaction (they are not claimed, only reported), so
 * PostgreSQL reads the next page while the claim goes on.
 */
export class StatisticsPages {
  private ahead?: Promise<StatisticsRow[]>;

  /** @param read a page after the key, of at most `pageSize + 1` rows (one more tells whether a page follows) */
  constructor(
    private readonly read: (after: StatisticsKey) => Promise<StatisticsRow[]>,
    private readonly pageSize: number,
    enabled: boolean,
  ) {
    if (enabled) this.ahead = this.start(FIRST_STATISTICS_KEY);
  }

  /** The next page (at most `pageSize` rows) and whether another follows; starts reading that one. */
  async take(): Promise<{ rows: StatisticsRow[]; more: boolean }> {
    if (!this.ahead) return { rows: [], more: false };
    const page = await this.ahead;
    const rows = page.slice(0, this.pageSize);
    const more = page.length > this.pageSize;
    const last = rows[rows.length - 1];
    this.ahead = more ? this.start({ key: last.created_key, seq: last.seq }) : undefined;
    return { rows, more };
  }

  /** Waits for a read still in flight (its result is not needed), so no query outlives the claim. */
  async settled(): Promise<void> {
    await this.ahead?.catch(() => undefined);
  }

  private start(after: StatisticsKey): Promise<StatisticsRow[]> {
    const page = this.read(after);
    // Handled here so an error does not go unhandled before take() awaits it (and rethrows it).
    page.catch(() => undefined);
    return page;
  }
}
