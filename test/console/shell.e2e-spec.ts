import request from 'supertest';
import type { Page } from 'playwright-core';
import { newConsolePage, screenshot, signIn, startConsole, type ConsoleHarness } from '../support/console';
import { makeDepartmentWithStaff, PASSWORD } from '../support/fixtures';

// Browser steps on a shared 2-core machine: a whole scenario per test, not a unit.
jest.setTimeout(180_000);

/** The console's shell: served at /console/, signs in, shows each role its own menus. */
describe('console shell', () => {
  let h: ConsoleHarness;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;

  beforeAll(async () => {
    h = await startConsole();
    staff = await makeDepartmentWithStaff(h.app);
  }, 180_000);
  afterAll(() => h?.close());

  // The menu is its own chunk: wait for its first entry before reading them all.
  const menuTexts = async (page: Page) => {
    const items = page.getByRole('navigation').getByRole('menuitem');
    await items.first().waitFor();
    return (await items.allInnerTexts()).map((t) => t.trim());
  };

  it('is served at /console/ with hashed assets cached for a year and index.html revalidated, and deep links load the app', async () => {
    const index = await request(h.app.getHttpServer()).get('/console/plans/anything').expect(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("script-src 'self';");
    const asset = /src="\/console\/(assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(asset).toBeDefined();
    const js = await request(h.app.getHttpServer()).get(`/console/${asset}`).expect(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gz = await request(h.app.getHttpServer()).get(`/console/${asset}`).set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/^text\/javascript/);
    expect(gz.text).toBe(js.text); // supertest inflates it: the same script
    const identity = await request(h.app.getHttpServer()).get(`/console/${asset}`).set('Accept-Encoding', 'identity').expect(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    await request(h.app.getHttpServer()).get('/console/assets/missing-0000.js').expect(404);
    await request(h.app.getHttpServer()).get('/console').expect(301).expect('Location', '/console/');
  });

  it('signs in each role onto its own menus; a page of another role answers 无权访问', async () => {
    const { context, page } = await newConsolePage(h);
    try {
      await signIn(page, staff.admin.username, PASSWORD);
      expect(await menuTexts(page)).toEqual(expect.arrayContaining(['工作台', '系统管理']));
      expect(await menuTexts(page)).not.toContain('抽查计划');
      await page.getByRole('button', { name: /退\s*出/ }).click();
      await page.getByLabel('用户名').waitFor();

      await signIn(page, staff.supervisor.username, PASSWORD);
      const supervisorMenus = await menuTexts(page);
      expect(supervisorMenus).toEqual(expect.arrayContaining(['工作台', '检查事项', '检查对象', '执法人员', '抽查计划', '检查结果', '年度报告']));
      expect(supervisorMenus).not.toContain('系统管理');
      expect(supervisorMenus).not.toContain('法制审核');
      await page.goto('/console/admin/users');
      await page.getByText('无权访问').waitFor();
      await page.getByRole('button', { name: /退\s*出/ }).click();
      await page.getByLabel('用户名').waitFor();

      await signIn(page, staff.legalReviewer.username, PASSWORD);
      expect(await menuTexts(page)).toEqual(expect.arrayContaining(['工作台', '法制审核']));
      expect(await menuTexts(page)).not.toContain('抽查计划');
    } finally {
      await context.close();
    }
  });

  it('answers a wrong password with the API\'s Chinese message, on the form', async () => {
    const { context, page } = await newConsolePage(h);
    try {
      await page.goto('/console/');
      await page.getByLabel('用户名').fill(staff.supervisor.username);
      await page.getByLabel('密码').fill('wrong-password-000');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByRole('alert').getByText('用户名或密码错误').waitFor();
      await screenshot(page, 'login-desktop');
    } finally {
      await context.close();
    }
  });
});
