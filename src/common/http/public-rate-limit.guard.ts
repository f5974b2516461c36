import { CanActivate, ExecutionContext, Injectable, OnModuleDestroy, SetMetadata } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { PUBLIC_KEY } from '../../auth/auth.decorators';
import type { RuntimeConfig } from '../../config/runtime-config';
import { DomainError } from '../errors';
import { RateLimiter } from './rate-limit';

const LOGIN_BUCKET_KEY = 'rate-limit:login';

/** The route counts in the login bucket (LOGIN_RATE_LIMIT_PER_MINUTE), not the public one. */
export const LoginRateLimit = () => SetMetadata(LOGIN_BUCKET_KEY, true);

/**
 * Routes without an account (the public API, the portal) are limited per client address
 * (PUBLIC_RATE_LIMIT_PER_MINUTE; 0 turns it off). The login has its own bucket
 * (LOGIN_RATE_LIMIT_PER_MINUTE): public load from a bureau's shared address must not keep its
 * staff from logging in. Health checks are not counted. Per instance: behind several instances,
 * the proxy should limit too.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly limiter: RateLimiter | null;
  private readonly loginLimiter: RateLimiter | null;
  private readonly sweeper: NodeJS.Timeout | null;

  constructor(
    private readonly reflector: Reflector,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    const perMinute = config.get('PUBLIC_RATE_LIMIT_PER_MINUTE', { infer: true });
    const loginPerMinute = config.get('LOGIN_RATE_LIMIT_PER_MINUTE', { infer: true });
    this.limiter = perMinute > 0 ? new RateLimiter(perMinute) : null;
    this.loginLimiter = loginPerMinute > 0 ? new RateLimiter(loginPerMinute) : null;
    const sweep = () => [this.limiter, this.loginLimiter].forEach((l) => l?.sweep(Date.now()));
    this.sweeper = this.limiter || this.loginLimiter ? setInterval(sweep, 60_000).unref() : null;
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (!this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const limiter = this.reflector.getAllAndOverride<boolean>(LOGIN_BUCKET_KEY, targets) ? this.loginLimiter : this.limiter;
    if (!limiter) return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (req.path.startsWith('/health')) return true;
    const wait = limiter.take(req.ip ?? 'unknown', Date.now());
    if (wait === 0) return true;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.ceil(wait / 1000)));
    throw new DomainError('too_many_requests', 'RATE_LIMITED', `请求过于频繁，请${Math.ceil(wait / 1000)}秒后再试`);
  }
}
