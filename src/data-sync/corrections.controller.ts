import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ValidationFailedError } from '../common/domain-errors.js';
import { parseCorrectionsCsv } from './corrections-csv.js';
import { CorrectionsService, MAX_BATCH_ROWS } from './corrections.service.js';
import { CorrectionRowDto } from './dto/correction-row.dto.js';
import { editContext } from './request-context.js';

@ApiTags('data sync')
@ApiBearerAuth()
@AdminOnly()
@Controller('customer-data')
export class CorrectionsController {
  constructor(private readonly correctionsService: CorrectionsService) {}

  /**
   * A list of corrections, as a JSON array or a CSV upload (`Content-Type: text/csv`, header row
   * `order_ref_1,field,value,note`). Rows are checked one by one and applied all-or-nothing per
   * order; the answer has one result per row, in input order.
   */
  @Post('corrections')
  @HttpCode(200)
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: [CorrectionRowDto], description: `at most ${MAX_BATCH_ROWS} rows` })
  async corrections(@Body() body: unknown, @CurrentPrincipal() caller: { actor: string }, @Req() req: FastifyRequest) {
    const rows = typeof body === 'string' ? parseCorrectionsCsv(body) : body;
    if (!Array.isArray(rows)) {
      const message = 'send a JSON array of {order_ref_1, field, value, note} or a text/csv upload';
      throw new ValidationFailedError([{ field: 'body', messages: [message] }]);
    }
    const results = await this.correctionsService.applyCorrections(rows, editContext(caller.actor, req));
    const count = (status: string) => results.filter((r) => r.status === status).length;
    return {
      summary: {
        rows: results.length,
        applied: count('applied'),
        unchanged: count('unchanged'),
        failed: count('error'),
        not_applied: count('not_applied'),
      },
      results,
    };
  }
}
