import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_AMOUNT_CENTS, MAX_QUANTITY } from '../../common/money.js';
import { IsPhone } from '../../common/phone.validator.js';
import { isShippableItem } from '../order-cart.js';
import type { ItemType } from '../sequra-objects.js';

export const ITEM_TYPES: ItemType[] = [
  'product',
  'service',
  'handling',
  'discount',
  'invoice_fee',
  'other_payment',
  'registration',
];
/** Lines whose amounts are negative by nature. */
const NEGATIVE_TYPES: ItemType[] = ['discount', 'other_payment'];

const isShippable = (item: CartItemDto) => isShippableItem(item);

@ApiSchema({ name: 'CartItem', description: 'A cart line in seQura’s shape; amounts in cents' })
export class CartItemDto {
  @ApiProperty({ enum: ITEM_TYPES })
  @IsIn(ITEM_TYPES)
  type: ItemType;

  @ApiPropertyOptional()
  @ValidateIf((i: CartItemDto) => isShippable(i) || i.reference !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  reference?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;

  @ApiPropertyOptional({ description: 'cents', maximum: MAX_AMOUNT_CENTS })
  @ValidateIf((i: CartItemDto) => isShippable(i) || i.price_with_tax !== undefined)
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  price_with_tax?: number;

  @ApiPropertyOptional({ maximum: MAX_QUANTITY })
  @ValidateIf((i: CartItemDto) => isShippable(i) || i.quantity !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity?: number;

  @ApiProperty({
    description: 'cents; negative only for discount and other_payment lines',
    minimum: -MAX_AMOUNT_CENTS,
    maximum: MAX_AMOUNT_CENTS,
  })
  @IsInt()
  @Min(-MAX_AMOUNT_CENTS)
  @Max(MAX_AMOUNT_CENTS)
  @ValidateBy({
    name: 'signMatchesType',
    validator: {
      validate: (value, args) =>
        typeof value !== 'number' || value >= 0 || NEGATIVE_TYPES.includes((args?.object as CartItemDto).type),
      defaultMessage: () => 'total_with_tax must not be negative (only discount and other_payment lines are)',
    },
  })
  total_with_tax: number;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() downloadable?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() perishable?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() personalized?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() restockable?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() rendered?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) category?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) manufacturer?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) supplier?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) product_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) tracking_reference?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) ends_in?: string;
}

@ApiSchema({ name: 'Cart' })
export class CartDto {
  @ApiProperty({ example: 'EUR' })
  @IsISO4217CurrencyCode()
  currency: string;

  @ApiProperty({ description: 'cents', maximum: MAX_AMOUNT_CENTS })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  order_total_with_tax: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  gift?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  cart_ref?: string;

  @ApiProperty({ type: [CartItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CartItemDto)
  items: CartItemDto[];
}

@ApiSchema({ name: 'DeliveryMethod' })
export class DeliveryMethodDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) days?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) provider?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() home_delivery?: boolean;
}

/** One of the shopper's earlier orders (seQura's `PreviousOrder`): `created_at`, `amount` and `currency` required. */
@ApiSchema({ name: 'PreviousOrder' })
export class PreviousOrderDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) created_at: string;
  @ApiProperty({ description: 'cents', maximum: MAX_AMOUNT_CENTS })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  amount: number;
  @ApiProperty({ example: 'EUR' }) @IsISO4217CurrencyCode() currency: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) raw_status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) payment_method_raw?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) payment_method?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(16) postal_code?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO31661Alpha2() country_code?: string;
}

@ApiSchema({ name: 'Customer' })
export class CustomerDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) given_names?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) surnames?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) title?: string;
  @ApiProperty() @IsEmail() @MaxLength(254) email: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() logged_in?: boolean;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, { message: 'language_code must look like "es" or "es-ES"' })
  language_code?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) ip_number?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) user_agent?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) ref?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_of_birth must be YYYY-MM-DD' })
  date_of_birth?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) nin?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) company?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) vat_number?: string;
  @ApiPropertyOptional() @IsOptional() @IsPhone() phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsPhone() mobile_phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) created_at?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) updated_at?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptional() @IsNumber() @Min(0) @Max(100) rating?: number;
  @ApiPropertyOptional({ type: () => [PreviousOrderDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PreviousOrderDto)
  previous_orders?: PreviousOrderDto[];
}

@ApiSchema({ name: 'Address' })
export class AddressDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) given_names?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) surnames?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) company?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) address_line_1: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) address_line_2?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(16) postal_code: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) city: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) state?: string;
  @ApiProperty({ example: 'ES' }) @IsISO31661Alpha2() country_code: string;
  @ApiPropertyOptional() @IsOptional() @IsPhone() phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsPhone() mobile_phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) vat_number?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) extra?: string;
}

@ApiSchema({ name: 'MerchantReference' })
export class MerchantReferenceDto {
  @ApiProperty({ example: 'QWER1234' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @Matches(/^[^\s]/, { message: 'order_ref_1 must not start with a space' })
  order_ref_1: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  order_ref_2?: string;
}
