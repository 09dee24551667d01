import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ItemUnitsDto } from './ship-order.dto.js';

/**
 * `POST /orders/:ref/cancel`: without `items`, the whole order; with `items`, those units not yet
 * shipped (out of stock) while the rest ships.
 */
@ApiSchema({ name: 'CancelOrderRequest' })
export class CancelOrderDto {
  @ApiPropertyOptional({ example: 'customer_cancel' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ type: [ItemUnitsDto], description: 'units not yet shipped to cancel' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ItemUnitsDto)
  items?: ItemUnitsDto[];
}
