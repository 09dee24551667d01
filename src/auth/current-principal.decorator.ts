import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from './auth.decorators.js';

/** The caller identified by {@link ApiKeyGuard}; `X-Actor` (a person's name) is appended when sent. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal & { actor: string } => {
    const request = context
      .switchToHttp()
      .getRequest<{ principal: Principal; headers: Record<string, string | undefined> }>();
    const person = request.headers['x-actor']?.trim().slice(0, 100);
    const principal = request.principal;
    return { ...principal, actor: person ? `${principal.name} (${person})` : principal.name };
  },
);
