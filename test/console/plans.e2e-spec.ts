import type { Page } from 'playwright-core';
import { http } from '../support/app';
import { newConsolePage, screenshot, signIn, startConsole, type ConsoleHarness } from '../support/console';
import { freshUscc } from '../support/files';
import { bearer, makeDepartmentWithStaff, PASSWORD, unique } from '../support/fixtures';
import { createHash } from 'node:crypto';
import { Clock } from '../../src/common/clock';
import { commitReveal, dateDraw, importEntities, letTimePass, makeLinkedInspectors } from '../support/scenario';
import { fillPlanScope, fillPublicEvent, openPlan, supervisorCreatesPlan, supervisorDraws, supervisorPublishesPlan, type PublicEvent } from './walk/plans';

// Browser steps on a shared 2-core machine: a whole scenario per test, not a unit.
jest.setTimeout(180_000);

type Task = { id: string; position: number; state: string; entity: { uscc: string; name: string }; team: { inspectorId: string; certificateNumber: string; name: string }[] };

/**
 * 抽查计划 in the console: the wizard (with the counts per class before saving), publication, the draw
 * ceremony, the draw's targets and teams, substitution and redraw. Plans run in 2024 and the app's
 * clock is fixed in March 2024, so nothing depends on the day the tests run.
 */
describe('console: plans and draws', () => {
  let h: ConsoleHarness;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  let S: Record<string, string>;
  const itemName = unique('实验动物抽查事项');
  const planName = unique('2024年实验动物双随机抽查');
  let drawId: string;

  const item = async (name: string) =>
    (
      await http(h.app)
        .post('/items')
        .set(S)
        .send({ code: unique('CP-'), name, legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    h = await startConsole({}, { clockFixedAt: '2024-03-04T02:00:00Z' });
    staff = await makeDepartmentWithStaff(h.app);
    S = bearer(staff.supervisor);
    await item(itemName);
    const rows: string[][] = [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '监管单位', '联系电话']];
    for (let i = 0; i < 40; i++) rows.push([freshUscc(), `控制台抽取${i}号公司`, 'ABCD'[i % 4], '2023-01-01', '', '022-98765432']);
    await importEntities(h.app, S, rows);
    await makeLinkedInspectors(h.app, S, staff.department.id, 4, '检查员', 'CP-');
    // To-dos for the workbench, on another item (the repeat window is per item): a plan waiting for
    // its randomness, and a draw whose teams could not be filled (6 per team, 4 inspectors).
    const other = await item(unique('其他抽查事项'));
    const plan = (period: object, teamSize: number) => ({ name: unique('待办计划'), year: 2024, itemIds: [other], sampling: { A: { count: 0 }, B: { count: 2 }, C: { count: 0 }, D: { count: 0 } }, teamSize, ...period });
    const waiting = (await http(h.app).post('/plans').set(S).send(plan({ windowStart: '2024-04-01', windowEnd: '2024-06-30' }, 2)).expect(201)).body;
    await http(h.app).post(`/plans/${waiting.id}/publish`).set(S).send({ ...commitReveal(h.app), version: 1 }).expect(201);
    const unstaffed = (await http(h.app).post('/plans').set(S).send(plan({ windowStart: '2024-01-02', windowEnd: '2024-03-29' }, 6)).expect(201)).body;
    await http(h.app).post(`/plans/${unstaffed.id}/publish`).set(S).send({ ...commitReveal(h.app), version: 1 }).expect(201);
    letTimePass(h.app);
    const d = (await http(h.app).post(`/plans/${unstaffed.id}/draw`).set(S).send({ witnessEntropy: '2024001 开奖号码 03 11 19' }).expect(201)).body;
    await dateDraw(h.app, d.id);
  }, 240_000);
  afterAll(() => h?.close());

  /** Lets the app's time pass a named event (a minute beyond it): time passing, not an API call. */
  const passEvent = (event: PublicEvent | null) => {
    const clock = h.app.get(Clock);
    clock.advance(Math.max(0, Date.parse(event!.at) - clock.now().getTime()) + 60_000);
  };

  const supervisorPage = async (viewport: 'desktop' | 'tablet' = 'desktop') => {
    const { context, page } = await newConsolePage(h, viewport);
    await signIn(page, staff.supervisor.username, PASSWORD);
    return { context, page };
  };

  /** The targets table as shown: USCC and certificate numbers per row, in order. */
  const shownTargets = async (page: Page) => {
    const rows = page.getByRole('table', { name: '检查对象与检查组' }).locator('tbody tr.ant-table-row');
    return rows.evaluateAll((trs) => trs.map((tr) => (tr as unknown as { innerText: string }).innerText));
  };

  it('shows the API\'s message under the class whose ratio is invalid, keeps what was typed, and the counts per class before saving', async () => {
    const { context, page } = await supervisorPage();
    try {
      await fillPlanScope(page, { name: '比例有误的计划', year: 2024, itemName });
      await page.getByLabel('A 类比例（%）').fill('150');
      await page.getByRole('button', { name: '下一步' }).click();
      const items = (await http(h.app).get('/items').query({ q: itemName }).set(S).expect(200)).body.items as { id: string }[];
      const body = { year: 2024, itemIds: [items[0].id], windowStart: '2024-01-02', sampling: { A: { ratioPercent: 150 }, B: { ratioPercent: 5 }, C: { ratioPercent: 20 }, D: { ratioPercent: 100 } } };
      const refused = (await http(h.app).post('/plans/sampling-preview').set(S).send(body).expect(400)).body as { details: { field: string; constraints: Record<string, string> }[] };
      expect(refused.details[0].field).toBe('sampling.A.ratioPercent');
      const apiMessage = Object.values(refused.details[0].constraints)[0];
      await page.locator('#sampling_A_help').getByText(apiMessage).waitFor();
      expect(await page.getByLabel('A 类比例（%）').inputValue()).toBe('150');

      // Corrected, the counts per class come from the API before anything is saved.
      await page.getByLabel('A 类比例（%）').fill('10');
      await page.getByRole('button', { name: /计算抽取数量/ }).click();
      await page.locator('#sampling_A_help').waitFor({ state: 'detached' });
      const preview = (await http(h.app).post('/plans/sampling-preview').set(S).send({ ...body, sampling: { ...body.sampling, A: { ratioPercent: 10 } } }).expect(200)).body as { total: number; strata: { stratum: string; quota: number }[] };
      await page.getByTestId('quota-total').getByText(String(preview.total), { exact: true }).waitFor();
      for (const s of preview.strata) expect(await page.getByTestId(`quota-${s.stratum}`).innerText()).toBe(String(s.quota));
      expect(await page.getByText('条件已修改，请重新计算').count()).toBe(0);
      await screenshot(page, 'plan-wizard-desktop');

      // Nothing typed was lost: back on the scope step the name is still there.
      await page.getByRole('button', { name: '上一步' }).click();
      expect(await page.getByLabel('计划名称').inputValue()).toBe('比例有误的计划');
    } finally {
      await context.close();
    }
  });

  it('creates, publishes and draws a plan through the console; the targets table is the API\'s /draws/{id}/tasks', async () => {
    const { context, page } = await supervisorPage();
    try {
      await supervisorCreatesPlan(page, { name: planName, year: 2024, itemName, ratios: { A: 10, B: 20, C: 50, D: 100 }, teamSize: 2, witnessEntropy: 'x' });
      const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1];
      const draft = (await http(h.app).get(`/plans/${planId}`).set(S).expect(200)).body;
      expect(draft).toMatchObject({ name: planName, state: 'draft', teamSize: 2, sampling: { A: { ratioBasisPoints: 1000 }, B: { ratioBasisPoints: 2000 }, C: { ratioBasisPoints: 5000 }, D: { ratioBasisPoints: 10000 } } });

      const witness = { label: '见证人：市公证处', secret: '公证处见证秘密 7319' };
      const shownNow = Math.floor(h.app.get(Clock).now().getTime() / 60_000) * 60_000; // the dialog shows minutes
      const event = await supervisorPublishesPlan(page, planName, undefined, [witness]);
      const published = (await http(h.app).get(`/plans/${planId}`).set(S).expect(200)).body;
      // The default event lies five minutes after the app's time the dialog showed (its clock, not the browser's).
      expect(event).toEqual({ name: expect.stringMatching(/^中国体育彩票排列5 第\d+期开奖号码$/), at: new Date(shownNow + 300_000).toISOString() });
      const sha = createHash('sha256').update(witness.secret, 'utf8').digest('hex');
      expect(published).toMatchObject({
        state: 'published',
        randomness: { source: 'commit-reveal', event: { ...event, checkUrl: 'https://www.lottery.gov.cn/' }, witnesses: [{ label: witness.label, commitment: sha }] },
        publication: { drawNotBefore: event!.at },
      });
      for (const hash of [published.candidatePoolHash, published.inspectorPoolHash, published.parametersHash, published.randomness.commitment, sha]) await page.getByText(hash, { exact: true }).first().waitFor();
      // The publication record, with the public inputs anyone can download.
      const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(event!.at));
      expect(await page.getByTestId('draw-not-before').innerText()).toBe(`${beijing}（北京时间）`);
      expect(await page.getByRole('link', { name: '发布记录（JSON）' }).getAttribute('href')).toBe(`/public/plans/${planId}/publication`);
      expect(await page.getByRole('link', { name: '候选对象名录', exact: true }).getAttribute('href')).toBe(`/public/plans/${planId}/snapshots/candidates.tsv`);
      await page.getByRole('link', { name: /核对官方开奖结果/ }).waitFor();
      await page.getByText('尚未到抽取时间').waitFor();

      // Tried before the event: the API refuses (RANDOMNESS_NOT_YET) and the page says so.
      await page.getByLabel('公开随机事件的官方开奖结果').fill('尚未开奖 0 0 0');
      await page.getByLabel(`${witness.label} 揭示的秘密值`).fill(witness.secret);
      await page.getByRole('button', { name: /开始抽取/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: /确认抽取/ }).click();
      const early = await http(h.app).post(`/plans/${planId}/draw`).set(S).send({ witnessEntropy: '尚未开奖 0 0 0', witnessReveals: [witness.secret] }).expect(409);
      expect(early.body.code).toBe('RANDOMNESS_NOT_YET');
      await page.getByRole('alert').getByText(early.body.message, { exact: false }).waitFor();
      await screenshot(page, 'plan-detail-desktop');

      passEvent(event);
      // A witness's reveal that does not match the commitment: the API's message under that field, nothing drawn.
      await openPlan(page, planName, '已公布待抽取');
      await page.getByText('已到抽取时间').waitFor();
      await page.getByLabel('公开随机事件的官方开奖结果').fill('2024年3月4日 排列5 开奖号码 4 1 7 2 9');
      await page.getByLabel(`${witness.label} 揭示的秘密值`).fill('不是承诺的值');
      await page.getByRole('button', { name: /开始抽取/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: /确认抽取/ }).click();
      await page.locator('#witnessReveals_0_help').getByText(/与发布时的承诺不符/).waitFor();
      expect((await http(h.app).get(`/plans/${planId}`).set(S).expect(200)).body.state).toBe('published');

      const shown = await supervisorDraws(page, planName, '2024年3月4日 排列5 开奖号码 4 1 7 2 9', [witness.secret]);
      drawId = /\/draws\/([0-9a-f-]{36})/.exec(page.url())![1];
      await dateDraw(h.app, drawId);
      const summary = (await http(h.app).get(`/draws/${drawId}`).set(S).expect(200)).body;
      expect(shown).toEqual({ targets: summary.tasks, unstaffed: summary.unstaffedTasks });
      expect(summary.tasks).toBe(1 + 2 + 5 + 10);

      const api = (await http(h.app).get(`/draws/${drawId}/tasks`).query({ pageSize: 20 }).set(S).expect(200)).body as { items: Task[] };
      await page.getByRole('table', { name: '检查对象与检查组' }).getByText(api.items[0].entity.uscc).waitFor();
      const rows = await shownTargets(page);
      expect(rows).toHaveLength(api.items.length);
      api.items.forEach((t, i) => {
        expect(rows[i]).toContain(t.entity.uscc);
        for (const m of t.team) expect(rows[i]).toContain(m.certificateNumber);
      });
      await page.getByText(summary.seed, { exact: true }).waitFor();
      expect(await page.getByRole('link', { name: '公开核验页面' }).getAttribute('href')).toBe(`/portal/draws/${drawId}`);
    } finally {
      await context.close();
    }
    // The draw was dated into 2024 meanwhile: a fresh session opens it from the plan, as a user returns to it.
    const again = await supervisorPage();
    try {
      await openPlan(again.page, planName, '已抽取');
      await again.page.getByRole('link', { name: '查看抽取结果' }).click();
      await again.page.getByText('2024-01-02 09:00（北京时间）').waitFor();
      await screenshot(again.page, 'draw-detail-desktop');
    } finally {
      await again.context.close();
    }
  });

  it('substitutes a team member, and a redraw asks for a reason and names what it undoes', async () => {
    const { context, page } = await supervisorPage('tablet');
    try {
      await openPlan(page, planName, '已抽取');
      await page.getByRole('link', { name: '查看抽取结果' }).click();
      await page.getByTestId('draw-counts').waitFor();
      await screenshot(page, 'draw-detail-tablet');

      const before = (await http(h.app).get(`/draws/${drawId}/tasks`).query({ pageSize: 1 }).set(S).expect(200)).body.items[0] as Task;
      await page.getByRole('button', { name: `替换检查人员：${before.entity.name}` }).click();
      const sub = page.getByRole('dialog');
      await sub.getByText(before.team[0].certificateNumber).click();
      await sub.getByLabel('替换理由').fill('该检查人员因公出差，不能参加本次检查');
      await sub.getByRole('button', { name: /确认替换/ }).click();
      await sub.waitFor({ state: 'detached' });
      const after = (await http(h.app).get(`/draws/${drawId}/tasks`).query({ pageSize: 1 }).set(S).expect(200)).body.items[0] as Task;
      expect(after.team.map((m) => m.certificateNumber)).not.toContain(before.team[0].certificateNumber);
      const joining = after.team.find((m) => m.inspectorId !== before.team[1].inspectorId)!.certificateNumber;
      await page.getByRole('table', { name: '检查对象与检查组' }).locator('tbody tr.ant-table-row').first().getByText(joining).waitFor();
      expect((await shownTargets(page))[0]).not.toContain(before.team[0].certificateNumber);

      await page.getByRole('button', { name: /申请重抽/ }).click();
      const dialog = page.getByRole('dialog', { name: '申请重抽' });
      await dialog.getByText(/本次抽取结果即告作废/).waitFor();
      await dialog.getByText(/重抽理由和新的随机数来源随抽取记录向社会公开/).waitFor();
      await dialog.getByRole('button', { name: /确认重抽/ }).click();
      await dialog.getByText('请填写重抽理由').waitFor();
      expect((await http(h.app).get(`/draws/${drawId}`).set(S).expect(200)).body.supersededBy).toBeNull();
      await dialog.getByLabel('重抽理由').fill('抽取现场见证人未到场，程序不合规，依法重抽');
      // The redraw names a NEW event: the one already used is refused, under its field.
      const planId = (await http(h.app).get(`/draws/${drawId}`).set(S).expect(200)).body.planId as string;
      const used = (await http(h.app).get(`/plans/${planId}`).set(S).expect(200)).body.randomness.event as PublicEvent;
      await fillPublicEvent(dialog, { name: used.name, at: new Date(h.app.get(Clock).now().getTime() + 300_000).toISOString() });
      await dialog.getByRole('button', { name: /确认重抽/ }).click();
      await dialog.locator('#event_name_help').getByText(/不能沿用本计划已用过的/).waitFor();
      await screenshot(page, 'redraw-dialog-tablet');
      const event = await fillPublicEvent(dialog);
      await dialog.getByRole('button', { name: /确认重抽/ }).click();
      await page.getByText('已申请重抽', { exact: true }).waitFor();
      expect((await http(h.app).get(`/draws/${drawId}`).set(S).expect(200)).body.supersededBy).toMatchObject({ reason: '抽取现场见证人未到场，程序不合规，依法重抽', drawId: null });

      passEvent(event);
      const again = await supervisorDraws(page, planName, '2024年3月4日 排列5 开奖号码 9 2 6 0 3');
      const newId = /\/draws\/([0-9a-f-]{36})/.exec(page.url())![1];
      expect(newId).not.toBe(drawId);
      const summary = (await http(h.app).get(`/draws/${newId}`).set(S).expect(200)).body;
      expect(again).toEqual({ targets: summary.tasks, unstaffed: summary.unstaffedTasks });
      await page.getByText('本次抽取为重抽结果').waitFor();
    } finally {
      await context.close();
    }
  });

  it('the workbench\'s to-dos open the plans waiting for randomness and the unstaffed targets', async () => {
    for (const viewport of ['tablet', 'desktop'] as const) {
      const { context, page } = await supervisorPage(viewport);
      try {
        await page.getByTestId('todo-draws_awaiting_randomness').waitFor();
        await screenshot(page, `supervisor-home-${viewport}`);
        if (viewport === 'tablet') continue;
        const todo = (await http(h.app).get('/dashboard/todo').set(S).expect(200)).body.items as { key: string; count: number; drawIds: string[] }[];
        const unstaffed = todo.find((t) => t.key === 'unstaffed_targets')!;
        expect(unstaffed.count).toBe(2);

        await page.getByTestId('todo-draws_awaiting_randomness').click();
        await page.waitForURL(/\/plans\?state=published/);
        const listed = page.getByRole('table').locator('tbody tr.ant-table-row');
        await listed.first().waitFor();
        expect(await listed.count()).toBe(todo.find((t) => t.key === 'draws_awaiting_randomness')!.count);
        await screenshot(page, 'plan-list-desktop');

        await page.getByRole('navigation').getByRole('menuitem', { name: '工作台' }).click();
        await page.getByTestId('todo-unstaffed_targets').click();
        await page.waitForURL(/\/draws\/[0-9a-f-]{36}\?staffed=false/);
        const api = (await http(h.app).get(`/draws/${unstaffed.drawIds[0]}/tasks`).query({ staffed: false }).set(S).expect(200)).body as { items: Task[] };
        await page.getByRole('table', { name: '检查对象与检查组' }).getByText(api.items[0].entity.uscc).waitFor();
        expect(await shownTargets(page)).toHaveLength(api.items.length);
        await page.getByText('未能配齐，需另行安排').first().waitFor();
      } finally {
        await context.close();
      }
    }
  });
});
