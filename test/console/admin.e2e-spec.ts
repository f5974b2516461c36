import type { BrowserContext, Locator, Page } from 'playwright-core';
import { AuditHeadsService } from '../../src/audit/audit-heads.service';
import { OutboxWorker } from '../../src/outbox/outbox.worker';
import { dataSourceOf, http } from '../support/app';
import { newConsolePage, screenshot, signIn, startConsole, type ConsoleHarness } from '../support/console';
import { bearer, makeDepartmentWithStaff, PASSWORD, unique } from '../support/fixtures';
import { ownDatabase } from '../support/own-database';
import { adminCreatesAccount, adminCreatesDepartment, adminLinksInspector, chooseOption, dialogButton, fillDate, openMenu } from './walk/admin';

// Browser steps on a shared 2-core machine: generous, so only a real failure fails.
jest.setTimeout(180_000);

/** The suite's "today" (Beijing): 10 November 2026, when next year's holiday notice is due. */
const NOW = '2026-11-10T02:00:00Z';

/** 系统管理 in the console: departments, accounts, linking inspectors, calendar, outbox, audit, lock events. */
describe('console: administrator', () => {
  let h: ConsoleHarness;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  let context: BrowserContext;
  let page: Page;
  // Calendar years, the outbox and the audit chain are whole-database state: other suites must not change them meanwhile.
  let db: Awaited<ReturnType<typeof ownDatabase>>;

  beforeAll(async () => {
    db = await ownDatabase('console_admin');
    h = await startConsole(
      {
        DATABASE_URL: db.url,
        OUTBOX_ENDPOINTS: JSON.stringify([{ name: '市监管平台', url: 'http://127.0.0.1:9/hook', secret: 'console-admin-secret-0001' }]),
        OUTBOX_MAX_ATTEMPTS: '1',
        OUTBOX_POLL_MS: '50',
        OUTBOX_RETRY_BASE_MS: '50',
        LOGIN_FREE_FAILURES: '2',
      },
      { clockFixedAt: NOW },
    );
    staff = await makeDepartmentWithStaff(h.app);
    ({ context, page } = await newConsolePage(h, 'desktop'));
    page.setDefaultTimeout(30_000); // the machine is shared: a slow moment is not a failure
    await signIn(page, staff.admin.username, PASSWORD);
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await h?.close();
    await db?.drop();
  });

  const fieldError = (scope: Page | Locator, text: string) => scope.locator('.ant-form-item-explain-error').getByText(text);

  it("shows the admin's 工作台 at desktop and tablet size", async () => {
    await page.getByRole('heading', { name: '待办事项' }).waitFor();
    // The administrator's own to-do: next year's holiday notice is due from 1 November.
    await page.getByTestId('admin-todo').getByText('节假日通知待录入：2027年').waitFor();
    await screenshot(page, 'admin-home-desktop');
    const tablet = await newConsolePage(h, 'tablet');
    try {
      await signIn(tablet.page, staff.admin.username, PASSWORD);
      await tablet.page.getByRole('heading', { name: '待办事项' }).waitFor();
      await screenshot(tablet.page, 'admin-home-tablet');
    } finally {
      await tablet.context.close();
    }
  });

  it('creates and renames a department; a taken name is shown under the field', async () => {
    const name = unique('滨海新区科技局');
    await adminCreatesDepartment(page, name);
    await page.getByLabel('部门编码').fill(unique('X'));
    await page.getByLabel('部门名称').fill(name);
    await page.getByRole('button', { name: '新建部门' }).click();
    await fieldError(page, '部门名称已存在').waitFor();
    expect(await page.getByLabel('部门名称').inputValue()).toBe(name); // nothing typed is lost

    await page.getByRole('button', { name: `更名 ${name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新名称').fill(`${name}（更名）`);
    await dialogButton(dialog, '保存').click();
    await page.getByRole('cell', { name: `${name}（更名）`, exact: true }).waitFor();
    await screenshot(page, 'admin-departments');
  });

  it('creates accounts with role and department, refuses a duplicate username under the field, filters, and ends sessions on deactivation', async () => {
    const department = unique('账号测试局');
    await adminCreatesDepartment(page, department);
    const username = unique('sup.');
    await adminCreatesAccount(page, { username, displayName: '张负责', role: '抽查负责人', department, password: 'initial-password-1' });
    const token = (await http(h.app).post('/auth/login').send({ username, password: 'initial-password-1' }).expect(200)).body.accessToken as string;

    // The same username again: the API's message under 用户名, the dialog still filled in.
    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog', { name: '新建账号' });
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('姓名').fill('李重复');
    await chooseOption(dialog, '角色', '执法检查人员');
    await chooseOption(dialog, '所属部门', department, department);
    await dialog.getByLabel('初始密码').fill('initial-password-2');
    await dialogButton(dialog, '新建').click();
    await fieldError(dialog, '用户名已存在').waitFor();
    expect(await dialog.getByLabel('姓名').inputValue()).toBe('李重复');
    await dialogButton(dialog, '取消').click();

    // Filter by name: only the new account, with its role and department.
    await page.getByLabel('用户名或姓名').fill(username);
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    const row = page.getByRole('row').filter({ hasText: username });
    await row.getByText('抽查负责人').waitFor();
    await row.getByText(department).waitFor();
    expect(await page.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe(username); // the URL keeps the filter

    // Deactivate: the confirmation says the sessions end; the account's token stops working.
    await page.getByRole('button', { name: `停用 ${username}` }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('已登录的设备立即退出').waitFor();
    await confirm.getByRole('button', { name: '确认停用' }).click();
    await row.getByText('已停用').waitFor();
    await http(h.app).get('/auth/me').set(bearer({ token })).expect(401);
    await http(h.app).post('/auth/login').send({ username, password: 'initial-password-1' }).expect(401);

    await page.getByRole('button', { name: `启用 ${username}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认启用' }).click();
    await row.getByText('正常').waitFor();

    // Role change: warned that it ends the sessions.
    await page.getByRole('button', { name: `修改 ${username}` }).click();
    const edit = page.getByRole('dialog');
    await chooseOption(edit, '角色', '法制审核人员');
    await edit.getByText('该账号的所有登录将立即失效').waitFor();
    await dialogButton(edit, '保存').click();
    await row.getByText('法制审核人员').waitFor();
    await screenshot(page, 'admin-users');

    // Password reset: the new one works, the old one does not.
    await page.getByRole('button', { name: `重置密码 ${username}` }).click();
    const reset = page.getByRole('dialog');
    await reset.getByLabel('新密码').fill('short');
    await reset.getByRole('button', { name: '重置密码' }).click();
    await reset.locator('.ant-form-item-explain-error').first().waitFor();
    await reset.getByLabel('新密码').fill('a-new-password-9');
    await reset.getByRole('button', { name: '重置密码' }).click();
    await reset.waitFor({ state: 'hidden' });
    await http(h.app).post('/auth/login').send({ username, password: 'a-new-password-9' }).expect(200);
    await http(h.app).post('/auth/login').send({ username, password: 'initial-password-1' }).expect(401);
  });

  it('links an inspector to an account; an inspector with none is marked 未关联账号', async () => {
    const name = unique('王检查');
    const inspector = (
      await http(h.app)
        .post('/inspectors')
        .set(bearer(staff.supervisor))
        .send({ name, certificateNumber: unique('LK'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2024-01-01', certificateValidUntil: '2029-12-31', domains: ['实验动物'] })
        .expect(201)
    ).body;
    const username = unique('ins.');
    const departmentName = (await http(h.app).get(`/departments/${staff.department.id}`).set(bearer(staff.admin)).expect(200)).body.name as string;
    await adminCreatesAccount(page, { username, displayName: name, role: '执法检查人员', department: departmentName, password: 'inspector-password-1' });

    await openMenu(page, '执法人员', '执法人员名录');
    await chooseOption(page, '账号关联', '未关联账号');
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    await page.getByRole('row').filter({ hasText: name }).getByText('未关联账号').waitFor();
    await screenshot(page, 'inspector-list-admin');

    await adminLinksInspector(page, { inspectorName: name, username });
    expect((await http(h.app).get(`/inspectors/${inspector.id}`).set(bearer(staff.admin)).expect(200)).body.userId).not.toBeNull();
    await page.getByText('未关联账号').first().waitFor({ state: 'detached' });

    // Unlinking asks first and says what it does.
    await page.getByRole('button', { name: '解除关联' }).click();
    await page.getByRole('dialog').getByText('看不到此人员的检查任务').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '解除关联' }).click();
    await page.getByText('未关联账号').first().waitFor();
    expect((await http(h.app).get(`/inspectors/${inspector.id}`).set(bearer(staff.admin)).expect(200)).body.userId).toBeNull();
  });

  it('flags next year as 暂定 until its notice is entered; an incomplete notice is refused under 年度', async () => {
    await openMenu(page, '系统管理', '节假日安排');
    await page.getByRole('alert').getByText('尚未录入国务院办公厅关于2027年部分节假日安排的通知').waitFor();
    const row2027 = page.getByRole('row').filter({ hasText: /^2027年/ });
    await row2027.getByText('未收录').waitFor();
    await row2027.getByText('暂定', { exact: true }).waitFor();
    await screenshot(page, 'admin-calendar');

    const notice = page.locator('.ant-card').filter({ hasText: '第二步' });
    await notice.getByLabel('通知名称').fill('国务院办公厅关于2027年部分节假日安排的通知');
    await notice.getByRole('button', { name: '确认收录' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认收录' }).click();
    await fieldError(notice, '2027年只录入了0个工作日放假日').waitFor();

    const add = page.locator('.ant-card').filter({ hasText: '第一步' });
    for (const date of ['2027-01-01', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']) {
      await fillDate(add, '日期', date);
      await add.getByLabel('节日名称').fill(date === '2027-01-01' ? '元旦' : '春节');
      await add.getByRole('button', { name: '录入该日' }).click();
      await page.getByTestId('calendar-entered').getByText(date).waitFor();
    }
    await notice.getByRole('button', { name: '确认收录' }).click();
    await page.getByRole('dialog').getByText('将立即按通知重算').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '确认收录' }).click();
    await row2027.getByText('已收录').waitFor();
    await page.getByText('今年和明年的节假日通知均已收录').waitFor();
  });

  it('shows the outbox with its failed deliveries and sends one again', async () => {
    await h.app.get(AuditHeadsService).publishDay(new Date(NOW));
    const ds = dataSourceOf(h.app);
    for (let i = 0; i < 100 && (await ds.query(`SELECT 1 FROM outbox_deliveries WHERE state = 'dead'`)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    // From here the test drives the worker: a background batch would dead-letter the retried one again.
    await h.app.get(OutboxWorker).stop();
    await openMenu(page, '系统管理', '消息外发');
    await chooseOption(page, '状态', '发送失败');
    const row = page.getByRole('row').filter({ hasText: '审计日志每日链头' });
    await row.getByText('发送失败').waitFor();
    await page.getByText('已停止自动重试').waitFor();
    expect(page.url()).toContain('state=dead');
    await screenshot(page, 'admin-outbox');
    await row.getByRole('button', { name: '重新发送' }).click();
    await page.getByRole('dialog').getByText('请先确认对方平台已恢复').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '重新发送' }).click();
    await page.getByText('已重新排队发送').waitFor();
    expect((await ds.query(`SELECT state FROM outbox_deliveries`)).map((r: { state: string }) => r.state)).toEqual(['pending']);
  });

  it('verifies the audit chain and a kept head; a malformed head is shown under the field', async () => {
    await openMenu(page, '系统管理', '审计链校验');
    await page.getByRole('button', { name: '开始校验' }).click();
    const verdict = page.getByTestId('audit-verdict');
    await verdict.getByText('校验通过：审计日志完整，未发现篡改').waitFor();
    const head = (await http(h.app).get('/public/audit/head').expect(200)).body as { seq: number; hash: string };
    await page.getByLabel('已留存的链头（可选）').fill('12:nothex');
    await page.getByRole('button', { name: '开始校验' }).click();
    await fieldError(page, 'head 须为“序号:哈希”').waitFor();
    await page.getByLabel('已留存的链头（可选）').fill(`${head.seq}:${head.hash}`);
    await page.getByRole('button', { name: '开始校验' }).click();
    await verdict.getByText(`第 ${head.seq} 条的哈希未变`).waitFor();
    await screenshot(page, 'admin-audit');
  });

  it('lists login lock events; resetting the password lets the person in again', async () => {
    const victim = await http(h.app).post('/users').set(bearer(staff.admin)).send({ username: unique('locked.'), displayName: '被锁者', password: PASSWORD, role: 'inspector', departmentId: staff.department.id }).expect(201);
    const username = victim.body.username as string;
    for (let i = 0; i < 3; i++) await http(h.app).post('/auth/login').send({ username, password: 'wrong-password-000' }).expect(401);
    await http(h.app).post('/auth/login').send({ username, password: PASSWORD }).expect(401); // throttled

    await openMenu(page, '系统管理', '登录锁定记录');
    await page.getByLabel('用户名').fill(username);
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    await page.getByRole('row').filter({ hasText: username }).getByText('地址限制').waitFor();
    await screenshot(page, 'admin-lock-events');

    await page.getByRole('link', { name: '账号管理' }).last().click();
    await page.getByLabel('用户名或姓名').fill(username);
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    await page.getByRole('button', { name: `重置密码 ${username}` }).click();
    await page.getByRole('dialog').getByLabel('新密码').fill('unlocked-password-1');
    await page.getByRole('dialog').getByRole('button', { name: '重置密码' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await http(h.app).post('/auth/login').send({ username, password: 'unlocked-password-1' }).expect(200);
  });
});
