import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLE = 'auth:role';

export type Role = 'service' | 'admin';

/** Opens a route to everyone: health, docs, and seQura's webhooks (authenticated by signature). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Back-office routes: admin keys only; a service key gets 403. */
export const AdminOnly = () => SetMetadata(REQUIRED_ROLE, 'admin' satisfies Role);

/** The caller as the guard identified it. */
export interface Principal {
  name: string;
  role: Role;
}
