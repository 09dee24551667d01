import { Caller, historyRecord, HistoryEntry, HistoryRecord, SEQURA_ACTOR } from './order-history-entries.js';

const shop: Caller = { name: 'shop', role: 'service', actor: 'shop (Luis)' };
const backoffice: Caller = { name: 'backoffice', role: 'admin', actor: 'backoffice (Marta)' };
const seQura = (cause: 'ipn' | 'webhook', details: Record<string, unknown>): HistoryRecord => ({
  cause,
  actor: SEQURA_ACTOR,
  details,
});

/** Every kind of entry and the row it is stored as: the wire format of GET /orders/:ref/history. */
const CASES: [HistoryEntry, HistoryRecord][] = [
  [
    { type: 'ipn_approved', orderRef: 'uuid-1', productCode: 'pp3' },
    seQura('ipn', { order_ref: 'uuid-1', product_code: 'pp3' }),
  ],
  [
    { type: 'ipn_needs_review', orderRef: 'uuid-1', productCode: null },
    seQura('ipn', { order_ref: 'uuid-1', product_code: null }),
  ],
  [
    { type: 'sequra_cancel', orderRef: 'uuid-1', cancellationRequestUrl: 'https://x.example/c' },
    seQura('webhook', { event: 'cancel', order_ref: 'uuid-1', cancellation_request_url: 'https://x.example/c' }),
  ],
  [{ type: 'sequra_cancelled', orderRef: 'uuid-1' }, seQura('webhook', { event: 'cancelled', order_ref: 'uuid-1' })],
  [{ type: 'sequra_denied', orderRef: 'uuid-1' }, seQura('webhook', { event: 'denied', order_ref: 'uuid-1' })],
  [
    { type: 'shipped', by: backoffice, items: { shirt: 1 } },
    { cause: 'admin', actor: 'backoffice (Marta)', details: { items: { shirt: 1 } } },
  ],
  [
    { type: 'merchant_cancel', by: shop, reason: 'customer_cancel' },
    { cause: 'api', actor: 'shop (Luis)', details: { reason: 'customer_cancel' } },
  ],
  [
    { type: 'merchant_cancel', by: shop },
    { cause: 'api', actor: 'shop (Luis)', details: null },
  ],
  [
    { type: 'additional_shipment', by: shop, items: { jacket: 1 } },
    { cause: 'api', actor: 'shop (Luis)', details: { items: { jacket: 1 }, event: 'additional_shipment' } },
  ],
  [
    {
      type: 'acknowledgement_refused',
      state: 'confirmed',
      reason: 'cart_changed',
      sequraStatus: 409,
      errors: ['cart changed'],
      orderRef: 'uuid-1',
    },
    seQura('ipn', {
      event: 'acknowledgement_refused',
      state: 'confirmed',
      reason: 'cart_changed',
      sequra_status: 409,
      errors: ['cart changed'],
      order_ref: 'uuid-1',
    }),
  ],
  [
    { type: 'second_sequra_order_refused', orderRef: 'uuid-2', sequraOrderRef: 'uuid-1' },
    seQura('ipn', { event: 'second_sequra_order_refused', order_ref: 'uuid-2', sequra_order_ref: 'uuid-1' }),
  ],
  [
    { type: 'sequra_order_of_other_order', orderRef: 'uuid-1', heldBy: 'A-1' },
    seQura('ipn', { event: 'sequra_order_of_other_order', order_ref: 'uuid-1', held_by: 'A-1' }),
  ],
  [
    { type: 'needs_review_ignored', state: 'approved', orderRef: 'uuid-1' },
    seQura('ipn', { event: 'needs_review_ignored', reason: 'order already approved', order_ref: 'uuid-1' }),
  ],
  [
    { type: 'cancelled_after_shipment', orderRef: 'uuid-1' },
    seQura('webhook', {
      event: 'cancelled',
      order_ref: 'uuid-1',
      warning: 'seQura cancelled an order that has already shipped',
    }),
  ],
  [
    { type: 'denied_ignored', state: 'approved', orderRef: 'uuid-1' },
    seQura('webhook', { event: 'denied', order_ref: 'uuid-1', ignored: 'order is approved' }),
  ],
  [
    { type: 'other_sequra_order', event: 'risk_assessment', orderRef: 'uuid-2', sequraOrderRef: 'uuid-1' },
    seQura('webhook', {
      event: 'risk_assessment',
      ignored: 'about another seQura order',
      order_ref: 'uuid-2',
      sequra_order_ref: 'uuid-1',
    }),
  ],
  [
    { type: 'risk_assessment', from: 'under_evaluation', to: 'low_risk', orderRef: 'uuid-1' },
    seQura('webhook', {
      event: 'risk_assessment',
      from_risk_level: 'under_evaluation',
      risk_level: 'low_risk',
      order_ref: 'uuid-1',
    }),
  ],
  [
    { type: 'refund', by: backoffice, refund: 2, items: { shirt: 1 }, amount: 500, reason: 'damaged' },
    {
      cause: 'admin',
      actor: 'backoffice (Marta)',
      details: { event: 'refund', refund: 2, items: { shirt: 1 }, amount: 500, reason: 'damaged' },
    },
  ],
  [
    { type: 'units_cancelled', by: shop, items: { jacket: 1 } },
    { cause: 'api', actor: 'shop (Luis)', details: { event: 'units_cancelled', items: { jacket: 1 } } },
  ],
  [
    { type: 'sequra_cancel_failed', orderRef: 'uuid-1', httpStatus: null, errors: ['timeout after 8000 ms'] },
    seQura('webhook', {
      event: 'cancel',
      order_ref: 'uuid-1',
      warning: 'seQura could not be told of the cancellation; nothing changed, answered retry',
      http_status: null,
      errors: ['timeout after 8000 ms'],
    }),
  ],
  [
    { type: 'undocumented_risk_level', level: 'unknown_risk', orderRef: 'uuid-1' },
    seQura('webhook', {
      event: 'risk_assessment',
      risk_level: 'unknown_risk',
      warning: 'not one of the risk levels seQura documents (low_risk, high_risk, under_evaluation)',
      order_ref: 'uuid-1',
    }),
  ],
  [
    { type: 'customer_data_changed', actor: 'backoffice (Marta)', fields: ['customer.email'], sources: ['merchant'] },
    {
      cause: 'admin',
      actor: 'backoffice (Marta)',
      details: { event: 'customer_data_changed', fields: ['customer.email'], sources: ['merchant'] },
    },
  ],
  [
    { type: 'fulfilment_started', by: backoffice },
    { cause: 'admin', actor: 'backoffice (Marta)', details: { event: 'fulfilment_started' } },
  ],
  [
    { type: 'fulfilment_cleared', by: shop },
    { cause: 'api', actor: 'shop (Luis)', details: { event: 'fulfilment_cleared' } },
  ],
  [
    { type: 'sequra_update_failed', outboxId: '7', kind: 'cancellation', httpStatus: 409, errors: ['no'] },
    {
      cause: 'system',
      actor: 'sequra-outbox',
      details: {
        event: 'sequra_update_failed',
        outbox_id: '7',
        kind: 'cancellation',
        http_status: 409,
        errors: ['no'],
      },
    },
  ],
  [
    { type: 'personal_data_erased', by: backoffice, reason: 'GDPR request #12', auditRows: 3, reportRuns: ['run-1'] },
    {
      cause: 'admin',
      actor: 'backoffice (Marta)',
      details: {
        event: 'personal_data_erased',
        reason: 'GDPR request #12',
        customer_data_changes: 3,
        shipping_reports: ['run-1'],
      },
    },
  ],
  [
    {
      type: 'sequra_update_retried',
      by: backoffice,
      outboxId: '7',
      kind: 'customer_data',
      previousAttempts: 50,
      previousHttpStatus: null,
    },
    {
      cause: 'admin',
      actor: 'backoffice (Marta)',
      details: {
        event: 'sequra_update_retried',
        outbox_id: '7',
        kind: 'customer_data',
        previous_attempts: 50,
        previous_http_status: null,
      },
    },
  ],
  [
    {
      type: 'checkout',
      by: shop,
      outcome: 'started',
      merchantId: 'merchant-es',
      sequraOrderRef: 'uuid-2',
      replaced: 'uuid-1',
      layout: 'smartphone',
      returnUrl: 'https://shop.example/ok',
      abortUrl: 'https://shop.example/ko',
      httpStatus: 204,
      errors: [],
    },
    {
      cause: 'api',
      actor: 'shop (Luis)',
      details: {
        event: 'checkout',
        outcome: 'started',
        merchant_id: 'merchant-es',
        sequra_order_ref: 'uuid-2',
        replaced_sequra_order_ref: 'uuid-1',
        layout: 'smartphone',
        return_url: 'https://shop.example/ok',
        abort_url: 'https://shop.example/ko',
        http_status: 204,
        errors: [],
      },
    },
  ],
  [
    { type: 'not_latest_sequra_order', sqState: 'approved', orderRef: 'uuid-1', latest: 'uuid-2' },
    seQura('ipn', {
      event: 'not_latest_sequra_order',
      sq_state: 'approved',
      order_ref: 'uuid-1',
      latest_sequra_order_ref: 'uuid-2',
    }),
  ],
  [
    { type: 'report_skipped', shippingReportId: 'run-1', reason: 'cart.items is not an array' },
    {
      cause: 'system',
      actor: 'shipping-report',
      details: { event: 'report_skipped', shipping_report_id: 'run-1', reason: 'cart.items is not an array' },
    },
  ],
];

describe('historyRecord', () => {
  it.each(CASES.map(([entry, record]) => [entry.type, entry, record] as const))(
    '%s is stored as it always was',
    (_type, entry, record) => {
      expect(historyRecord(entry)).toEqual(record);
    },
  );

  it('records the caller with its X-Actor person, never the bare key name', () => {
    expect(historyRecord({ type: 'shipped', by: shop, items: {} }).actor).toBe('shop (Luis)');
    expect(historyRecord({ type: 'merchant_cancel', by: backoffice }).actor).toBe('backoffice (Marta)');
  });
});
