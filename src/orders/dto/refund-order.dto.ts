import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_AMOUNT_CENTS } from '../../common/money.js';
import { ItemUnitsDto } from './ship-order.dto.js';

/** The largest amount one refund may carry, in cents: the one amount bound (src/common/money.ts). */
export const MAX_REFUND_CENTS = MAX_AMOUNT_CENTS;

/**
 * `POST /orders/:ref/refunds`: units the shopper sent back (`items`), money given back (`amount`,
 * cents), or both.
 */
@ApiSchema({ name: 'RefundOrderRequest' })
export class RefundOrderDto {
  @ApiPropertyOptional({ type: [ItemUnitsDto], description: 'units returned; at least one of items and amount' })
  @ValidateIf((dto: RefundOrderDto) => dto.items !== undefined || dto.amount === undefined)
  @IsArray({ message: 'send items (units returned), amount (cents refunded) or both' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ItemUnitsDto)
  items?: ItemUnitsDto[];

  @ApiPropertyOptional({ description: 'cents refunded as money', minimum: 1, maximum: MAX_REFUND_CENTS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_REFUND_CENTS)
  amount?: number;

  @ApiPropertyOptional({ example: 'damaged' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
