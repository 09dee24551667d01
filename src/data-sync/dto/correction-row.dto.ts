import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';
import type { ChangeSource } from '../customer-data-fields.js';
import { DEFAULT_SOURCE, SOURCES } from '../customer-data-fields.js';

/**
 * One row of `POST /customer-data/corrections` (JSON array element, or CSV line with these
 * columns). Checked row by row by the service, so that one bad row is reported without refusing
 * the batch.
 */
@ApiSchema({ name: 'CorrectionRow' })
export class CorrectionRowDto {
  @ApiProperty({ example: 'QWER1234' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  order_ref_1: string;

  @ApiProperty({
    example: 'delivery_address.postal_code',
    description: 'section.field: customer.*, delivery_address.*, invoice_address.*',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  field: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null (JSON) or an empty cell (CSV) clears an optional field',
  })
  @ValidateBy({
    name: 'isStringOrNull',
    validator: {
      validate: (value) => value === null || typeof value === 'string',
      defaultMessage: () => 'value must be a string, or null to clear the field',
    },
  })
  value: string | null;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ enum: SOURCES, default: DEFAULT_SOURCE })
  @IsOptional()
  @IsIn(SOURCES)
  source?: ChangeSource;
}
