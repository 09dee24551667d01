import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AdminOnly } from '../auth/auth.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { ApiBodyContent, ApiErrors } from '../common/api-docs.js';
import { ValidationFailedError } from '../common/domain-errors.js';
import { ApiActorHeader } from '../orders/order-api-docs.js';
import { parseCorrectionsCsv } from './corrections-csv.js';
import { CorrectionsService, MAX_BATCH_ROWS } from './corrections.service.js';
import { CorrectionRowDto } from './dto/correction-row.dto.js';
import { CorrectionsResultView } from './dto/customer-data-view.dto.js';
import { editContext } from './request-context.js';

@ApiTags('data sync')
@AdminOnly()
@ApiExtraModels(CorrectionRowDto)
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
  @ApiActorHeader()
  @ApiOperation({
    operationId: 'applyCorrections',
    summary: 'Apply a batch of customer-data corrections',
    description:
      'Rows are checked one by one and applied all-or-nothing per order; the answer has one result per row, in ' +
      'input order. A CSV has the header row `order_ref_1,field,value[,note][,source]`; an empty `value` cell ' +
      'clears the field.',
  })
  @ApiBodyContent(
    {
      'application/json': {
        schema: { type: 'array', maxItems: MAX_BATCH_ROWS, items: { $ref: getSchemaPath(CorrectionRowDto) } },
        example: [
          { order_ref_1: 'QWER1234', field: 'delivery_address.postal_code', value: '28013', note: 'per seQura' },
        ],
      },
      'text/csv': {
        schema: { type: 'string' },
        example: 'order_ref_1,field,value,note\nQWER1234,customer.email,ana.garcia@example.com,per seQura\n',
      },
    },
    `at most ${MAX_BATCH_ROWS} rows`,
  )
  @ApiOkResponse({ type: CorrectionsResultView, description: 'One result per row' })
  @ApiErrors({
    400: {
      description: 'Not a JSON array or a readable CSV, or no rows',
      message: 'Validation failed: rows',
      extra: { errors: [{ field: 'rows', messages: ['the batch has no rows'] }] },
    },
    413: {
      description: `More than ${MAX_BATCH_ROWS} rows (or a body over 1 MiB)`,
      message: `A corrections batch may hold at most ${MAX_BATCH_ROWS} rows; this one has 1500. Split it.`,
      extra: { rows: 1500, max_rows: MAX_BATCH_ROWS },
    },
  })
  async corrections(
    @Body() body: unknown,
    @CurrentPrincipal() caller: { actor: string },
    @Req() req: FastifyRequest,
  ): Promise<CorrectionsResultView> {
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
