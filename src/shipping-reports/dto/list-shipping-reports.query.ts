import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ShippingReportStatus, ShippingReportTrigger } from '../shipping-report.entity.js';

const STATUSES: ShippingReportStatus[] = ['pending', 'sent', 'failed'];
const TRIGGERS: ShippingReportTrigger[] = ['schedule', 'manual'];

export class ListShippingReportsQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ShippingReportStatus;

  @ApiPropertyOptional({ enum: TRIGGERS })
  @IsOptional()
  @IsIn(TRIGGERS)
  trigger?: ShippingReportTrigger;

  @ApiPropertyOptional({ description: 'runs of this seQura merchant account only' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  sequra_merchant_id?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cursor?: string;
}

export class PreviewShippingReportQuery {
  @ApiPropertyOptional({
    description: 'the account whose report to preview; default the first with orders to report, else the first',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  sequra_merchant_id?: string;
}
