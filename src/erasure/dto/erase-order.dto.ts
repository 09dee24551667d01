import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

@ApiSchema({ name: 'EraseOrderRequest' })
export class EraseOrderDto {
  @ApiProperty({
    example: 'GDPR erasure request #1234 (email of 2026-11-20)',
    description: 'Why the data is erased; kept in the order history. Say why, not who: no personal data here.',
  })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(500)
  reason: string;
}
