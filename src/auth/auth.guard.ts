import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { AuthService } from './auth.service';
import { AuthUser, Role } from './roles';

/**
 * Global guard, deny by default: a route is reachable only if it is marked @Public() or @Auth(...).
 * The caller's role and department are re-read from the database, so a deactivated account or a
 * changed role takes effect at once, not when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) throw new ForbiddenError('ROUTE_NOT_CLASSIFIED', '该接口未声明访问权限');

    const req = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      if (typeof header === 'string' && header.trim()) throw new UnauthenticatedError('BEARER_REQUIRED', 'Authorization 头应为 “Bearer <令牌>”');
      throw new UnauthenticatedError();
    }
    const user = await this.auth.authenticate(match[1]);
    req.user = user;
    if (!roles.includes(user.role)) throw new ForbiddenError('ROLE_NOT_ALLOWED', '当前角色无权执行此操作');
    return true;
  }
}
