import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** The id of an Order Update (an outbox row): a positive integer. */
export class OrderUpdateIdParam {
  @ApiProperty({ example: '42' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'id must be the number of an Order Update' })
  id: string;
}
