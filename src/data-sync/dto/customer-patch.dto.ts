import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { EditMetaDto } from './edit-meta.dto.js';
import { BirthDate, Email, LanguageCode, Phone, Text } from './field-rules.js';

/** `PATCH /orders/:ref/customer`: absent = untouched, `null` = clear (email cannot be cleared). */
@ApiSchema({ name: 'CustomerPatch' })
export class CustomerPatchDto extends EditMetaDto {
  @ApiPropertyOptional({ nullable: false, maxLength: 254 }) @Email() email?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 }) @Text(255) given_names?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 }) @Text(255) surnames?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Phone() phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @Phone() mobile_phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 32 }) @Text(32) nin?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1985-04-23' }) @BirthDate() date_of_birth?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 255 }) @Text(255) company?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 32 }) @Text(32) vat_number?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'es-ES' }) @LanguageCode() language_code?:
    string | null;
}
