import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@ApiSchema({ name: 'CancelOrderRequest' })
export class CancelOrderDto {
  @ApiPropertyOptional({ example: 'customer_cancel' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
