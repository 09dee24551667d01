import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { ErrorResponse } from '../common/api-docs.js';

/** @nestjs/terminus's result, for the OpenAPI document (never instantiated). */

const INDICATORS_SCHEMA = {
  type: 'object' as const,
  description: 'per check (`database`): `{status: up | down, responseTime?: ms, message?}`',
  additionalProperties: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['up', 'down'] },
      responseTime: { type: 'number', description: 'milliseconds' },
      message: { type: 'string' },
    },
    required: ['status'],
  },
};

@ApiSchema({ name: 'Health' })
export class HealthView {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiProperty({ ...INDICATORS_SCHEMA, example: { database: { status: 'up' } } })
  info: Record<string, unknown>;

  @ApiProperty({ ...INDICATORS_SCHEMA, example: {} })
  error: Record<string, unknown>;

  @ApiProperty({ ...INDICATORS_SCHEMA, example: { database: { status: 'up' } } })
  details: Record<string, unknown>;
}

@ApiSchema({ name: 'HealthError', description: 'The database does not answer: the error body plus the checks' })
export class HealthErrorView extends ErrorResponse {
  @ApiProperty({ enum: ['error'] })
  status: 'error';

  @ApiProperty({ ...INDICATORS_SCHEMA, example: {} })
  info: Record<string, unknown>;

  @ApiProperty({
    ...INDICATORS_SCHEMA,
    example: { database: { status: 'down', message: 'timeout of 2000ms exceeded' } },
  })
  details: Record<string, unknown>;
}
