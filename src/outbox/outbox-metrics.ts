import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { OutboxRepository } from './outbox.repository.js';

/**
 * The outbox gauges, read from the database at each scrape, so every replica shows the same values
 * (aggregate them with `max`, not `sum`). When the read fails they show NaN for that scrape, never
 * an old value passed off as current.
 */
@Injectable()
export class OutboxMetrics {
  constructor(metrics: MetricsRegistry, outbox: OutboxRepository) {
    const pending = metrics.gauge({
      name: 'sequra_outbox_pending',
      help: 'Order Updates waiting to be delivered to seQura (read from the database at scrape time)',
    });
    const oldest = metrics.gauge({
      name: 'sequra_outbox_oldest_pending_seconds',
      help: 'Age of the oldest Order Update waiting to be delivered; 0 when none waits',
    });
    const failed = metrics.gauge({
      name: 'sequra_outbox_failed',
      help: 'Order Updates seQura refused or that ran out of attempts: they need a person',
    });
    metrics.onScrape(
      'the outbox backlog',
      async () => {
        const backlog = await outbox.backlog();
        pending.set(backlog.pending);
        oldest.set(backlog.oldestPendingSeconds);
        failed.set(backlog.failed);
      },
      () => [pending, oldest, failed].forEach((gauge) => gauge.set(NaN)),
    );
  }
}
