import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** The wire shapes of `/merchant-accounts`, for the OpenAPI document and as the view's return type. */

@ApiSchema({ name: 'MerchantAccount', description: "One of the API user's seQura merchant accounts" })
export class MerchantAccountView {
  @ApiProperty({ description: 'the merchant id (`ref` in seQura’s list)', example: 'shop-es' })
  sequra_merchant_id: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'ISO 3166-1 alpha-2: its orders are those delivered (else invoiced) there',
    example: 'ES',
  })
  country: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  name: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'EUR' })
  currency: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'as seQura says: `sequra` or `svea`', example: 'sequra' })
  realm: string | null;
}

@ApiSchema({
  name: 'MerchantAccounts',
  description: 'The merchant accounts new orders are given, where they come from, and the account of other countries',
})
export class MerchantAccountsView {
  @ApiProperty({
    enum: ['discovered', 'override', 'none'],
    description:
      '`discovered`: as seQura last listed them for the API user (kept in the database); `override`: ' +
      '`SEQURA_MERCHANTS`; `none`: no list yet',
  })
  source: 'discovered' | 'override' | 'none';

  @ApiProperty({ enum: ['sequra', 'svea'], description: '`SEQURA_DEPLOYMENT`' })
  deployment: string;

  @ApiProperty({ enum: ['sandbox', 'live'], description: '`SEQURA_ENV`' })
  env: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when seQura gave the list' })
  discovered_at: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: '`SEQURA_MERCHANT_ID`: the account of countries no account takes; null: those orders are refused',
    example: 'shop-es',
  })
  fallback_merchant_id: string | null;

  @ApiProperty({ type: [MerchantAccountView], description: "in seQura's order: the first of a country takes it" })
  accounts: MerchantAccountView[];
}
