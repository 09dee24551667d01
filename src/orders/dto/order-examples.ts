/**
 * Realistic examples for the OpenAPI document, in seQura's shapes (the order of `docs/example-order.json`;
 * a test checks that the two stay the same).
 */
export const EXAMPLE_REGISTRATION = {
  merchant_reference: {
    order_ref_1: 'QWER1234',
    order_ref_2: 'cart-77',
  },
  cart: {
    currency: 'EUR',
    order_total_with_tax: 8350,
    items: [
      {
        type: 'product',
        reference: 'shirt1234',
        name: 'shirt',
        price_with_tax: 1250,
        quantity: 1,
        total_with_tax: 1250,
        downloadable: false,
      },
      {
        type: 'product',
        reference: 'jacket9876',
        name: 'jacket',
        price_with_tax: 7100,
        quantity: 1,
        total_with_tax: 7100,
        downloadable: false,
      },
    ],
  },
  delivery_method: {
    name: 'standard',
    days: '1-3',
    provider: 'MRW',
    home_delivery: true,
  },
  customer: {
    given_names: 'Ana',
    surnames: 'García López',
    email: 'ana@example.com',
    logged_in: true,
    language_code: 'es',
    ref: 'c-1',
  },
  delivery_address: {
    given_names: 'Ana',
    surnames: 'García López',
    address_line_1: 'Calle Mayor 1',
    address_line_2: '',
    postal_code: '28013',
    city: 'Madrid',
    country_code: 'ES',
    phone: '600000000',
  },
  invoice_address: {
    given_names: 'Ana',
    surnames: 'García López',
    address_line_1: 'Calle Mayor 1',
    address_line_2: '',
    postal_code: '28013',
    city: 'Madrid',
    country_code: 'ES',
    phone: '600000000',
  },
} as const;

export const EXAMPLE_CART = EXAMPLE_REGISTRATION.cart;
