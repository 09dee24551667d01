import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The documentation of seQura's answers this service passes on (order API reference §4). */
export class PaymentMethodCostDto {
  @ApiProperty({ description: 'cents' }) setup_fee: number;
  @ApiProperty({ description: 'cents' }) instalment_fee: number;
  @ApiProperty({ description: 'cents' }) down_payment_fees: number;
  @ApiProperty({ description: 'cents' }) instalment_total: number;
}

export class PaymentMethodDto {
  @ApiProperty({ example: 'i1', description: 'pass it as `product` to the form' }) product: string;
  @ApiProperty({ type: String, nullable: true, description: 'pass it as `campaign` to the form' })
  campaign: string | null;
  @ApiProperty() title: string;
  @ApiProperty() long_title: string;
  @ApiProperty({ type: String, nullable: true }) claim: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SVG' }) icon: string | null;
  @ApiProperty({ type: PaymentMethodCostDto }) cost: PaymentMethodCostDto;
  @ApiProperty({ type: String, nullable: true }) cost_description: string | null;
  @ApiProperty({ description: 'ISO 8601' }) starts_at: string;
  @ApiProperty({ description: 'ISO 8601' }) ends_at: string;
}

export class PaymentCategoryDto {
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) icon: string | null;
  @ApiProperty({ example: 'pay_later', description: 'pay_now, pay_later, part_payment…' }) category: string;
  @ApiProperty({ type: [PaymentMethodDto] }) methods: PaymentMethodDto[];
}

/** `GET orders/{uuid}/payment_methods`, as seQura answers it (fields beyond these are passed on too). */
export class PaymentMethodsDto {
  @ApiProperty({ type: [PaymentCategoryDto] }) payment_options: PaymentCategoryDto[];
}

/** `POST /orders/:ref/checkout` → 201. */
export class StartedCheckoutView {
  @ApiProperty({ example: 'QWER1234' }) order_ref_1: string;
  @ApiProperty({ description: "seQura's order, started now: the only one whose IPN is taken" })
  sequra_order_ref: string;
  @ApiProperty({ type: String, nullable: true, description: 'the seQura order it replaced, if any' })
  replaced_sequra_order_ref: string | null;
  @ApiProperty({ description: 'the merchant account it was started for' }) merchant_id: string;
  @ApiProperty({ example: '/orders/QWER1234/checkout/form', description: 'the form to embed (GET, this service)' })
  form_url: string;
  @ApiProperty({ example: '/orders/QWER1234/checkout/payment-methods' }) payment_methods_url: string;
  @ApiProperty({ type: PaymentMethodsDto, nullable: true, description: 'null when seQura did not answer them' })
  payment_methods: PaymentMethodsDto | null;
  @ApiPropertyOptional({ description: 'why payment_methods is null: ask payment_methods_url again' })
  payment_methods_error?: string;
}
