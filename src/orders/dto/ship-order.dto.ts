import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

@ApiSchema({ name: 'ShipmentItem' })
export class ShipItemDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) reference: string;
  @ApiProperty() @IsInt() @Min(1) quantity: number;
}

@ApiSchema({ name: 'ShipmentTracking' })
export class TrackingDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) carrier?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) tracking_number: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_tld: false }) @MaxLength(2000) tracking_url?: string;
}

/** `POST /orders/:ref/shipments`: `{}` ships everything left; `items` ships part of it. */
@ApiSchema({ name: 'ShipmentRequest' })
export class ShipOrderDto {
  @ApiPropertyOptional({ type: [ShipItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ShipItemDto)
  items?: ShipItemDto[];

  @ApiPropertyOptional({ type: TrackingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TrackingDto)
  tracking?: TrackingDto;

  @ApiPropertyOptional({ description: 'ISO 8601; defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  shipped_at?: string;
}
