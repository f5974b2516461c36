import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { http } from '../support/app';
import { newConsolePage, screenshot, signIn, startConsole, type ConsoleHarness } from '../support/console';
import { freshUscc } from '../support/files';
import { bearer, makeDepartmentWithStaff, PASSWORD, unique, type TestAccount } from '../support/fixtures';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors } from '../support/scenario';
import { legalReviewerReviews, supervisorApprovesRecord, supervisorDownloadsAnnualReport, supervisorMarksMajor, supervisorPublishesRecord } from './walk/results';

// Browser steps on a shared 2-core machine: a whole scenario per test, not a unit.
jest.setTimeout(180_000);

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Task = { id: string; entity: { name: string; uscc: string }; team: { inspectorId: string }[]; items: { itemVersionId: string }[] };

/**
 * 检查结果, 法制审核 and 年度报告 in the console: records are set up through the API (an inspector's
 * work), then approved, marked major, reviewed, published and reported through the console only, and
 * read back through the API.
 */
describe('console: results, legal review, annual report', () => {
  let h: ConsoleHarness;
  let a: Staff;
  let b: Staff;
  let inspectors: { account: TestAccount; id: string }[];
  let tasks: Task[];
  const records: string[] = [];
  const names: string[] = [];

  beforeAll(async () => {
    h = await startConsole({}, { clockFixedAt: '2026-12-20T02:00:00Z' });
    [a, b] = await Promise.all([makeDepartmentWithStaff(h.app), makeDepartmentWithStaff(h.app)]);
    const S = bearer(a.supervisor);
    const item = await makeLabItem(h.app, S, 'CR-');
    const tag = unique('');
    await importEntities(h.app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址'], ...[0, 1, 2].map((i) => [freshUscc(), `结果测试${tag}${i}号公司`, 'B', '2023-01-01', `天津市滨海新区结果路${i}号`])]);
    inspectors = await makeLinkedInspectors(h.app, S, a.department.id, 2, '结果检查员', 'CR-');
    ({ tasks } = await drawClassB<Task>(h.app, S, item.id, 3, '结果计划', '双色球 2024050: 03 08 12 19 25 31 + 09'));
    // The inspectors' part, through the API: a clean check, and one that found a problem.
    for (const [i, t] of tasks.entries()) {
      const I = bearer(inspectors.find((x) => x.id === t.team[0].inspectorId)!.account);
      const problem = i === 1;
      const body = {
        checkDate: '2024-05-10',
        place: '天津市滨海新区结果路',
        inspectorsPresent: t.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
        representative: { name: '王五', role: '质量负责人' },
        findings: t.items.map((it) => ({ itemVersionId: it.itemVersionId, compliant: !problem, description: problem ? '未按规定公示实验动物使用许可证信息' : null, legalClause: problem ? '《实验动物管理条例》第十八条' : null })),
        resultCodes: [problem ? 'PROBLEM_PENDING' : 'NO_PROBLEM'],
      };
      const record = (await http(h.app).post(`/tasks/${t.id}/record`).set(I).send(body).expect(201)).body;
      await http(h.app).post(`/records/${record.id}/evidence`).set(I).attach('file', Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1'), '现场检查笔录.pdf').expect(201);
      const { version } = (await http(h.app).get(`/records/${record.id}`).set(I).expect(200)).body;
      await http(h.app).post(`/records/${record.id}/submit`).set(I).send({ version }).expect(200);
      records.push(record.id);
      names.push(t.entity.name);
    }
  }, 240_000);
  afterAll(() => h?.close());

  const session = async (account: TestAccount, viewport: 'desktop' | 'tablet' = 'desktop') => {
    const s = await newConsolePage(h, viewport);
    await signIn(s.page, account.username, PASSWORD);
    return s;
  };
  const recordOf = async (i: number) => (await http(h.app).get(`/records/${records[i]}`).set(bearer(a.supervisor)).expect(200)).body;
  const rowsOfList = async (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row').count();

  it('the supervisor approves a submitted record and publishes it; the API shows it approved, then published', async () => {
    const { context, page } = await session(a.supervisor);
    try {
      await supervisorApprovesRecord(page, names[0]);
      expect((await recordOf(0)).state).toBe('approved');
      // The record page: entity, items with results, team, evidence, publication deadline.
      await page.getByText('未发现问题').first().waitFor();
      await page.getByText('现场检查笔录.pdf').waitFor();
      await page.getByText(tasks[0].entity.uscc).first().waitFor();
      await page.getByText('公示期限').first().waitFor();
      await screenshot(page, 'record-detail-desktop');

      await supervisorPublishesRecord(page, names[0]);
      const pub = (await http(h.app).get(`/publications?recordId=${records[0]}`).set(bearer(a.supervisor)).expect(200)).body.items[0];
      expect(pub).toMatchObject({ state: 'published', recordId: records[0] });
      expect((await recordOf(0)).state).toBe('published');
    } finally {
      await context.close();
    }
  });

  it('marking a result major sends it to 法制审核; the legal reviewer reviews it from the queue; then it can be approved', async () => {
    const sup = await session(a.supervisor);
    try {
      await supervisorMarksMajor(sup.page, names[1]);
      expect((await recordOf(1)).major).toBe(true);
      // Approving before the review: the API's Chinese message, shown in the dialog.
      await sup.page.getByRole('button', { name: /审\s*批\s*通\s*过/ }).click();
      await sup.page.getByRole('dialog').getByRole('button', { name: '确认审批通过' }).click();
      await sup.page.getByRole('dialog').getByRole('alert').filter({ hasText: '须经法制审核通过' }).waitFor();
      expect((await recordOf(1)).state).toBe('submitted');
      await sup.page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
    } finally {
      await sup.context.close();
    }

    const legalTablet = await session(a.legalReviewer, 'tablet');
    try {
      await legalTablet.page.getByRole('link', { name: /待法制审核 1 条/ }).waitFor();
      await screenshot(legalTablet.page, 'legal-home-tablet');
    } finally {
      await legalTablet.context.close();
    }
    const legal = await session(a.legalReviewer);
    try {
      await legal.page.getByTestId('todo-records_awaiting_legal_review').waitFor();
      await screenshot(legal.page, 'legal-home-desktop');
      await legal.page.getByRole('link', { name: /待法制审核 1 条/ }).click();
      await legal.page.getByRole('link', { name: names[1], exact: true }).waitFor();
      await legal.page.getByText(/剩余 \d+ 个工作日|已超期 \d+ 个工作日|今日到期/).first().waitFor(); // working days left beside the deadline
      await screenshot(legal.page, 'review-queue-desktop');
      await legalReviewerReviews(legal.page, names[1], { approve: true, opinion: '事实清楚，证据充分，程序合法，同意' });
      await legal.page.getByText('没有待法制审核的重大执法决定').waitFor();
      const register = (await http(h.app).get('/legal-reviews?year=2026').set(bearer(a.legalReviewer)).expect(200)).body;
      expect(register.items).toEqual([expect.objectContaining({ recordId: records[1], decision: 'pass', kind: 'major_enforcement_decision', opinion: '事实清楚，证据充分，程序合法，同意' })]);
      // The register page lists it under its kind and year.
      await legal.page.getByRole('menu', { name: '主导航' }).getByRole('link', { name: '审核登记', exact: true }).click();
      await legal.page.getByText('事实清楚，证据充分，程序合法，同意').waitFor();
    } finally {
      await legal.context.close();
    }

    const again = await session(a.supervisor);
    try {
      await supervisorApprovesRecord(again.page, names[1]);
      expect((await recordOf(1)).state).toBe('approved');
    } finally {
      await again.context.close();
    }
  });

  it('returning a record the team changed meanwhile: 数据已被他人修改, reload keeps the typed reason, then it is returned', async () => {
    const { context, page } = await session(a.supervisor);
    try {
      await page.getByRole('link', { name: /待审批检查结果 \d+ 条/ }).click();
      await page.getByRole('link', { name: names[2], exact: true }).click();
      await page.getByRole('heading', { name: names[2] }).waitFor();
      // The team adds evidence after the supervisor opened the record: a new version.
      const t = tasks[2];
      const I = bearer(inspectors.find((x) => x.id === t.team[0].inspectorId)!.account);
      await http(h.app).post(`/records/${records[2]}/evidence`).set(I).attach('file', Buffer.from('%PDF-1.7\n2 0 obj <<>> endobj\n%%EOF\n', 'latin1'), '补充材料.pdf').expect(201);
      await page.getByRole('button', { name: '退回修改' }).click();
      const dialog = page.getByRole('dialog');
      const reason = '请补充被检查单位负责人签字的检查笔录';
      await dialog.getByLabel('退回原因（需修改的内容）').fill(reason);
      await dialog.getByRole('button', { name: '退回检查组' }).click();
      await dialog.getByText('数据已被他人修改').waitFor();
      expect((await recordOf(2)).state).toBe('submitted');
      await dialog.getByRole('button', { name: '重新加载并保留我的输入' }).click();
      expect(await dialog.getByLabel('退回原因（需修改的内容）').inputValue()).toBe(reason);
      await page.getByText('补充材料.pdf').waitFor(); // the reloaded record shows the new evidence
      await dialog.getByRole('button', { name: '退回检查组' }).click();
      await page.getByText('已退回检查组').first().waitFor();
      expect(await recordOf(2)).toMatchObject({ state: 'returned', returnReason: reason });
    } finally {
      await context.close();
    }
  });

  it('the annual report shows the figures, charts and paragraph, and downloads DOCX and XLSX', async () => {
    const { context, page } = await session(a.supervisor);
    try {
      const docx = await supervisorDownloadsAnnualReport(page, 2024, 'docx');
      expect(fs.readFileSync(docx).subarray(0, 2).toString('latin1')).toBe('PK');
      expect(docx).toMatch(/\.docx$/);
      const xlsx = await supervisorDownloadsAnnualReport(page, 2024, 'xlsx');
      expect(fs.readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK');
      const api = (await http(h.app).get('/reports/annual?year=2024').set(bearer(a.supervisor)).expect(200)).body;
      expect(api.randomInspections.checks).toBe(2); // the third record was returned, not approved
      expect(api.randomInspections.checksByMonth[4]).toBe(2);
      await page.getByTestId('report-paragraph').getByText(api.paragraph.slice(0, 20)).waitFor();
      expect(await page.locator('canvas').count()).toBeGreaterThanOrEqual(3);
      await screenshot(page, 'report-desktop');
    } finally {
      await context.close();
    }
    const tablet = await session(a.supervisor, 'tablet');
    try {
      await tablet.page.getByRole('menu', { name: '主导航' }).getByRole('link', { name: '年度报告', exact: true }).click();
      await tablet.page.getByLabel('年度').click();
      await tablet.page.locator('.ant-select-dropdown:visible').getByTitle('2024 年', { exact: true }).click();
      await tablet.page.getByText(/ · 2024 年 · 数据截至/).waitFor();
      await tablet.page.locator('canvas').nth(2).waitFor();
      await screenshot(tablet.page, 'report-tablet');
    } finally {
      await tablet.context.close();
    }
  });

  it('corrects and withdraws a published result, orders a rectification and records its follow-up (each confirmed, read back)', async () => {
    const { context, page } = await session(a.supervisor);
    const nav = page.getByRole('menu', { name: '主导航' });
    try {
      // 公示期限 · 已公示 → the result → 更正 (a new version with the reason) → 撤回.
      await nav.getByRole('menuitem', { name: '检查结果' }).click();
      await nav.getByRole('link', { name: '公示期限', exact: true }).click();
      await page.getByLabel('公示状态').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('已公示', { exact: true }).click();
      await page.getByRole('link', { name: names[0], exact: true }).click();
      await page.getByRole('button', { name: /^\s*更\s*正\s*$/ }).click();
      let dialog = page.getByRole('dialog');
      await dialog.getByText('原版本不会删除').waitFor(); // the consequence is named before confirming
      await dialog.getByLabel('更正原因（对外公开）').fill('检查日期录入有误，予以更正');
      await dialog.getByRole('button', { name: '确认更正' }).click();
      await page.getByText('已更正，新版本已公示').first().waitFor();
      let pub = (await http(h.app).get(`/publications?recordId=${records[0]}`).set(bearer(a.supervisor)).expect(200)).body.items[0];
      expect(pub).toMatchObject({ version: 2, state: 'published', correctionReason: '检查日期录入有误，予以更正' });
      await page.getByText('第 2 版').first().waitFor();
      await page.getByRole('button', { name: /^\s*撤\s*回\s*$/ }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByLabel('撤回原因（对外公开）').fill('经行政复议决定撤销');
      await dialog.getByRole('button', { name: '确认撤回' }).click();
      await page.getByText('已撤回', { exact: true }).first().waitFor(); // exact: the confirmation's own text mentions 「已撤回」
      pub = (await http(h.app).get(`/publications?recordId=${records[0]}`).set(bearer(a.supervisor)).expect(200)).body.items[0];
      expect(pub).toMatchObject({ state: 'withdrawn', withdrawnReason: '经行政复议决定撤销' });

      // The approved record with a problem: 责令改正, then its follow-up from 责令整改.
      await nav.getByRole('link', { name: '检查记录', exact: true }).click();
      await page.getByLabel('环节').click();
      await page.locator('.ant-select-dropdown:visible').getByTitle('已审批待公示', { exact: true }).click();
      await page.getByRole('link', { name: names[1], exact: true }).click();
      await page.getByRole('button', { name: '责令改正' }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByLabel('整改要求').fill('按规定公示实验动物使用许可证信息');
      await dialog.getByRole('button', { name: '下达责令改正' }).click();
      await page.getByText('已下达责令改正').first().waitFor();
      await nav.getByRole('link', { name: '责令整改', exact: true }).click();
      await page.getByText('按规定公示实验动物使用许可证信息').waitFor();
      await page.getByRole('button', { name: '记录复查' }).click();
      dialog = page.getByRole('dialog');
      await dialog.getByLabel('复查说明（将随结果公开）').fill('已在公示系统公示许可证信息');
      await dialog.getByRole('button', { name: '保存复查结果' }).click();
      await page.getByText('复查结果已记录').first().waitFor();
      const orders = (await http(h.app).get('/rectifications').set(bearer(a.supervisor)).expect(200)).body.items;
      expect(orders).toEqual([expect.objectContaining({ recordId: records[1], requirement: '按规定公示实验动物使用许可证信息', rectified: true, followUpNote: '已在公示系统公示许可证信息', followedUpOn: '2026-12-20' })]);
    } finally {
      await context.close();
    }
  });

  it('another department\'s supervisor and legal reviewer see none of these records', async () => {
    const sup = await session(b.supervisor);
    try {
      await sup.page.getByRole('menu', { name: '主导航' }).getByRole('menuitem', { name: '检查结果' }).click();
      await sup.page.getByRole('menu', { name: '主导航' }).getByRole('link', { name: '检查记录', exact: true }).click();
      await sup.page.getByText('暂无检查记录').waitFor();
      expect(await rowsOfList(sup.page)).toBe(0);
      for (const n of names) expect(await sup.page.getByText(n).count()).toBe(0);
      await sup.page.getByRole('menu', { name: '主导航' }).getByRole('link', { name: '公示期限', exact: true }).click();
      await sup.page.getByText('暂无需要公示的检查结果').waitFor();
    } finally {
      await sup.context.close();
    }
    const legal = await session(b.legalReviewer);
    try {
      await legal.page.getByRole('menu', { name: '主导航' }).getByRole('menuitem', { name: '法制审核' }).click();
      await legal.page.getByRole('menu', { name: '主导航' }).getByRole('link', { name: '审核登记', exact: true }).click();
      await legal.page.getByText(/没有登记的法制审核/).waitFor();
      for (const n of names) expect(await legal.page.getByText(n).count()).toBe(0);
    } finally {
      await legal.context.close();
    }
    // The API agrees: nothing of department A for department B.
    expect((await http(h.app).get('/records').set(bearer(b.supervisor)).expect(200)).body.items).toEqual([]);
    await http(h.app).get(`/records/${records[0]}`).set(bearer(b.legalReviewer)).expect(404);
  });
});
