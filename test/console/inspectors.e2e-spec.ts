import type { BrowserContext, Locator, Page } from 'playwright-core';
import { http } from '../support/app';
import { newConsolePage, screenshot, signIn, startConsole, type ConsoleHarness } from '../support/console';
import { freshUscc } from '../support/files';
import { bearer, makeDepartmentWithStaff, PASSWORD, unique } from '../support/fixtures';
import { chooseOption, dialogButton, fillDate, openMenu } from './walk/admin';
import { supervisorCreatesInspector } from './walk/inspectors';

// Browser steps on a shared 2-core machine: generous, so only a real failure fails.
jest.setTimeout(180_000);

/** The suite's "today" (Beijing): 15 June 2026. */
const TODAY = '2026-06-15';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** 执法人员 in the console: the directory, one inspector's eligibility and records, and 回避关系. */
describe('console: inspectors and recusals', () => {
  let h: ConsoleHarness;
  let a: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  let b: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  let context: BrowserContext;
  let page: Page;
  const inspectorOfB = unique('乙局人员');
  const expiringName = unique('将到期');
  const expiredName = unique('已过期');

  beforeAll(async () => {
    h = await startConsole({}, { clockFixedAt: `${TODAY}T02:00:00Z` });
    [a, b] = await Promise.all([makeDepartmentWithStaff(h.app), makeDepartmentWithStaff(h.app)]);
    const make = (who: { token: string }, name: string, from: string, until: string) =>
      http(h.app).post('/inspectors').set(bearer(who)).send({ name, certificateNumber: unique('SEED'), issuingAuthority: '天津市人民政府', certificateValidFrom: from, certificateValidUntil: until, domains: ['实验动物'] }).expect(201);
    await make(b.supervisor, inspectorOfB, '2024-01-01', '2030-12-31');
    await make(a.supervisor, expiringName, '2022-01-01', addDays(TODAY, 20));
    await make(a.supervisor, expiredName, '2020-01-01', addDays(TODAY, -3));
    ({ context, page } = await newConsolePage(h, 'desktop'));
    page.setDefaultTimeout(30_000); // the machine is shared: a slow moment is not a failure
    await signIn(page, a.supervisor.username, PASSWORD);
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await h?.close();
  });

  const fieldError = (scope: Page | Locator, text: string) => scope.locator('.ant-form-item-explain-error').getByText(text);
  const rows = (p: Page) => p.locator('tbody tr.ant-table-row');
  const search = async (filters: () => Promise<void>) => {
    await page.getByRole('button', { name: /^重\s*置$/ }).click();
    await filters();
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
  };

  it('creates an inspector who can be drawn: certificate, domain, training and exam; the eligibility explains itself', async () => {
    const name = unique('王芳');
    const certificateNo = unique('12010');
    await supervisorCreatesInspector(page, { name, certificateNo, domain: '实验动物', validFrom: '2024-01-01', validTo: '2028-12-31', unit: '第一监管所' });
    const eligibility = page.getByTestId('eligibility');
    await eligibility.getByText(`${TODAY} 符合抽取条件`).waitFor();
    await page.getByText('未关联账号').first().waitFor(); // no account yet: marked as such
    await screenshot(page, 'inspector-detail');

    // Another date: after the certificate ends, every failed rule is named.
    await fillDate(page, '查询日期', '2029-03-01');
    await eligibility.getByText('2029-03-01 不符合抽取条件').waitFor();
    await eligibility.getByText('执法证有效期至2028-12-31，2029-03-01已过期').waitFor();
    await eligibility.getByText(/培训0学时，不足40学时/).waitFor();

    // A suspension from a date: recorded in the history after a confirmation.
    const status = page.locator('.ant-card').filter({ has: page.getByText('执法资格变更', { exact: true }) });
    await chooseOption(status, '变更为', '暂扣');
    await fillDate(status, '生效日期', '2026-07-01');
    await status.getByLabel('原因').fill('涉嫌违纪暂扣执法证');
    await status.getByRole('button', { name: '记录变更' }).click();
    await page.getByRole('dialog').getByText('此后的抽取不会选中他').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /^确\s*认$/ }).click();
    await status.getByRole('cell', { name: '涉嫌违纪暂扣执法证' }).waitFor();
    await fillDate(page, '查询日期', '2026-07-02');
    await eligibility.getByText(/执法资格自2026-07-01起暂扣/).waitFor();

    // A training dated after today is refused under its field, with the API's message.
    const trainings = page.locator('.ant-card').filter({ has: page.getByText('培训记录', { exact: true }) });
    await fillDate(trainings, '培训日期', addDays(TODAY, 1));
    await trainings.getByLabel('学时').fill('8');
    await trainings.getByLabel('培训内容').fill('未来的培训');
    await trainings.getByRole('button', { name: '登记培训' }).click();
    await fieldError(trainings, '培训日期不能晚于今天').waitFor();
    expect(await trainings.getByLabel('培训内容').inputValue()).toBe('未来的培训');
  });

  it('refuses a taken certificate number under the field, keeping what was typed', async () => {
    const taken = (await http(h.app).get(`/inspectors?q=${encodeURIComponent(expiringName)}`).set(bearer(a.supervisor)).expect(200)).body.items[0].certificateNumber as string;
    await openMenu(page, '执法人员', '执法人员名录');
    await page.getByRole('button', { name: '新增执法人员' }).click();
    const dialog = page.getByRole('dialog', { name: '新增执法人员' });
    await dialog.getByLabel('姓名').fill('李重复');
    await dialog.getByLabel('执法证号').fill(taken);
    await dialog.getByLabel('发证机关').fill('天津市人民政府');
    await fillDate(dialog, '执法证有效期起', '2024-01-01');
    await fillDate(dialog, '执法证有效期止', '2027-12-31');
    await dialog.getByLabel('执法领域').fill('实验动物');
    await dialog.getByLabel('执法领域').press('Enter');
    await dialogButton(dialog, '保存').click();
    await fieldError(dialog, '该执法证号已存在').waitFor();
    expect(await dialog.getByLabel('姓名').inputValue()).toBe('李重复');
    await dialogButton(dialog, '取消').click();
  });

  it('filters on the server by name, certificate state, account link and expiry (the workbench link), within the own department', async () => {
    await openMenu(page, '执法人员', '执法人员名录');
    // The workbench's 证件即将到期 count opens the list filtered by its window.
    await openMenu(page, null, '工作台');
    await page.getByTestId('todo-certificates_expiring').click();
    await page.getByText('仅显示执法证在 60 天内到期的人员').waitFor();
    expect(new URL(page.url()).searchParams.get('expiring')).toBe('60');
    await page.getByRole('link', { name: expiringName, exact: true }).waitFor();
    expect(await rows(page).count()).toBe(1);
    await screenshot(page, 'inspector-list');

    await search(() => chooseOption(page, '执法证状态', '已过期'));
    await page.getByRole('link', { name: expiredName, exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: expiredName }).getByText('已过期', { exact: true }).waitFor();
    expect(await rows(page).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('certificate')).toBe('expired');

    await search(() => chooseOption(page, '账号关联', '未关联账号'));
    await page.getByRole('row').filter({ hasText: expiringName }).getByText('未关联账号').waitFor();

    // Department scoping: department B's inspector is not found by name, whatever the filter.
    await search(() => page.getByLabel('姓名', { exact: true }).fill(inspectorOfB));
    await page.getByText('没有符合条件的执法人员').waitFor();
    expect(await rows(page).count()).toBe(0);
    await search(() => page.getByLabel('姓名', { exact: true }).fill(expiredName));
    await page.getByRole('link', { name: expiredName, exact: true }).waitFor();
  });

  it("B's supervisor sees only B's inspectors; the admin sees both departments", async () => {
    const other = await newConsolePage(h, 'tablet');
    try {
      await signIn(other.page, b.supervisor.username, PASSWORD);
      await openMenu(other.page, '执法人员', '执法人员名录');
      await other.page.getByRole('link', { name: inspectorOfB, exact: true }).waitFor();
      expect(await other.page.getByRole('link', { name: expiringName, exact: true }).count()).toBe(0);
      expect(await rows(other.page).count()).toBe(1);
      await other.page.getByRole('button', { name: /退\s*出/ }).click();
      await other.page.getByLabel('用户名').waitFor();

      await signIn(other.page, a.admin.username, PASSWORD);
      await openMenu(other.page, '执法人员', '执法人员名录');
      await other.page.getByRole('link', { name: inspectorOfB, exact: true }).waitFor();
      await other.page.getByRole('link', { name: expiringName, exact: true }).waitFor();
      await screenshot(other.page, 'inspector-list-tablet');
    } finally {
      await other.context.close();
    }
  });

  it('adds a recusal between an inspector and an entity, lists it, and ends it with a reason', async () => {
    const entityName = unique('回避对象有限公司');
    await http(h.app).post('/entities').set(bearer(a.supervisor)).send({ uscc: freshUscc(), name: entityName, riskClass: 'B', riskClassEffectiveFrom: '2023-01-01' }).expect(201);
    await openMenu(page, '执法人员', '回避关系');
    await page.getByText('没有回避关系').waitFor();
    await page.getByRole('button', { name: '新增回避关系' }).click();
    const dialog = page.getByRole('dialog', { name: '新增回避关系' });
    await chooseOption(dialog, '执法人员', new RegExp(`^${expiringName}（`), expiringName);
    await chooseOption(dialog, '检查对象', new RegExp(`^${entityName}（`), entityName);
    await dialog.getByLabel('回避事由').fill('检查人员配偶在该单位任职');
    await fillDate(dialog, '回避截止日（可选）', '2026-01-01');
    await dialogButton(dialog, '保存').click();
    await fieldError(dialog, '回避期限止不能早于起始日').waitFor(); // before today's start: refused under the field
    await fillDate(dialog, '回避截止日（可选）', '2027-06-30');
    await dialogButton(dialog, '保存').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: entityName });
    await row.getByText(`${TODAY} 至 2027-06-30`).waitFor();
    await row.getByText('有效').waitFor();
    await screenshot(page, 'recusals');

    await row.getByRole('button', { name: /^终止/ }).click();
    const end = page.getByRole('dialog', { name: '终止回避关系' });
    await end.getByText('不能恢复').waitFor();
    await end.getByLabel('终止原因').fill('当事人已离职');
    await end.getByRole('button', { name: '确认终止' }).click();
    await end.waitFor({ state: 'hidden' });
    await page.getByText('没有回避关系').waitFor();
    await page.getByText('含已终止的').click();
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    await row.getByText('已终止：当事人已离职').waitFor();
    const listed = (await http(h.app).get('/recusals?includeRevoked=true').set(bearer(a.supervisor)).expect(200)).body.items;
    expect(listed).toEqual([expect.objectContaining({ entityName, revokedReason: '当事人已离职', validUntil: '2027-06-30' })]);
  });
});
