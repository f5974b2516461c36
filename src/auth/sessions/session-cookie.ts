import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CookieOptions, Request, Response } from 'express';
import type { RuntimeConfig } from '../../config/runtime-config';
import { SESSION_CROSS_ORIGIN, SESSION_HEADER_REQUIRED } from './sessions.errors';

/** The refresh cookie: httpOnly, SameSite=Strict, sent only to the auth routes (ADR 0014). */
export const REFRESH_COOKIE = 'ssgk_refresh';
export const REFRESH_COOKIE_PATH = '/auth';
/** The header /auth/refresh and /auth/logout require: a cross-site form cannot send it. */
export const SESSION_HEADER = 'X-Requested-With';
export const SESSION_HEADER_VALUE = 'ssgk-console';

/**
 * A session cookie (no Expires): closing the browser on a shared office computer ends it; the
 * server enforces the idle timeout and the absolute lifetime anyway.
 */
export function refreshCookieOptions(config: Pick<RuntimeConfig, 'NODE_ENV'>): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: config.NODE_ENV === 'production', path: REFRESH_COOKIE_PATH };
}

export function setRefreshCookie(res: Response, token: string, config: Pick<RuntimeConfig, 'NODE_ENV'>): void {
  res.cookie(REFRESH_COOKIE, token, refreshCookieOptions(config));
}

export function clearRefreshCookie(res: Response, config: Pick<RuntimeConfig, 'NODE_ENV'>): void {
  res.clearCookie(REFRESH_COOKIE, refreshCookieOptions(config));
}

/**
 * The refresh cookie's value from a Cookie header, or undefined. Parsed here, in the two routes
 * that read it, rather than by a cookie parser in front of every route.
 */
export function readRefreshCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== REFRESH_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    // Our tokens are base64url: anything else is not one of ours.
    return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/** The refresh cookie of the request (undefined when absent or malformed). */
export const RefreshCookie = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined =>
  readRefreshCookie(ctx.switchToHttp().getRequest<Request>().headers.cookie),
);

/**
 * CSRF defence of the cookie routes, beyond SameSite=Strict: the custom header (which only a
 * same-origin script can send: cross-origin, it needs a CORS preflight that is never granted here)
 * and, when the browser sends one, an Origin of this site (PUBLIC_BASE_URL or the request's host).
 */
@Injectable()
export class SessionRequestGuard implements CanActivate {
  private readonly baseUrl: string;

  constructor(config: ConfigService<RuntimeConfig, true>) {
    this.baseUrl = config.get('PUBLIC_BASE_URL', { infer: true });
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.get(SESSION_HEADER)?.toLowerCase() !== SESSION_HEADER_VALUE) throw SESSION_HEADER_REQUIRED(SESSION_HEADER, SESSION_HEADER_VALUE);
    const origin = req.headers.origin;
    if (origin !== undefined && !this.sameSite(origin, req)) throw SESSION_CROSS_ORIGIN();
    return true;
  }

  private sameSite(origin: string, req: Request): boolean {
    if (origin === this.baseUrl) return true;
    try {
      // 'null' (sandboxed frames, file:) and garbage do not parse as an origin of ours.
      return new URL(origin).host === req.host;
    } catch {
      return false;
    }
  }
}
