import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AddressDto, CartDto, CustomerDto, DeliveryMethodDto, MerchantReferenceDto } from './sequra-objects.dto.js';

/** `POST /orders`: the same objects the shop sends seQura, in seQura's shapes. */
@ApiSchema({ name: 'RegisterOrderRequest' })
export class RegisterOrderDto {
  @ApiProperty({ type: MerchantReferenceDto })
  @IsDefined()
  // An array would pass @ValidateNested (each of no element is valid) and reach the service.
  @IsObject()
  @ValidateNested()
  @Type(() => MerchantReferenceDto)
  merchant_reference: MerchantReferenceDto;

  @ApiPropertyOptional({ description: "seQura's order uuid, when already known" })
  @IsOptional()
  @IsUUID()
  sequra_order_ref?: string;

  @ApiPropertyOptional({
    description:
      "The seQura merchant account to use (one of the shop's); default: the account of the delivery country, " +
      'then of the invoice country, else SEQURA_MERCHANT_ID',
    example: 'shop-es',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  sequra_merchant_id?: string;

  @ApiProperty({ type: CartDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CartDto)
  cart: CartDto;

  /** Required, as seQura requires it at solicitation: the IPN acknowledgement sends it back. */
  @ApiProperty({ type: DeliveryMethodDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DeliveryMethodDto)
  delivery_method: DeliveryMethodDto;

  @ApiProperty({ type: CustomerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerDto)
  customer: CustomerDto;

  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  delivery_address: AddressDto;

  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  invoice_address: AddressDto;
}
