import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '../config/app-config.js';
import { matchesDigest, sha256 } from '../common/digest.js';
import { ForbiddenError, TooManyAuthFailuresError } from '../common/domain-errors.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';
import { IS_PUBLIC, Principal, REQUIRED_ROLE, Role } from './auth.decorators.js';

/**
 * Deny by default: every route needs `Authorization: Bearer <key>` unless marked {@link Public}.
 * Keys are compared as SHA-256 digests with timingSafeEqual, and every key is checked, so neither
 * the length nor the position of a match leaks through timing. A missing or wrong key counts against
 * the client address ({@link AuthFailureLimiter}): past the limit it is answered 429, not 401.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: { name: string; role: Role; digest: Buffer }[];

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
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context
      .switchToHttp()
      .getRequest<{ ip: string; headers: Record<string, string | undefined>; principal?: Principal }>();
    const principal = this.identify(request.headers.authorization);
    if (!principal) return this.refuse(request.ip);
    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
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

  private identify(header: string | undefined): Principal | undefined {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match) return undefined;
    const presented = match[1].trim();
    let found: Principal | undefined;
    for (const key of this.keys) {
      if (matchesDigest(presented, key.digest) && !found) found = { name: key.name, role: key.role };
    }
    return found;
  }
}
