import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsIP,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { GUI_LAYOUTS, type GuiLayout } from '../../orders/order-checkout.js';

const HTTP_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The shopper's device, which seQura requires at solicitation (and keeps with its order). */
export class CheckoutCustomerDto {
  @ApiProperty({ example: '203.0.113.7', description: "The shopper's IP address, as the shop saw it" })
  @IsIP()
  ip_number: string;

  @ApiProperty({ example: 'Mozilla/5.0 (X11; Linux x86_64) …', description: "The shopper's browser" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  user_agent: string;
}

export class CheckoutGuiDto {
  @ApiProperty({ enum: GUI_LAYOUTS, description: 'The device the identification form is shown on' })
  @IsIn(GUI_LAYOUTS)
  layout: GuiLayout;
}

/** `POST /orders/:ref/checkout`: what seQura needs beyond the registered order. */
export class StartCheckoutDto {
  @ApiProperty({ type: CheckoutCustomerDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CheckoutCustomerDto)
  customer: CheckoutCustomerDto;

  @ApiPropertyOptional({ type: CheckoutGuiDto, description: 'Default `{"layout": "desktop"}`' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CheckoutGuiDto)
  gui?: CheckoutGuiDto;

  @ApiPropertyOptional({
    description: 'Where the shopper lands once seQura approved; default CHECKOUT_RETURN_URL (required if unset)',
  })
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(2000)
  return_url?: string;

  @ApiPropertyOptional({
    description:
      'Where the shopper goes to pick another payment method; default CHECKOUT_ABORT_URL (required if unset)',
  })
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(2000)
  abort_url?: string;
}
