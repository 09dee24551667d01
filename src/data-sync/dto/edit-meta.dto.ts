import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ChangeSource } from '../customer-data-fields.js';
import { DEFAULT_SOURCE, SOURCES } from '../customer-data-fields.js';

/** What every edit carries besides the fields: who asked for it and why. */
export abstract class EditMetaDto {
  @ApiPropertyOptional({
    enum: SOURCES,
    default: DEFAULT_SOURCE,
    description: 'merchant edits of approved or shipped orders are sent to seQura',
  })
  @IsOptional()
  @IsIn(SOURCES)
  source?: ChangeSource;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}
