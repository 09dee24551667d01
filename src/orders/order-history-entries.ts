import type { Principal } from '../auth/auth.decorators.js';
import type { OutboxKind } from '../outbox/sequra-outbox.entity.js';
import type { HistoryCause } from './order-history.entity.js';
import type { OrderState } from './order-states.js';

/** The actor of every change seQura's IPN and events webhook cause. */
export const SEQURA_ACTOR = 'seQura';
/** The actor of the outbox relay's notes (a delivery to seQura that gave up). */
export const OUTBOX_ACTOR = 'sequra-outbox';

/** The caller of an internal route: its key (name, role) and the actor string, `name (X-Actor person)`. */
export type Caller = Principal & { actor: string };

/** Shipped quantities of one shipment, per item reference. */
type Items = Record<string, number>;

// ---- entries that change the state (`kind: transition`) ------------------------------------------

/** seQura's IPN: `approved` → approved, `needs_review` → on_hold (after the acknowledgement). */
export interface IpnStateEntry {
  type: 'ipn_approved' | 'ipn_needs_review';
  orderRef: string;
  productCode: string | null;
}
/** seQura's `cancel` (a cancellation request after confirmation), `cancelled` and `denied` events. */
export interface SequraCancelEntry {
  type: 'sequra_cancel';
  orderRef: string;
  cancellationRequestUrl: string | null;
}
export interface SequraCancelledEntry {
  type: 'sequra_cancelled' | 'sequra_denied';
  orderRef: string;
}
/** The merchant's first shipment; later ones are {@link AdditionalShipmentEntry} notes. */
export interface ShippedEntry {
  type: 'shipped';
  by: Caller;
  items: Items;
}
export interface MerchantCancelEntry {
  type: 'merchant_cancel';
  by: Caller;
  reason?: string;
}

/**
 * A return and/or money refund of a shipped order: a note, or the transition to `refunded` when
 * nothing stays charged after it.
 */
export interface RefundEntry {
  type: 'refund';
  by: Caller;
  /** The refund's number on the order (its money line is `refund-<n>`). */
  refund: number;
  items: Items;
  amount: number;
  reason?: string;
}
/**
 * Units cancelled before shipping: a note, or the transition to `cancelled` when nothing has
 * shipped and nothing is left to ship.
 */
export interface UnitsCancelledEntry {
  type: 'units_cancelled';
  by: Caller;
  items: Items;
  reason?: string;
}

export type TransitionEntry =
  | IpnStateEntry
  | SequraCancelEntry
  | SequraCancelledEntry
  | ShippedEntry
  | MerchantCancelEntry
  | RefundEntry
  | UnitsCancelledEntry;

// ---- entries staff must see without a state change (`kind: note`) --------------------------------

export interface AdditionalShipmentEntry {
  type: 'additional_shipment';
  by: Caller;
  items: Items;
}
/** seQura refused the IPN acknowledgement for good (409: the cart changed; another 4xx). */
export interface AcknowledgementRefusedEntry {
  type: 'acknowledgement_refused';
  state: 'confirmed' | 'on_hold';
  reason: 'cart_changed' | 'rejected';
  sequraStatus: number;
  errors: string[];
  orderRef: string;
}
/** An approval for a second seQura order on an order already paid with another one. */
export interface SecondSequraOrderRefusedEntry {
  type: 'second_sequra_order_refused';
  orderRef: string;
  sequraOrderRef: string;
}
/** An IPN naming a seQura order that another of our orders already holds: refused before seQura is told. */
export interface SequraOrderOfOtherOrderEntry {
  type: 'sequra_order_of_other_order';
  orderRef: string;
  heldBy: string;
}
/** A late `needs_review` for an order approved since: it never steps back. */
export interface NeedsReviewIgnoredEntry {
  type: 'needs_review_ignored';
  state: OrderState;
  orderRef: string;
}
/** seQura cancelled an order whose goods are already out: the state stays, staff must act. */
export interface CancelledAfterShipmentEntry {
  type: 'cancelled_after_shipment';
  orderRef: string;
}
/** A `denied` for an order that is no longer pending. */
export interface DeniedIgnoredEntry {
  type: 'denied_ignored';
  state: OrderState;
  orderRef: string;
}
/** An event about another seQura order than the one this order is paid with. */
export interface OtherSequraOrderEntry {
  type: 'other_sequra_order';
  /** The event's name (`cancel`, `risk_assessment`, …). */
  event: string;
  orderRef: string;
  sequraOrderRef: string;
}
export interface RiskAssessmentEntry {
  type: 'risk_assessment';
  from: string | null;
  to: string;
  orderRef: string;
}
/** seQura sent a risk level outside the three it documents: stored as sent, flagged for staff. */
export interface UndocumentedRiskLevelEntry {
  type: 'undocumented_risk_level';
  level: string;
  orderRef: string;
}
/** Back-office corrections: field names only, the values are in the audit table. */
export interface CustomerDataChangedEntry {
  type: 'customer_data_changed';
  actor: string;
  fields: string[];
  sources: string[];
}
export interface FulfilmentEntry {
  type: 'fulfilment_started' | 'fulfilment_cleared';
  by: Caller;
}
/**
 * seQura asked to cancel (`cancel`) and the empty-cart Order Update to seQura failed or was
 * refused: nothing changed, the request is answered `retry` so seQura asks again.
 */
export interface SequraCancelFailedEntry {
  type: 'sequra_cancel_failed';
  orderRef: string;
  httpStatus: number | null;
  errors: string[];
}
/** The actor of the shipping report's notes. */
export const SHIPPING_REPORT_ACTOR = 'shipping-report';

/** The order's stored data cannot go in a delivery report: left out of the run that claimed it. */
export interface ReportSkippedEntry {
  type: 'report_skipped';
  shippingReportId: string;
  reason: string;
}
/** The outbox gave up delivering an Order Update (a refusal, or out of attempts). */
export interface SequraUpdateFailedEntry {
  type: 'sequra_update_failed';
  outboxId: string;
  kind: OutboxKind;
  httpStatus: number | null;
  errors: string[];
}

/** The shopper's personal data was erased on request: who, why and what was rewritten, never the data. */
export interface PersonalDataErasedEntry {
  type: 'personal_data_erased';
  by: Caller;
  reason: string;
  /** Audit rows whose recorded values were replaced. */
  auditRows: number;
  /** Report runs whose stored body carried the order and was rewritten. */
  reportRuns: string[];
}
/**
 * One attempt to start the order at seQura (`POST /orders/:ref/checkout`): `started` (seQura's new
 * order, and the one it replaced), `refused` (seQura's 409 or another 4xx, with its errors) or
 * `unavailable` (5xx, timeout, no answer, or an answer without the new order's URL). Never the
 * shopper's IP address or user agent (personal data stays in the order, where erasure finds it).
 */
export interface CheckoutEntry {
  type: 'checkout';
  by: Caller;
  outcome: 'started' | 'refused' | 'unavailable';
  merchantId: string;
  sequraOrderRef: string | null;
  /** The seQura order this one replaced (started earlier for the same order), if any. */
  replaced: string | null;
  layout: string;
  returnUrl: string;
  abortUrl: string;
  httpStatus: number | null;
  errors: string[];
}
/**
 * An IPN for a seQura order that is not the latest one started for the order (replaced by a later
 * checkout, or never started here): refused with 404, as seQura's core does; the order is untouched.
 */
export interface NotLatestSequraOrderEntry {
  type: 'not_latest_sequra_order';
  /** The IPN's `sq_state`. */
  sqState: string;
  orderRef: string;
  latest: string | null;
}
/** A person sent a failed Order Update again, after fixing its cause (the needs-attention list). */
export interface SequraUpdateRetriedEntry {
  type: 'sequra_update_retried';
  by: Caller;
  outboxId: string;
  kind: OutboxKind;
  previousAttempts: number;
  previousHttpStatus: number | null;
}

export type NoteEntry =
  | AdditionalShipmentEntry
  | AcknowledgementRefusedEntry
  | SecondSequraOrderRefusedEntry
  | SequraOrderOfOtherOrderEntry
  | NeedsReviewIgnoredEntry
  | CancelledAfterShipmentEntry
  | DeniedIgnoredEntry
  | OtherSequraOrderEntry
  | RiskAssessmentEntry
  | UndocumentedRiskLevelEntry
  | CustomerDataChangedEntry
  | FulfilmentEntry
  | SequraUpdateFailedEntry
  | SequraCancelFailedEntry
  | RefundEntry
  | UnitsCancelledEntry
  | PersonalDataErasedEntry
  | SequraUpdateRetriedEntry
  | ReportSkippedEntry
  | CheckoutEntry
  | NotLatestSequraOrderEntry;

export type HistoryEntry = TransitionEntry | NoteEntry;

/** What an `order_history` row stores for an entry, besides its kind and states. */
export interface HistoryRecord {
  cause: HistoryCause;
  actor: string;
  details: Record<string, unknown> | null;
}

const byCaller = (by: Caller, details: Record<string, unknown> | null): HistoryRecord => ({
  cause: by.role === 'admin' ? 'admin' : 'api',
  actor: by.actor,
  details,
});
const fromIpn = (details: Record<string, unknown>): HistoryRecord => ({ cause: 'ipn', actor: SEQURA_ACTOR, details });
const fromWebhook = (details: Record<string, unknown>): HistoryRecord => ({
  cause: 'webhook',
  actor: SEQURA_ACTOR,
  details,
});

/**
 * The row an entry is stored as. The `details` JSON is the wire format of `GET /orders/:ref/history`
 * and has kept its shape since the first release (some kinds carry an `event`, some do not), so it
 * is written here, in one place, rather than by each caller.
 */
export function historyRecord(entry: HistoryEntry): HistoryRecord {
  switch (entry.type) {
    case 'ipn_approved':
    case 'ipn_needs_review':
      return fromIpn({ order_ref: entry.orderRef, product_code: entry.productCode });
    case 'sequra_cancel':
      return fromWebhook({
        event: 'cancel',
        order_ref: entry.orderRef,
        cancellation_request_url: entry.cancellationRequestUrl,
      });
    case 'sequra_cancelled':
      return fromWebhook({ event: 'cancelled', order_ref: entry.orderRef });
    case 'sequra_denied':
      return fromWebhook({ event: 'denied', order_ref: entry.orderRef });
    case 'shipped':
      return byCaller(entry.by, { items: entry.items });
    case 'merchant_cancel':
      return byCaller(entry.by, entry.reason ? { reason: entry.reason } : null);
    case 'refund':
      return byCaller(entry.by, {
        event: 'refund',
        refund: entry.refund,
        items: entry.items,
        amount: entry.amount,
        ...(entry.reason ? { reason: entry.reason } : {}),
      });
    case 'units_cancelled':
      return byCaller(entry.by, {
        event: 'units_cancelled',
        items: entry.items,
        ...(entry.reason ? { reason: entry.reason } : {}),
      });
    case 'sequra_cancel_failed':
      return fromWebhook({
        event: 'cancel',
        order_ref: entry.orderRef,
        warning: 'seQura could not be told of the cancellation; nothing changed, answered retry',
        http_status: entry.httpStatus,
        errors: entry.errors,
      });
    case 'additional_shipment':
      return byCaller(entry.by, { items: entry.items, event: 'additional_shipment' });
    case 'acknowledgement_refused':
      return fromIpn({
        event: 'acknowledgement_refused',
        state: entry.state,
        reason: entry.reason,
        sequra_status: entry.sequraStatus,
        errors: entry.errors,
        order_ref: entry.orderRef,
      });
    case 'sequra_order_of_other_order':
      return fromIpn({ event: entry.type, order_ref: entry.orderRef, held_by: entry.heldBy });
    case 'second_sequra_order_refused':
      return fromIpn({ event: entry.type, order_ref: entry.orderRef, sequra_order_ref: entry.sequraOrderRef });
    case 'needs_review_ignored':
      return fromIpn({ event: entry.type, reason: `order already ${entry.state}`, order_ref: entry.orderRef });
    case 'cancelled_after_shipment':
      return fromWebhook({
        event: 'cancelled',
        order_ref: entry.orderRef,
        warning: 'seQura cancelled an order that has already shipped',
      });
    case 'denied_ignored':
      return fromWebhook({ event: 'denied', order_ref: entry.orderRef, ignored: `order is ${entry.state}` });
    case 'other_sequra_order':
      return fromWebhook({
        event: entry.event,
        ignored: 'about another seQura order',
        order_ref: entry.orderRef,
        sequra_order_ref: entry.sequraOrderRef,
      });
    case 'risk_assessment':
      return fromWebhook({
        event: entry.type,
        from_risk_level: entry.from,
        risk_level: entry.to,
        order_ref: entry.orderRef,
      });
    case 'undocumented_risk_level':
      return fromWebhook({
        event: 'risk_assessment',
        risk_level: entry.level,
        warning: 'not one of the risk levels seQura documents (low_risk, high_risk, under_evaluation)',
        order_ref: entry.orderRef,
      });
    case 'customer_data_changed':
      return {
        cause: 'admin',
        actor: entry.actor,
        details: { event: entry.type, fields: entry.fields, sources: entry.sources },
      };
    case 'fulfilment_started':
    case 'fulfilment_cleared':
      return byCaller(entry.by, { event: entry.type });
    case 'sequra_update_failed':
      return {
        cause: 'system',
        actor: OUTBOX_ACTOR,
        details: {
          event: entry.type,
          outbox_id: entry.outboxId,
          kind: entry.kind,
          http_status: entry.httpStatus,
          errors: entry.errors,
        },
      };
    case 'personal_data_erased':
      return byCaller(entry.by, {
        event: entry.type,
        reason: entry.reason,
        customer_data_changes: entry.auditRows,
        shipping_reports: entry.reportRuns,
      });
    case 'checkout':
      return byCaller(entry.by, {
        event: entry.type,
        outcome: entry.outcome,
        merchant_id: entry.merchantId,
        sequra_order_ref: entry.sequraOrderRef,
        replaced_sequra_order_ref: entry.replaced,
        layout: entry.layout,
        return_url: entry.returnUrl,
        abort_url: entry.abortUrl,
        http_status: entry.httpStatus,
        errors: entry.errors,
      });
    case 'not_latest_sequra_order':
      return fromIpn({
        event: entry.type,
        sq_state: entry.sqState,
        order_ref: entry.orderRef,
        latest_sequra_order_ref: entry.latest,
      });
    case 'sequra_update_retried':
      return byCaller(entry.by, {
        event: entry.type,
        outbox_id: entry.outboxId,
        kind: entry.kind,
        previous_attempts: entry.previousAttempts,
        previous_http_status: entry.previousHttpStatus,
      });
    case 'report_skipped':
      return {
        cause: 'system',
        actor: SHIPPING_REPORT_ACTOR,
        details: { event: entry.type, shipping_report_id: entry.shippingReportId, reason: entry.reason },
      };
  }
}
