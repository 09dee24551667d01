import { CreateOrders1763820000000 } from './1763820000000-create-orders.js';
import { CreateSequraOutbox1763820001000 } from './1763820001000-create-sequra-outbox.js';
import { CreateWebhookEvents1763820002000 } from './1763820002000-create-webhook-events.js';
import { CreateShippingReports1763820003000 } from './1763820003000-create-shipping-reports.js';
import { CreateCustomerDataChanges1763820004000 } from './1763820004000-create-customer-data-changes.js';
import { WidenRiskLevel1763820010000 } from './1763820010000-widen-risk-level.js';
import { OrderLifecycleAfterApproval1763820011000 } from './1763820011000-order-lifecycle-after-approval.js';
import { Retention1763820020000 } from './1763820020000-retention.js';
import { Erasure1763820021000 } from './1763820021000-erasure.js';
import { NeedsAttention1763820022000 } from './1763820022000-needs-attention.js';
import { AddOrdersUnreportableVersion1763820030000 } from './1763820030000-add-orders-unreportable-version.js';
import { MerchantAccounts1763820050000 } from './1763820050000-merchant-accounts.js';
import { ClaimsWithoutRunForeignKey1763820060000 } from './1763820060000-claims-without-run-foreign-key.js';
import { Checkout1763820070000 } from './1763820070000-checkout.js';
import { OrderReportStates1763820080000 } from './1763820080000-order-report-states.js';

/** Every migration, in order. A new migration is a new file here plus one line in this list. */
export const MIGRATIONS = [
  CreateOrders1763820000000,
  CreateSequraOutbox1763820001000,
  CreateWebhookEvents1763820002000,
  CreateShippingReports1763820003000,
  CreateCustomerDataChanges1763820004000,
  WidenRiskLevel1763820010000,
  OrderLifecycleAfterApproval1763820011000,
  Retention1763820020000,
  Erasure1763820021000,
  NeedsAttention1763820022000,
  AddOrdersUnreportableVersion1763820030000,
  MerchantAccounts1763820050000,
  ClaimsWithoutRunForeignKey1763820060000,
  Checkout1763820070000,
  OrderReportStates1763820080000,
];
