import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { AddressDto, CartDto, CustomerDto, DeliveryMethodDto, MerchantReferenceDto } from './sequra-objects.dto.js';

/** `POST /orders`: the same objects the shop sends seQura, in seQura's shapes. */
@ApiSchema({ name: 'RegisterOrderRequest' })
export class RegisterOrderDto {
  @ApiProperty({ type: MerchantReferenceDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => MerchantReferenceDto)
  merchant_reference: MerchantReferenceDto;

  @ApiPropertyOptional({ description: "seQura's order uuid, when already known" })
  @IsOptional()
  @IsUUID()
  sequra_order_ref?: string;

  @ApiProperty({ type: CartDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CartDto)
  cart: CartDto;

  /** Required, as seQura requires it at solicitation: the IPN acknowledgement sends it back. */
  @ApiProperty({ type: DeliveryMethodDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DeliveryMethodDto)
  delivery_method: DeliveryMethodDto;

  @ApiProperty({ type: CustomerDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CustomerDto)
  customer: CustomerDto;

  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AddressDto)
  delivery_address: AddressDto;

  @ApiProperty({ type: AddressDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AddressDto)
  invoice_address: AddressDto;
}
