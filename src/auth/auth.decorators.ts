import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ApiErrors } from '../common/http/api-docs';
import { AuthUser, Role, ROLES } from './roles';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/**
 * A route anyone may call without an account. Every other route must carry @Auth(). Documented with
 * the public rate limit's 429 (PublicRateLimitGuard; health checks are not counted, hence
 * `rateLimited: false` there) and `security: []` (openapi-document.ts, from the route table).
 */
export const Public = (docs: { rateLimited?: boolean } = {}) => applyDecorators(SetMetadata(PUBLIC_KEY, true), ...(docs.rateLimited === false ? [] : [ApiErrors(429)]));

/** A staff route, open to the listed roles (all staff roles when none are listed). */
export const Auth = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles.length ? roles : [...ROLES]),
    ApiBearerAuth(),
    ApiErrors(401, [403, `角色无权访问（允许：${(roles.length ? roles : ROLES).join('、')}）`]),
  );

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
