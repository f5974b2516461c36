import { CanActivate, ExecutionContext, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { PUBLIC_KEY } from '../../auth/auth.decorators';
import type { RuntimeConfig } from '../../config/runtime-config';
import { DomainError } from '../errors';
import { RateLimiter } from './rate-limit';

/**
 * Routes without an account (the public API, the portal, login) are limited per client address
 * (PUBLIC_RATE_LIMIT_PER_MINUTE; 0 turns it off). Health checks are not counted. Per instance:
 * behind several instances, the proxy should limit too.
 */
@Injectable()
export class PublicRateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly limiter: RateLimiter | null;
  private readonly sweeper: NodeJS.Timeout | null;

  constructor(
    private readonly reflector: Reflector,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    const perMinute = config.get('PUBLIC_RATE_LIMIT_PER_MINUTE', { infer: true });
    this.limiter = perMinute > 0 ? new RateLimiter(perMinute) : null;
    this.sweeper = this.limiter ? setInterval(() => this.limiter!.sweep(Date.now()), 60_000).unref() : null;
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  canActivate(context: ExecutionContext): boolean {
    if (!this.limiter || context.getType() !== 'http') return true;
    if (!this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (req.path.startsWith('/health')) return true;
    const wait = this.limiter.take(req.ip ?? 'unknown', Date.now());
    if (wait === 0) return true;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.ceil(wait / 1000)));
    throw new DomainError('too_many_requests', 'RATE_LIMITED', `请求过于频繁，请${Math.ceil(wait / 1000)}秒后再试`);
  }
}
