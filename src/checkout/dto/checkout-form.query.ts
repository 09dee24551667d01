import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';

/** `GET /orders/:ref/checkout/form`: seQura's `form_v2` parameters, passed on when set. */
export class CheckoutFormQuery {
  @ApiPropertyOptional({
    example: 'i1',
    description: "The product chosen from the payment methods (seQura's default: i1)",
  })
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,16}$/, { message: 'product must be a seQura product code such as i1 or pp3' })
  product?: string;

  @ApiPropertyOptional({ example: 'temporary', description: "The method's campaign, when it has one" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'campaign must be a seQura campaign name' })
  campaign?: string;

  @ApiPropertyOptional({ description: 'true when the shop inserts the form through AJAX' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  ajax?: boolean;
}
