import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_QUANTITY } from '../../common/money.js';

export class ShipItemDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) reference: string;
  @ApiProperty({ maximum: MAX_QUANTITY }) @IsInt() @Min(1) @Max(MAX_QUANTITY) quantity: number;
}

export class TrackingDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) carrier?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) tracking_number: string;
  @ApiPropertyOptional() @IsOptional() @IsUrl({ require_tld: false }) @MaxLength(2000) tracking_url?: string;
}

/** `POST /orders/:ref/shipments`: `{}` ships everything left; `items` ships part of it. */
export class ShipOrderDto {
  @ApiPropertyOptional({ type: [ShipItemDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
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
