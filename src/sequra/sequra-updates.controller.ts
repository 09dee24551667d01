import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OutboxService, toOutboxView } from './outbox.service.js';

/** What the shop still owes seQura for an order, and what became of each call (back office). */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class SequraUpdatesController {
  constructor(private readonly outbox: OutboxService) {}

  @Get(':ref/sequra-updates')
  async list(@Param('ref') ref: string) {
    return { data: (await this.outbox.listForOrder(ref)).map(toOutboxView) };
  }
}
