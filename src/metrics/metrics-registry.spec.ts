import { MetricsRegistry } from './metrics-registry.js';

describe('MetricsRegistry', () => {
  test('a gauge read at scrape time shows NaN, not its last value, when the read fails', async () => {
    const metrics = new MetricsRegistry();
    const gauge = metrics.gauge({ name: 'test_backlog', help: 'test' });
    let fail = false;
    metrics.onScrape(
      'the backlog',
      async () => {
        if (fail) throw new Error('database unavailable');
        gauge.set(await Promise.resolve(7));
      },
      () => gauge.set(NaN),
    );
    const other = metrics.counter({ name: 'test_requests_total', help: 'test' });
    other.inc(2);

    expect(await metrics.render()).toMatch(/^test_backlog 7$/m);
    fail = true;
    const text = await metrics.render();
    // prom-client writes `Nan`; Prometheus parses NaN in any case.
    expect(text).toMatch(/^test_backlog nan$/im);
    // The rest of the scrape is unaffected.
    expect(text).toMatch(/^test_requests_total 2$/m);
  });

  test('concurrent scrapes share one set of database reads', async () => {
    const metrics = new MetricsRegistry();
    let reads = 0;
    let release: () => void = () => undefined;
    metrics.onScrape(
      'slow',
      async () => {
        reads++;
        await new Promise<void>((resolve) => (release = resolve));
      },
      () => undefined,
    );
    const scrapes = [metrics.render(), metrics.render(), metrics.render()];
    release();
    await Promise.all(scrapes);
    expect(reads).toBe(1);
    // A later scrape reads again.
    const later = metrics.render();
    release();
    await later;
    expect(reads).toBe(2);
  });
});
