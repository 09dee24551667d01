import { OrderHistory } from '../orders/order-history.entity.js';
import { Order } from '../orders/order.entity.js';
import { SequraOutboxEntry } from '../outbox/sequra-outbox.entity.js';
import { WebhookEvent } from '../webhooks/webhook-event.entity.js';
import { CustomerDataChange } from '../data-sync/customer-data-change.entity.js';
import { ShippingReport } from '../shipping-reports/shipping-report.entity.js';
import { StoredMerchantAccount } from '../merchants/merchant-account.entity.js';

/** Every entity, listed explicitly (no globbing: the build and the tests load the same list). */
export const ENTITIES = [
  Order,
  OrderHistory,
  SequraOutboxEntry,
  WebhookEvent,
  CustomerDataChange,
  ShippingReport,
  StoredMerchantAccount,
];
