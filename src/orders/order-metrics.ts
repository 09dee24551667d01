import { Injectable } from '@nestjs/common';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { ORDER_STATES } from './order-states.js';
import { OrderRepository } from './order.repository.js';

/** Per state, orders up to this many are counted exactly; more are estimated (see OrderRepository.countByState). */
export const EXACT_ORDER_COUNT_UP_TO = 10_000;

/**
 * `sequra_orders{state}`, read from the database at each scrape (the same value on every replica:
 * aggregate with `max`). Every state of the state table has a series; NaN when the read failed.
 */
@Injectable()
export class OrderMetrics {
  constructor(metrics: MetricsRegistry, orders: OrderRepository) {
    const gauge = metrics.gauge({
      name: 'sequra_orders',
      help:
        `Orders by state, read at scrape time: exact up to ${EXACT_ORDER_COUNT_UP_TO} per state, ` +
        "above that estimated from PostgreSQL's statistics",
      labelNames: ['state'],
    });
    metrics.onScrape(
      'the orders per state',
      async () => {
        for (const { state, count } of await orders.countByState(ORDER_STATES, EXACT_ORDER_COUNT_UP_TO)) {
          gauge.set({ state }, count);
        }
      },
      () => ORDER_STATES.forEach((state) => gauge.set({ state }, NaN)),
    );
  }
}
