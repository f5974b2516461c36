import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthUser, Role, ROLES } from './roles';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** A route anyone may call without an account. Every other route must carry @Auth(). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** A staff route, open to the listed roles (all staff roles when none are listed). */
export const Auth = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles.length ? roles : [...ROLES]),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: '未登录或令牌无效' }),
    ApiForbiddenResponse({ description: `角色无权访问（允许：${(roles.length ? roles : ROLES).join('、')}）` }),
  );

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
