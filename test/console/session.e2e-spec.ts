import request from 'supertest';
import type { BrowserContext, Page } from 'playwright-core';
import { newConsolePage, signIn, startConsole, type ConsoleHarness } from '../support/console';
import { bearer, makeAccount, makeDepartment, PASSWORD } from '../support/fixtures';

// Browser steps on a shared 2-core machine: a whole scenario per test, not a unit.
jest.setTimeout(180_000);

/**
 * Sessions in the browser (issue 13): a reload keeps you signed in (the refresh cookie gives a new
 * access token); 退出, a password change, deactivation and a role change end the session — on this
 * tab and on every other device.
 */
describe('console sessions', () => {
  let h: ConsoleHarness;
  let departmentId: string;
  let admin: Awaited<ReturnType<typeof makeAccount>>;

  beforeAll(async () => {
    h = await startConsole();
    departmentId = (await makeDepartment(h.app)).id;
    admin = await makeAccount(h.app, 'admin', null);
  }, 180_000);
  afterAll(() => h?.close());

  const signedIn = (page: Page) => page.getByRole('button', { name: /退\s*出/ }).waitFor();
  const onLoginForm = (page: Page) => page.getByLabel('用户名').waitFor();
  /** The refresh cookie as the browser holds it (httpOnly: no script of the page can read it). */
  async function refreshCookie(context: BrowserContext) {
    const cookies = await context.cookies();
    const cookie = cookies.find((c) => c.path === '/auth');
    if (!cookie) throw new Error(`no refresh cookie scoped to /auth among ${cookies.map((c) => `${c.name}@${c.path}`).join(', ')}`);
    return cookie;
  }
  /** Reads back whether the server still honours a refresh cookie. */
  const refreshStatus = async (cookie: { name: string; value: string }) =>
    (await request(h.app.getHttpServer()).post('/auth/refresh').set('Cookie', `${cookie.name}=${cookie.value}`).set('X-Requested-With', 'ssgk-console')).status;

  it('keeps the session over a reload and a new tab, with an httpOnly SameSite=Strict cookie scoped to /auth', async () => {
    const user = await makeAccount(h.app, 'supervisor', departmentId);
    const { context, page } = await newConsolePage(h);
    try {
      await signIn(page, user.username, PASSWORD);
      const cookie = await refreshCookie(context);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth' });
      expect(await page.evaluate('document.cookie')).toBe('');
      await page.reload();
      await signedIn(page);
      await expect(page.getByTestId('header-user').innerText()).resolves.toContain('测试supervisor');
      const second = await context.newPage();
      await second.goto('/console/plans');
      await signedIn(second);
    } finally {
      await context.close();
    }
  });

  it('退出 ends it: the login page after a reload, and the old refresh cookie is refused', async () => {
    const user = await makeAccount(h.app, 'supervisor', departmentId);
    const { context, page } = await newConsolePage(h);
    try {
      await signIn(page, user.username, PASSWORD);
      const cookie = await refreshCookie(context);
      await page.getByRole('button', { name: /退\s*出/ }).click();
      await onLoginForm(page);
      await page.goto('/console/');
      await onLoginForm(page);
      expect(await refreshStatus(cookie)).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('a password change through 个人设置 ends the session here and on another device', async () => {
    const user = await makeAccount(h.app, 'legal_reviewer', departmentId);
    const here = await newConsolePage(h);
    const there = await newConsolePage(h, 'tablet');
    try {
      await signIn(there.page, user.username, PASSWORD);
      await signIn(here.page, user.username, PASSWORD);
      await here.page.getByRole('link', { name: '个人设置' }).click();
      await here.page.getByLabel('当前密码').fill(PASSWORD);
      await here.page.getByLabel('新密码', { exact: true }).fill('a-new-password-for-this-test');
      await here.page.getByLabel('确认新密码').fill('a-new-password-for-this-test');
      await here.page.getByRole('button', { name: '修改密码' }).click();
      await onLoginForm(here.page);
      await there.page.reload();
      await onLoginForm(there.page);
      await request(h.app.getHttpServer()).post('/auth/login').send({ username: user.username, password: 'a-new-password-for-this-test' }).expect(200);
    } finally {
      await here.context.close();
      await there.context.close();
    }
  });

  it.each([
    ['deactivation', { active: false }],
    ['a role change', { role: 'inspector' }],
  ])('%s ends the session: the next reload shows the login page', async (_what, change) => {
    const user = await makeAccount(h.app, 'supervisor', departmentId);
    const { context, page } = await newConsolePage(h);
    try {
      await signIn(page, user.username, PASSWORD);
      const cookie = await refreshCookie(context);
      await request(h.app.getHttpServer()).patch(`/users/${user.id}`).set(bearer(admin)).send(change).expect(200);
      await page.reload();
      await onLoginForm(page);
      expect(await refreshStatus(cookie)).toBe(401);
    } finally {
      await context.close();
    }
  });
});
