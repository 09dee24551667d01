// Generated from docs/openapi.json by openapi-typescript (`npm run openapi`). Do not edit: change the API's
// decorators and DTOs, then run `npm run openapi`; a test fails while this file is out of date.
export interface paths {
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics (Bearer METRICS_TOKEN when that is set)
     * @description This replica's series and the database-backed gauges as read at this scrape. Public unless `METRICS_TOKEN` is set; then it needs `Authorization: Bearer <METRICS_TOKEN>` (API keys are not accepted).
     */
    get: operations['metrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness and readiness: 200 when the database answers */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List orders, newest first
     * @description Keyset pagination: pass `next_cursor` as `cursor` for the next page.
     */
    get: operations['listOrders'];
    put?: never;
    /**
     * Register an order
     * @description The same objects the shop sends seQura, in seQura’s shapes. The answer carries `sequra`: the `notify_url`, `notification_parameters` and `events_webhook` to copy into the `merchant` section of the seQura order.
     */
    post: operations['registerOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One order, with the Order Update calls it owes seQura */
    get: operations['getOrder'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** State changes and staff notes, oldest first */
    get: operations['getOrderHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/sequra-updates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The Order Update calls owed to seQura for this order and their outcome, oldest first */
    get: operations['listSequraUpdates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/shipments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record a shipment
     * @description `{}` ships everything left; `items` ships part of it. Only approved orders ship; the first shipment makes the order `shipped`, later ones ship what is left.
     */
    post: operations['shipOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel the whole order, or (with items) units not yet shipped
     * @description Without `items`, the whole order: writes the cancellation and queues the Order Update to seQura in one transaction; already cancelled → 200, no change. With `items`, those units not yet shipped are cancelled (out of stock) while the rest ships.
     */
    post: operations['cancelOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/refunds': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Record a return (items) and/or a money refund (amount, cents) of a shipped order
     * @description Checked against what is left under the order lock. When nothing stays charged the order becomes `refunded`. seQura is told by an Order Update (or by the next delivery report, if it has not heard of the shipment yet).
     */
    post: operations['refundOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/fulfilment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark an approved order as being picked: a seQura cancel request then answers retry */
    post: operations['startFulfilment'];
    /** Clear the fulfilment marker */
    delete: operations['stopFulfilment'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/merchant-accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The merchant accounts in force (SEQURA_MERCHANTS, or as seQura last listed them) */
    get: operations['listMerchantAccounts'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/merchant-accounts/discover': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ask seQura for the API user's merchant accounts now and keep them (admin keys only)
     * @description `GET merchants/credentials` on seQura with the API user; a good answer (a non-empty list) replaces the stored list and is in force at once. Otherwise the list in force stays as it was.
     */
    post: operations['discoverMerchantAccounts'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/customer-data': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The customer and both addresses, with their ETag */
    get: operations['getCustomerData'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/customer-data/changes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The audit trail of the order, newest first */
    get: operations['listCustomerDataChanges'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/customer': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Correct the customer
     * @description An absent field is untouched; `null` clears an optional field. An edit that changes nothing answers 200 and writes nothing. `source: merchant` on an approved or shipped order also queues an Order Update to seQura.
     */
    patch: operations['editCustomer'];
    trace?: never;
  };
  '/orders/{ref}/delivery-address': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Correct the delivery address
     * @description An absent field is untouched; `null` clears an optional field. An edit that changes nothing answers 200 and writes nothing. `source: merchant` on an approved or shipped order also queues an Order Update to seQura.
     */
    patch: operations['editDeliveryAddress'];
    trace?: never;
  };
  '/orders/{ref}/invoice-address': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Correct the invoice address
     * @description An absent field is untouched; `null` clears an optional field. An edit that changes nothing answers 200 and writes nothing. `source: merchant` on an approved or shipped order also queues an Order Update to seQura.
     */
    patch: operations['editInvoiceAddress'];
    trace?: never;
  };
  '/customer-data/corrections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Apply a batch of customer-data corrections
     * @description Rows are checked one by one and applied all-or-nothing per order; the answer has one result per row, in input order. A CSV has the header row `order_ref_1,field,value[,note][,source]`; an empty `value` cell clears the field.
     */
    post: operations['applyCorrections'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/sequra/ipn': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * seQura IPN (notify_url): sq_state approved | needs_review
     * @description Before answering, the order is confirmed (approved) or put on hold (needs_review) with seQura. Every request is stored with its answer; a repeat gets the same answer with no second effect.
     */
    post: operations['receiveSequraIpn'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/sequra/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * seQura events webhook: cancelled, cancel, denied, risk_assessment
     * @description Every request is stored with its answer; a repeat of a settled event gets the same answer with no second effect (a `retry` answer is not settled: seQura asks again).
     */
    post: operations['receiveSequraEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/webhook-events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The seQura webhook requests received for this order and their answers, newest first */
    get: operations['listWebhookEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/shipping-reports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Report runs, newest first */
    get: operations['listShippingReports'];
    put?: never;
    /**
     * Run a delivery report now
     * @description What the plugin's `/triggerreport` cron URL did: every shipped order not yet reported, one run per batch, each POSTed to seQura once. A run seQura could not take now stays `pending` and is retried.
     */
    post: operations['runShippingReport'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/shipping-reports/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What a run would send now to one merchant account
     * @description The totals and the first batch’s exact body of one account’s report (default: the first with orders to report), and every account that gets a report with its counts; claims and sends nothing.
     */
    get: operations['previewShippingReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/shipping-reports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One run with the exact body sent and seQura’s answer */
    get: operations['getShippingReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/triggerreport': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Plugin-compatible cron URL: runs a report; plain `ok` (200) or `ko` (599)
     * @description Off (404) unless `REPORT_TRIGGER_TOKEN` is set; authenticated by that token, not by an API key.
     */
    get: operations['triggerShippingReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/erase': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Erase the shopper's personal data (cancelled, denied or refunded orders; shipped once reported)
     * @description Erasing an order erased before answers 200 with `already_erased: true` and changes nothing.
     */
    post: operations['eraseOrder'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/needs-attention': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Failed Order Updates, failed report runs, cancel requests answered retry, orders on hold over a day */
    get: operations['listNeedsAttention'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/needs-attention/order-updates/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a failed Order Update again (after fixing its cause); noted in the order history */
    post: operations['retryOrderUpdate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/needs-attention/report-runs/{id}/retry': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Retry a failed report run: a new report of its account now carries its orders; records who retried */
    post: operations['retryReportRun'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/checkout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start (or start again) the order at seQura: the solicitation, then its payment methods
     * @description seQura's `POST orders` with the whole order, `state: ""` and our merchant block (callbacks, return and abort URLs). Again: a new seQura order replaces the one before; only the latest can be approved.
     */
    post: operations['startCheckout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/checkout/form': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * seQura's identification form of the latest seQura order, as HTML to embed as is
     * @description seQura's `GET orders/{uuid}/form_v2` with the parameters given. Insert it in the page and call `window.SequraFormInstance.show()` once defined. Never cached.
     */
    get: operations['getCheckoutForm'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/orders/{ref}/checkout/payment-methods': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The payment methods seQura offers for the latest seQura order, as seQura answers them */
    get: operations['getCheckoutPaymentMethods'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Health: {
      /** @enum {string} */
      status: 'ok';
      /**
       * @description per check (`database`): `{status: up | down, responseTime?: ms, message?}`
       * @example {
       *       "database": {
       *         "status": "up"
       *       }
       *     }
       */
      info: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down';
          /** @description milliseconds */
          responseTime?: number;
          message?: string;
        };
      };
      /**
       * @description per check (`database`): `{status: up | down, responseTime?: ms, message?}`
       * @example {}
       */
      error: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down';
          /** @description milliseconds */
          responseTime?: number;
          message?: string;
        };
      };
      /**
       * @description per check (`database`): `{status: up | down, responseTime?: ms, message?}`
       * @example {
       *       "database": {
       *         "status": "up"
       *       }
       *     }
       */
      details: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down';
          /** @description milliseconds */
          responseTime?: number;
          message?: string;
        };
      };
    };
    /** @description The database does not answer: the error body plus the checks */
    HealthError: {
      /**
       * @description the HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description the status's reason phrase
       * @example Not Found
       */
      error: string;
      /**
       * @description what went wrong, in words
       * @example Order 'QWER1234' not found
       */
      message: string;
      /**
       * @description Fastify's error code, on a request refused before the route ran (unreadable body, content type)
       * @example FST_ERR_CTP_INVALID_MEDIA_TYPE
       */
      code?: string;
      /** @enum {string} */
      status: 'error';
      /**
       * @description per check (`database`): `{status: up | down, responseTime?: ms, message?}`
       * @example {}
       */
      info: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down';
          /** @description milliseconds */
          responseTime?: number;
          message?: string;
        };
      };
      /**
       * @description per check (`database`): `{status: up | down, responseTime?: ms, message?}`
       * @example {
       *       "database": {
       *         "status": "down",
       *         "message": "timeout of 2000ms exceeded"
       *       }
       *     }
       */
      details: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down';
          /** @description milliseconds */
          responseTime?: number;
          message?: string;
        };
      };
    };
    MerchantReference: {
      /** @example QWER1234 */
      order_ref_1: string;
      order_ref_2?: string;
    };
    /** @description A cart line in seQura’s shape; amounts in cents */
    CartItem: {
      /** @enum {string} */
      type: 'product' | 'service' | 'handling' | 'discount' | 'invoice_fee' | 'other_payment' | 'registration';
      reference?: string;
      name?: string;
      /** @description cents */
      price_with_tax?: number;
      quantity?: number;
      /** @description cents; negative only for discount and other_payment lines */
      total_with_tax: number;
      downloadable?: boolean;
      perishable?: boolean;
      personalized?: boolean;
      restockable?: boolean;
      rendered?: boolean;
      category?: string;
      description?: string;
      manufacturer?: string;
      supplier?: string;
      product_id?: string;
      url?: string;
      tracking_reference?: string;
      ends_in?: string;
    };
    Cart: {
      /** @example EUR */
      currency: string;
      /** @description cents */
      order_total_with_tax: number;
      gift?: boolean;
      cart_ref?: string;
      items: components['schemas']['CartItem'][];
    };
    DeliveryMethod: {
      name: string;
      days?: string;
      provider?: string;
      home_delivery?: boolean;
    };
    PreviousOrder: {
      created_at: string;
      /** @description cents */
      amount: number;
      /** @example EUR */
      currency: string;
      raw_status?: string;
      status?: string;
      payment_method_raw?: string;
      payment_method?: string;
      postal_code?: string;
      country_code?: string;
    };
    Customer: {
      given_names?: string;
      surnames?: string;
      title?: string;
      email: string;
      logged_in?: boolean;
      language_code?: string;
      ip_number?: string;
      user_agent?: string;
      ref?: string;
      date_of_birth?: string;
      nin?: string;
      company?: string;
      vat_number?: string;
      phone?: string;
      mobile_phone?: string;
      created_at?: string;
      updated_at?: string;
      rating?: number;
      previous_orders?: components['schemas']['PreviousOrder'][];
    };
    Address: {
      given_names?: string;
      surnames?: string;
      company?: string;
      address_line_1: string;
      address_line_2?: string;
      postal_code: string;
      city: string;
      state?: string;
      /** @example ES */
      country_code: string;
      phone?: string;
      mobile_phone?: string;
      vat_number?: string;
      extra?: string;
    };
    RegisterOrderRequest: {
      merchant_reference: components['schemas']['MerchantReference'];
      /** @description seQura's order uuid, when already known */
      sequra_order_ref?: string;
      /**
       * @description The seQura merchant account to use (one of the shop's); default: the account of the delivery country, then of the invoice country, else SEQURA_MERCHANT_ID
       * @example shop-es
       */
      sequra_merchant_id?: string;
      cart: components['schemas']['Cart'];
      delivery_method: components['schemas']['DeliveryMethod'];
      customer: components['schemas']['Customer'];
      delivery_address: components['schemas']['Address'];
      invoice_address: components['schemas']['Address'];
    };
    /** @description The seQura checkout this service started (`POST /orders/{ref}/checkout`): its latest solicitation */
    OrderCheckout: {
      /**
       * Format: date-time
       * @description when seQura accepted the latest solicitation
       */
      started_at: string;
      /**
       * @description the merchant account the latest seQura order was started for
       * @example merchant-es
       */
      merchant_id: string;
      /** @example https://shop.example/checkout/QWER1234/thanks */
      return_url: string;
      /** @example https://shop.example/checkout/QWER1234/payment */
      abort_url: string;
      /**
       * @example desktop
       * @enum {string}
       */
      layout: 'desktop' | 'smartphone';
      /**
       * @description seQura orders started for this order so far (each replaced the one before)
       * @example 1
       */
      solicitations: number;
    };
    /** @description One return (units sent back) and/or money refund of a shipped order */
    Refund: {
      /** @description 1, 2, … in the order recorded; its money line in shipped_cart is `refund-<n>` */
      n: number;
      /**
       * @description units returned per item reference
       * @example {
       *       "shirt1234": 1
       *     }
       */
      items: {
        [key: string]: number;
      };
      /**
       * @description cents refunded as money (0 when only items came back)
       * @example 0
       */
      amount: number;
      /** @example damaged */
      reason: string | null;
      /** Format: date-time */
      at: string;
      /** @example shop */
      actor: string;
    };
    /** @description One shipment's tracking, in seQura's shape: postal (`carrier`) or a pickup store or point */
    Tracking: {
      /**
       * @example postal
       * @enum {string}
       */
      type: 'postal' | 'pickup_store' | 'pickup_point';
      /**
       * @description unique within the order (T1, T2, … when not given)
       * @example T1
       */
      reference: string;
      /** @example 0123456789 */
      tracking_number?: string;
      /** Format: date-time */
      delivered_at?: string;
      /**
       * @description postal
       * @example MRW
       */
      carrier?: string;
      /**
       * @description postal
       * @example https://www.mrw.es/seguimiento_envios/?num=0123456789
       */
      tracking_url?: string;
      /** @description pickup */
      operator_ref?: string;
      /** @description pickup */
      store_ref?: string;
      /**
       * Format: date-time
       * @description pickup
       */
      available_at?: string;
      /** @description pickup */
      address_line_1?: string;
      /** @description pickup */
      address_line_2?: string;
      /** @description pickup */
      postal_code?: string;
      /** @description pickup */
      city?: string;
      /** @description pickup */
      state?: string;
      /** @description pickup */
      country_code?: string;
    };
    NotificationParameters: {
      /**
       * @description base64url HMAC-SHA256 of order_ref_1 with WEBHOOK_SECRET
       * @example mZb1n1wPqvE6g2X3oQ0pUq8Yx7bq3m3J0w1r2s3t4u8
       */
      signature: string;
      /**
       * @description order_ref_1
       * @example QWER1234
       */
      order: string;
    };
    EventsWebhook: {
      /** @example https://shop.example/webhooks/sequra/events */
      url: string;
      parameters: components['schemas']['NotificationParameters'];
    };
    /** @description What the shop copies into the `merchant` section of the order it sends seQura */
    SequraCallbacks: {
      /** @example https://shop.example/webhooks/sequra/ipn */
      notify_url: string;
      notification_parameters: components['schemas']['NotificationParameters'];
      events_webhook: components['schemas']['EventsWebhook'];
    };
    /** @description The two carts of seQura's Order Update API: what is shipped (charged) and what is still to ship */
    SequraCarts: {
      shipped_cart: components['schemas']['Cart'];
      unshipped_cart: components['schemas']['Cart'];
    };
    /** @description seQura's view of the order and whether seQura holds it */
    SequraView: {
      /** @description what seQura should hold now, from the order's lines */
      current: components['schemas']['SequraCarts'];
      /** @description what seQura last answered 2xx to; null before its confirmation */
      acknowledged: components['schemas']['SequraCarts'] | null;
      /** @description current and acknowledged are the same: no Order Update owed */
      in_step: boolean;
      /** @description daily mode: the next delivery report carries the first shipment and what follows */
      waits_for_report: boolean;
    };
    /** @description An order: flat, snake_case, like seQura’s own payloads; money in cents */
    Order: {
      /** Format: uuid */
      id: string;
      /**
       * @description the shop's order reference
       * @example QWER1234
       */
      order_ref_1: string;
      /** @example cart-77 */
      order_ref_2: string | null;
      /**
       * @description seQura's order uuid (`order_ref` in its IPN)
       * @example ca412138-0af6-4079-a92d-24f7a0ffb18a
       */
      sequra_order_ref: string | null;
      /**
       * @description the seQura merchant account the order belongs to, chosen at registration and never changed
       * @example shop-es
       */
      sequra_merchant_id: string;
      /** @description the seQura checkout this service started; `sequra_order_ref` is its latest seQura order, the only one whose IPN is taken. Null when the shop started the seQura order itself */
      checkout: components['schemas']['OrderCheckout'] | null;
      /**
       * @example approved
       * @enum {string}
       */
      state: 'pending' | 'on_hold' | 'approved' | 'shipped' | 'refunded' | 'denied' | 'cancelled';
      /**
       * @description seQura's last `risk_assessment`: low_risk, high_risk, under_evaluation
       * @example low_risk
       */
      risk_level: string | null;
      /**
       * @example {
       *       "currency": "EUR",
       *       "order_total_with_tax": 8350,
       *       "items": [
       *         {
       *           "type": "product",
       *           "reference": "shirt1234",
       *           "name": "shirt",
       *           "price_with_tax": 1250,
       *           "quantity": 1,
       *           "total_with_tax": 1250,
       *           "downloadable": false
       *         },
       *         {
       *           "type": "product",
       *           "reference": "jacket9876",
       *           "name": "jacket",
       *           "price_with_tax": 7100,
       *           "quantity": 1,
       *           "total_with_tax": 7100,
       *           "downloadable": false
       *         }
       *       ]
       *     }
       */
      cart: components['schemas']['Cart'];
      /**
       * @description quantity shipped so far per item reference (product and service lines)
       * @example {
       *       "shirt1234": 1
       *     }
       */
      shipped_quantities: {
        [key: string]: number;
      };
      /**
       * @description units cancelled before shipping (out of stock), per item reference
       * @example {}
       */
      cancelled_quantities: {
        [key: string]: number;
      };
      /**
       * @description units the shopper sent back, per item reference
       * @example {}
       */
      returned_quantities: {
        [key: string]: number;
      };
      /** @description returns and money refunds, oldest first */
      refunds: components['schemas']['Refund'][];
      /**
       * @example {
       *       "name": "standard",
       *       "days": "1-3",
       *       "provider": "MRW",
       *       "home_delivery": true
       *     }
       */
      delivery_method: components['schemas']['DeliveryMethod'] | null;
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "email": "ana@example.com",
       *       "logged_in": true,
       *       "language_code": "es",
       *       "ref": "c-1"
       *     }
       */
      customer: components['schemas']['Customer'];
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "address_line_1": "Calle Mayor 1",
       *       "address_line_2": "",
       *       "postal_code": "28013",
       *       "city": "Madrid",
       *       "country_code": "ES",
       *       "phone": "600000000"
       *     }
       */
      delivery_address: components['schemas']['Address'] | null;
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "address_line_1": "Calle Mayor 1",
       *       "address_line_2": "",
       *       "postal_code": "28013",
       *       "city": "Madrid",
       *       "country_code": "ES",
       *       "phone": "600000000"
       *     }
       */
      invoice_address: components['schemas']['Address'] | null;
      trackings: components['schemas']['Tracking'][];
      /** Format: date-time */
      approved_at: string | null;
      /**
       * Format: date-time
       * @description the first shipment
       */
      shipped_at: string | null;
      /** Format: date-time */
      cancelled_at: string | null;
      /**
       * Format: date-time
       * @description when a delivery report carried it
       */
      reported_at: string | null;
      /**
       * Format: uuid
       * @description the shipping report that carried it
       */
      shipping_report_id: string | null;
      /**
       * Format: date-time
       * @description set while the order is being picked (a seQura cancel then answers retry)
       */
      fulfilment_started_at: string | null;
      /**
       * Format: date-time
       * @description when the shopper's personal data was erased (customer and addresses then hold placeholders)
       */
      erased_at: string | null;
      /** Format: date-time */
      created_at: string;
      /**
       * Format: date-time
       * @description the last change of the order (as `version`); seQura being told of it moves `reported_at` only
       */
      updated_at: string;
      /**
       * @description increases with every change
       * @example 3
       */
      version: number;
      sequra: components['schemas']['SequraCallbacks'];
      sequra_view: components['schemas']['SequraView'];
    };
    /** @description Orders, newest first */
    OrderPage: {
      data: components['schemas']['Order'][];
      /** @description pass as `cursor` for the next page; null on the last */
      next_cursor: string | null;
    };
    /** @description An Order Update owed to seQura (an outbox row) and its outcome */
    SequraUpdate: {
      /** @example 42 */
      id: string;
      /**
       * @description why the update is sent
       * @enum {string}
       */
      kind: 'cancellation' | 'customer_data' | 'shipment' | 'refund' | 'cancel_units';
      /**
       * @description `failed` needs a person; `skipped`: nothing to send (seQura already holds that view)
       * @enum {string}
       */
      status: 'pending' | 'sent' | 'failed' | 'skipped';
      /** @example 1 */
      attempts: number;
      /**
       * Format: date-time
       * @description set while pending
       */
      next_attempt_at: string | null;
      /**
       * @description seQura's last HTTP status
       * @example 200
       */
      last_status: number | null;
      /** @description seQura's messages, or the network error */
      last_error: string | null;
      /** @example customer_cancel */
      cancellation_reason: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** Format: date-time */
      sent_at: string | null;
    };
    /** @description What the shop still owes seQura for the order */
    SequraUpdateSummary: {
      /** @example 0 */
      pending: number;
      /** @example 1 */
      sent: number;
      /** @example 0 */
      failed: number;
      /**
       * @description rows that had nothing to send when their turn came
       * @example 0
       */
      skipped: number;
      /** @description the newest update */
      latest: components['schemas']['SequraUpdate'] | null;
    };
    /** @description An order and the Order Update calls it owes seQura */
    OrderDetail: {
      /** Format: uuid */
      id: string;
      /**
       * @description the shop's order reference
       * @example QWER1234
       */
      order_ref_1: string;
      /** @example cart-77 */
      order_ref_2: string | null;
      /**
       * @description seQura's order uuid (`order_ref` in its IPN)
       * @example ca412138-0af6-4079-a92d-24f7a0ffb18a
       */
      sequra_order_ref: string | null;
      /**
       * @description the seQura merchant account the order belongs to, chosen at registration and never changed
       * @example shop-es
       */
      sequra_merchant_id: string;
      /** @description the seQura checkout this service started; `sequra_order_ref` is its latest seQura order, the only one whose IPN is taken. Null when the shop started the seQura order itself */
      checkout: components['schemas']['OrderCheckout'] | null;
      /**
       * @example approved
       * @enum {string}
       */
      state: 'pending' | 'on_hold' | 'approved' | 'shipped' | 'refunded' | 'denied' | 'cancelled';
      /**
       * @description seQura's last `risk_assessment`: low_risk, high_risk, under_evaluation
       * @example low_risk
       */
      risk_level: string | null;
      /**
       * @example {
       *       "currency": "EUR",
       *       "order_total_with_tax": 8350,
       *       "items": [
       *         {
       *           "type": "product",
       *           "reference": "shirt1234",
       *           "name": "shirt",
       *           "price_with_tax": 1250,
       *           "quantity": 1,
       *           "total_with_tax": 1250,
       *           "downloadable": false
       *         },
       *         {
       *           "type": "product",
       *           "reference": "jacket9876",
       *           "name": "jacket",
       *           "price_with_tax": 7100,
       *           "quantity": 1,
       *           "total_with_tax": 7100,
       *           "downloadable": false
       *         }
       *       ]
       *     }
       */
      cart: components['schemas']['Cart'];
      /**
       * @description quantity shipped so far per item reference (product and service lines)
       * @example {
       *       "shirt1234": 1
       *     }
       */
      shipped_quantities: {
        [key: string]: number;
      };
      /**
       * @description units cancelled before shipping (out of stock), per item reference
       * @example {}
       */
      cancelled_quantities: {
        [key: string]: number;
      };
      /**
       * @description units the shopper sent back, per item reference
       * @example {}
       */
      returned_quantities: {
        [key: string]: number;
      };
      /** @description returns and money refunds, oldest first */
      refunds: components['schemas']['Refund'][];
      /**
       * @example {
       *       "name": "standard",
       *       "days": "1-3",
       *       "provider": "MRW",
       *       "home_delivery": true
       *     }
       */
      delivery_method: components['schemas']['DeliveryMethod'] | null;
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "email": "ana@example.com",
       *       "logged_in": true,
       *       "language_code": "es",
       *       "ref": "c-1"
       *     }
       */
      customer: components['schemas']['Customer'];
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "address_line_1": "Calle Mayor 1",
       *       "address_line_2": "",
       *       "postal_code": "28013",
       *       "city": "Madrid",
       *       "country_code": "ES",
       *       "phone": "600000000"
       *     }
       */
      delivery_address: components['schemas']['Address'] | null;
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "address_line_1": "Calle Mayor 1",
       *       "address_line_2": "",
       *       "postal_code": "28013",
       *       "city": "Madrid",
       *       "country_code": "ES",
       *       "phone": "600000000"
       *     }
       */
      invoice_address: components['schemas']['Address'] | null;
      trackings: components['schemas']['Tracking'][];
      /** Format: date-time */
      approved_at: string | null;
      /**
       * Format: date-time
       * @description the first shipment
       */
      shipped_at: string | null;
      /** Format: date-time */
      cancelled_at: string | null;
      /**
       * Format: date-time
       * @description when a delivery report carried it
       */
      reported_at: string | null;
      /**
       * Format: uuid
       * @description the shipping report that carried it
       */
      shipping_report_id: string | null;
      /**
       * Format: date-time
       * @description set while the order is being picked (a seQura cancel then answers retry)
       */
      fulfilment_started_at: string | null;
      /**
       * Format: date-time
       * @description when the shopper's personal data was erased (customer and addresses then hold placeholders)
       */
      erased_at: string | null;
      /** Format: date-time */
      created_at: string;
      /**
       * Format: date-time
       * @description the last change of the order (as `version`); seQura being told of it moves `reported_at` only
       */
      updated_at: string;
      /**
       * @description increases with every change
       * @example 3
       */
      version: number;
      sequra: components['schemas']['SequraCallbacks'];
      sequra_view: components['schemas']['SequraView'];
      sequra_updates: components['schemas']['SequraUpdateSummary'];
    };
    /** @description A state change (`transition`) or a note staff must see (`note`) */
    HistoryEntry: {
      /** @enum {string} */
      kind: 'transition' | 'note';
      /**
       * @description null for the registration
       * @enum {string|null}
       */
      from_state: 'pending' | 'on_hold' | 'approved' | 'shipped' | 'refunded' | 'denied' | 'cancelled' | null;
      /** @enum {string} */
      to_state: 'pending' | 'on_hold' | 'approved' | 'shipped' | 'refunded' | 'denied' | 'cancelled';
      /** @enum {string} */
      cause: 'api' | 'ipn' | 'webhook' | 'admin' | 'system';
      /** @example shop */
      actor: string | null;
      /**
       * @description what happened, by `type` (ipn_approved, shipped, merchant_cancel, risk_level_changed, …)
       * @example {
       *       "type": "shipped",
       *       "items": {
       *         "shirt1234": 1
       *       }
       *     }
       */
      details: {
        [key: string]: unknown;
      } | null;
      /** Format: date-time */
      at: string;
    };
    HistoryList: {
      data: components['schemas']['HistoryEntry'][];
    };
    SequraUpdateList: {
      data: components['schemas']['SequraUpdate'][];
    };
    ShipmentItem: {
      reference: string;
      quantity: number;
    };
    ShipmentTracking: {
      /**
       * @default postal
       * @enum {string}
       */
      type: 'postal' | 'pickup_store' | 'pickup_point';
      /** @description unique within the order; generated (T1, T2, …) when absent */
      reference?: string;
      tracking_number?: string;
      /** @description ISO 8601: when the delivery was handed over */
      delivered_at?: string;
      /** @description postal only, and required there */
      carrier?: string;
      /** @description postal only */
      tracking_url?: string;
      operator_ref?: string;
      store_ref?: string;
      /** @description ISO 8601: when the parcel was available in the store or point */
      available_at?: string;
      address_line_1?: string;
      address_line_2?: string;
      postal_code?: string;
      city?: string;
      state?: string;
      /** @description ISO 3166, 2–3 characters */
      country_code?: string;
    };
    ShipmentRequest: {
      items?: components['schemas']['ShipmentItem'][];
      tracking?: components['schemas']['ShipmentTracking'];
      /** @description ISO 8601; defaults to now */
      shipped_at?: string;
    };
    ItemUnits: {
      reference: string;
      quantity: number;
    };
    CancelOrderRequest: {
      /** @example customer_cancel */
      reason?: string;
      /** @description units not yet shipped to cancel */
      items?: components['schemas']['ItemUnits'][];
    };
    RefundOrderRequest: {
      /** @description units returned; at least one of items and amount */
      items?: components['schemas']['ItemUnits'][];
      /** @description cents refunded as money */
      amount?: number;
      /** @example damaged */
      reason?: string;
    };
    /** @description One of the API user's seQura merchant accounts */
    MerchantAccount: {
      /**
       * @description the merchant id (`ref` in seQura’s list)
       * @example shop-es
       */
      sequra_merchant_id: string;
      /**
       * @description ISO 3166-1 alpha-2: its orders are those delivered (else invoiced) there
       * @example ES
       */
      country: string | null;
      /** @example null */
      name: string | null;
      /** @example EUR */
      currency: string | null;
      /**
       * @description as seQura says: `sequra` or `svea`
       * @example sequra
       */
      realm: string | null;
    };
    /** @description The merchant accounts new orders are given, where they come from, and the account of other countries */
    MerchantAccounts: {
      /**
       * @description `discovered`: as seQura last listed them for the API user (kept in the database); `override`: `SEQURA_MERCHANTS`; `none`: no list yet
       * @enum {string}
       */
      source: 'discovered' | 'override' | 'none';
      /**
       * @description `SEQURA_DEPLOYMENT`
       * @enum {string}
       */
      deployment: 'sequra' | 'svea';
      /**
       * @description `SEQURA_ENV`
       * @enum {string}
       */
      env: 'sandbox' | 'live';
      /**
       * Format: date-time
       * @description when seQura gave the list
       */
      discovered_at: string | null;
      /**
       * @description `SEQURA_MERCHANT_ID`: the account of countries no account takes; null: those orders are refused
       * @example shop-es
       */
      fallback_merchant_id: string | null;
      /** @description in seQura's order: the first of a country takes it */
      accounts: components['schemas']['MerchantAccount'][];
    };
    /** @description The customer data of an order; its `version` is the ETag */
    CustomerData: {
      /** @example QWER1234 */
      order_ref_1: string;
      /**
       * @example approved
       * @enum {string}
       */
      state: 'pending' | 'on_hold' | 'approved' | 'shipped' | 'refunded' | 'denied' | 'cancelled';
      /**
       * @description the ETag is this number in quotes
       * @example 3
       */
      version: number;
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "email": "ana@example.com",
       *       "logged_in": true,
       *       "language_code": "es",
       *       "ref": "c-1"
       *     }
       */
      customer: components['schemas']['Customer'];
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "address_line_1": "Calle Mayor 1",
       *       "address_line_2": "",
       *       "postal_code": "28013",
       *       "city": "Madrid",
       *       "country_code": "ES",
       *       "phone": "600000000"
       *     }
       */
      delivery_address: components['schemas']['Address'] | null;
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "address_line_1": "Calle Mayor 1",
       *       "address_line_2": "",
       *       "postal_code": "28013",
       *       "city": "Madrid",
       *       "country_code": "ES",
       *       "phone": "600000000"
       *     }
       */
      invoice_address: components['schemas']['Address'] | null;
    };
    /** @description One audit row: one field changed by one edit */
    CustomerDataChange: {
      /** @example 17 */
      id: number;
      /** Format: date-time */
      at: string;
      /**
       * @description the key's name, plus X-Actor
       * @example backoffice (Marta)
       */
      actor: string;
      /** @enum {string} */
      source: 'sequra_correction' | 'merchant';
      /** @enum {string} */
      section: 'customer' | 'delivery_address' | 'invoice_address';
      /** @example postal_code */
      field: string;
      /** @example 28031 */
      before: string | null;
      /** @example 28013 */
      after: string | null;
      /** @example seQura called: the shopper gave the right postal code */
      note: string | null;
      /**
       * @description the order's version after the edit
       * @example 4
       */
      order_version: number;
      /** @description the request that made the change */
      request_id: string | null;
    };
    CustomerDataChangeList: {
      data: components['schemas']['CustomerDataChange'][];
    };
    CustomerPatch: {
      /**
       * @description merchant edits of approved or shipped orders are sent to seQura
       * @default sequra_correction
       * @enum {string}
       */
      source: 'sequra_correction' | 'merchant';
      note?: string;
      email?: string;
      given_names?: string | null;
      surnames?: string | null;
      phone?: string | null;
      mobile_phone?: string | null;
      nin?: string | null;
      /** @example 1985-04-23 */
      date_of_birth?: string | null;
      company?: string | null;
      vat_number?: string | null;
      /** @example es-ES */
      language_code?: string | null;
    };
    /** @description The data after the edit and the audit rows it wrote */
    CustomerDataEdit: {
      /** @example QWER1234 */
      order_ref_1: string;
      /**
       * @example approved
       * @enum {string}
       */
      state: 'pending' | 'on_hold' | 'approved' | 'shipped' | 'refunded' | 'denied' | 'cancelled';
      /**
       * @description the ETag is this number in quotes
       * @example 3
       */
      version: number;
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "email": "ana@example.com",
       *       "logged_in": true,
       *       "language_code": "es",
       *       "ref": "c-1"
       *     }
       */
      customer: components['schemas']['Customer'];
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "address_line_1": "Calle Mayor 1",
       *       "address_line_2": "",
       *       "postal_code": "28013",
       *       "city": "Madrid",
       *       "country_code": "ES",
       *       "phone": "600000000"
       *     }
       */
      delivery_address: components['schemas']['Address'] | null;
      /**
       * @example {
       *       "given_names": "Ana",
       *       "surnames": "García López",
       *       "address_line_1": "Calle Mayor 1",
       *       "address_line_2": "",
       *       "postal_code": "28013",
       *       "city": "Madrid",
       *       "country_code": "ES",
       *       "phone": "600000000"
       *     }
       */
      invoice_address: components['schemas']['Address'] | null;
      /** @description empty when the edit changed nothing */
      changes: components['schemas']['CustomerDataChange'][];
    };
    AddressPatch: {
      /**
       * @description merchant edits of approved or shipped orders are sent to seQura
       * @default sequra_correction
       * @enum {string}
       */
      source: 'sequra_correction' | 'merchant';
      note?: string;
      given_names?: string | null;
      surnames?: string | null;
      company?: string | null;
      address_line_1?: string;
      address_line_2?: string | null;
      /** @example 28013 */
      postal_code?: string;
      city?: string;
      state?: string | null;
      /** @example ES */
      country_code?: string;
      phone?: string | null;
      mobile_phone?: string | null;
      vat_number?: string | null;
      extra?: string | null;
    };
    CorrectionRow: {
      /** @example QWER1234 */
      order_ref_1: string;
      /**
       * @description section.field: customer.*, delivery_address.*, invoice_address.*
       * @example delivery_address.postal_code
       */
      field: string;
      /** @description null (JSON) or an empty cell (CSV) clears an optional field */
      value: string | null;
      note?: string;
      /**
       * @default sequra_correction
       * @enum {string}
       */
      source: 'sequra_correction' | 'merchant';
    };
    CorrectionSummary: {
      /** @example 2 */
      rows: number;
      /** @example 1 */
      applied: number;
      /** @example 0 */
      unchanged: number;
      /** @example 1 */
      failed: number;
      /** @example 0 */
      not_applied: number;
    };
    CorrectionError: {
      /**
       * @description `order_rejected`: another row of the same order failed; `internal_error`: retry these rows
       * @example invalid_value
       * @enum {string}
       */
      code:
        | 'invalid_row'
        | 'unknown_field'
        | 'invalid_value'
        | 'duplicate_field'
        | 'order_not_found'
        | 'order_not_editable'
        | 'order_rejected'
        | 'rejected'
        | 'internal_error';
      /** @example postal_code must be 5 digits for ES */
      message: string;
    };
    /** @description The outcome of one row, in input order */
    CorrectionResult: {
      /**
       * @description the row number, from 1
       * @example 1
       */
      row: number;
      /** @example QWER1234 */
      order_ref_1: string | null;
      /** @example delivery_address.postal_code */
      field: string | null;
      /**
       * @description `not_applied`: another row of the same order failed, so none of its rows was applied
       * @enum {string}
       */
      status: 'applied' | 'unchanged' | 'error' | 'not_applied';
      error?: components['schemas']['CorrectionError'];
    };
    CorrectionsResult: {
      summary: components['schemas']['CorrectionSummary'];
      results: components['schemas']['CorrectionResult'][];
    };
    /** @description The IPN seQura posts to `notify_url`: its own fields plus our `notification_parameters` (`signature`, `order`) as given at registration. Other fields are accepted and stored. */
    SequraIpnForm: {
      /**
       * @description seQura's order uuid
       * @example d168f9bc-de62-4635-be52-0f0c0a5903aa
       */
      order_ref: string;
      /**
       * @description other values answer 501 `{"error": "Unknown event '<name>'"}`
       * @example approved
       * @enum {string}
       */
      sq_state: 'approved' | 'needs_review';
      /**
       * @description the shop's order reference, if known; else `order` names it
       * @example QWER1234
       */
      order_ref_1?: string;
      /**
       * @description the seQura product
       * @example i1
       */
      product_code?: string;
      /**
       * @description with sq_state=approved: how long it has been approved
       * @example 3
       */
      approved_since?: string;
      /**
       * @description with sq_state=needs_review
       * @example 3
       */
      needs_review_since?: string;
      /**
       * @description our notification parameter: the signature of order_ref_1
       * @example mZb1n1wPqvE6g2X3oQ0pUq8Yx7bq3m3J0w1r2s3t4u8
       */
      signature: string;
      /**
       * @description our notification parameter: order_ref_1
       * @example QWER1234
       */
      order?: string;
    };
    /** @description seQura's events webhook: its default fields, the event's own field, and our `events_webhook.parameters` with an `m_` prefix (`m_signature`, `m_order`). Other fields are accepted and stored. */
    SequraEventForm: {
      /** @example UTF-8 */
      charset?: string;
      /**
       * @description must be `√`: anything else means the body was re-encoded (400)
       * @example √
       */
      utf8?: string;
      /**
       * @description other values answer 501 `{"error": "Unknown event '<name>'"}`
       * @example cancel
       * @enum {string}
       */
      event: 'cancelled' | 'cancel' | 'denied' | 'risk_assessment';
      /**
       * @description the shop's order reference; else `m_order` names it
       * @example QWER1234
       */
      order_ref_1?: string;
      /** @example "" */
      order_ref_2?: string;
      /**
       * @description seQura's order uuid
       * @example ca412138-0af6-4079-a92d-24f7a0ffb18a
       */
      order_ref: string;
      /**
       * @description our parameter `signature`, prefixed
       * @example mZb1n1wPqvE6g2X3oQ0pUq8Yx7bq3m3J0w1r2s3t4u8
       */
      m_signature: string;
      /**
       * @description our parameter `order` (order_ref_1), prefixed
       * @example QWER1234
       */
      m_order?: string;
      /**
       * @description with event=cancel: where seQura takes the answer to a cancellation request
       * @example https://sandbox.sequrapi.com/orders/ca412138-0af6-4079-a92d-24f7a0ffb18a/cancellation_requests/1
       */
      cancellation_request_url?: string;
      /**
       * @description with event=risk_assessment (required there): low_risk, high_risk, under_evaluation; another lower-case word is stored as sent, with a note for staff; anything else 400
       * @example low_risk
       */
      risk_level?: string;
    };
    /** @description The answer to a `cancel` event: `cancelled` (done, or already), `toolate` with `since` (minutes since the shipment, or past the cancel window), or `retry` (the order is being picked; seQura asks again) */
    CancelAnswer: {
      /**
       * @example cancelled
       * @enum {string}
       */
      result: 'cancelled' | 'toolate' | 'retry';
      /**
       * @description with `toolate`: minutes
       * @example 95
       */
      since?: number;
    };
    /** @description seQura's documented answer to an unknown event or state (501) */
    UnknownEventError: {
      /** @example Unknown event 'order_updated' */
      error: string;
    };
    /** @description One request seQura sent, as stored, and our answer */
    WebhookEvent: {
      /** @example 12 */
      id: string;
      /** Format: date-time */
      received_at: string;
      /** @enum {string} */
      kind: 'ipn' | 'event';
      /**
       * @description sq_state or event
       * @example approved
       */
      event: string | null;
      /** @example QWER1234 */
      order_ref_1: string | null;
      order_ref_2: string | null;
      /** @example d168f9bc-de62-4635-be52-0f0c0a5903aa */
      order_ref: string | null;
      /**
       * @description the form as received, without the signatures
       * @example {
       *       "order_ref": "d168f9bc-de62-4635-be52-0f0c0a5903aa",
       *       "sq_state": "approved",
       *       "order_ref_1": "QWER1234"
       *     }
       */
      payload: {
        [key: string]: unknown;
      } | null;
      /**
       * @description the HTTP status we answered
       * @example 200
       */
      status: number;
      /**
       * @description our answer, byte for byte
       * @example
       */
      response_body: string | null;
      /** @description a settled answer, replayed to repeats */
      final: boolean;
      /** @description the request this one repeated */
      replay_of: string | null;
    };
    WebhookEventList: {
      data: components['schemas']['WebhookEvent'][];
    };
    /** @description One run: one POST of a delivery report to seQura */
    ShippingReport: {
      /** Format: uuid */
      id: string;
      /**
       * @description the seQura merchant account the run reports for; null for a run made before accounts (its body names it)
       * @example shop-es
       */
      sequra_merchant_id: string | null;
      /** @enum {string} */
      trigger: 'schedule' | 'manual';
      /**
       * @description `failed` runs need a person; their orders go in the next run
       * @enum {string}
       */
      status: 'pending' | 'sent' | 'failed';
      /**
       * Format: date-time
       * @description the nominal tick of a scheduled run
       */
      scheduled_for: string | null;
      /**
       * @description the batch number within its account's runs of the trigger, from 1
       * @example 1
       */
      batch: number;
      /** @example 1 */
      order_count: number;
      /**
       * @description orders whose cart lines do not add up (sent in broken_orders)
       * @example 0
       */
      broken_order_count: number;
      /** @example 1 */
      statistics_count: number;
      /** @example 1 */
      attempts: number;
      /**
       * Format: date-time
       * @description set while pending
       */
      next_attempt_at: string | null;
      last_error: string | null;
      /**
       * @description seQura's HTTP status
       * @example 204
       */
      sequra_status: number | null;
      /**
       * @description seQura's answer: its JSON body (`{"errors": [...]}` on a refusal), its text, or null when empty
       * @example {
       *       "errors": [
       *         "Bad merchant id 'test' for logeecom"
       *       ]
       *     }
       */
      sequra_response:
        | (
            | {
                [key: string]: unknown;
              }
            | string
          )
        | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** Format: date-time */
      sent_at: string | null;
      /** Format: date-time */
      failed_at: string | null;
      /**
       * Format: date-time
       * @description when the retention job dropped the body sent (`payload` is then null)
       */
      payload_dropped_at: string | null;
      /**
       * Format: date-time
       * @description when a person retried this run
       */
      retried_at: string | null;
      /**
       * @description who retried it
       * @example backoffice (Marta)
       */
      retried_by: string | null;
      /**
       * @description the runs its retry made
       * @example []
       */
      retry_run_ids: string[];
    };
    /** @description The runs a report made: per merchant account, one per batch */
    ShippingReportRuns: {
      data: components['schemas']['ShippingReport'][];
    };
    /** @description Runs, newest first */
    ShippingReportPage: {
      data: components['schemas']['ShippingReport'][];
      /** @description pass as `cursor` for the next page; null on the last */
      next_cursor: string | null;
    };
    /** @description An order whose stored data cannot go in a report: a run leaves it out, with a history note */
    UnreportableOrder: {
      /** @example QWER1234 */
      order_ref_1: string;
      /**
       * @description why, naming fields and bounds (never values)
       * @example cart.items.0.total_with_tax is out of bounds
       */
      reason: string;
    };
    ShippingReportPreviewBatch: {
      /** @example 1 */
      order_count: number;
      /** @example 0 */
      broken_order_count: number;
      /** @example [] */
      unreportable: components['schemas']['UnreportableOrder'][];
      /**
       * @description seQura's delivery report, `{"delivery_report": {merchant, orders, broken_orders, statistics, platform}}`
       * @example {
       *       "delivery_report": {
       *         "merchant": {
       *           "id": "shop-es"
       *         },
       *         "orders": [
       *           {
       *             "state": "shipped",
       *             "sent_at": "2026-11-20T11:15:00+01:00",
       *             "merchant_reference": {
       *               "order_ref_1": "QWER1234",
       *               "order_ref_2": "cart-77"
       *             },
       *             "cart": {
       *               "currency": "EUR",
       *               "order_total_with_tax": 1250,
       *               "items": [
       *                 {
       *                   "type": "product",
       *                   "reference": "shirt1234",
       *                   "name": "shirt",
       *                   "price_with_tax": 1250,
       *                   "quantity": 1,
       *                   "total_with_tax": 1250,
       *                   "downloadable": false
       *                 }
       *               ]
       *             },
       *             "remaining_cart": {
       *               "currency": "EUR",
       *               "order_total_with_tax": 7100,
       *               "items": [
       *                 {
       *                   "type": "product",
       *                   "reference": "jacket9876",
       *                   "name": "jacket",
       *                   "price_with_tax": 7100,
       *                   "quantity": 1,
       *                   "total_with_tax": 7100,
       *                   "downloadable": false
       *                 }
       *               ]
       *             },
       *             "trackings": [
       *               {
       *                 "carrier": "MRW",
       *                 "tracking_number": "0123456789",
       *                 "shipped_at": "2026-11-20T11:15:00+01:00"
       *               }
       *             ],
       *             "delivery_method": {
       *               "name": "standard",
       *               "days": "1-3",
       *               "provider": "MRW",
       *               "home_delivery": true
       *             },
       *             "delivery_address": {
       *               "given_names": "Ana",
       *               "surnames": "García López",
       *               "address_line_1": "Calle Mayor 1",
       *               "postal_code": "28013",
       *               "city": "Madrid",
       *               "country_code": "ES"
       *             },
       *             "invoice_address": {
       *               "given_names": "Ana",
       *               "surnames": "García López",
       *               "address_line_1": "Calle Mayor 1",
       *               "postal_code": "28013",
       *               "city": "Madrid",
       *               "country_code": "ES"
       *             },
       *             "customer": {
       *               "given_names": "Ana",
       *               "surnames": "García López",
       *               "email": "ana@example.com",
       *               "language_code": "es"
       *             }
       *           }
       *         ],
       *         "broken_orders": [],
       *         "statistics": {
       *           "orders": [
       *             {
       *               "completed_at": "2026-11-19T18:02:11+01:00",
       *               "merchant_reference": {
       *                 "order_ref_1": "QWER1234"
       *               },
       *               "currency": "EUR",
       *               "amount": 8350,
       *               "payment_method": "SQ",
       *               "status": "shipped"
       *             }
       *           ]
       *         },
       *         "platform": {
       *           "name": "seQura merchant backend",
       *           "version": "0.1.0",
       *           "uname": "Linux",
       *           "db_name": "postgresql"
       *         }
       *       }
       *     }
       */
      payload: {
        [key: string]: unknown;
      };
    };
    /** @description A merchant account that gets a report, with its counts */
    ShippingReportAccount: {
      /** @example shop-es */
      sequra_merchant_id: string;
      /**
       * @description its shipped orders not yet reported
       * @example 1
       */
      order_count: number;
      /**
       * @description its last 7 days' orders (statistics)
       * @example 1
       */
      statistics_count: number;
    };
    /** @description What a run would send now to one merchant account: the totals and the first batch’s body; and every account that gets a report. Claims and sends nothing */
    ShippingReportPreview: {
      /**
       * @description the account previewed; null when no account is known
       * @example shop-es
       */
      sequra_merchant_id: string | null;
      /**
       * @description the account's shipped orders not yet reported
       * @example 1
       */
      order_count: number;
      /**
       * @description the account's last 7 days' orders (statistics)
       * @example 1
       */
      statistics_count: number;
      /** @example 1000 */
      batch_size: number;
      /**
       * @description runs a report would make now
       * @example 1
       */
      batches: number;
      /**
       * @description runs waiting to be (re)sent
       * @example 0
       */
      pending_runs: number;
      first_batch: components['schemas']['ShippingReportPreviewBatch'];
      /** @description every account that gets a report, one each */
      accounts: components['schemas']['ShippingReportAccount'][];
    };
    /** @description One run with the exact body sent */
    ShippingReportDetail: {
      /** Format: uuid */
      id: string;
      /**
       * @description the seQura merchant account the run reports for; null for a run made before accounts (its body names it)
       * @example shop-es
       */
      sequra_merchant_id: string | null;
      /** @enum {string} */
      trigger: 'schedule' | 'manual';
      /**
       * @description `failed` runs need a person; their orders go in the next run
       * @enum {string}
       */
      status: 'pending' | 'sent' | 'failed';
      /**
       * Format: date-time
       * @description the nominal tick of a scheduled run
       */
      scheduled_for: string | null;
      /**
       * @description the batch number within its account's runs of the trigger, from 1
       * @example 1
       */
      batch: number;
      /** @example 1 */
      order_count: number;
      /**
       * @description orders whose cart lines do not add up (sent in broken_orders)
       * @example 0
       */
      broken_order_count: number;
      /** @example 1 */
      statistics_count: number;
      /** @example 1 */
      attempts: number;
      /**
       * Format: date-time
       * @description set while pending
       */
      next_attempt_at: string | null;
      last_error: string | null;
      /**
       * @description seQura's HTTP status
       * @example 204
       */
      sequra_status: number | null;
      /**
       * @description seQura's answer: its JSON body (`{"errors": [...]}` on a refusal), its text, or null when empty
       * @example {
       *       "errors": [
       *         "Bad merchant id 'test' for logeecom"
       *       ]
       *     }
       */
      sequra_response:
        | (
            | {
                [key: string]: unknown;
              }
            | string
          )
        | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** Format: date-time */
      sent_at: string | null;
      /** Format: date-time */
      failed_at: string | null;
      /**
       * Format: date-time
       * @description when the retention job dropped the body sent (`payload` is then null)
       */
      payload_dropped_at: string | null;
      /**
       * Format: date-time
       * @description when a person retried this run
       */
      retried_at: string | null;
      /**
       * @description who retried it
       * @example backoffice (Marta)
       */
      retried_by: string | null;
      /**
       * @description the runs its retry made
       * @example []
       */
      retry_run_ids: string[];
      /**
       * @description seQura's delivery report, `{"delivery_report": {merchant, orders, broken_orders, statistics, platform}}`
       * @example {
       *       "delivery_report": {
       *         "merchant": {
       *           "id": "shop-es"
       *         },
       *         "orders": [
       *           {
       *             "state": "shipped",
       *             "sent_at": "2026-11-20T11:15:00+01:00",
       *             "merchant_reference": {
       *               "order_ref_1": "QWER1234",
       *               "order_ref_2": "cart-77"
       *             },
       *             "cart": {
       *               "currency": "EUR",
       *               "order_total_with_tax": 1250,
       *               "items": [
       *                 {
       *                   "type": "product",
       *                   "reference": "shirt1234",
       *                   "name": "shirt",
       *                   "price_with_tax": 1250,
       *                   "quantity": 1,
       *                   "total_with_tax": 1250,
       *                   "downloadable": false
       *                 }
       *               ]
       *             },
       *             "remaining_cart": {
       *               "currency": "EUR",
       *               "order_total_with_tax": 7100,
       *               "items": [
       *                 {
       *                   "type": "product",
       *                   "reference": "jacket9876",
       *                   "name": "jacket",
       *                   "price_with_tax": 7100,
       *                   "quantity": 1,
       *                   "total_with_tax": 7100,
       *                   "downloadable": false
       *                 }
       *               ]
       *             },
       *             "trackings": [
       *               {
       *                 "carrier": "MRW",
       *                 "tracking_number": "0123456789",
       *                 "shipped_at": "2026-11-20T11:15:00+01:00"
       *               }
       *             ],
       *             "delivery_method": {
       *               "name": "standard",
       *               "days": "1-3",
       *               "provider": "MRW",
       *               "home_delivery": true
       *             },
       *             "delivery_address": {
       *               "given_names": "Ana",
       *               "surnames": "García López",
       *               "address_line_1": "Calle Mayor 1",
       *               "postal_code": "28013",
       *               "city": "Madrid",
       *               "country_code": "ES"
       *             },
       *             "invoice_address": {
       *               "given_names": "Ana",
       *               "surnames": "García López",
       *               "address_line_1": "Calle Mayor 1",
       *               "postal_code": "28013",
       *               "city": "Madrid",
       *               "country_code": "ES"
       *             },
       *             "customer": {
       *               "given_names": "Ana",
       *               "surnames": "García López",
       *               "email": "ana@example.com",
       *               "language_code": "es"
       *             }
       *           }
       *         ],
       *         "broken_orders": [],
       *         "statistics": {
       *           "orders": [
       *             {
       *               "completed_at": "2026-11-19T18:02:11+01:00",
       *               "merchant_reference": {
       *                 "order_ref_1": "QWER1234"
       *               },
       *               "currency": "EUR",
       *               "amount": 8350,
       *               "payment_method": "SQ",
       *               "status": "shipped"
       *             }
       *           ]
       *         },
       *         "platform": {
       *           "name": "seQura merchant backend",
       *           "version": "0.1.0",
       *           "uname": "Linux",
       *           "db_name": "postgresql"
       *         }
       *       }
       *     }
       */
      payload: {
        [key: string]: unknown;
      } | null;
    };
    EraseOrderRequest: {
      /**
       * @description Why the data is erased; kept in the order history. Say why, not who: no personal data here.
       * @example GDPR erasure request #1234 (email of 2026-11-20)
       */
      reason: string;
    };
    /** @description What the erasure rewrote besides the order */
    ErasureCounts: {
      /**
       * @description true when the order was erased before: nothing changed
       * @example false
       */
      already_erased: boolean;
      /**
       * @description audit rows whose before/after values were blanked
       * @example 2
       */
      customer_data_changes: number;
      /**
       * @description the report runs whose stored bodies were rewritten without the data
       * @example [
       *       "0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59"
       *     ]
       */
      shipping_reports: string[];
    };
    Erasure: {
      /** @description the order after the erasure */
      order: components['schemas']['Order'];
      erasure: components['schemas']['ErasureCounts'];
    };
    /** @description An Order Update seQura refused or that gave up retrying */
    FailedOrderUpdate: {
      /** @example 42 */
      id: string;
      /** @example QWER1234 */
      order_ref_1: string;
      /** @enum {string} */
      order_state: 'pending' | 'on_hold' | 'approved' | 'shipped' | 'refunded' | 'denied' | 'cancelled';
      /** @enum {string} */
      kind: 'cancellation' | 'customer_data' | 'shipment' | 'refund' | 'cancel_units';
      /** @example 1 */
      attempts: number;
      /** @example 409 */
      last_status: number | null;
      last_error: string | null;
      /**
       * @description seQura's last answer: its JSON body (`{"errors": [...]}`), its text, or null
       * @example {
       *       "errors": [
       *         "Invalid data: items' total_with_tax add up to 5055 but order_total_with_tax is 5097"
       *       ]
       *     }
       */
      response:
        | (
            | {
                [key: string]: unknown;
              }
            | string
          )
        | null;
      cancellation_reason: string | null;
      /** Format: date-time */
      created_at: string | null;
      /** Format: date-time */
      failed_at: string | null;
    };
    FailedOrderUpdateList: {
      /**
       * @description how many there are (data holds the newest)
       * @example 1
       */
      total: number;
      data: components['schemas']['FailedOrderUpdate'][];
    };
    FailedReportRunList: {
      /** @example 0 */
      total: number;
      data: components['schemas']['ShippingReport'][];
    };
    /** @description A seQura cancel request answered `retry` because the order is being picked: a person decides */
    CancelRequestAnsweredRetry: {
      /** @example QWER1234 */
      order_ref_1: string;
      /** @example low_risk */
      risk_level: string | null;
      /** Format: date-time */
      fulfilment_started_at: string | null;
      /** Format: date-time */
      requested_at: string | null;
      /** @example 12 */
      webhook_event_id: string;
      cancellation_request_url: string | null;
    };
    CancelRequestAnsweredRetryList: {
      /** @example 0 */
      total: number;
      data: components['schemas']['CancelRequestAnsweredRetry'][];
    };
    /** @description An order seQura put on hold (needs_review) long ago */
    OrderOnHold: {
      /** @example QWER1234 */
      order_ref_1: string;
      risk_level: string | null;
      /** Format: date-time */
      on_hold_since: string | null;
      /** Format: date-time */
      created_at: string | null;
    };
    OrderOnHoldList: {
      /** @example 0 */
      total: number;
      data: components['schemas']['OrderOnHold'][];
      /**
       * @description the threshold: on hold longer than this many hours
       * @example 24
       */
      longer_than_hours: number;
    };
    /** @description What needs a person: four lists, each `{total, data}` */
    NeedsAttention: {
      failed_order_updates: components['schemas']['FailedOrderUpdateList'];
      failed_report_runs: components['schemas']['FailedReportRunList'];
      cancel_requests_answered_retry: components['schemas']['CancelRequestAnsweredRetryList'];
      orders_on_hold: components['schemas']['OrderOnHoldList'];
    };
    /** @description An Order Update after a retry, with seQura’s last answer */
    RetriedOrderUpdate: {
      /** @example 42 */
      id: string;
      /**
       * @description why the update is sent
       * @enum {string}
       */
      kind: 'cancellation' | 'customer_data' | 'shipment' | 'refund' | 'cancel_units';
      /**
       * @description `failed` needs a person; `skipped`: nothing to send (seQura already holds that view)
       * @enum {string}
       */
      status: 'pending' | 'sent' | 'failed' | 'skipped';
      /** @example 1 */
      attempts: number;
      /**
       * Format: date-time
       * @description set while pending
       */
      next_attempt_at: string | null;
      /**
       * @description seQura's last HTTP status
       * @example 200
       */
      last_status: number | null;
      /** @description seQura's messages, or the network error */
      last_error: string | null;
      /** @example customer_cancel */
      cancellation_reason: string | null;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      updated_at: string;
      /** Format: date-time */
      sent_at: string | null;
      /** @example QWER1234 */
      order_ref_1: string;
      /**
       * @description seQura's last answer: its JSON body (`{"errors": [...]}`), its text, or null
       * @example {
       *       "errors": [
       *         "Invalid data: items' total_with_tax add up to 5055 but order_total_with_tax is 5097"
       *       ]
       *     }
       */
      response:
        | (
            | {
                [key: string]: unknown;
              }
            | string
          )
        | null;
    };
    OrderUpdateRetry: {
      order_update: components['schemas']['RetriedOrderUpdate'];
    };
    /** @description The failed run, now marked retried, and the runs the retry made */
    ReportRunRetry: {
      run: components['schemas']['ShippingReport'];
      runs: components['schemas']['ShippingReport'][];
    };
    CheckoutCustomerDto: {
      /**
       * @description The shopper's IP address, as the shop saw it
       * @example 203.0.113.7
       */
      ip_number: string;
      /**
       * @description The shopper's browser
       * @example Mozilla/5.0 (X11; Linux x86_64) …
       */
      user_agent: string;
    };
    CheckoutGuiDto: {
      /**
       * @description The device the identification form is shown on
       * @enum {string}
       */
      layout: 'desktop' | 'smartphone';
    };
    StartCheckoutDto: {
      customer: components['schemas']['CheckoutCustomerDto'];
      /** @description Default `{"layout": "desktop"}` */
      gui?: components['schemas']['CheckoutGuiDto'];
      /** @description Where the shopper lands once seQura approved; default CHECKOUT_RETURN_URL (required if unset) */
      return_url?: string;
      /** @description Where the shopper goes to pick another payment method; default CHECKOUT_ABORT_URL (required if unset) */
      abort_url?: string;
    };
    /** @description seQura's payment methods for a seQura order (`GET orders/{uuid}/payment_methods`), as seQura answers */
    PaymentMethods: {
      /** @description categories, each with its methods */
      payment_options: ({
        /** @example Paga Después */
        title: string;
        description?: string | null;
        icon?: string | null;
        /**
         * @description pay_now, pay_later, part_payment…
         * @example pay_later
         */
        category?: string;
        methods: ({
          /**
           * @description pass it as `product` to the form
           * @example i1
           */
          product: string;
          /** @description pass it as `campaign` to the form */
          campaign?: string | null;
          /** @example Paga Después */
          title: string;
          /** @example Paga después. 7 días desde el envío */
          long_title?: string;
          claim?: string | null;
          description?: string | null;
          /** @description SVG */
          icon?: string | null;
          /** @description cents */
          cost?: {
            setup_fee?: number;
            instalment_fee?: number;
            down_payment_fees?: number;
            instalment_total?: number;
          } & {
            [key: string]: unknown;
          };
          cost_description?: string | null;
          /** @description ISO 8601 */
          starts_at?: string;
          /** @description ISO 8601 */
          ends_at?: string;
          /** @description cents */
          min_amount?: number | null;
          /** @description cents */
          max_amount?: number | null;
        } & {
          [key: string]: unknown;
        })[];
      } & {
        [key: string]: unknown;
      })[];
    };
    /** @description A seQura order started for the order, and how to go on */
    StartedCheckout: {
      /** @example QWER1234 */
      order_ref_1: string;
      /**
       * @description seQura's order, started now: the only one of this order whose IPN is taken
       * @example 1dc26b35-06f6-41d6-b6f5-d0eb6c66aad1
       */
      sequra_order_ref: string;
      /** @description the seQura order it replaced, if any */
      replaced_sequra_order_ref: string | null;
      /**
       * @description the merchant account it was started for
       * @example merchant-es
       */
      merchant_id: string;
      /**
       * @description the form to embed (GET, this service)
       * @example /orders/QWER1234/checkout/form
       */
      form_url: string;
      /** @example /orders/QWER1234/checkout/payment-methods */
      payment_methods_url: string;
      /** @description null when seQura's answer did not come */
      payment_methods: components['schemas']['PaymentMethods'] | null;
      /** @description why payment_methods is null: ask payment_methods_url again */
      payment_methods_error?: string;
    };
    /** @description Every error answer: the status, its reason phrase and what went wrong */
    Error: {
      /**
       * @description the HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description the status's reason phrase
       * @example Not Found
       */
      error: string;
      /**
       * @description what went wrong, in words
       * @example Order 'QWER1234' not found
       */
      message: string;
      /**
       * @description Fastify's error code, on a request refused before the route ran (unreadable body, content type)
       * @example FST_ERR_CTP_INVALID_MEDIA_TYPE
       */
      code?: string;
    };
    FieldError: {
      /**
       * @description dotted path of the field
       * @example cart.items.0.quantity
       */
      field: string;
      /**
       * @example [
       *       "quantity must not be less than 1"
       *     ]
       */
      messages: string[];
    };
    /** @description A refused request (400). `errors` names each field and what is wrong with it, when validation failed */
    ValidationError: {
      /**
       * @description the HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description the status's reason phrase
       * @example Not Found
       */
      error: string;
      /**
       * @description what went wrong, in words
       * @example Order 'QWER1234' not found
       */
      message: string;
      /**
       * @description Fastify's error code, on a request refused before the route ran (unreadable body, content type)
       * @example FST_ERR_CTP_INVALID_MEDIA_TYPE
       */
      code?: string;
      errors?: components['schemas']['FieldError'][];
    };
    /** @description The thing named in the path does not exist (404) */
    NotFoundError: {
      /**
       * @description the HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description the status's reason phrase
       * @example Not Found
       */
      error: string;
      /**
       * @description what went wrong, in words
       * @example Order 'QWER1234' not found
       */
      message: string;
      /**
       * @description Fastify's error code, on a request refused before the route ran (unreadable body, content type)
       * @example FST_ERR_CTP_INVALID_MEDIA_TYPE
       */
      code?: string;
      /**
       * @description the order asked for
       * @example QWER1234
       */
      order_ref_1?: string;
      /**
       * @description the id asked for
       * @example 42
       */
      id?: string;
    };
    /** @description Not possible in the order's current state (409): a refused transition names both states */
    ConflictError: {
      /**
       * @description the HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description the status's reason phrase
       * @example Not Found
       */
      error: string;
      /**
       * @description what went wrong, in words
       * @example Order 'QWER1234' not found
       */
      message: string;
      /**
       * @description Fastify's error code, on a request refused before the route ran (unreadable body, content type)
       * @example FST_ERR_CTP_INVALID_MEDIA_TYPE
       */
      code?: string;
      /**
       * @description the state the order is in
       * @example shipped
       */
      from_state?: string;
      /**
       * @description the state the request asked for
       * @example cancelled
       */
      to_state?: string;
      /**
       * @description the order's state
       * @example cancelled
       */
      state?: string;
      /** @example QWER1234 */
      order_ref_1?: string;
      /**
       * @description the field whose value is already taken
       * @example order_ref_1
       */
      field?: string;
      /**
       * @description why an erasure is refused, or why no seQura checkout is possible (not pending, none started)
       * @enum {string}
       */
      reason?:
        | 'still_needed'
        | 'not_reported'
        | 'items_left'
        | 'update_pending'
        | 'report_pending'
        | 'not_pending'
        | 'not_started';
      /**
       * @description seQura's HTTP status, when seQura refused
       * @example 409
       */
      sequra_status?: number;
      /**
       * @description seQura's own messages, when seQura refused
       * @example [
       *       "Invalid data: items' total_with_tax add up to 8350 (1250+7100) but order_total_with_tax is 8400."
       *     ]
       */
      errors?: string[];
      /**
       * @description what seQura requires that the order lacks
       * @example [
       *       "customer.language_code"
       *     ]
       */
      missing?: string[];
      /**
       * @description the Order Update (or run) concerned
       * @example 42
       */
      id?: string;
      /**
       * @description its status
       * @example sent
       */
      status?: string;
      /**
       * Format: date-time
       * @description when a run was retried already
       */
      retried_at?: string;
      /**
       * @description who retried it
       * @example backoffice (Marta)
       */
      retried_by?: string;
      /**
       * Format: date-time
       * @description when the shopper's data was erased
       */
      erased_at?: string;
      /**
       * @description the limit a return, refund or unit cancellation hit
       * @enum {string}
       */
      limit?:
        | 'returnable_quantity'
        | 'shipped_cart_total'
        | 'refundable_amount'
        | 'unshipped_quantity'
        | 'unshipped_cart_total';
      /**
       * @description the line concerned
       * @example shirt1234
       */
      reference?: string;
      /**
       * @description what was asked: units of the line, cents, or units per line
       * @example 2
       */
      requested?:
        | number
        | {
            [key: string]: number;
          };
      /**
       * @description what the limit allows
       * @example 1
       */
      available?: number;
    };
    /** @description seQura's documented refusal of an order-status update (410): seQura does not retry it */
    GoneError: {
      /**
       * @description the HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description the status's reason phrase
       * @example Not Found
       */
      error: string;
      /**
       * @description what went wrong, in words
       * @example Order 'QWER1234' not found
       */
      message: string;
      /**
       * @description Fastify's error code, on a request refused before the route ran (unreadable body, content type)
       * @example FST_ERR_CTP_INVALID_MEDIA_TYPE
       */
      code?: string;
      /**
       * @description the order's state
       * @example cancelled
       */
      state?: string;
      /** @description seQura's own messages, when it refused our acknowledgement */
      errors?: string[];
    };
    /** @description The If-Match ETag is stale (412): someone changed the data since it was read; nothing was written */
    PreconditionFailedError: {
      /**
       * @description the HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description the status's reason phrase
       * @example Not Found
       */
      error: string;
      /**
       * @description what went wrong, in words
       * @example Order 'QWER1234' not found
       */
      message: string;
      /**
       * @description Fastify's error code, on a request refused before the route ran (unreadable body, content type)
       * @example FST_ERR_CTP_INVALID_MEDIA_TYPE
       */
      code?: string;
      /** @example 8 */
      current_version: number;
      /** @example "8" */
      current_etag: string;
    };
    /** @description The body is larger than the route accepts (413) */
    PayloadTooLargeError: {
      /**
       * @description the HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description the status's reason phrase
       * @example Not Found
       */
      error: string;
      /**
       * @description what went wrong, in words
       * @example Order 'QWER1234' not found
       */
      message: string;
      /**
       * @description Fastify's error code, on a request refused before the route ran (unreadable body, content type)
       * @example FST_ERR_CTP_INVALID_MEDIA_TYPE
       */
      code?: string;
      /**
       * @description rows in the refused batch
       * @example 1500
       */
      rows?: number;
      /**
       * @description the most rows a batch may hold
       * @example 1000
       */
      max_rows?: number;
    };
    /** @description The If-Match header is missing or `*` (428) */
    PreconditionRequiredError: {
      /**
       * @description the HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description the status's reason phrase
       * @example Not Found
       */
      error: string;
      /**
       * @description what went wrong, in words
       * @example Order 'QWER1234' not found
       */
      message: string;
      /**
       * @description Fastify's error code, on a request refused before the route ran (unreadable body, content type)
       * @example FST_ERR_CTP_INVALID_MEDIA_TYPE
       */
      code?: string;
      /** @example If-Match */
      header: string;
    };
    /** @description Too many failed authentications from this address (429): retry after `Retry-After` seconds */
    TooManyAuthFailuresError: {
      /**
       * @description the HTTP status, repeated
       * @example 404
       */
      statusCode: number;
      /**
       * @description the status's reason phrase
       * @example Not Found
       */
      error: string;
      /**
       * @description what went wrong, in words
       * @example Order 'QWER1234' not found
       */
      message: string;
      /**
       * @description Fastify's error code, on a request refused before the route ran (unreadable body, content type)
       * @example FST_ERR_CTP_INVALID_MEDIA_TYPE
       */
      code?: string;
      /** @example 42 */
      retry_after_seconds: number;
    };
  };
  responses: {
    /** @description An unexpected error; it is logged, and the request changed nothing */
    InternalError: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 500,
         *       "error": "Internal Server Error",
         *       "message": "An unexpected error; it is logged, and the request changed nothing"
         *     }
         */
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The database is unavailable right now: nothing changed; retry later */
    Unavailable: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 503,
         *       "error": "Service Unavailable",
         *       "message": "The database is unavailable right now: nothing changed; retry later"
         *     }
         */
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Missing or invalid API key: send Authorization: Bearer <key> */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 401,
         *       "error": "Unauthorized",
         *       "message": "Missing or invalid API key: send Authorization: Bearer <key>"
         *     }
         */
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description More than AUTH_FAILURES_PER_MINUTE failed authentications from this address in a minute: nothing was done; retry after Retry-After seconds */
    TooManyAuthFailures: {
      headers: {
        /** @description seconds until the address may try again */
        'Retry-After': number;
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 429,
         *       "error": "Too Many Requests",
         *       "message": "Too many failed authentication attempts from this address; retry in 42 s",
         *       "retry_after_seconds": 42
         *     }
         */
        'application/json': components['schemas']['TooManyAuthFailuresError'];
      };
    };
    /** @description The body is not valid: not JSON, or fields that break the rules (named in `errors`) */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 400,
         *       "error": "Bad Request",
         *       "message": "The body is not valid: not JSON, or fields that break the rules (named in `errors`)"
         *     }
         */
        'application/json': components['schemas']['ValidationError'];
      };
    };
    /** @description The body is larger than the route accepts (1 MiB) */
    PayloadTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 413,
         *       "error": "Payload Too Large",
         *       "message": "The body is larger than the route accepts (1 MiB)"
         *     }
         */
        'application/json': components['schemas']['PayloadTooLargeError'];
      };
    };
    /** @description The Content-Type is not one the route accepts */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        /**
         * @example {
         *       "statusCode": 415,
         *       "error": "Unsupported Media Type",
         *       "message": "The Content-Type is not one the route accepts"
         *     }
         */
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  metrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Prometheus text exposition format */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example # HELP http_requests_total HTTP requests answered
           *     # TYPE http_requests_total counter
           */
          'text/plain': string;
        };
      };
      /** @description `METRICS_TOKEN` is set and the request does not carry it */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid metrics token: send Authorization: Bearer <METRICS_TOKEN>"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description More than AUTH_FAILURES_PER_MINUTE failed authentications from this address in a minute: nothing was done; retry after Retry-After seconds */
      429: {
        headers: {
          /** @description seconds until the address may try again */
          'Retry-After': number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Too many failed authentication attempts from this address; retry in 42 s",
           *       "retry_after_seconds": 42
           *     }
           */
          'application/json': components['schemas']['TooManyAuthFailuresError'];
        };
      };
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      500: components['responses']['InternalError'];
      /** @description The database does not answer */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthError'];
        };
      };
    };
  };
  listOrders: {
    parameters: {
      query?: {
        state?: 'pending' | 'on_hold' | 'approved' | 'shipped' | 'refunded' | 'denied' | 'cancelled';
        /** @description ISO 8601 */
        updated_since?: string;
        /** @description part of order_ref_1 (case-insensitive) */
        q?: string;
        /** @description orders of this seQura merchant account only */
        sequra_merchant_id?: string;
        limit?: number;
        /** @description next_cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrderPage'];
        };
      };
      /** @description A query parameter is not valid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: limit",
           *       "errors": [
           *         {
           *           "field": "limit",
           *           "messages": [
           *             "limit must not be greater than 200"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  registerOrder: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterOrderRequest'];
      };
    };
    responses: {
      /** @description The order, `pending` */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description An order with this order_ref_1 (or sequra_order_ref) already exists */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "An order with order_ref_1 'QWER1234' already exists",
           *       "field": "order_ref_1"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  getOrder: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrderDetail'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  getOrderHistory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HistoryList'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  listSequraUpdates: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SequraUpdateList'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  shipOrder: {
    parameters: {
      query?: never;
      header?: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
      };
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ShipmentRequest'];
      };
    };
    responses: {
      /** @description The order after the shipment */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The order is not approved (or everything has shipped already) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "Order cannot go from 'on_hold' to 'shipped'",
           *       "from_state": "on_hold",
           *       "to_state": "shipped"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  cancelOrder: {
    parameters: {
      query?: never;
      header?: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
      };
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CancelOrderRequest'];
      };
    };
    responses: {
      /** @description The order, `cancelled` */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The order cannot be cancelled in its state (shipped, denied), or the units to cancel exceed what is left (`limit`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "Order cannot go from 'shipped' to 'cancelled'",
           *       "from_state": "shipped",
           *       "to_state": "cancelled"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  refundOrder: {
    parameters: {
      query?: never;
      header?: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
      };
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefundOrderRequest'];
      };
    };
    responses: {
      /** @description The order with the refund recorded */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The order is not shipped, or the return or refund exceeds what is left (`limit`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "only 1 of 'shirt1234' shipped and not yet returned",
           *       "limit": "returnable_quantity",
           *       "reference": "shirt1234",
           *       "requested": 2,
           *       "available": 1
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  startFulfilment: {
    parameters: {
      query?: never;
      header?: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
      };
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The order; already marked: no change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The order is not approved */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "Only an approved order can be marked in fulfilment; this one is 'shipped'",
           *       "state": "shipped"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  stopFulfilment: {
    parameters: {
      query?: never;
      header?: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
      };
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The order; not marked: no change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Order'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  listMerchantAccounts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MerchantAccounts'];
        };
      };
      401: components['responses']['Unauthorized'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  discoverMerchantAccounts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The accounts now in force */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MerchantAccounts'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description SEQURA_MERCHANTS sets the accounts: nothing is asked of seQura */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "SEQURA_MERCHANTS sets the merchant accounts: nothing is asked of seQura"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      /** @description seQura refused the API user's credentials, listed no account, or answered unreadably */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 502,
           *       "error": "Bad Gateway",
           *       "message": "Could not list the seQura merchant accounts: seQura refused the API user's credentials (HTTP 401)"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description seQura could not be reached, or answered 5xx: retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "message": "Could not list the seQura merchant accounts: HTTP 500"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getCustomerData: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          /** @description the version of the data, `"<version>"`: send it back as If-Match to edit */
          ETag: string;
          /** @description personal data: `no-store` */
          'Cache-Control': string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerData'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  listCustomerDataChanges: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerDataChangeList'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  editCustomer: {
    parameters: {
      query?: never;
      header: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
        /** @description the ETag from GET /orders/{ref}/customer-data */
        'If-Match': string;
      };
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CustomerPatch'];
      };
    };
    responses: {
      /** @description The new data and ETag */
      200: {
        headers: {
          /** @description the version of the data, `"<version>"`: send it back as If-Match to edit */
          ETag: string;
          /** @description personal data: `no-store` */
          'Cache-Control': string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerDataEdit'];
        };
      };
      /** @description A field breaks a rule (named in `errors`), or If-Match is not an ETag */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: postal_code",
           *       "errors": [
           *         {
           *           "field": "postal_code",
           *           "messages": [
           *             "postal_code must be 5 digits for ES"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The order is cancelled or denied: its customer data can no longer be edited */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "Order 'QWER1234' is cancelled: its customer data can no longer be edited",
           *       "order_ref_1": "QWER1234",
           *       "state": "cancelled"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      /** @description Someone changed the data since it was read: nothing was written; `ETag` is the current one */
      412: {
        headers: {
          /** @description the version of the data, `"<version>"`: send it back as If-Match to edit */
          ETag: string;
          /** @description personal data: `no-store` */
          'Cache-Control': string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 412,
           *       "error": "Precondition Failed",
           *       "message": "The customer data of order 'QWER1234' changed since it was read (now version 4); read it again and redo the edit",
           *       "current_version": 4,
           *       "current_etag": "\"4\""
           *     }
           */
          'application/json': components['schemas']['PreconditionFailedError'];
        };
      };
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      /** @description If-Match is missing (or `*`) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 428,
           *       "error": "Precondition Required",
           *       "message": "If-Match is required: send the ETag from GET /orders/:ref/customer-data",
           *       "header": "If-Match"
           *     }
           */
          'application/json': components['schemas']['PreconditionRequiredError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  editDeliveryAddress: {
    parameters: {
      query?: never;
      header: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
        /** @description the ETag from GET /orders/{ref}/customer-data */
        'If-Match': string;
      };
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddressPatch'];
      };
    };
    responses: {
      /** @description The new data and ETag */
      200: {
        headers: {
          /** @description the version of the data, `"<version>"`: send it back as If-Match to edit */
          ETag: string;
          /** @description personal data: `no-store` */
          'Cache-Control': string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerDataEdit'];
        };
      };
      /** @description A field breaks a rule (named in `errors`), or If-Match is not an ETag */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: postal_code",
           *       "errors": [
           *         {
           *           "field": "postal_code",
           *           "messages": [
           *             "postal_code must be 5 digits for ES"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The order is cancelled or denied: its customer data can no longer be edited */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "Order 'QWER1234' is cancelled: its customer data can no longer be edited",
           *       "order_ref_1": "QWER1234",
           *       "state": "cancelled"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      /** @description Someone changed the data since it was read: nothing was written; `ETag` is the current one */
      412: {
        headers: {
          /** @description the version of the data, `"<version>"`: send it back as If-Match to edit */
          ETag: string;
          /** @description personal data: `no-store` */
          'Cache-Control': string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 412,
           *       "error": "Precondition Failed",
           *       "message": "The customer data of order 'QWER1234' changed since it was read (now version 4); read it again and redo the edit",
           *       "current_version": 4,
           *       "current_etag": "\"4\""
           *     }
           */
          'application/json': components['schemas']['PreconditionFailedError'];
        };
      };
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      /** @description If-Match is missing (or `*`) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 428,
           *       "error": "Precondition Required",
           *       "message": "If-Match is required: send the ETag from GET /orders/:ref/customer-data",
           *       "header": "If-Match"
           *     }
           */
          'application/json': components['schemas']['PreconditionRequiredError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  editInvoiceAddress: {
    parameters: {
      query?: never;
      header: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
        /** @description the ETag from GET /orders/{ref}/customer-data */
        'If-Match': string;
      };
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddressPatch'];
      };
    };
    responses: {
      /** @description The new data and ETag */
      200: {
        headers: {
          /** @description the version of the data, `"<version>"`: send it back as If-Match to edit */
          ETag: string;
          /** @description personal data: `no-store` */
          'Cache-Control': string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CustomerDataEdit'];
        };
      };
      /** @description A field breaks a rule (named in `errors`), or If-Match is not an ETag */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: postal_code",
           *       "errors": [
           *         {
           *           "field": "postal_code",
           *           "messages": [
           *             "postal_code must be 5 digits for ES"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The order is cancelled or denied: its customer data can no longer be edited */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "Order 'QWER1234' is cancelled: its customer data can no longer be edited",
           *       "order_ref_1": "QWER1234",
           *       "state": "cancelled"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      /** @description Someone changed the data since it was read: nothing was written; `ETag` is the current one */
      412: {
        headers: {
          /** @description the version of the data, `"<version>"`: send it back as If-Match to edit */
          ETag: string;
          /** @description personal data: `no-store` */
          'Cache-Control': string;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 412,
           *       "error": "Precondition Failed",
           *       "message": "The customer data of order 'QWER1234' changed since it was read (now version 4); read it again and redo the edit",
           *       "current_version": 4,
           *       "current_etag": "\"4\""
           *     }
           */
          'application/json': components['schemas']['PreconditionFailedError'];
        };
      };
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      /** @description If-Match is missing (or `*`) */
      428: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 428,
           *       "error": "Precondition Required",
           *       "message": "If-Match is required: send the ETag from GET /orders/:ref/customer-data",
           *       "header": "If-Match"
           *     }
           */
          'application/json': components['schemas']['PreconditionRequiredError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  applyCorrections: {
    parameters: {
      query?: never;
      header?: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
      };
      path?: never;
      cookie?: never;
    };
    /** @description at most 1000 rows */
    requestBody: {
      content: {
        /**
         * @example [
         *       {
         *         "order_ref_1": "QWER1234",
         *         "field": "delivery_address.postal_code",
         *         "value": "28013",
         *         "note": "per seQura"
         *       }
         *     ]
         */
        'application/json': components['schemas']['CorrectionRow'][];
        /**
         * @example order_ref_1,field,value,note
         *     QWER1234,customer.email,ana.garcia@example.com,per seQura
         */
        'text/csv': string;
      };
    };
    responses: {
      /** @description One result per row */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CorrectionsResult'];
        };
      };
      /** @description Not a JSON array or a readable CSV, or no rows */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: rows",
           *       "errors": [
           *         {
           *           "field": "rows",
           *           "messages": [
           *             "the batch has no rows"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description More than 1000 rows (or a body over 1 MiB) */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "message": "A corrections batch may hold at most 1000 rows; this one has 1500. Split it.",
           *       "rows": 1500,
           *       "max_rows": 1000
           *     }
           */
          'application/json': components['schemas']['PayloadTooLargeError'];
        };
      };
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  receiveSequraIpn: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/x-www-form-urlencoded': components['schemas']['SequraIpnForm'];
      };
    };
    responses: {
      /** @description Acknowledged (or a repeat): an empty body */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A field is missing or given twice, or `utf8` is not `√`: nothing changed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: order_ref",
           *       "errors": [
           *         {
           *           "field": "order_ref",
           *           "messages": [
           *             "order_ref is required"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      /** @description The signature is missing or wrong: nothing changed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Missing or invalid signature"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No order with this order_ref_1; or (IPN) a seQura order that is not the latest one the order’s checkout started (replaced by a later one): nothing changed, as seQura’s core answers; seQura does not retry */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The shop refuses the update (the order is cancelled or denied, already paid with another seQura order, or seQura refused our acknowledgement): seQura does not retry */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 410,
           *       "error": "Gone",
           *       "message": "Order is cancelled",
           *       "state": "cancelled"
           *     }
           */
          'application/json': components['schemas']['GoneError'];
        };
      };
      /** @description The body is over 64 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "message": "Request body is too large"
           *     }
           */
          'application/json': components['schemas']['PayloadTooLargeError'];
        };
      };
      /** @description The body is not a form */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "error": "Unsupported Media Type",
           *       "message": "Expected Content-Type application/x-www-form-urlencoded"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many wrong signatures from this address in a minute: nothing changed; retry after Retry-After */
      429: {
        headers: {
          /** @description seconds until the address may try again */
          'Retry-After': number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Too many failed authentication attempts from this address; retry in 42 s",
           *       "retry_after_seconds": 42
           *     }
           */
          'application/json': components['schemas']['TooManyAuthFailuresError'];
        };
      };
      500: components['responses']['InternalError'];
      /** @description An IPN state or event seQura does not document: seQura's own answer, nothing changed */
      501: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": "Unknown event 'order_updated'"
           *     }
           */
          'application/json': components['schemas']['UnknownEventError'];
        };
      };
      /** @description The database or seQura is unavailable (or refused our credentials): nothing changed; seQura retries */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "message": "seQura is unavailable; retry later"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  receiveSequraEvent: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/x-www-form-urlencoded': components['schemas']['SequraEventForm'];
      };
    };
    responses: {
      /** @description Done: an empty body for `cancelled`, `denied` and `risk_assessment`; for `cancel`, the result of the cancellation request */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CancelAnswer'];
        };
      };
      /** @description A field is missing or given twice, or `utf8` is not `√`: nothing changed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: order_ref",
           *       "errors": [
           *         {
           *           "field": "order_ref",
           *           "messages": [
           *             "order_ref is required"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      /** @description The signature is missing or wrong: nothing changed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Missing or invalid signature"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No order with this order_ref_1; or (IPN) a seQura order that is not the latest one the order’s checkout started (replaced by a later one): nothing changed, as seQura’s core answers; seQura does not retry */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The body is over 64 KiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "message": "Request body is too large"
           *     }
           */
          'application/json': components['schemas']['PayloadTooLargeError'];
        };
      };
      /** @description The body is not a form */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 415,
           *       "error": "Unsupported Media Type",
           *       "message": "Expected Content-Type application/x-www-form-urlencoded"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description Too many wrong signatures from this address in a minute: nothing changed; retry after Retry-After */
      429: {
        headers: {
          /** @description seconds until the address may try again */
          'Retry-After': number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Too many failed authentication attempts from this address; retry in 42 s",
           *       "retry_after_seconds": 42
           *     }
           */
          'application/json': components['schemas']['TooManyAuthFailuresError'];
        };
      };
      500: components['responses']['InternalError'];
      /** @description An IPN state or event seQura does not document: seQura's own answer, nothing changed */
      501: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "error": "Unknown event 'order_updated'"
           *     }
           */
          'application/json': components['schemas']['UnknownEventError'];
        };
      };
      /** @description The database or seQura is unavailable (or refused our credentials): nothing changed; seQura retries */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "message": "seQura is unavailable; retry later"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  listWebhookEvents: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookEventList'];
        };
      };
      /** @description `limit` is not an integer from 1 to 500 */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: limit",
           *       "errors": [
           *         {
           *           "field": "limit",
           *           "messages": [
           *             "limit must not be greater than 500"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  listShippingReports: {
    parameters: {
      query?: {
        status?: 'pending' | 'sent' | 'failed';
        trigger?: 'schedule' | 'manual';
        /** @description runs of this seQura merchant account only */
        sequra_merchant_id?: string;
        limit?: number;
        /** @description next_cursor of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShippingReportPage'];
        };
      };
      /** @description A query parameter is not valid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: status",
           *       "errors": [
           *         {
           *           "field": "status",
           *           "messages": [
           *             "status must be one of the following values: pending, sent, failed"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  runShippingReport: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShippingReportRuns'];
        };
      };
      401: components['responses']['Unauthorized'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  previewShippingReport: {
    parameters: {
      query?: {
        /** @description the account whose report to preview; default the first with orders to report, else the first */
        sequra_merchant_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShippingReportPreview'];
        };
      };
      401: components['responses']['Unauthorized'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  getShippingReport: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description the run */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ShippingReportDetail'];
        };
      };
      /** @description `id` is not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed (uuid is expected)"
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description No run with this id */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Shipping report '0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59' not found",
           *       "id": "0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  triggerShippingReport: {
    parameters: {
      query: {
        /** @description REPORT_TRIGGER_TOKEN */
        token: unknown;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every run was delivered */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /** @example ok */
          'text/plain': 'ok';
        };
      };
      /** @description The token is missing or wrong */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Invalid token"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description `REPORT_TRIGGER_TOKEN` is not set: the route is off */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description More than AUTH_FAILURES_PER_MINUTE failed authentications from this address in a minute: nothing was done; retry after Retry-After seconds */
      429: {
        headers: {
          /** @description seconds until the address may try again */
          'Retry-After': number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Too many failed authentication attempts from this address; retry in 42 s",
           *       "retry_after_seconds": 42
           *     }
           */
          'application/json': components['schemas']['TooManyAuthFailuresError'];
        };
      };
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
      /** @description Some run was not delivered (it stays pending and is retried), or the run failed */
      599: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /** @example ko */
          'text/plain': 'ko';
        };
      };
    };
  };
  eraseOrder: {
    parameters: {
      query?: never;
      header?: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
      };
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EraseOrderRequest'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Erasure'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description seQura, an Order Update or a report on its way still needs the shopper's data (`reason`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "Order 'QWER1234' is approved: seQura still needs the shopper's data until the order is cancelled, denied, or shipped in full and reported",
           *       "order_ref_1": "QWER1234",
           *       "state": "approved",
           *       "reason": "still_needed"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  listNeedsAttention: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NeedsAttention'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  retryOrderUpdate: {
    parameters: {
      query?: never;
      header?: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
      };
      path: {
        /** @description the Order Update (a positive integer) */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The update, pending and due now */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OrderUpdateRetry'];
        };
      };
      /** @description `id` is not the number of an Order Update */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: id",
           *       "errors": [
           *         {
           *           "field": "id",
           *           "messages": [
           *             "id must be the number of an Order Update"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No Order Update with this id */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order Update '42' not found",
           *       "id": "42"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The update is not failed, or the order's data was erased since */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "Order Update '42' is sent: only a failed update can be sent again",
           *       "id": "42",
           *       "status": "sent"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  retryReportRun: {
    parameters: {
      query?: never;
      header?: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
      };
      path: {
        /** @description the failed run */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportRunRetry'];
        };
      };
      /** @description `id` is not a uuid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed (uuid is expected)"
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description The key is a service key: this route needs an admin key */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "This route needs an admin key"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
      /** @description No run with this id */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Shipping report '0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59' not found",
           *       "id": "0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description The run is not failed, or was retried already */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "Shipping report '0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59' is sent: only a failed run can be retried",
           *       "id": "0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59",
           *       "status": "sent"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      503: components['responses']['Unavailable'];
    };
  };
  startCheckout: {
    parameters: {
      query?: never;
      header?: {
        /** @description the person acting, recorded after the key's name in history and audit rows: `backoffice (Marta)` */
        'X-Actor'?: string;
      };
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartCheckoutDto'];
      };
    };
    responses: {
      /** @description seQura started the order (2xx with its Location) */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StartedCheckout'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description seQura refused the order (its 409, or another 4xx: `sequra_status` and seQura's `errors`; offer another payment method); or the order is not pending (`reason: not_pending`), or lacks what seQura requires (`missing`) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "seQura refused to start order 'QWER1234' (HTTP 409): offer the shopper another payment method",
           *       "sequra_status": 409,
           *       "errors": [
           *         "Invalid data: items' total_with_tax add up to 8350 (1250+7100) but order_total_with_tax is 8400."
           *       ]
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      /** @description seQura could not be reached, timed out or answered 5xx (or refused our credentials): retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "message": "seQura could not start order 'QWER1234' (HTTP 500); retry later"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getCheckoutForm: {
    parameters: {
      query?: {
        /** @description The product chosen from the payment methods (seQura's default: i1) */
        product?: string;
        /** @description The method's campaign, when it has one */
        campaign?: string;
        /** @description true when the shop inserts the form through AJAX */
        ajax?: boolean;
      };
      header?: never;
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description seQura's fragment: a hidden iframe and two scripts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example <iframe id='sq-identification-i1' class="sq-identification-iframe" src="…/pumbaa_form?product=i1" style="display:none"></iframe>
           *     <script>window.SequraFormElement = 'sq-identification-i1';</script>
           */
          'text/html': string;
        };
      };
      /** @description A query parameter is not valid */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed: product",
           *       "errors": [
           *         {
           *           "field": "product",
           *           "messages": [
           *             "product must be a seQura product code such as i1 or pp3"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ValidationError'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description No checkout was started here (`reason: not_started`), the order is no longer pending (`not_pending`), or seQura refused (`sequra_status`, seQura's `errors`: start the checkout again) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "No seQura checkout was started for order 'QWER1234': POST /orders/QWER1234/checkout first",
           *       "order_ref_1": "QWER1234",
           *       "state": "pending",
           *       "reason": "not_started"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      /** @description seQura could not be reached, timed out or answered 5xx (or refused our credentials): retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "message": "seQura could not be reached"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  getCheckoutPaymentMethods: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description order_ref_1, URL-encoded (a `/` in it travels as `%2F`: `A14%2F12345`) */
        ref: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PaymentMethods'];
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description No order with this order_ref_1 */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Order 'QWER1234' not found",
           *       "order_ref_1": "QWER1234"
           *     }
           */
          'application/json': components['schemas']['NotFoundError'];
        };
      };
      /** @description No checkout was started here (`reason: not_started`), the order is no longer pending (`not_pending`), or seQura refused (`sequra_status`, seQura's `errors`: start the checkout again) */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "No seQura checkout was started for order 'QWER1234': POST /orders/QWER1234/checkout first",
           *       "order_ref_1": "QWER1234",
           *       "state": "pending",
           *       "reason": "not_started"
           *     }
           */
          'application/json': components['schemas']['ConflictError'];
        };
      };
      429: components['responses']['TooManyAuthFailures'];
      500: components['responses']['InternalError'];
      /** @description seQura could not be reached, timed out or answered 5xx (or refused our credentials): retry later */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 503,
           *       "error": "Service Unavailable",
           *       "message": "seQura could not be reached"
           *     }
           */
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
}
