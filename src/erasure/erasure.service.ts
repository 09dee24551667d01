import { Injectable, Logger } from '@nestjs/common';
import { CustomerDataChangeRepository } from '../data-sync/customer-data-change.repository.js';
import { hasRemainingItems } from '../orders/order-cart.js';
import type { Caller } from '../orders/order-history-entries.js';
import { OrderLifecycleService } from '../orders/order-lifecycle.service.js';
import { erasureCheck } from '../orders/order-states.js';
import type { Order } from '../orders/order.entity.js';
import { erasedAddress, erasedCustomer } from '../orders/personal-data.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { ShippingReportErasureService } from '../shipping-reports/shipping-report-erasure.service.js';
import { ErasureRefusedError } from './erasure.errors.js';

/** What an erasure did: the order as it now is, and what was rewritten (nothing when already erased). */
export interface ErasureResult {
  order: Order;
  alreadyErased: boolean;
  auditRows: number;
  reportRuns: string[];
}

/**
 * Erases a shopper's personal data (GDPR) from an order seQura no longer needs it for, in one
 * transaction under the order's row lock: the order's customer and addresses (see personal-data.ts),
 * the recorded values of its customer-data audit rows (the audit table's one privileged UPDATE), and
 * its entries in the stored report bodies. Amounts, states, history and references stay; a history
 * note records who erased it and why, never the data. Refused (409, saying why) while seQura may
 * still be sent the data: an unsettled order, an unreported or partial shipment, an Order Update or
 * a report run still on its way.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly outbox: OutboxRepository,
    private readonly auditTrail: CustomerDataChangeRepository,
    private readonly reports: ShippingReportErasureService,
  ) {}

  erase(orderRef1: string, reason: string, by: Caller): Promise<ErasureResult> {
    return this.lifecycle.withLockedOrder(orderRef1, async (order, tx) => {
      if (order.erasedAt) return { order, alreadyErased: true, auditRows: 0, reportRuns: [] };
      const check = erasureCheck(order.state, {
        reported: order.reportedAt !== null,
        itemsLeft: hasRemainingItems(order.cart, order.shippedQuantities, order.cancelledQuantities),
      });
      if (check !== 'erasable') throw new ErasureRefusedError(orderRef1, order.state, check);
      if (await this.outbox.hasPending(tx, order.id)) {
        throw new ErasureRefusedError(orderRef1, order.state, 'update_pending');
      }
      if (await this.reports.isBeingReported(tx, order)) {
        throw new ErasureRefusedError(orderRef1, order.state, 'report_pending');
      }

      await this.lifecycle.update(tx, order, {
        customer: erasedCustomer(order.customer),
        deliveryAddress: erasedAddress(order.deliveryAddress),
        invoiceAddress: erasedAddress(order.invoiceAddress),
        erasedAt: new Date(),
      });
      const auditRows = await this.auditTrail.eraseForOrder(tx, order.id);
      const reportRuns = await this.reports.eraseOrder(tx, order);
      await this.lifecycle.note(tx, order, { type: 'personal_data_erased', by, reason, auditRows, reportRuns });
      this.logger.log(
        `Personal data of order ${order.orderRef1} erased by ${by.name}: ${auditRows} audit row(s), ` +
          `${reportRuns.length} report body(ies) rewritten`,
      );
      return { order, alreadyErased: false, auditRows, reportRuns };
    });
  }
}
