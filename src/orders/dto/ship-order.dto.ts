import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { MAX_QUANTITY } from '../../common/money.js';
import { TRACKING_TYPES, type TrackingType } from '../sequra-objects.js';

/** Units of one line in one request (a shipment, a return, a cancellation): the one quantity bound. */
export const MAX_UNITS = MAX_QUANTITY;

/** `{reference, quantity}`: units of one shippable line of the order. */
@ApiSchema({ name: 'ItemUnits' })
export class ItemUnitsDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(255) reference: string;
  @ApiProperty({ maximum: MAX_UNITS }) @IsInt() @Min(1) @Max(MAX_UNITS) quantity: number;
}

/** Kept for the OpenAPI name of the shipment's items. */
@ApiSchema({ name: 'ShipmentItem' })
export class ShipItemDto extends ItemUnitsDto {}

const typeOf = (tracking: TrackingDto): TrackingType => tracking.type ?? 'postal';
const isPostal = (tracking: TrackingDto) => typeOf(tracking) === 'postal';

const trackingOf = (args: ValidationArguments | undefined) => args!.object as TrackingDto;

/** A field that belongs to trackings of some types only: sent with another type → 400 naming it. */
function OnlyFor(types: readonly TrackingType[], options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'onlyForTrackingTypes',
      validator: {
        validate: (value, args) => value === undefined || types.includes(typeOf(trackingOf(args))),
        defaultMessage: (args) =>
          `${args!.property} is not a field of a ${typeOf(trackingOf(args))} tracking (only ${types.join(', ')})`,
      },
    },
    options,
  );
}

const PICKUP: readonly TrackingType[] = ['pickup_store', 'pickup_point'];

/**
 * A tracking in seQura's shape (order API reference §6). `type` defaults to `postal`, whose
 * `carrier` is required; pickup trackings name the store or point. `reference` is generated
 * (`T1`, `T2`, …) when not given.
 */
@ApiSchema({ name: 'ShipmentTracking' })
export class TrackingDto {
  @ApiPropertyOptional({ enum: TRACKING_TYPES, default: 'postal' })
  @IsOptional()
  @IsIn(TRACKING_TYPES)
  type?: TrackingType;

  @ApiPropertyOptional({ description: 'unique within the order; generated (T1, T2, …) when absent' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  reference?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) tracking_number?: string;

  @ApiPropertyOptional({ description: 'ISO 8601: when the delivery was handed over' })
  @IsOptional()
  @IsISO8601({ strict: true })
  delivered_at?: string;

  @ApiPropertyOptional({ description: 'postal only, and required there' })
  @ValidateIf((t: TrackingDto) => isPostal(t) || t.carrier !== undefined)
  @OnlyFor(['postal'])
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  carrier?: string;

  @ApiPropertyOptional({ description: 'postal only' })
  @IsOptional()
  @OnlyFor(['postal'])
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  tracking_url?: string;

  @ApiPropertyOptional() @IsOptional() @OnlyFor(PICKUP) @IsString() @MaxLength(255) operator_ref?: string;
  @ApiPropertyOptional() @IsOptional() @OnlyFor(PICKUP) @IsString() @MaxLength(255) store_ref?: string;

  @ApiPropertyOptional({ description: 'ISO 8601: when the parcel was available in the store or point' })
  @IsOptional()
  @OnlyFor(PICKUP)
  @IsISO8601({ strict: true })
  available_at?: string;

  @ApiPropertyOptional() @IsOptional() @OnlyFor(PICKUP) @IsString() @MaxLength(255) address_line_1?: string;
  @ApiPropertyOptional() @IsOptional() @OnlyFor(PICKUP) @IsString() @MaxLength(255) address_line_2?: string;
  @ApiPropertyOptional() @IsOptional() @OnlyFor(PICKUP) @IsString() @MaxLength(16) postal_code?: string;
  @ApiPropertyOptional() @IsOptional() @OnlyFor(PICKUP) @IsString() @MaxLength(255) city?: string;
  @ApiPropertyOptional() @IsOptional() @OnlyFor(PICKUP) @IsString() @MaxLength(255) state?: string;

  @ApiPropertyOptional({ description: 'ISO 3166, 2–3 characters' })
  @IsOptional()
  @OnlyFor(PICKUP)
  @IsString()
  @Length(2, 3)
  country_code?: string;
}

/** `POST /orders/:ref/shipments`: `{}` ships everything left; `items` ships part of it. */
@ApiSchema({ name: 'ShipmentRequest' })
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
