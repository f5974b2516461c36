import type { Page } from 'playwright-core';
import { http } from '../support/app';
import { freshUscc } from '../support/files';
import { newConsolePage, screenshot, signIn, startConsole, type ConsoleHarness } from '../support/console';
import { bearer, makeAccount, makeDepartment, makeDepartmentWithStaff, PASSWORD, unique, type TestAccount } from '../support/fixtures';
import { drawClassB, importEntities, makeLinkedInspectors } from '../support/scenario';
import { inspectorSubmitsRecord } from './walk/field';

// Browser steps on a shared 2-core machine: a whole scenario per test, not a unit.
jest.setTimeout(180_000);

type Task = { id: string; entity: { name: string; registeredAddress: string }; team: { inspectorId: string }[]; items: { itemVersionId: string }[]; record: { id: string } | null };

/** A small JPEG (the evidence store recognises the type from the bytes). */
const jpeg = (n: string) => {
  const head = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF\0 console photo ${n} `, 'latin1')]);
  return Buffer.concat([head, Buffer.alloc(256, 0x20)]);
};

/**
 * The inspector's pages (issue 14, online part): my tasks and the check form at phone size, against the
 * real app. The suite's clock: Wednesday 2024-06-26 10:00 Beijing. Two draws of the same department for a
 * team of two linked inspectors: one window ended in May (overdue), one ending Sunday 2024-06-30 (this week).
 */
describe('console: the inspector on site', () => {
  let h: ConsoleHarness;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  let inspectors: { account: TestAccount; id: string }[];
  let otherInspector: TestAccount;
  let june: Task[];
  let may: Task[];
  /** Entities of June's tasks that May's draw did not pick (one card each in 我的任务). */
  let onlyJune: Task[];

  beforeAll(async () => {
    // Rules and limits other than the defaults: the form must show the API's numbers, not its own.
    h = await startConsole({ RULES_MAJOR_PENALTY_YUAN: '50000', EVIDENCE_MAX_PHOTO_MB: '5' }, { clockFixedAt: '2024-06-26T02:00:00Z' });
    staff = await makeDepartmentWithStaff(h.app);
    const S = bearer(staff.supervisor);
    const item = (
      await http(h.app)
        .post('/items')
        .set(S)
        .send({ code: unique('CF-'), name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》', subItems: ['查验实验动物使用许可证', '查看实验动物使用记录'], category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
        .expect(201)
    ).body as { id: string };
    await importEntities(h.app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址'], ...Array.from({ length: 4 }, (_, i) => [freshUscc(), `现场页面测试${i}号生物科技有限公司`, 'B', '2023-01-01', `天津市河西区友谊路${i + 1}号`])]);
    inspectors = await makeLinkedInspectors(h.app, S, staff.department.id, 2, '现场检查员', 'CF-');
    ({ tasks: may } = await drawClassB<Task>(h.app, S, item.id, 1, '五月现场计划', '双色球 2024050: 01 02 03 04 05 06 + 07', { year: 2024, windowStart: '2024-05-06', windowEnd: '2024-05-31' }));
    ({ tasks: june } = await drawClassB<Task>(h.app, S, item.id, 3, '六月现场计划', '双色球 2024060: 01 02 03 04 05 06 + 08', { year: 2024, windowStart: '2024-06-03', windowEnd: '2024-06-30' }));
    onlyJune = june.filter((t) => !may.some((m) => m.entity.name === t.entity.name));
    const other = await makeDepartment(h.app);
    const otherSupervisor = await makeAccount(h.app, 'supervisor', other.id);
    otherInspector = (await makeLinkedInspectors(h.app, bearer(otherSupervisor), other.id, 1, '他部门检查员', 'CO-'))[0].account;
  }, 240_000);
  afterAll(() => h?.close());

  const record = async (taskId: string, who: TestAccount) => {
    const task = (await http(h.app).get(`/tasks/${taskId}`).set(bearer(who)).expect(200)).body as Task;
    return task.record ? (await http(h.app).get(`/records/${task.record.id}`).set(bearer(who)).expect(200)).body : null;
  };
  const errorUnder = (page: Page, label: string) => page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');

  it("answers the check form's options from the rules and the server's clock, and the tasks' check points", async () => {
    const options = (await http(h.app).get('/check-form/options').set(bearer(inspectors[0].account)).expect(200)).body;
    expect(options).toMatchObject({ minInspectorsPresent: 2, majorPenaltyYuan: 50000, maxPhotoMb: 5, maxEvidenceFiles: 200, today: '2024-06-26' });
    expect(options.resultCodes).toHaveLength(11);
    expect(options.resultCodes).toContainEqual({ code: 'NO_PROBLEM', label: '未发现问题', problem: false });
    expect(options.resultCodes).toContainEqual({ code: 'PROBLEM_PENDING', label: '发现问题待后续处理', problem: true });
    await http(h.app).get('/check-form/options').expect(401);
    const mine = (await http(h.app).get('/me/tasks').set(bearer(inspectors[1].account)).expect(200)).body;
    expect(mine).toMatchObject({ today: '2024-06-26', notice: null, meta: { totalCount: 4 } });
    expect(mine.items[0].items[0].subItems).toEqual(['查验实验动物使用许可证', '查看实验动物使用记录']);
  });

  it('lists my tasks by what is due, with the address, a map link and the team; the check form refuses a date before the draw, keeps input through a conflict, takes photos, and submits', async () => {
    expect(onlyJune.length).toBeGreaterThanOrEqual(2);
    const { context, page } = await newConsolePage(h, 'phone');
    try {
      await signIn(page, inspectors[0].account.username, PASSWORD);
      await page.getByRole('heading', { name: '本周到期（3）' }).waitFor();
      await page.getByRole('heading', { name: '已逾期（1）' }).waitFor();
      const card = page.getByRole('article', { name: onlyJune[0].entity.name });
      await card.getByText(onlyJune[0].entity.registeredAddress).waitFor();
      expect(await card.getByRole('link', { name: `在地图中查看 ${onlyJune[0].entity.registeredAddress}` }).getAttribute('href')).toBe(`https://uri.amap.com/search?keyword=${encodeURIComponent(onlyJune[0].entity.registeredAddress)}&callnative=1`);
      await card.getByText('检查期限 2024-06-03 至 2024-06-30（剩余 4 天）').waitFor();
      await card.getByText(/检查组 2 人，组长 现场检查员\d/).click();
      await card.getByRole('list', { name: '检查组' }).getByText('（我）').waitFor();
      // Touch targets: the card's action and the bottom bar.
      const action = await card.getByRole('link', { name: `开始检查：${onlyJune[0].entity.name}` }).boundingBox();
      expect(action!.height).toBeGreaterThanOrEqual(44);
      const tab = await page.getByRole('navigation', { name: '底部导航' }).getByRole('link', { name: '我的任务' }).boundingBox();
      expect(tab!.height).toBeGreaterThanOrEqual(44);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      await screenshot(page, 'inspector-tasks-phone');

      const target = onlyJune[0];
      await card.getByRole('link', { name: `开始检查：${target.entity.name}` }).click();
      await page.getByRole('form', { name: '现场检查记录' }).waitFor();
      await page.getByRole('list', { name: '实验动物许可情况的检查 检查要点' }).getByText('查看实验动物使用记录').waitFor();
      await page.getByText('拟罚款超过 50,000 元', { exact: false }).waitFor();
      await page.getByText('每张照片不超过 5 MB', { exact: false }).waitFor();
      // Today, inside the window, is the default; the entity's address is the place.
      expect(await page.getByLabel('检查日期').inputValue()).toBe('2024-06-26');
      expect(await page.getByLabel('检查地点').inputValue()).toBe(target.entity.registeredAddress);
      await page.getByLabel('检查日期').fill('2024-05-20');
      await page.getByRole('button', { name: /保\s*存$/ }).click();
      await errorUnder(page, '检查日期').getByText('检查日期不能早于抽取日期（2024-06-03）').waitFor();
      expect(await record(target.id, inspectors[0].account)).toBeNull(); // refused: nothing created

      await page.getByLabel('检查日期').fill('2024-06-25');
      await page.getByLabel('被检查单位在场人员姓名').fill('赵六');
      await page.getByLabel('拍照上传').setInputFiles([{ name: '现场照片1.jpg', mimeType: 'image/jpeg', buffer: jpeg('1') }]);
      await page.getByRole('list', { name: '已上传的照片' }).getByText('现场照片1.jpg').waitFor();
      await errorUnder(page, '检查日期').waitFor({ state: 'detached' }); // the saved date cleared the message
      const created = await record(target.id, inspectors[0].account);
      expect(created).toMatchObject({ state: 'in_progress', checkDate: '2024-06-25', representative: null });

      // A teammate saves meanwhile: my save is a conflict, and reloading keeps what I typed.
      await http(h.app).patch(`/records/${created.id}`).set(bearer(inspectors[1].account)).send({ version: created.editVersion, remarks: '同组人员补充' }).expect(200);
      await page.getByLabel('职务').fill('质量负责人');
      await page.getByRole('button', { name: /保\s*存$/ }).click();
      await page.getByRole('alert').getByText('数据已被他人修改').waitFor();
      await page.getByRole('button', { name: '重新加载并保留我的输入' }).click();
      await page.getByText('数据已被他人修改').waitFor({ state: 'detached' });
      expect(await page.getByLabel('职务').inputValue()).toBe('质量负责人');
      expect(await page.getByLabel('内部备注（不公开）').inputValue()).toBe('同组人员补充'); // untouched here: the teammate's value
      await page.getByRole('button', { name: /保\s*存$/ }).click();
      await page.getByText('已保存').waitFor();
      expect(await record(target.id, inspectors[0].account)).toMatchObject({ representative: { name: '赵六', role: '质量负责人' }, remarks: '同组人员补充' });
      await page.getByRole('group', { name: '在场执法人员' }).getByRole('checkbox').first().check();
      await page.getByText('已保存').waitFor({ state: 'detached' }); // the toasts are gone from the picture
      await screenshot(page, 'inspector-form-phone');

      await inspectorSubmitsRecord(page, target.entity.name, { result: '未发现问题', findings: '许可证在有效期内，现场未发现问题', checkDate: '2024-06-25' });
      const submitted = await record(target.id, inspectors[0].account);
      expect(submitted).toMatchObject({
        state: 'submitted',
        checkDate: '2024-06-25',
        results: [{ code: 'NO_PROBLEM', label: '未发现问题' }],
        representative: { name: '王五', role: '负责人' },
        major: false,
        findings: [{ itemVersionId: target.items[0].itemVersionId, compliant: true, description: '许可证在有效期内，现场未发现问题' }],
      });
      expect(submitted.inspectorsPresent.map((p: { inspectorId: string }) => p.inspectorId).sort()).toEqual(target.team.map((m) => m.inspectorId).sort());
      const evidence = (await http(h.app).get(`/records/${submitted.id}/evidence`).set(bearer(inspectors[0].account)).expect(200)).body;
      expect(evidence).toHaveLength(1);

      // A problem and a major decision, through the same step.
      const second = onlyJune[1];
      await inspectorSubmitsRecord(page, second.entity.name, { result: '发现问题待后续处理', findings: '未按规定建立实验动物使用记录', checkDate: '2024-06-26', major: true });
      expect(await record(second.id, inspectors[0].account)).toMatchObject({
        state: 'submitted',
        results: [{ code: 'PROBLEM_PENDING' }],
        major: true,
        findings: [{ compliant: false, description: '未按规定建立实验动物使用记录', legalClause: '《实验动物管理条例》' }],
      });
      await page.getByRole('link', { name: '我的任务' }).first().click();
      await page.getByRole('heading', { name: '已提交（2）' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it("shows the team's second inspector the same tasks and the submitted record (desktop and tablet)", async () => {
    const target = onlyJune[0];
    for (const size of ['desktop', 'tablet'] as const) {
      const { context, page } = await newConsolePage(h, size);
      try {
        await signIn(page, inspectors[1].account.username, PASSWORD);
        const card = page.getByRole('article', { name: target.entity.name });
        await card.getByText('已提交', { exact: true }).waitFor();
        await page.getByRole('heading', { name: '已提交（2）' }).waitFor();
        await screenshot(page, `inspector-tasks-${size}`);
        if (size === 'desktop') {
          await card.getByRole('link', { name: `查看记录：${target.entity.name}` }).click();
          await page.getByText('检查记录已提交', { exact: true }).waitFor();
          await page.getByText('王五（负责人）').waitFor();
          await screenshot(page, 'inspector-record-desktop');
          await expect(page.getByRole('form', { name: '现场检查记录' }).count()).resolves.toBe(0);
        }
      } finally {
        await context.close();
      }
    }
  });

  it("shows another department's inspector nothing, and an unlinked account the API's notice", async () => {
    const { context, page } = await newConsolePage(h, 'phone');
    try {
      await signIn(page, otherInspector.username, PASSWORD);
      await page.getByText('暂无检查任务', { exact: false }).waitFor();
      await expect(page.getByRole('article').count()).resolves.toBe(0);
      await http(h.app).get(`/tasks/${onlyJune[0].id}`).set(bearer(otherInspector)).expect(404);
      await page.getByRole('button', { name: /退\s*出/ }).click();
      await page.getByLabel('用户名').waitFor();

      await signIn(page, staff.inspector.username, PASSWORD);
      await page.getByRole('alert').getByText('该账号尚未关联执法人员').waitFor();
    } finally {
      await context.close();
    }
  });
});
