import { Global, Module } from '@nestjs/common';
import { AuthFailureLimiter } from './auth-failure-limiter.js';

/** The failed-authentication limit, shared by the API-key guard and every route that checks its own secret. */
@Global()
@Module({ providers: [AuthFailureLimiter], exports: [AuthFailureLimiter] })
export class AuthModule {}
