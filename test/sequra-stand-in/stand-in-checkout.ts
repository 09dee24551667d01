import { encodeForm, ipnFormFields, SEQURA_WEBHOOK_HEADERS } from '../support/sequra-webhook-request.js';

/**
 * seQura's side of the checkout, for the stand-in (order API reference §1, §3, §4): what a solicited
 * order is, the identification form served for it, its payment methods, and the IPN seQura sends
 * the order's `notify_url` once the shopper has finished the form.
 */

type Json = Record<string, unknown>;

/** What the shopper did on seQura's form: seQura approved the order, or wants to review it. */
export type CheckoutOutcome = 'approved' | 'needs_review';

/** A seQura order started by a solicitation (`POST /orders`), under its uuid. */
export interface Solicitation {
  uuid: string;
  /** The merchant account it was started for (`Sequra-Merchant-Id`). */
  merchantId: string;
  /** The `order` of the solicitation, as received. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  order: any;
  at: Date;
  /** The IPN sent to the order's notify_url when the shopper finished, and our service's answer. */
  ipn?: { state: CheckoutOutcome; productCode: string; url: string; status: number; body: string };
  /** The IPN acknowledgement seQura received for it (`PUT /orders/{uuid}`), if any. */
  acknowledged?: 'confirmed' | 'on_hold';
}

/** The answer to a completed purchase: where the IPN went and what our service answered. */
export interface CompletedCheckout {
  sequra_order_ref: string;
  ipn: { url: string; state: CheckoutOutcome; product_code: string; status: number; body: string };
  /** Where seQura sends the shopper next: `return_url` once the IPN was taken, else `abort_url`. */
  next_url: string | null;
}

/** seQura takes these IPN answers as delivered (anything else it retries later). */
const DELIVERED = [200, 201, 202, 302, 307, 404, 410, 501];

/**
 * Sends the IPN of a solicited order as seQura does once the shopper finished its form: a form POST
 * to the order's `notify_url` with its `notification_parameters` as given (unprefixed: our
 * signature and order reference), then `order_ref`, `<state>_since`, `product_code`, `sq_state` and
 * `order_ref_1`, with seQura's headers. One attempt (the stand-in does not retry); 30 s timeout.
 */
export async function sendIpn(
  solicitation: Solicitation,
  state: CheckoutOutcome,
  productCode: string,
): Promise<CompletedCheckout> {
  const merchant = (solicitation.order.merchant ?? {}) as Json;
  const url = merchant.notify_url as string;
  const parameters = (merchant.notification_parameters ?? {}) as Record<string, string>;
  const orderRef1 = ((solicitation.order.merchant_reference ?? {}) as Json).order_ref_1 as string;
  const form = encodeForm(ipnFormFields({ state, orderRef1, orderRef: solicitation.uuid, productCode, parameters }));
  const response = await fetch(url, {
    method: 'POST',
    headers: SEQURA_WEBHOOK_HEADERS,
    body: form,
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  solicitation.ipn = { state, productCode, url, status: response.status, body };
  const taken = [200, 201, 202].includes(response.status);
  return {
    sequra_order_ref: solicitation.uuid,
    ipn: { url, state, product_code: productCode, status: response.status, body },
    next_url: ((taken ? merchant.return_url : merchant.abort_url) as string | undefined) ?? null,
  };
}

/** Whether seQura would stop retrying this IPN answer. */
export const ipnDelivered = (status: number) => DELIVERED.includes(status);

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * `GET orders/{uuid}/form_v2`: seQura's fragment (its fixture's shape): a hidden iframe on the form
 * page, the element's id, and the script that shows it (`window.SequraFormInstance.show()`).
 */
export function identificationFormHtml(base: string, uuid: string, product: string, campaign: string | null): string {
  const id = `sq-identification-${escapeHtml(product)}`;
  const query = new URLSearchParams({ product, ...(campaign ? { campaign } : {}) });
  const src = `${base}/orders/${encodeURIComponent(uuid)}/pumbaa_form?${query.toString()}`;
  return (
    `<iframe id='${id}' name='${id}' class="sq-identification-iframe" src="${escapeHtml(src)}" frameborder="0" ` +
    `style="display:none;position:fixed;top:0;left:0;width:100%;height:100%;z-index:999999;"></iframe>\n` +
    `<script type="text/javascript">window.SequraFormElement = '${id}';</script>\n` +
    `<script src='${escapeHtml(base)}/assets/sequra_form.js'></script>\n`
  );
}

/** seQura's 404 page for a form of an unknown order (its fixture, InvalidOrderIdResponse.html). */
export const FORM_NOT_FOUND_HTML =
  "<!DOCTYPE html>\n<html><head><title>The page you were looking for doesn't exist (404)</title></head>\n" +
  "<body><h1>The page you were looking for doesn't exist.</h1></body></html>\n";

/** The script the fragment loads: defines `SequraFormInstance` (show, close callback), as seQura's does. */
export const FORM_SCRIPT = `(function () {
  var iframe = document.getElementById(window.SequraFormElement);
  var closeCallback = function () {};
  window.SequraFormInstance = {
    show: function () { if (iframe) iframe.style.display = 'block'; },
    setCloseCallback: function (callback) { closeCallback = callback; },
    close: function () { if (iframe) iframe.style.display = 'none'; closeCallback(); },
  };
})();
`;

/** The form page in the iframe: what the shopper sees, with the two ways seQura may end it. */
export function formPageHtml(solicitation: Solicitation, product: string, campaign: string | null): string {
  const order = solicitation.order as Json;
  const cart = (order.cart ?? {}) as Json;
  const total = typeof cart.order_total_with_tax === 'number' ? (cart.order_total_with_tax / 100).toFixed(2) : '?';
  const currency = typeof cart.currency === 'string' ? cart.currency : '';
  const given = ((order.merchant_reference ?? {}) as Json).order_ref_1;
  const ref = typeof given === 'string' ? given : '';
  const abort = ((order.merchant ?? {}) as Json).abort_url;
  const hidden =
    `<input type="hidden" name="product" value="${escapeHtml(product)}">` +
    (campaign ? `<input type="hidden" name="campaign" value="${escapeHtml(campaign)}">` : '');
  const button = (outcome: CheckoutOutcome, label: string) =>
    `<form method="post"><input type="hidden" name="outcome" value="${outcome}">${hidden}` +
    `<button type="submit">${label}</button></form>`;
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>seQura (stand-in)</title></head><body>\n' +
    `<h1>seQura stand-in: pay order ${escapeHtml(ref)}</h1>\n` +
    `<p>Product ${escapeHtml(product)}${campaign ? `, campaign ${escapeHtml(campaign)}` : ''}: ` +
    `${total} ${escapeHtml(currency)}. seQura order ${escapeHtml(solicitation.uuid)}.</p>\n` +
    button('approved', 'Confirm the purchase (seQura approves)') +
    '\n' +
    button('needs_review', 'Confirm the purchase (seQura reviews it first)') +
    '\n' +
    (typeof abort === 'string' ? `<p><a href="${escapeHtml(abort)}">Pay another way</a></p>\n` : '') +
    '</body></html>\n'
  );
}

/** The page after the shopper finished: what seQura did and where the shopper goes next. */
export function completedPageHtml(done: CompletedCheckout): string {
  const next = done.next_url ? `<p><a href="${escapeHtml(done.next_url)}">Back to the shop</a></p>\n` : '';
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>seQura (stand-in)</title></head><body>\n' +
    `<h1>seQura stand-in: ${done.ipn.state === 'approved' ? 'approved' : 'under review'}</h1>\n` +
    `<p>IPN ${escapeHtml(done.ipn.state)} sent to ${escapeHtml(done.ipn.url)}: the shop answered ` +
    `${done.ipn.status}.</p>\n${next}</body></html>\n`
  );
}

/**
 * `GET orders/{uuid}/payment_methods`: the order-level fixture of seQura's core (its icons and long
 * descriptions left out, its figures as they are): pay later in 7 days (i1), next month (pp5, campaign
 * `temporary`) and in instalments (pp3), offered from 50 € (the merchant-level fixture's `min_amount`).
 */
export function paymentMethods(totalWithTax: number) {
  const window = {
    starts_at: '2000-02-22T21:22:00Z',
    ends_at: '2222-02-22T21:22:00Z',
    widget: null,
    info_widget: null,
  };
  const free = { setup_fee: 0, instalment_fee: 0, down_payment_fees: 0, instalment_total: 0 };
  return {
    payment_options: [
      {
        title: 'Paga ahora',
        description: 'Con tarjeta de crédito o débito',
        icon: null,
        category: 'pay_now',
        methods: [],
      },
      {
        title: 'Paga Después',
        description: 'Confirma la compra con tus datos personales',
        icon: null,
        category: 'pay_later',
        methods: [
          {
            product: 'i1',
            campaign: null,
            title: 'Paga Después',
            long_title: 'Paga después. 7 días desde el envío',
            claim: 'Sin coste adicional',
            description: 'Compra ahora, recibe primero y paga después.',
            icon: null,
            cost: free,
            cost_description: 'sin coste adicional',
            ...window,
          },
          {
            product: 'pp5',
            campaign: 'temporary',
            title: 'Paga el mes que viene',
            long_title: 'Paga el mes que viene',
            claim: null,
            description: null,
            icon: null,
            cost: { setup_fee: 295, instalment_fee: 0, down_payment_fees: 295, instalment_total: 5097 },
            cost_description: '+ 2,95 €',
            ...window,
          },
        ],
      },
      {
        title: 'Paga Fraccionado',
        description: 'Hoy solo pagas la primera cuota',
        icon: null,
        category: 'part_payment',
        methods:
          totalWithTax >= 5000
            ? [
                {
                  product: 'pp3',
                  campaign: null,
                  title: 'Desde 7,24 €/mes',
                  long_title: 'Desde 7,24 €/mes o en 3 plazos sin coste',
                  claim: 'o en 3 plazos sin coste',
                  description: 'Elige el plan de pago que prefieras.',
                  icon: null,
                  cost: { setup_fee: 0, instalment_fee: 300, down_payment_fees: 300, instalment_total: 724 },
                  cost_description: null,
                  ...window,
                },
              ]
            : [],
      },
    ],
  };
}
