import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { OrderState } from '../orders/order-states.js';
import type { OutboxKind } from '../outbox/sequra-outbox.entity.js';
import { ShippingReport } from '../shipping-reports/shipping-report.entity.js';

/** A page of one list and how many there are in all. */
export interface Listed<T> {
  total: number;
  rows: T[];
}

export interface FailedUpdateRow {
  id: string;
  order_ref_1: string;
  order_state: OrderState;
  kind: OutboxKind;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  response: unknown;
  cancellation_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CancelRetryRow {
  order_ref_1: string;
  risk_level: string | null;
  fulfilment_started_at: Date;
  webhook_event_id: string;
  requested_at: Date;
  cancellation_request_url: string | null;
}

export interface OnHoldRow {
  order_ref_1: string;
  risk_level: string | null;
  on_hold_since: Date;
  created_at: Date;
}

type Counted<T> = T & { total: number };
const listed = <T>(rows: Counted<T>[]): Listed<T> => ({
  total: rows[0]?.total ?? 0,
  rows: rows.map(({ total: _total, ...row }) => row as T),
});

/**
 * The reads of the needs-attention list: what a person has to look at, across the outbox, the report
 * runs, the webhook requests and the orders. Read-only: every change goes through the repository
 * that owns the table. Each list is its newest (or longest waiting) `limit` rows and a total.
 */
@Injectable()
export class NeedsAttentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Order Updates seQura refused, or that ran out of attempts (the partial index on failed rows). */
  async failedOrderUpdates(limit: number): Promise<Listed<FailedUpdateRow>> {
    const rows: Counted<FailedUpdateRow>[] = await this.dataSource.query(
      `SELECT x.id::text, x.order_ref_1, o.state AS order_state, x.kind, x.attempts, x.last_status, x.last_error,
              x.response, x.cancellation_reason, x.created_at, x.updated_at, count(*) OVER ()::integer AS total
       FROM sequra_outbox x JOIN orders o ON o.id = x.order_id
       WHERE x.status = 'failed'
       ORDER BY x.id DESC LIMIT $1`,
      [limit],
    );
    return listed(rows);
  }

  /** Failed report runs nobody has retried yet, newest first. */
  async failedReportRuns(limit: number): Promise<Listed<ShippingReport>> {
    const [runs, total] = await this.dataSource.getRepository(ShippingReport).findAndCount({
      where: { status: 'failed', retriedAt: IsNull() },
      order: { seq: 'DESC' },
      take: limit,
    });
    return { total, rows: runs };
  }

  /**
   * Approved orders the warehouse is picking whose latest `cancel` request from seQura was answered
   * `retry`: a person decides (ship it, or clear the marker so that seQura's next request cancels
   * it). Read from the orders being picked (few), then each one's latest cancel request (the
   * `(order_ref_1, id DESC)` index), not by scanning the webhook requests.
   */
  async cancelRequestsAnsweredRetry(limit: number): Promise<Listed<CancelRetryRow>> {
    const rows: Counted<CancelRetryRow>[] = await this.dataSource.query(
      `SELECT o.order_ref_1, o.risk_level, o.fulfilment_started_at, e.id::text AS webhook_event_id,
              e.received_at AS requested_at, e.payload ->> 'cancellation_request_url' AS cancellation_request_url,
              count(*) OVER ()::integer AS total
       FROM orders o
       CROSS JOIN LATERAL (
         SELECT w.id, w.received_at, w.status, w.response_body, w.payload FROM webhook_events w
         WHERE w.order_ref_1 = o.order_ref_1 AND w.kind = 'event' AND w.event = 'cancel'
         ORDER BY w.id DESC LIMIT 1
       ) e
       WHERE o.state = 'approved' AND o.fulfilment_started_at IS NOT NULL AND e.status = 200
         AND CASE WHEN e.response_body LIKE '{%' THEN e.response_body::jsonb ->> 'result' END = 'retry'
       ORDER BY e.id DESC LIMIT $1`,
      [limit],
    );
    return listed(rows);
  }

  /**
   * Orders on hold (seQura is reviewing them) for more than `hours`, longest waiting first. On hold
   * since their transition to `on_hold` (their creation when the history has none).
   */
  async ordersOnHoldLongerThan(hours: number, limit: number): Promise<Listed<OnHoldRow>> {
    const rows: Counted<OnHoldRow>[] = await this.dataSource.query(
      `SELECT o.order_ref_1, o.risk_level, coalesce(h.created_at, o.created_at) AS on_hold_since, o.created_at,
              count(*) OVER ()::integer AS total
       FROM orders o
       LEFT JOIN LATERAL (
         SELECT created_at FROM order_history h
         WHERE h.order_id = o.id AND h.kind = 'transition' AND h.to_state = 'on_hold'
         ORDER BY h.id DESC LIMIT 1
       ) h ON true
       WHERE o.state = 'on_hold' AND coalesce(h.created_at, o.created_at) < now() - make_interval(hours => $1)
       ORDER BY on_hold_since, o.seq LIMIT $2`,
      [hours, limit],
    );
    return listed(rows);
  }
}
