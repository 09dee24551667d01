import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { EditMetaDto } from './edit-meta.dto.js';
import { CountryCode, Phone, PostalCode, Text } from './field-rules.js';

/**
 * `PATCH /orders/:ref/delivery-address` and `/invoice-address`: absent = untouched, `null` = clear.
 * address_line_1, postal_code, city and country_code cannot be cleared; the postal code is checked
 * against the country of the resulting address (ES, PT, FR, IT).
 */
@ApiSchema({ name: 'AddressPatch' })
export class AddressPatchDto extends EditMetaDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 }) @Text(255) given_names?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 }) @Text(255) surnames?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 }) @Text(255) company?: string | null;
  @ApiPropertyOptional({ maxLength: 255 }) @Text(255) address_line_1?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 }) @Text(255) address_line_2?: string | null;
  @ApiPropertyOptional({ example: '28013' }) @PostalCode() postal_code?: string;
  @ApiPropertyOptional({ maxLength: 255 }) @Text(255) city?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 }) @Text(255) state?: string | null;
  @ApiPropertyOptional({ example: 'ES' }) @CountryCode() country_code?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @Phone() phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Phone() mobile_phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 32 }) @Text(32) vat_number?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 }) @Text(255) extra?: string | null;
}
