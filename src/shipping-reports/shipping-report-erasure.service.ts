import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner.js';
import type { Order } from '../orders/order.entity.js';
import { eraseOrderEntries } from './report-body-erasure.js';
import { compressPayload, decompressPayload } from './shipping-report-payload.js';
import { ShippingReportRepository } from './shipping-report.repository.js';

/** The order fields the erasure of its report entries needs. */
export type ErasedOrder = Pick<Order, 'id' | 'orderRef1' | 'createdAt' | 'shippedAt' | 'reportedAt'>;

/**
 * The shipping reports' part of erasing a shopper's data: the stored bodies that carry the order get
 * its entries rewritten (see {@link eraseOrderEntries}), in the caller's transaction. Only runs
 * created while the order could be in a report are read: from its creation to its last report.
 */
@Injectable()
export class ShippingReportErasureService {
  constructor(private readonly reports: ShippingReportRepository) {}

  /** A pending run carries the order: it will be sent with the body as stored. */
  isBeingReported(tx: Tx, order: ErasedOrder): Promise<boolean> {
    return this.reports.isClaimed(tx, order.id);
  }

  /**
   * Rewrites the order's entries in every stored body that has one; returns those runs' ids. Each
   * run is locked while rewritten (the retention job skips it meanwhile). Pending runs are not read:
   * the caller refuses while one claims the order ({@link isBeingReported}).
   */
  async eraseOrder(tx: Tx, order: ErasedOrder): Promise<string[]> {
    // Only shipped orders are reported: an order that never shipped is in no body.
    if (!order.shippedAt) return [];
    const rewritten: string[] = [];
    for (const id of await this.reports.runsWithBodyBetween(tx, order.createdAt, order.reportedAt)) {
      const stored = await this.reports.lockStoredBody(tx, id);
      if (!stored) continue;
      const erased = eraseOrderEntries(await decompressPayload(stored), order.orderRef1);
      if (!erased) continue;
      await this.reports.replaceStoredBody(tx, id, await compressPayload(erased));
      rewritten.push(id);
    }
    return rewritten;
  }
}
