import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { OrderView } from '../../orders/dto/order-view.dto.js';

@ApiSchema({ name: 'ErasureCounts', description: 'What the erasure rewrote besides the order' })
export class ErasureCountsView {
  @ApiProperty({ description: 'true when the order was erased before: nothing changed', example: false })
  already_erased: boolean;

  @ApiProperty({ description: 'audit rows whose before/after values were blanked', example: 2 })
  customer_data_changes: number;

  @ApiProperty({
    type: [String],
    description: 'the report runs whose stored bodies were rewritten without the data',
    example: ['0b8e6a52-3c1e-4b5f-9a57-6f1d2c3b4a59'],
  })
  shipping_reports: string[];
}

@ApiSchema({ name: 'Erasure' })
export class ErasureView {
  @ApiProperty({ type: OrderView, description: 'the order after the erasure' })
  order: OrderView;

  @ApiProperty({ type: ErasureCountsView })
  erasure: ErasureCountsView;
}
