import { createHash } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'supertest';
import { bootApp, dataSourceOf, http, TEST_ADMIN_PASSWORD } from './support/app';
import { bearer, makeAccount, makeDepartment, PASSWORD, TestAccount } from './support/fixtures';

/** The Clock's instant: rows' times must come from it (created_at is compared below). */
const NOW = '2026-12-20T02:00:00.000Z';
const HEADER = { 'X-Requested-With': 'ssgk-console' };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Tokens of the session (family) a cookie belongs to that are not revoked. */
const OPEN_IN_FAMILY = 'SELECT count(*)::int AS open FROM refresh_tokens WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)';

/** The ssgk_refresh Set-Cookie line of an answer. */
function setCookie(res: Response): string {
  const lines = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const line = lines.find((l) => l.startsWith('ssgk_refresh='));
  if (!line) throw new Error(`no ssgk_refresh cookie set (status ${res.status})`);
  return line;
}
const cookieValue = (res: Response) => setCookie(res).split(';')[0].slice('ssgk_refresh='.length);

describe('sessions: refresh cookie, rotation, revocation', () => {
  let app: NestExpressApplication;
  let departmentId: string;
  let admin: { token: string };

  const refresh = (cookie: string) => http(app).post('/auth/refresh').set(HEADER).set('Cookie', `ssgk_refresh=${cookie}`);
  const logout = (cookie: string) => http(app).post('/auth/logout').set(HEADER).set('Cookie', `ssgk_refresh=${cookie}`);
  async function login(account: TestAccount, password = PASSWORD): Promise<{ access: string; cookie: string; res: Response }> {
    const res = await http(app).post('/auth/login').send({ username: account.username, password }).expect(200);
    return { access: res.body.accessToken as string, cookie: cookieValue(res), res };
  }
  const age = (cookie: string, column: 'last_used_at' | 'used_at' | 'expires_at', minutes: number) =>
    dataSourceOf(app).query(`UPDATE refresh_tokens SET ${column} = ${column} - make_interval(mins => $2) WHERE token_hash = $1`, [sha256(cookie), minutes]);

  beforeAll(async () => {
    // A short idle timeout, to show the setting is the one applied.
    app = await bootApp({ SESSION_IDLE_MINUTES: '5', SESSION_MAX_HOURS: '8' }, { clockFixedAt: NOW });
    departmentId = (await makeDepartment(app)).id;
    const res = await http(app).post('/auth/login').send({ username: 'admin', password: TEST_ADMIN_PASSWORD }).expect(200);
    admin = { token: res.body.accessToken };
  });
  afterAll(async () => {
    await app.close();
  });

  it('login sets an httpOnly, SameSite=Strict cookie scoped to /auth, stored only as its SHA-256', async () => {
    const account = await makeAccount(app, 'supervisor', departmentId);
    const { res, cookie } = await login(account);
    const attributes = setCookie(res).split(';').slice(1).map((a) => a.trim().toLowerCase());
    expect(attributes.sort()).toEqual(['httponly', 'path=/auth', 'samesite=strict']); // no Secure outside production; a browser-session cookie
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const rows = await dataSourceOf(app).query('SELECT * FROM refresh_tokens WHERE token_hash = $1', [sha256(cookie)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: account.id, token_version: 0, used_at: null, revoked_at: null });
    expect(rows[0].created_at.toISOString()).toBe(NOW);
    expect(rows[0].last_used_at.toISOString()).toBe(NOW);
    expect(rows[0].expires_at.toISOString()).toBe('2026-12-20T10:00:00.000Z'); // SESSION_MAX_HOURS=8
    expect(JSON.stringify(rows)).not.toContain(cookie);
    // Swept a day after the session's end counted in the database's own time, whatever the app's clock.
    const [{ hours }] = await dataSourceOf(app).query('SELECT extract(epoch FROM purge_after - now()) / 3600 AS hours FROM refresh_tokens WHERE token_hash = $1', [sha256(cookie)]);
    expect(Number(hours)).toBeGreaterThan(31.9);
    expect(Number(hours)).toBeLessThanOrEqual(32);
  });

  it('refresh rotates the cookie and answers a working access token in the login shape', async () => {
    const account = await makeAccount(app, 'inspector', departmentId);
    const first = await login(account);
    const res = await refresh(first.cookie).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { id: account.id, username: account.username, displayName: '测试inspector', role: 'inspector', departmentId },
    });
    const next = cookieValue(res);
    expect(next).not.toBe(first.cookie);
    expect(setCookie(res)).toMatch(/; Path=\/auth; HttpOnly; SameSite=Strict$/);
    const me = await http(app).get('/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(account.id);
    const rows = await dataSourceOf(app).query(
      'SELECT token_hash, family_id, used_at FROM refresh_tokens WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) ORDER BY used_at NULLS LAST',
      [sha256(first.cookie)],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0].token_hash).toBe(sha256(first.cookie));
    expect(rows[0].used_at.toISOString()).toBe(NOW);
    expect(rows[1]).toMatchObject({ token_hash: sha256(next), family_id: rows[0].family_id, used_at: null });
    await refresh(next).expect(200); // and so on
  });

  it('an old refresh token presented again revokes the whole session; just after rotation it is a race (409), nothing revoked', async () => {
    const account = await makeAccount(app, 'supervisor', departmentId);
    const { cookie: a } = await login(account);
    const b = cookieValue(await refresh(a).expect(200));
    const race = await refresh(a).expect(409); // another tab, same instant
    expect(race.body.code).toBe('SESSION_REFRESH_RACE');
    expect(race.headers['set-cookie']).toBeUndefined();
    const c = cookieValue(await refresh(b).expect(200));
    await age(a, 'used_at', 1); // a minute later: no tab race, a replayed copy
    const reused = await refresh(a).expect(401);
    expect(reused.body).toMatchObject({ code: 'SESSION_REUSED', message: '登录凭据被重复使用，为安全起见该会话已退出，请重新登录' });
    const after = await refresh(c).expect(401); // the legitimate holder's newest token is gone too
    expect(after.body.code).toBe('SESSION_REVOKED');
    const [{ open }] = await dataSourceOf(app).query(OPEN_IN_FAMILY, [sha256(a)]);
    expect(open).toBe(0);
  });

  it('logout needs only the cookie, revokes the session and clears the cookie; other sessions live on', async () => {
    const account = await makeAccount(app, 'legal_reviewer', departmentId);
    const one = await login(account);
    const two = await login(account);
    const res = await logout(one.cookie).expect(204);
    expect(setCookie(res)).toMatch(/^ssgk_refresh=; Path=\/auth; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
    expect((await refresh(one.cookie).expect(401)).body.code).toBe('SESSION_REVOKED');
    await refresh(two.cookie).expect(200);
    await http(app).post('/auth/logout').set(HEADER).expect(204); // no cookie: nothing to end, still cleared
  });

  it.each([
    ['the own password change', async (a: TestAccount) => http(app).post('/auth/password').set(bearer(a)).send({ currentPassword: PASSWORD, newPassword: 'another-long-password' }).expect(204)],
    ['a password reset by an admin', async (a: TestAccount) => http(app).patch(`/users/${a.id}`).set(bearer(admin)).send({ password: 'reset-long-password' }).expect(200)],
    ['deactivation', async (a: TestAccount) => http(app).patch(`/users/${a.id}`).set(bearer(admin)).send({ active: false }).expect(200)],
    ['a role change', async (a: TestAccount) => http(app).patch(`/users/${a.id}`).set(bearer(admin)).send({ role: 'supervisor' }).expect(200)],
  ])('%s ends the session', async (_name, change) => {
    const account = await makeAccount(app, 'inspector', departmentId);
    const { cookie } = await login(account);
    const next = cookieValue(await refresh(cookie).expect(200));
    await change(account);
    const res = await refresh(next).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'SESSION_REVOKED' });
    const [{ open }] = await dataSourceOf(app).query(OPEN_IN_FAMILY, [sha256(cookie)]);
    expect(open).toBe(0);
  });

  it('a display-name change does not end the session', async () => {
    const account = await makeAccount(app, 'inspector', departmentId);
    const { cookie } = await login(account);
    await http(app).patch(`/users/${account.id}`).set(bearer(admin)).send({ displayName: '改名' }).expect(200);
    expect((await refresh(cookie).expect(200)).body.user.displayName).toBe('改名');
  });

  it('ends after SESSION_IDLE_MINUTES without a refresh, and at the absolute lifetime', async () => {
    const account = await makeAccount(app, 'supervisor', departmentId);
    const { cookie } = await login(account);
    await age(cookie, 'last_used_at', 4);
    const next = cookieValue(await refresh(cookie).expect(200)); // 4 of 5 minutes idle: fine
    await age(next, 'last_used_at', 6);
    const idle = await refresh(next).expect(401);
    expect(idle.body).toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' });

    const other = await login(account);
    await age(other.cookie, 'expires_at', 8 * 60); // the login was 8 hours ago
    expect((await refresh(other.cookie).expect(401)).body.code).toBe('SESSION_EXPIRED');
  });

  it('refuses a missing or unknown cookie', async () => {
    const missing = await http(app).post('/auth/refresh').set(HEADER).expect(401);
    expect(missing.body).toMatchObject({ code: 'SESSION_MISSING' });
    await refresh('not a token').expect(401);
    expect((await refresh('A'.repeat(43)).expect(401)).body.code).toBe('SESSION_EXPIRED');
  });

  it('refuses refresh and logout without the custom header or from another origin, and changes nothing', async () => {
    const account = await makeAccount(app, 'supervisor', departmentId);
    const { cookie } = await login(account);
    const send = (path: string) => http(app).post(path).set('Cookie', `ssgk_refresh=${cookie}`);
    for (const path of ['/auth/refresh', '/auth/logout']) {
      const bare = await send(path).expect(403);
      expect(bare.body).toMatchObject({ code: 'SESSION_HEADER_REQUIRED', message: '会话请求须带请求头 X-Requested-With: ssgk-console' });
      expect((await send(path).set('X-Requested-With', 'XMLHttpRequest').expect(403)).body.code).toBe('SESSION_HEADER_REQUIRED');
      for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example']) {
        const res = await send(path).set(HEADER).set('Origin', origin).expect(403);
        expect(res.body.code).toBe('SESSION_CROSS_ORIGIN');
      }
    }
    // A cross-origin script would need a preflight to send the header: never granted for these routes.
    const preflight = await http(app).options('/auth/refresh').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'x-requested-with');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-headers']).toBeUndefined();
    const [{ used }] = await dataSourceOf(app).query('SELECT count(*)::int AS used FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL', [sha256(cookie)]);
    expect(used).toBe(1);
    // The site itself: PUBLIC_BASE_URL (default http://127.0.0.1:3000), or the host the request came to.
    const next = cookieValue(await refresh(cookie).set('Origin', 'http://127.0.0.1:3000').expect(200));
    await refresh(next).set('Host', 'ssgk.bureau.example:8443').set('Origin', 'https://ssgk.bureau.example:8443').expect(200);
  });

  it('the cookie is never taken as authentication by other routes', async () => {
    const account = await makeAccount(app, 'admin', null);
    const { cookie } = await login(account);
    for (const path of ['/auth/me', '/users', '/departments']) {
      const res = await http(app).get(path).set(HEADER).set('Cookie', `ssgk_refresh=${cookie}`).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
    await http(app).post('/auth/password').set(HEADER).set('Cookie', `ssgk_refresh=${cookie}`).send({ currentPassword: PASSWORD, newPassword: 'x-long-enough-password' }).expect(401);
  });
});
