import { ConflictError, DomainError, ForbiddenError, UnauthenticatedError } from '../../common/errors';
import type { Refusal } from './session-rules';

/** Shown to the console user, who can only log in again (or, for a race, retry). */
export const SESSION_MISSING = () => new UnauthenticatedError('SESSION_MISSING', '未登录或登录已过期，请重新登录');
export const SESSION_EXPIRED = () => new UnauthenticatedError('SESSION_EXPIRED', '登录已过期，请重新登录');
export const SESSION_REVOKED = () => new UnauthenticatedError('SESSION_REVOKED', '登录已失效（已退出，或密码、角色、账号状态已变更），请重新登录');
export const SESSION_REUSED = () => new UnauthenticatedError('SESSION_REUSED', '登录凭据被重复使用，为安全起见该会话已退出，请重新登录');
export const SESSION_REFRESH_RACE = () => new ConflictError('SESSION_REFRESH_RACE', '会话刚在其他窗口续期，请重试');
export const SESSION_HEADER_REQUIRED = (header: string, value: string) =>
  new ForbiddenError('SESSION_HEADER_REQUIRED', `会话请求须带请求头 ${header}: ${value}`);
export const SESSION_CROSS_ORIGIN = () => new ForbiddenError('SESSION_CROSS_ORIGIN', '不接受来自其他站点的会话请求');

/** The answer to each refusal of a refresh. */
export function refusalError(refusal: Refusal | 'unknown'): DomainError {
  switch (refusal) {
    case 'race':
      return SESSION_REFRESH_RACE();
    case 'reused':
      return SESSION_REUSED();
    case 'revoked':
    case 'account':
      return SESSION_REVOKED();
    default:
      return SESSION_EXPIRED();
  }
}
