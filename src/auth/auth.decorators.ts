import { applyDecorators, SetMetadata } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs.js';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLE = 'auth:role';

export type Role = 'service' | 'admin';

/**
 * Opens a route to everyone: health, docs, and seQura's webhooks (authenticated by signature). In the
 * OpenAPI document the route's operations say `security: []` (the document requires a key everywhere
 * else, as the guard does).
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), SetMetadata(DECORATORS.API_SECURITY, []));

/** Back-office routes: admin keys only; a service key gets 403 (documented on every operation). */
export const AdminOnly = () =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLE, 'admin' satisfies Role),
    ApiErrors({
      403: {
        description: 'The key is a service key: this route needs an admin key',
        message: 'This route needs an admin key',
      },
    }),
  );

/** The caller as the guard identified it. */
export interface Principal {
  name: string;
  role: Role;
}
