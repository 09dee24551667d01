import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  CounterConfiguration,
  Gauge,
  GaugeConfiguration,
  Histogram,
  HistogramConfiguration,
  Registry,
} from 'prom-client';

/** Reads database-backed gauges just before a scrape is rendered; throws when the read failed. */
export type ScrapeRefresher = () => Promise<void>;

/**
 * This application's Prometheus registry (prom-client). One per application instance, not
 * prom-client's process-global one, so that several instances in one process (the tests) never
 * share or double-register series. Modules create their series here next to the code that updates
 * them; a series read from the database registers a refresher, run at each scrape.
 *
 * Label values must come from fixed sets (route templates, documented event names, outcome kinds):
 * never a reference, a name, an address or anything a client chose freely.
 */
@Injectable()
export class MetricsRegistry implements OnModuleInit {
  private readonly logger = new Logger(MetricsRegistry.name);
  readonly registry = new Registry();
  private readonly refreshers: { name: string; refresh: ScrapeRefresher; onError: () => void }[] = [];
  private refreshing?: Promise<void>;

  /** The process metrics (CPU, memory, event-loop lag, GC, handles), once the application starts. */
  onModuleInit(): void {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return new Counter({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return new Histogram({ ...config, registers: [this.registry] });
  }

  /**
   * `refresh` runs before every scrape (all refreshers concurrently). When it fails, a warning is
   * logged and `onError` runs: it sets the series to NaN, so an old value never passes for current.
   */
  onScrape(name: string, refresh: ScrapeRefresher, onError: () => void): void {
    this.refreshers.push({ name, refresh, onError });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * The exposition text: refreshers first, then every series. Scrapes that arrive while the
   * database reads of another are running share them, so however many scrapers there are, a replica
   * runs one set of metric reads at a time.
   */
  async render(): Promise<string> {
    this.refreshing ??= this.refreshAll().finally(() => (this.refreshing = undefined));
    await this.refreshing;
    return this.registry.metrics();
  }

  private async refreshAll(): Promise<void> {
    await Promise.all(
      this.refreshers.map(async ({ name, refresh, onError }) => {
        try {
          await refresh();
        } catch (error) {
          onError();
          this.logger.warn(`Metrics: could not read ${name}: ${(error as Error).message}`);
        }
      }),
    );
  }
}
