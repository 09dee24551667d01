import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/**
 * seQura's answers this service passes on as they come (order API reference §4), documented as
 * seQura documents them; seQura may add fields, so the objects are open.
 */
const nullableString = { type: 'string', nullable: true } as const;
const PAYMENT_METHOD_COST = {
  type: 'object',
  additionalProperties: true,
  description: 'cents',
  properties: {
    setup_fee: { type: 'integer' },
    instalment_fee: { type: 'integer' },
    down_payment_fees: { type: 'integer' },
    instalment_total: { type: 'integer' },
  },
};
const PAYMENT_METHOD = {
  type: 'object',
  additionalProperties: true,
  required: ['product', 'title'],
  properties: {
    product: { type: 'string', example: 'i1', description: 'pass it as `product` to the form' },
    campaign: { ...nullableString, description: 'pass it as `campaign` to the form' },
    title: { type: 'string', example: 'Paga Después' },
    long_title: { type: 'string', example: 'Paga después. 7 días desde el envío' },
    claim: nullableString,
    description: nullableString,
    icon: { ...nullableString, description: 'SVG' },
    cost: PAYMENT_METHOD_COST,
    cost_description: nullableString,
    starts_at: { type: 'string', description: 'ISO 8601' },
    ends_at: { type: 'string', description: 'ISO 8601' },
    min_amount: { type: 'integer', nullable: true, description: 'cents' },
    max_amount: { type: 'integer', nullable: true, description: 'cents' },
  },
};
const PAYMENT_CATEGORY = {
  type: 'object',
  additionalProperties: true,
  required: ['title', 'methods'],
  properties: {
    title: { type: 'string', example: 'Paga Después' },
    description: nullableString,
    icon: nullableString,
    category: { type: 'string', example: 'pay_later', description: 'pay_now, pay_later, part_payment…' },
    methods: { type: 'array', items: PAYMENT_METHOD },
  },
};

@ApiSchema({
  name: 'PaymentMethods',
  description: "seQura's payment methods for a seQura order (`GET orders/{uuid}/payment_methods`), as seQura answers",
})
export class PaymentMethodsView {
  @ApiProperty({ type: 'array', items: PAYMENT_CATEGORY, description: 'categories, each with its methods' })
  payment_options: unknown[];
}

@ApiSchema({ name: 'StartedCheckout', description: 'A seQura order started for the order, and how to go on' })
export class StartedCheckoutView {
  @ApiProperty({ example: 'QWER1234' })
  order_ref_1: string;

  @ApiProperty({
    description: "seQura's order, started now: the only one of this order whose IPN is taken",
    example: '1dc26b35-06f6-41d6-b6f5-d0eb6c66aad1',
  })
  sequra_order_ref: string;

  @ApiProperty({ type: String, nullable: true, description: 'the seQura order it replaced, if any' })
  replaced_sequra_order_ref: string | null;

  @ApiProperty({ description: 'the merchant account it was started for', example: 'merchant-es' })
  merchant_id: string;

  @ApiProperty({ example: '/orders/QWER1234/checkout/form', description: 'the form to embed (GET, this service)' })
  form_url: string;

  @ApiProperty({ example: '/orders/QWER1234/checkout/payment-methods' })
  payment_methods_url: string;

  @ApiProperty({ type: PaymentMethodsView, nullable: true, description: "null when seQura's answer did not come" })
  payment_methods: PaymentMethodsView | null;

  @ApiPropertyOptional({ description: 'why payment_methods is null: ask payment_methods_url again' })
  payment_methods_error?: string;
}
