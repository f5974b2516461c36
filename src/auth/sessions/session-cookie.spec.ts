import { readRefreshCookie, refreshCookieOptions } from './session-cookie';

describe('refresh cookie', () => {
  it('is httpOnly, SameSite=Strict, scoped to /auth, Secure only in production, and a browser-session cookie', () => {
    expect(refreshCookieOptions({ NODE_ENV: 'production' })).toEqual({ httpOnly: true, sameSite: 'strict', secure: true, path: '/auth' });
    expect(refreshCookieOptions({ NODE_ENV: 'development' }).secure).toBe(false);
    expect(refreshCookieOptions({ NODE_ENV: 'test' }).secure).toBe(false);
  });

  it('is read from the Cookie header among others; a malformed value counts as none', () => {
    const token = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ_-01234';
    expect(readRefreshCookie(`theme=dark; ssgk_refresh=${token}; other=1`)).toBe(token);
    expect(readRefreshCookie(`ssgk_refresh=${token}`)).toBe(token);
    expect(readRefreshCookie(undefined)).toBeUndefined();
    expect(readRefreshCookie('xssgk_refresh=' + token)).toBeUndefined();
    expect(readRefreshCookie('ssgk_refresh=short')).toBeUndefined();
    expect(readRefreshCookie(`ssgk_refresh=${token}%00`)).toBeUndefined();
    expect(readRefreshCookie('ssgk_refresh')).toBeUndefined();
  });
});
