import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { http } from '../support/app';
import { newConsolePage, screenshot, signIn, startConsole, type ConsoleHarness } from '../support/console';
import { csv, freshUscc, utf8Bom } from '../support/files';
import { bearer, makeDepartmentWithStaff, PASSWORD, unique } from '../support/fixtures';
import { openMenu, supervisorCreatesItem, supervisorImportsEntities } from './walk/directories';

// Browser steps on a shared 2-core machine: a whole scenario per test, not a unit.
jest.setTimeout(180_000);

/** A bad check digit: the 18th character of a valid code, changed. */
function badCheckDigit(uscc: string): string {
  return uscc.slice(0, 17) + (uscc[17] === '1' ? '2' : '1');
}

/** In-app navigation to a typed address (a reload would end the in-memory session). */
async function visit(page: Page, to: string): Promise<void> {
  await page.evaluate(`history.pushState({}, '', ${JSON.stringify(`/console${to}`)}); dispatchEvent(new PopStateEvent('popstate'));`);
}

const HEADER = ['统一社会信用代码', '名称', '所属区域', '信用风险分类', '分类生效日期', '许可证类型', '许可证编号'];

/** The supervisor's directories in the console: items, entities, bulk import; scoped to the department. */
describe('console: items, entities and bulk import', () => {
  let h: ConsoleHarness;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  let other: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  const tag = unique('');
  const good = [freshUscc(), freshUscc(), freshUscc()];
  const bad = badCheckDigit(freshUscc());
  const names = [`甲实验动物中心${tag}`, `乙生物科技${tag}`, `丙医药研究院${tag}`];
  let importFile: string;
  const itemCode = `SY-${tag}`;

  beforeAll(async () => {
    h = await startConsole({}, { clockFixedAt: '2024-07-01T02:00:00Z' });
    [staff, other] = await Promise.all([makeDepartmentWithStaff(h.app), makeDepartmentWithStaff(h.app)]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-import-'));
    importFile = path.join(dir, '检查对象.csv');
    fs.writeFileSync(
      importFile,
      utf8Bom(
        csv([
          HEADER,
          [good[0], names[0], '滨海新区', 'B', '2023-01-01', '实验动物使用许可证', `SYXK(津)${tag}-1`],
          [bad, `错误代码单位${tag}`, '滨海新区', 'A', '2023-01-01', '', ''],
          [good[1], names[1], '和平区', 'A', '2023-01-01', '', ''],
          [good[2], names[2], '河西区', 'C', '2023-01-01', '', ''],
        ]),
      ),
    );
  }, 180_000);
  afterAll(() => h?.close());

  it('creates an item through the form, shows its legal basis and check points, and an edit makes version 2', async () => {
    const { context, page } = await newConsolePage(h);
    try {
      await signIn(page, staff.supervisor.username, PASSWORD);
      await supervisorCreatesItem(page, { code: itemCode, name: '实验动物许可情况的检查', domain: '实验动物', legalBasis: '《实验动物管理条例》第七条', checkPoints: ['许可证有效性', '设施环境条件'] });
      await page.getByTestId('item-legal-basis').getByText('《实验动物管理条例》第七条').waitFor();
      const checkPoints = page.getByRole('list', { name: '检查要点' });
      await checkPoints.waitFor();
      expect(await checkPoints.getByRole('listitem').allInnerTexts()).toEqual(['许可证有效性', '设施环境条件']);
      await screenshot(page, 'supervisor-item-detail-desktop');

      // An edit is a new version; the first stays readable as it was.
      await page.getByRole('button', { name: '修改（生成新版本）' }).click();
      const edit = page.getByRole('dialog', { name: /修改检查事项/ });
      await edit.getByLabel('事项名称').fill('实验动物许可及使用情况的检查');
      await edit.getByLabel('修改说明').fill('依据新修订条例更新');
      await edit.getByRole('button', { name: '保存为新版本' }).click();
      await page.getByText('已保存为第 2 版').waitFor();
      const versions = page.getByRole('table', { name: '版本记录' }).or(page.locator('[aria-label="版本记录"] table')).first();
      await versions.getByText('依据新修订条例更新').waitFor();
      await page.getByRole('button', { name: '查看第 1 版' }).click();
      const v1 = page.getByRole('dialog', { name: '第 1 版', exact: true }); // not the closing edit drawer (基于第 1 版)
      await v1.getByText('实验动物许可情况的检查', { exact: true }).waitFor();
      await v1.getByRole('button', { name: '关闭' }).click();

      // The list finds it by code; the API holds exactly what was typed.
      await openMenu(page, '检查事项');
      await page.getByLabel('关键词').fill(itemCode);
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByRole('link', { name: '实验动物许可及使用情况的检查', exact: true }).waitFor();
      expect(new URL(page.url()).searchParams.get('q')).toBe(itemCode);
      await screenshot(page, 'supervisor-items-desktop');
      const list = await http(h.app).get('/items').query({ q: itemCode }).set(bearer(staff.supervisor)).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ code: itemCode, version: 2, subItems: ['许可证有效性', '设施环境条件'], enforcementDomain: '实验动物', legalBasis: '《实验动物管理条例》第七条' })]);

      // A missing field and a bad code: the API's messages under the fields, and nothing typed lost.
      await page.getByRole('button', { name: '新增检查事项' }).click();
      const form = page.getByRole('dialog', { name: '新增检查事项' });
      await form.getByLabel('事项编码').fill(itemCode);
      await form.getByLabel('抽查依据').fill('《实验动物管理条例》');
      await form.getByLabel('抽查对象').fill('实验动物使用单位');
      await form.getByLabel('执法领域').fill('实验动物');
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await form.locator('.ant-form-item', { has: page.getByLabel('事项名称') }).getByText('必填').waitFor();
      await form.getByLabel('事项名称').fill('重复编码的事项');
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await form.locator('.ant-form-item', { has: page.getByLabel('事项编码') }).getByText('本部门已有该编码的抽查事项').waitFor();
      expect(await form.getByLabel('抽查依据').inputValue()).toBe('《实验动物管理条例》');
    } finally {
      await context.close();
    }
  });

  it('imports entities: the template downloads, the bad row is in the error table in Chinese, the good rows are in the directory', async () => {
    const { context, page } = await newConsolePage(h);
    try {
      await signIn(page, staff.supervisor.username, PASSWORD);
      const outcome = await supervisorImportsEntities(page, importFile);
      expect(outcome.imported).toBe(3);
      expect(outcome.rejected).toBe(1);
      expect(outcome.errors).toEqual([{ row: 3, message: expect.stringMatching(/第18位校验码应为/) }]);
      const jobId = new URL(page.url()).searchParams.get('job');
      expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
      await screenshot(page, 'supervisor-import-desktop');

      // The report downloads as the API serves it.
      const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载错误报告（CSV）' }).click()]);
      const text = fs.readFileSync(await report.path(), 'utf8');
      expect(text).toContain('行号,列,值,错误说明');
      expect(text).toContain(bad);

      // Left and come back: the URL keeps the job.
      await openMenu(page, '检查对象名录', '检查对象');
      await page.getByRole('heading', { name: '检查对象' }).waitFor();
      await page.goBack();
      await page.getByTestId('import-job').getByTestId('import-rejected').getByText('1').waitFor();
      expect(new URL(page.url()).searchParams.get('job')).toBe(jobId);
      await page.getByRole('table').filter({ has: page.getByText('检查对象.csv') }).first().waitFor();

      // The directory has the good rows (USCC in full), not the bad one.
      await openMenu(page, '检查对象名录', '检查对象');
      await page.getByLabel('名称').fill(tag);
      await page.getByRole('button', { name: /查\s*询/ }).click();
      for (const [i, name] of names.entries()) {
        const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
        await row.getByText(good[i], { exact: true }).waitFor();
      }
      expect(await page.getByText(`错误代码单位${tag}`).count()).toBe(0);
      expect(await page.getByText('共 3 个检查对象').count()).toBe(1);
      await screenshot(page, 'supervisor-entities-desktop');

      // Filter by the class in force; the URL keeps the filters.
      await page.getByLabel('信用风险分类').click();
      await page.getByTitle('C 类（较高风险）').click();
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByText('共 1 个检查对象').waitFor();
      await page.getByRole('link', { name: names[2], exact: true }).waitFor();
      expect(new URL(page.url()).searchParams.get('riskClass')).toBe('C');
    } finally {
      await context.close();
    }
  });

  it('shows an entity with its risk-class history and licences; a new class joins the history; a bad USCC is refused under the field', async () => {
    const { context, page } = await newConsolePage(h);
    try {
      await signIn(page, staff.supervisor.username, PASSWORD);
      await openMenu(page, '检查对象名录', '检查对象');
      await page.getByLabel('统一社会信用代码').fill(good[0]);
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByRole('link', { name: names[0], exact: true }).click();
      await page.getByTestId('entity-uscc').getByText(good[0], { exact: true }).waitFor();
      await page.getByText(`SYXK(津)${tag}-1`).waitFor();
      await page.locator('[aria-label="相关检查记录"]').getByText('该对象尚无检查记录').waitFor();

      await page.getByRole('button', { name: '登记新分类' }).click();
      const dialog = page.getByRole('dialog', { name: '登记信用风险分类' });
      await dialog.getByRole('combobox', { name: /信用风险分类/ }).click();
      await page.getByTitle('D 类（高风险）').click();
      await dialog.getByLabel('生效日期').fill('2024-03-01');
      await dialog.getByRole('button', { name: /登\s*记/ }).click();
      const history = page.locator('[aria-label="信用风险分类历史"]');
      await history.getByText('2024-03-01').waitFor();
      const rows = await history.locator('tbody tr.ant-table-row').allInnerTexts();
      expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['2024-03-01 D 类（高风险） 现行', '2023-01-01 B 类（一般风险） 已被取代']);
      await screenshot(page, 'supervisor-entity-detail-desktop');

      // A new entity with a bad check digit, then without a name: the API's words under the fields.
      await openMenu(page, '检查对象名录', '检查对象');
      await page.getByRole('button', { name: '新增检查对象' }).click();
      const form = page.getByRole('dialog', { name: '新增检查对象' });
      const uscc = freshUscc();
      await form.getByLabel('统一社会信用代码').fill(badCheckDigit(uscc));
      await form.getByRole('button', { name: /保\s*存/ }).click();
      const usccItem = form.locator('.ant-form-item', { has: page.getByLabel('统一社会信用代码') });
      await usccItem.getByText(/第18位校验码应为/).waitFor();
      await form.locator('.ant-form-item', { has: page.getByLabel('名称', { exact: true }) }).getByText('必填').waitFor();
      await form.getByLabel('统一社会信用代码').fill(uscc);
      await form.getByLabel('名称', { exact: true }).fill(`丁检测中心${tag}`);
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByRole('heading', { name: '检查对象详情' }).waitFor();
      await page.getByTestId('entity-uscc').getByText(uscc, { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('at tablet size: the import page lists past jobs and opens one with its error table', async () => {
    const { context, page } = await newConsolePage(h, 'tablet');
    try {
      await signIn(page, staff.supervisor.username, PASSWORD);
      await openMenu(page, '批量导入', '检查对象');
      await page.getByRole('link', { name: '查看 检查对象.csv 的导入结果' }).first().click();
      await page.getByTestId('import-errors').getByText(bad).waitFor();
      await screenshot(page, 'supervisor-import-tablet');
    } finally {
      await context.close();
    }
  });

  it('a long import can be left and resumed: the URL keeps the job, the bar only moves forward to the end', async () => {
    const big = path.join(path.dirname(importFile), '大批量.csv');
    const prefix = unique('批量单位');
    fs.writeFileSync(big, utf8Bom(csv([['统一社会信用代码', '名称'], ...Array.from({ length: 30_000 }, (_, i) => [freshUscc(), `${prefix}${i}`])])));
    const { context, page } = await newConsolePage(h);
    try {
      await signIn(page, staff.supervisor.username, PASSWORD);
      await openMenu(page, '批量导入', '检查对象');
      await page.locator('input[type=file]').setInputFiles(big);
      await page.getByRole('button', { name: '开始导入' }).click();
      const bar = page.getByTestId('import-job').getByRole('progressbar');
      await bar.waitFor();
      const jobId = new URL(page.url()).searchParams.get('job');
      expect(jobId).toMatch(/^[0-9a-f-]{36}$/);

      // Away to the directory and back while it runs (or after it ended): the same job again.
      await openMenu(page, '检查对象名录', '检查对象');
      await page.getByRole('heading', { name: '检查对象' }).waitFor();
      await page.goBack();
      await bar.waitFor();
      expect(new URL(page.url()).searchParams.get('job')).toBe(jobId);
      const seen: number[] = [];
      for (let i = 0; i < 600; i++) {
        seen.push(Number(await bar.getAttribute('aria-valuenow')));
        if (seen[seen.length - 1] === 100) break;
        await page.waitForTimeout(200);
      }
      expect(seen[seen.length - 1]).toBe(100);
      expect(seen.every((v, i) => v >= 0 && (i === 0 || v >= seen[i - 1]))).toBe(true);
      await page.getByTestId('import-imported').getByText('30,000').waitFor();
      expect((await http(h.app).get(`/imports/jobs/${jobId}`).set(bearer(staff.supervisor)).expect(200)).body).toMatchObject({ state: 'succeeded', inserted: 30_000, progress: 1 });
    } finally {
      await context.close();
    }
  });

  it('a supervisor of another department sees none of these items, entities or imports', async () => {
    const { context, page } = await newConsolePage(h);
    try {
      await signIn(page, other.supervisor.username, PASSWORD);
      await openMenu(page, '检查事项');
      await page.getByLabel('关键词').fill(itemCode);
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByText('没有符合条件的检查事项').waitFor();

      await openMenu(page, '检查对象名录', '检查对象');
      await page.getByLabel('名称').fill(tag);
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByText('没有符合条件的检查对象').waitFor();

      await openMenu(page, '批量导入', '检查对象');
      await page.getByText('尚无导入记录').waitFor();

      const mine = await http(h.app).get('/entities').query({ uscc: good[0] }).set(bearer(staff.supervisor)).expect(200);
      await visit(page, `/entities/${mine.body.items[0].id}`);
      await page.getByText('未找到').waitFor();
      await page.getByText('检查对象不存在').or(page.getByText(/不存在/)).first().waitFor();
    } finally {
      await context.close();
    }
  });
});
