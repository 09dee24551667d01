import { Injectable, Logger } from '@nestjs/common';
import { FieldError, OrderNotFoundError, ValidationFailedError } from '../common/domain-errors.js';
import { AppConfig, checkoutUrl } from '../config/app-config.js';
import type { Tx } from '../database/transaction-runner.js';
import type { GuiLayout } from '../orders/order-checkout.js';
import type { Caller, CheckoutEntry } from '../orders/order-history-entries.js';
import { OrderLifecycleService } from '../orders/order-lifecycle.service.js';
import { acceptsCheckout } from '../orders/order-states.js';
import { sequraCallbacks } from '../orders/order-view.js';
import type { Order } from '../orders/order.entity.js';
import { OrderRepository } from '../orders/order.repository.js';
import { SequraClient, sequraOrderRefOf, SequraResult } from '../sequra/sequra-client.js';
import { solicitationPayload } from '../sequra/sequra-payloads.js';
import {
  CheckoutDataMissingError,
  CheckoutNotPossibleError,
  SequraRefusedError,
  SequraUnavailableError,
} from './checkout.errors.js';
import type { CheckoutFormQuery } from './dto/checkout-form.query.js';
import type { StartCheckoutDto } from './dto/start-checkout.dto.js';

/** A seQura order started for one of ours: the latest, which replaced `replaced` (if any). */
export interface StartedCheckout {
  order: Order;
  sequraOrderRef: string;
  replaced: string | null;
  merchantId: string;
  /** seQura's payment methods for it, or null with `paymentMethodsError` when that call failed. */
  paymentMethods: unknown;
  paymentMethodsError: string | null;
}

/** What one solicitation ended in, decided under the order's lock and answered after the commit. */
type Attempt =
  | { outcome: 'started'; order: Order; sequraOrderRef: string; replaced: string | null; merchantId: string }
  | { outcome: 'refused'; status: number; errors: string[] }
  | { outcome: 'unavailable'; status: number | null; reason: string };

/** Fields seQura's core requires at solicitation that a registration may leave out. */
function missingForSolicitation(order: Order): string[] {
  return typeof order.customer.language_code === 'string' && order.customer.language_code !== ''
    ? []
    : ['customer.language_code'];
}

/**
 * The start of the order at seQura, as seQura's plugins do it (order API reference §1, §3, §4): the
 * solicitation (`POST orders` with the whole order, `state: ""` and our merchant block), then the
 * identification form and the payment methods of the seQura order it started. Calling it again
 * starts a new seQura order, which replaces the one before: only the latest can be approved (see
 * isNotLatestSequraOrder, which the IPN handlers ask).
 *
 * The solicitation runs under the order's row lock, as the IPN acknowledgement does: two checkouts,
 * or a checkout and an IPN, for one order serialize, so the seQura order stored is the one seQura
 * answered last and an IPN never sees it half-written. The lock is bounded by SEQURA_TIMEOUT_MS.
 * Every attempt writes a history note, committed even when the answer is an error.
 */
@Injectable()
export class CheckoutService {
  private readonly logger = new Logger(CheckoutService.name);

  constructor(
    private readonly lifecycle: OrderLifecycleService,
    private readonly orders: OrderRepository,
    private readonly sequra: SequraClient,
    private readonly config: AppConfig,
  ) {}

  async start(orderRef1: string, dto: StartCheckoutDto, caller: Caller): Promise<StartedCheckout> {
    const urls = this.urlsOf(orderRef1, dto);
    const layout = dto.gui?.layout ?? 'desktop';
    const attempt = await this.lifecycle.withLockedOrder(orderRef1, (order, tx) =>
      this.solicit(tx, order, dto, urls, layout, caller),
    );
    switch (attempt.outcome) {
      case 'refused':
        throw new SequraRefusedError(
          `seQura refused to start order '${orderRef1}' (HTTP ${attempt.status}): offer the shopper another ` +
            'payment method',
          attempt.status,
          attempt.errors,
        );
      case 'unavailable':
        throw new SequraUnavailableError(
          `seQura could not start order '${orderRef1}' (${attempt.reason}); retry later`,
        );
      case 'started': {
        // After the commit: the seQura order is stored whatever this call answers.
        const methods = await this.sequra.orderPaymentMethods(attempt.merchantId, attempt.sequraOrderRef);
        const ok = methods.kind === 'success' && isJsonObject(methods.body);
        return {
          order: attempt.order,
          sequraOrderRef: attempt.sequraOrderRef,
          replaced: attempt.replaced,
          merchantId: attempt.merchantId,
          paymentMethods: ok ? methods.body : null,
          paymentMethodsError: ok ? null : `${describeFailure(methods)}: ask GET …/checkout/payment-methods again`,
        };
      }
    }
  }

  /** seQura's identification form of the order's latest seQura order, as HTML to embed as is. */
  async form(orderRef1: string, query: CheckoutFormQuery): Promise<string> {
    const { order, merchantId } = await this.latest(orderRef1);
    const result = await this.sequra.identificationForm(merchantId, order.sequraOrderRef!, query);
    if (result.kind === 'success' && typeof result.body === 'string' && result.body !== '') return result.body;
    throw this.readFailure(order, 'the identification form', result);
  }

  /** seQura's payment methods for the order's latest seQura order (`{"payment_options": [...]}`). */
  async paymentMethods(orderRef1: string): Promise<unknown> {
    const { order, merchantId } = await this.latest(orderRef1);
    const result = await this.sequra.orderPaymentMethods(merchantId, order.sequraOrderRef!);
    if (result.kind === 'success' && isJsonObject(result.body)) return result.body;
    throw this.readFailure(order, 'the payment methods', result);
  }

  private async solicit(
    tx: Tx,
    order: Order,
    dto: StartCheckoutDto,
    urls: { returnUrl: string; abortUrl: string },
    layout: GuiLayout,
    caller: Caller,
  ): Promise<Attempt> {
    if (!acceptsCheckout(order.state)) throw new CheckoutNotPossibleError(order.orderRef1, order.state, 'not_pending');
    const missing = missingForSolicitation(order);
    if (missing.length > 0) throw new CheckoutDataMissingError(order.orderRef1, missing);

    const merchantId = this.merchantIdFor(order);
    const device = { ip_number: dto.customer.ip_number, user_agent: dto.customer.user_agent };
    const merchant = {
      id: merchantId,
      ...sequraCallbacks(this.config, order.orderRef1),
      return_url: urls.returnUrl,
      abort_url: urls.abortUrl,
    };
    const result = await this.sequra.startSolicitation(
      merchantId,
      solicitationPayload(order, merchant, device, layout),
    );
    const entry: Omit<CheckoutEntry, 'outcome' | 'sequraOrderRef' | 'httpStatus' | 'errors'> = {
      type: 'checkout',
      by: caller,
      merchantId,
      replaced: null,
      layout,
      returnUrl: urls.returnUrl,
      abortUrl: urls.abortUrl,
    };
    const note = (outcome: CheckoutEntry['outcome'], httpStatus: number | null, errors: string[]) =>
      this.lifecycle.note(tx, order, { ...entry, outcome, sequraOrderRef: null, httpStatus, errors });

    switch (result.kind) {
      case 'success': {
        const sequraOrderRef = sequraOrderRefOf(result.location);
        if (!sequraOrderRef) {
          const reason = `seQura's answer (HTTP ${result.status}) does not name the new order (no usable Location)`;
          this.logger.error(`Solicitation of order ${order.orderRef1}: HTTP ${result.status}, ${reason}`);
          await note('unavailable', result.status, [reason]);
          return { outcome: 'unavailable', status: result.status, reason };
        }
        const holder = await this.orders.holderOfSequraOrder(sequraOrderRef, tx);
        if (holder !== null && holder !== order.orderRef1) {
          const reason = `seQura answered with seQura order '${sequraOrderRef}', which another order holds`;
          this.logger.error(`Solicitation of order ${order.orderRef1}: ${reason} (${holder})`);
          await note('unavailable', result.status, [reason]);
          return { outcome: 'unavailable', status: result.status, reason };
        }
        const replaced = order.sequraOrderRef;
        await this.lifecycle.update(tx, order, {
          sequraOrderRef,
          // seQura keeps the shopper's device with its order; the acknowledgement sends the same customer.
          customer: { ...order.customer, ...device },
          checkout: {
            started_at: new Date().toISOString(),
            merchant_id: merchantId,
            return_url: urls.returnUrl,
            abort_url: urls.abortUrl,
            layout,
            solicitations: (order.checkout?.solicitations ?? 0) + 1,
          },
        });
        await this.lifecycle.note(tx, order, {
          ...entry,
          outcome: 'started',
          sequraOrderRef,
          replaced,
          httpStatus: result.status,
          errors: [],
        });
        return { outcome: 'started', order, sequraOrderRef, replaced, merchantId };
      }
      case 'conflict':
        await note('refused', result.status, result.errors);
        return { outcome: 'refused', status: result.status, errors: result.errors };
      case 'rejected':
        if (result.status === 401 || result.status === 403) {
          // Our credentials or merchant id are wrong: nothing the shop or the shopper can fix.
          this.logger.error(`seQura refused our credentials (${result.status}) starting order ${order.orderRef1}`);
          await note('unavailable', result.status, result.errors);
          const reason = `seQura refused our credentials (HTTP ${result.status})`;
          return { outcome: 'unavailable', status: result.status, reason };
        }
        await note('refused', result.status, result.errors);
        return { outcome: 'refused', status: result.status, errors: result.errors };
      case 'retryable':
        await note('unavailable', result.status ?? null, [result.reason]);
        return { outcome: 'unavailable', status: result.status ?? null, reason: result.reason };
    }
  }

  /**
   * The merchant account to start the order with. One account for now (`SEQURA_MERCHANT_ID`); the
   * one place to pick the order's account when there are several. Later calls for the seQura order
   * use the account it was started with (`checkout.merchant_id`), as seQura's core does.
   */
  private merchantIdFor(_order: Order): string {
    return this.config.sequra.merchantId;
  }

  /** The checkout's URLs: the body's, else the configured defaults for this order; neither → 400. */
  private urlsOf(orderRef1: string, dto: StartCheckoutDto): { returnUrl: string; abortUrl: string } {
    const defaults = this.config.checkout;
    const returnUrl = dto.return_url ?? (defaults.returnUrl && checkoutUrl(defaults.returnUrl, orderRef1));
    const abortUrl = dto.abort_url ?? (defaults.abortUrl && checkoutUrl(defaults.abortUrl, orderRef1));
    const errors: FieldError[] = [];
    const required = (field: string, variable: string) =>
      errors.push({ field, messages: [`${field} is required (no default: ${variable} is not set)`] });
    if (!returnUrl) required('return_url', 'CHECKOUT_RETURN_URL');
    if (!abortUrl) required('abort_url', 'CHECKOUT_ABORT_URL');
    if (errors.length > 0) throw new ValidationFailedError(errors);
    return { returnUrl: returnUrl!, abortUrl: abortUrl! };
  }

  /** A pending order whose checkout started here, and the account its seQura order was started with. */
  private async latest(orderRef1: string): Promise<{ order: Order; merchantId: string }> {
    const order = await this.orders.findByRef(orderRef1);
    if (!order) throw new OrderNotFoundError(orderRef1);
    if (!acceptsCheckout(order.state)) throw new CheckoutNotPossibleError(orderRef1, order.state, 'not_pending');
    if (!order.checkout || !order.sequraOrderRef)
      throw new CheckoutNotPossibleError(orderRef1, order.state, 'not_started');
    return { order, merchantId: order.checkout.merchant_id };
  }

  private readFailure(order: Order, what: string, result: SequraResult): Error {
    const sequraOrder = `seQura order '${order.sequraOrderRef}' of order '${order.orderRef1}'`;
    switch (result.kind) {
      case 'retryable':
        return new SequraUnavailableError(
          `seQura could not be reached for ${what} of ${sequraOrder} (${result.reason}); retry later`,
        );
      case 'rejected':
      case 'conflict':
        if (result.status === 401) {
          this.logger.error(`seQura refused our credentials (401) for ${what} of order ${order.orderRef1}`);
          return new SequraUnavailableError('seQura refused our credentials (HTTP 401); retry later');
        }
        return new SequraRefusedError(
          `seQura refused ${what} of ${sequraOrder} (HTTP ${result.status}): start the checkout again`,
          result.status,
          result.errors,
        );
      case 'success':
        return new SequraUnavailableError(
          `seQura answered ${what} of ${sequraOrder} with nothing usable (HTTP ${result.status})`,
        );
    }
  }
}

const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describeFailure(result: SequraResult): string {
  switch (result.kind) {
    case 'success':
      return `seQura answered HTTP ${result.status} without JSON`;
    case 'retryable':
      return `seQura could not be reached (${result.reason})`;
    case 'conflict':
    case 'rejected':
      return `seQura refused (HTTP ${result.status}: ${result.errors.join('; ')})`;
  }
}
