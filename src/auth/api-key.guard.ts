import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '../config/app-config.js';
import { timingSafeEqual } from 'node:crypto';
import { sha256 } from '../common/digest.js';
import { ForbiddenError, TooManyAuthFailuresError } from '../common/domain-errors.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';
import { IS_PUBLIC, Principal, REQUIRED_ROLE, Role } from './auth.decorators.js';

/** What a route's decorators say about its callers. */
interface RouteAuth {
  isPublic: boolean;
  required: Role | undefined;
}

/**
 * Deny by default: every route needs `Authorization: Bearer <key>` unless marked {@link Public}.
 * Keys are compared as SHA-256 digests with timingSafeEqual, and every key is checked, so neither
 * the length nor the position of a match leaks through timing. A missing or wrong key counts against
 * the client address ({@link AuthFailureLimiter}): past the limit it is answered 429, not 401.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: { name: string; role: Role; digest: Buffer }[];
  /** Each route's decorators (public, required role) by handler and controller, read once: fixed at start-up. */
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAuth>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly failures: AuthFailureLimiter,
    config: AppConfig,
  ) {
    this.keys = [
      ...config.adminApiKeys.map((k) => ({ name: k.name, role: 'admin' as const, digest: sha256(k.secret) })),
      ...config.apiKeys.map((k) => ({ name: k.name, role: 'service' as const, digest: sha256(k.secret) })),
    ];
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const { isPublic, required } = this.route(context);
    if (isPublic) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ ip: string; headers: Record<string, string | undefined>; principal?: Principal }>();
    const principal = this.identify(request.headers.authorization);
    if (!principal) return this.refuse(request.ip);
    if (required === 'admin' && principal.role !== 'admin') throw new ForbiddenError('This route needs an admin key');
    request.principal = principal;
    return true;
  }

  /** A failed check: 401, or 429 once the address is over the limit. */
  private async refuse(address: string): Promise<never> {
    const retryAfter = await this.failures.fail(address);
    if (retryAfter !== undefined) throw new TooManyAuthFailuresError(retryAfter);
    throw new UnauthorizedException('Missing or invalid API key: send Authorization: Bearer <key>');
  }

  /** The route's handler and class decide together (the handler's decorator wins), as Reflector.getAllAndOverride. */
  private route(context: ExecutionContext): RouteAuth {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byClass = this.routes.get(handler);
    let route = byClass?.get(controller);
    if (!route) {
      const targets = [handler, controller];
      route = {
        isPublic: Boolean(this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)),
        required: this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets),
      };
      if (!byClass) this.routes.set(handler, (byClass = new WeakMap()));
      byClass.set(controller, route);
    }
    return route;
  }

  private identify(header: string | undefined): Principal | undefined {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match) return undefined;
    // One digest of the presented key, compared with every key's (fixed length, so timing says nothing).
    const presented = sha256(match[1].trim());
    let found: Principal | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(presented, key.digest) && !found) found = { name: key.name, role: key.role };
    }
    return found;
  }
}
