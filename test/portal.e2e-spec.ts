import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { findPersonalData } from '../src/common/personal-data';
import { bootApp, dataSourceOf, http } from './support/app';
import { commitReveal, letTimePass, travelTo } from './support/scenario';
import { findBrowser, launchBrowser } from './support/browser';
import { csv, freshUscc, utf8Bom } from './support/files';
import { bearer, makeAccount, makeDepartmentWithStaff, TestAccount, unique } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Task = { id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[]; entity: { uscc: string; name: string } };

const ARTIFACTS = path.join(__dirname, 'artifacts');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 private evidence', 'latin1')]);
const MOBILE = '13912345678';
const ID_CARD = '12010119800101123X';
const REMARK = `内部备注：法定代表人身份证${ID_CARD}，手机${MOBILE}`;
/** Words that must never reach a public page: personal data, internal remarks, representatives, evidence. */
const NEVER = [MOBILE, ID_CARD, '内部备注', '联系人李', '法人张', '王现场', 'evidence', '现场0.jpg', '现场1.jpg'];
const ENTITY_BASE = '门户测试生物科技';
const ITEM_NAME = '实验动物<script>alert(1)</script>许可检查';

/**
 * Run in the page (the project's TypeScript has no DOM types, so this is plain JavaScript): headings,
 * labels, language, viewport, skip link, the stylesheet applied, and WCAG contrast (≥ 4.5:1) of text.
 */
const A11Y_REPORT = `(() => {
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
  const skips = levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1);
  const fields = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')];
  const unlabelled = fields.filter((f) => !(f.labels && f.labels.length) && !f.getAttribute('aria-label')).map((f) => f.name);
  const lum = (c) => {
    const [r, g, b] = (c.match(/\\d+(\\.\\d+)?/g) || ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  const lowContrast = [...document.querySelectorAll('main p, main a, main dt, main dd, main th, main td, main label, main button, header a, footer p')]
    .filter((e) => e.offsetParent !== null && e.textContent.trim())
    .map((e) => {
      const [l1, l2] = [lum(getComputedStyle(e).color), lum(background(e))].sort((x, y) => y - x);
      return { text: e.textContent.trim().slice(0, 20), ratio: (l1 + 0.05) / (l2 + 0.05) };
    })
    .filter((x) => x.ratio < 4.5);
  const viewport = document.querySelector('meta[name=viewport]');
  const firstLink = document.querySelector('body a');
  return {
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    firstLevel: levels[0],
    skips,
    unlabelled,
    lowContrast,
    viewport: viewport && viewport.getAttribute('content'),
    firstLink: firstLink && firstLink.getAttribute('href'),
    css: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
  };
})()`;

/** The public portal in a real browser (test/support/browser.ts finds it), and the public JSON of items and plans. */
describe('public portal and catalogue', () => {
  let app: NestExpressApplication;
  let base: string;
  let a: Staff;
  let browser: Browser;
  const accounts = new Map<string, TestAccount>();
  const certificates: string[] = [];
  const inspectorNames: string[] = [];
  let tasks: Task[];
  let plan: { id: string };
  let draft: { id: string };
  let firstDrawId: string;
  let drawId: string;
  let evidenceHashes: string[];
  const usccs = Array.from({ length: 3 }, () => freshUscc());
  const names = usccs.map((_, i) => `${ENTITY_BASE}${i}有限公司`);

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    // The draw page shows the transcript's address on PUBLIC_BASE_URL: this instance's own, so the command it shows runs.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await bootApp({ PUBLIC_BASE_URL: base });
    await app.listen(port, '127.0.0.1');
    a = await makeDepartmentWithStaff(app);
    const S = bearer(a.supervisor);

    const item = (await http(app).post('/items').set(S).send({ code: unique('W-'), name: '实验动物许可情况检查', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' }).expect(201)).body;
    await http(app).patch(`/items/${item.id}`).set(S).send({ baseVersion: 1, name: ITEM_NAME, defaultRatios: { A: 2.5, B: 5, C: 20, D: 100 }, changeNote: '修订' }).expect(200);
    const rows = [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址', '法定代表人', '联系人', '联系电话'], ...usccs.map((u, i) => [u, names[i], 'B', '2023-01-01', `天津市滨海新区门户路${i}号`, `法人张${i}`, `联系人李${i}`, MOBILE])];
    await http(app).post('/imports/entities?wait=true').set(S).attach('file', utf8Bom(csv(rows)), 'entities.csv').expect(200);
    for (let i = 0; i < 3; i++) {
      const account = await makeAccount(app, 'inspector', a.department.id);
      const certificateNumber = unique('WEB-');
      const ins = (await http(app).post('/inspectors').set(S).send({ name: `门户检查员${i}`, certificateNumber, issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'], unit: `第${i + 1}所`, userId: account.id }).expect(201)).body;
      await http(app).post(`/inspectors/${ins.id}/trainings`).set(S).send({ date: '2023-12-10', hours: 40, topic: '专题培训' }).expect(201);
      await http(app).post(`/inspectors/${ins.id}/exams`).set(S).send({ year: 2023, passed: true }).expect(201);
      accounts.set(ins.id, account);
      certificates.push(certificateNumber);
      inspectorNames.push(`门户检查员${i}`);
    }
    const planBody = { year: 2024, itemIds: [item.id], sampling: { A: { ratioPercent: 3 }, B: { count: 3 }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2, windowStart: '2024-01-02', windowEnd: '2024-12-31' };
    plan = (await http(app).post('/plans').set(S).send({ ...planBody, name: unique('门户计划') }).expect(201)).body;
    draft = (await http(app).post('/plans').set(S).send({ ...planBody, name: unique('草稿计划') }).expect(201)).body;
    // Published and drawn in the plan's year (the Clock travels there and back): the draw lies after its
    // publication and its named events, as verify-draw checks, and before the check of 2024-06-03.
    const back = travelTo(app, '2024-01-02T00:30:00Z');
    await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201);
    letTimePass(app);
    // A draw, a redraw with its public reason, and the replacement draw.
    firstDrawId = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: '双色球 2024010: 01 04 09 16 25 33 + 07' }).expect(201)).body.id;
    await http(app).post(`/draws/${firstDrawId}/redraw`).set(S).send({ reason: '抽取现场见证人未到场，依程序重新抽取', ...commitReveal(app) }).expect(201);
    letTimePass(app);
    drawId = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: '双色球 2024011: 02 05 11 17 24 30 + 12' }).expect(201)).body.id;
    back();
    const ids: { id: string }[] = await dataSourceOf(app).query('SELECT id FROM tasks WHERE draw_id = $1 ORDER BY position', [drawId]);
    tasks = await Promise.all(ids.map(async (t) => (await http(app).get(`/tasks/${t.id}`).set(S).expect(200)).body as Task));

    // Task 0 and 1: checked, approved and published; task 2: a member replaced, not yet checked.
    for (const n of [0, 1]) {
      const t = tasks[n];
      const I = bearer(accounts.get(t.team[0].inspectorId)!);
      const record = (await http(app).post(`/tasks/${t.id}/record`).set(I).send({
        checkDate: '2024-06-03',
        place: '企业生产场所',
        inspectorsPresent: t.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
        representative: { name: '王现场', role: '质量负责人' },
        findings: t.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: true })),
        resultCodes: ['NO_PROBLEM'],
        remarks: REMARK,
      }).expect(201)).body;
      await http(app).post(`/records/${record.id}/evidence`).set(I).attach('file', JPEG, `现场${n}.jpg`).expect(201);
      const { version } = (await http(app).get(`/records/${record.id}`).set(I).expect(200)).body;
      const submitted = (await http(app).post(`/records/${record.id}/submit`).set(I).send({ version }).expect(200)).body;
      await http(app).post(`/records/${record.id}/approve`).set(S).send({ version: submitted.version }).expect(200);
      const pending = (await http(app).get('/publications?pageSize=100').set(S).expect(200)).body.items.find((p: { recordId: string }) => p.recordId === record.id);
      await http(app).post(`/publications/${pending.id}/publish`).set(S).send({}).expect(200);
    }
    await http(app).post(`/tasks/${tasks[2].id}/substitutions`).set(S).send({ inspectorId: tasks[2].team[0].inspectorId, reason: '原定检查人员因公出差' }).expect(201);
    evidenceHashes = (await dataSourceOf(app).query('SELECT sha256 FROM evidence_files')).map((e: { sha256: string }) => e.sha256);

    const choice = findBrowser();
    browser = await launchBrowser(choice);
    // Which Chromium this run used, for whoever reads the artifacts.
    fs.writeFileSync(path.join(ARTIFACTS, 'browser.json'), JSON.stringify({ source: choice.source, executablePath: choice.executablePath, version: browser.version() }, null, 2));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  describe('public JSON', () => {
    it('lists every department\'s items, current version with past versions, allow-listed fields only', async () => {
      const body = (await http(app).get(`/public/items?department=${a.department.id}`).expect(200)).body;
      expect(body.extractDate).toMatch(/\+08:00$/);
      expect(body.items).toHaveLength(1);
      const [item] = body.items;
      expect(Object.keys(item).sort()).toEqual(['category', 'categoryLabel', 'code', 'department', 'effectiveFrom', 'effectiveUntil', 'frequency', 'legalBasis', 'method', 'methodLabel', 'name', 'pastVersions', 'ratios', 'targetType', 'version'].sort());
      expect(item).toMatchObject({ name: ITEM_NAME, version: 2, ratios: { A: 2.5, B: 5, C: 20, D: 100 }, department: { id: a.department.id, name: a.department.name }, categoryLabel: '一般', methodLabel: '现场检查', effectiveUntil: null });
      expect(item.pastVersions).toEqual([expect.objectContaining({ version: 1, name: '实验动物许可情况检查', effectiveFrom: item.effectiveFrom, effectiveUntil: item.effectiveFrom })]);
      const all = (await http(app).get('/public/items').expect(200)).body;
      expect(all.items.map((i: { code: string }) => i.code)).toContain(item.code);
      expect((await http(app).get('/public/items?colour=red').expect(400)).body.details).toEqual([expect.objectContaining({ field: 'colour' })]);
      expect((await http(app).get('/public/items?department=x').expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('pages published plans (never drafts) with the public meta, and refuses unknown filters', async () => {
      const mine = (await http(app).get(`/public/plans?department=${a.department.id}&year=2024`).expect(200)).body;
      expect(mine.meta).toEqual({ totalCount: 1, pageNumber: 1, pageSize: 20, totalPages: 1, extractDate: expect.stringMatching(/\+08:00$/) });
      expect(mine.items).toEqual([expect.objectContaining({ id: plan.id, state: 'drawn', currentDrawId: drawId, department: { id: a.department.id, name: a.department.name }, jointDepartments: [] })]);
      expect(mine.items.map((p: { id: string }) => p.id)).not.toContain(draft.id);
      const beyond = (await http(app).get(`/public/plans?department=${a.department.id}&pageSize=1&pageNumber=2`).expect(200)).body;
      expect(beyond).toMatchObject({ items: [], meta: { totalCount: 1, pageNumber: 2, pageSize: 1, totalPages: 1 } });
      expect((await http(app).get('/public/plans?pageSize=101').expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await http(app).get('/public/plans?state=draft').expect(400)).body.details).toEqual([expect.objectContaining({ field: 'state' })]);
    });

    it('shows a plan\'s frozen scope, hashes, randomness and its current and superseded draws', async () => {
      const p = (await http(app).get(`/public/plans/${plan.id}`).expect(200)).body;
      const t = (await http(app).get(`/public/draws/${firstDrawId}/transcript`).expect(200)).body;
      expect(p).toMatchObject({
        id: plan.id,
        year: 2024,
        teamSize: 2,
        windowStart: '2024-01-02',
        windowEnd: '2024-12-31',
        items: [{ version: 2, name: ITEM_NAME, legalBasis: '《实验动物管理条例》' }],
        sampling: { A: { ratioPercent: 3 }, B: { count: 3 }, C: { count: 0 }, D: { count: 0 } },
        stratumCounts: { B: { candidates: 3, excluded: 0, eligible: 3 } },
        candidatePoolHash: t.candidatePoolHash,
        inspectorPoolHash: t.inspectorPoolHash,
        parametersHash: t.parametersHash,
        randomness: { source: 'commit-reveal', commitment: t.randomness.commitment },
        currentDrawId: drawId,
        supersededDraws: [{ drawId: firstDrawId, redraw: { reason: '抽取现场见证人未到场，依程序重新抽取', replacementDrawId: drawId, randomness: { source: 'commit-reveal' } } }],
      });
      expect(JSON.stringify(p)).not.toMatch(/secret|commitSecret|parametersJson|candidateFilter|recusal/i);
      await http(app).get(`/public/plans/${draft.id}`).expect(404);
      await http(app).get('/public/plans/00000000-0000-4000-8000-000000000000').expect(404);
      expect((await http(app).get('/public/plans/not-a-uuid').expect(400)).body.code).toBe('INVALID_ID');
    });
    it('summarises a draw as its transcript does, pages its targets, and never names an inspector', async () => {
      const t = (await http(app).get(`/public/draws/${drawId}/transcript`).expect(200)).body;
      const d = (await http(app).get(`/public/draws/${drawId}`).expect(200)).body;
      expect(d).toMatchObject({
        drawId,
        plan: { id: plan.id, currentDrawId: drawId },
        algorithm: 'draw-v1',
        seed: t.seed,
        randomness: { source: 'commit-reveal', commitment: t.randomness.commitment, secret: t.randomness.secret, witnessEntropy: t.randomness.witnessEntropy, randomness: t.randomness.randomness },
        strata: t.result.strata,
        supersededAt: null,
        supersededBy: null,
        redraw: { replacedDrawId: firstDrawId, replacementDrawId: drawId, reason: '抽取现场见证人未到场，依程序重新抽取', randomness: { source: 'commit-reveal', commitment: t.redraw.randomness.commitment } },
        substitutions: [{ uscc: tasks[2].entity.uscc, department: { id: a.department.id, name: a.department.name }, leaving: t.substitutions[0].leaving, joining: t.substitutions[0].joining, reason: '原定检查人员因公出差' }],
        meta: { totalCount: 3, pageNumber: 1, pageSize: 100, totalPages: 1 },
        transcriptUrl: `/public/draws/${drawId}/transcript`,
      });
      // Targets in ticket order with the drawn teams, the substitute in the leaving member's place.
      expect(d.targets.map((x: { position: number; uscc: string }) => [x.position, x.uscc])).toEqual(t.result.selections.map((s: { uscc: string }, i: number) => [i + 1, s.uscc]));
      const sub = t.substitutions[0];
      for (const target of d.targets) {
        const drawn = t.result.teams.find((team: { uscc: string }) => team.uscc === target.uscc).members.map((m: { certificateNumber: string }) => m.certificateNumber);
        const now = target.uscc === sub.uscc ? drawn.map((c: string) => (c === sub.leaving ? sub.joining : c)) : drawn;
        expect(target.teams).toEqual([{ department: { id: a.department.id, name: a.department.name }, members: now.map((c: string, k: number) => ({ certificateNumber: c, leader: k === 0, substitute: c === sub.joining && target.uscc === sub.uscc })) }]);
      }
      expect(JSON.stringify(d)).not.toMatch(/inspectorId|门户检查员/);
      const old = (await http(app).get(`/public/draws/${firstDrawId}?pageSize=1&pageNumber=3`).expect(200)).body;
      expect(old).toMatchObject({ supersededAt: expect.any(String), supersededBy: { replacementDrawId: drawId }, redraw: null, meta: { totalCount: 3, pageNumber: 3, pageSize: 1, totalPages: 3 } });
      expect(old.targets).toHaveLength(1);
      expect((await http(app).get(`/public/draws/${drawId}?pageSize=101`).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await http(app).get(`/public/draws/${drawId}?page=2`).expect(400)).body.details).toEqual([expect.objectContaining({ field: 'page' })]);
      await http(app).get('/public/draws/00000000-0000-4000-8000-000000000000').expect(404);
      expect((await http(app).get('/public/draws/not-a-uuid').expect(400)).body.code).toBe('INVALID_ID');
    });
  });

  describe('in Chromium', () => {
    let context: BrowserContext;
    let page: Page;
    const problems: string[] = [];

    beforeAll(async () => {
      context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
    });
    afterAll(async () => {
      await context?.close();
    });

    it('searches for an entity, opens its page, its draw and the draw\'s completeness — in Chinese, with no personal data', async () => {
      const home = await page.goto(base + '/');
      expect(home?.status()).toBe(200);
      expect(home?.headers()['content-type']).toContain('text/html');
      await expectAccessible(page);
      expect(await page.locator('h1').innerText()).toBe('双随机、一公开 抽查信息公示');
      expect(await page.locator('#items + p + .table-wrap').innerText()).toContain(ITEM_NAME); // escaped: printed, not run
      await page.screenshot({ path: path.join(ARTIFACTS, 'portal-home.png'), fullPage: true });

      await page.getByRole('navigation', { name: '网站导航' }).getByRole('link', { name: '检查结果查询' }).click();
      await page.getByLabel('检查对象名称').fill(`${ENTITY_BASE}`);
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForURL(/\/portal\/results\?/);
      expect(await page.locator('#found').innerText()).toBe('查询结果（共 2 条）');
      const published = [0, 1].map((n) => tasks[n].entity.name);
      for (const name of published) expect(await page.getByRole('link', { name }).count()).toBe(1);
      await expectAccessible(page);
      await expectPublicOnly(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'portal-search.png'), fullPage: true });

      await page.getByRole('link', { name: published[0] }).click();
      await page.waitForURL(new RegExp(`/portal/entities/${tasks[0].entity.uscc}$`));
      expect(await page.locator('h1').innerText()).toBe(published[0]);
      const entityText = await page.locator('main').innerText();
      expect(entityText).toContain(tasks[0].entity.uscc);
      expect(entityText).toContain('未发现问题');
      expect(entityText).toContain('执法证号');
      await expectAccessible(page);
      await expectPublicOnly(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'portal-entity.png'), fullPage: true });

      await page.getByRole('link', { name: '抽取记录', exact: true }).click();
      await page.waitForURL(new RegExp(`/portal/draws/${drawId}$`));
      const transcript = (await http(app).get(`/public/draws/${drawId}/transcript`).expect(200)).body;
      const drawText = await page.locator('main').innerText();
      expect(await page.locator('h1').innerText()).toContain('抽取记录');
      expect(drawText).toContain(transcript.seed);
      expect(drawText).toContain(transcript.randomness.witnessEntropy);
      expect(drawText).toContain('抽取现场见证人未到场，依程序重新抽取');
      expect(drawText).toContain('原定检查人员因公出差'); // the substitution, and the team as it stands
      expect(drawText).toContain('（递补）');
      expect(drawText).toContain(`npm run verify-draw -- ${base}/public/draws/${drawId}/transcript --feed ${base}`);
      // The command shown works: the built verifier re-runs this redraw and the draw it replaced, against the site's publication records.
      const shown = (await page.locator('#verify ~ ol pre code').first().innerText()).replace('npm run verify-draw -- ', '').split(' ');
      const verified = await run(process.execPath, [path.join(__dirname, '..', 'dist', 'src', 'verify-draw.js'), ...shown]);
      expect(verified).toMatch(new RegExp(`^OK: draw ${drawId} .* a redraw of draw ${firstDrawId} .*link and announcement verified`));
      expect(drawText).toContain('docs/draw-algorithm.md');
      for (const uscc of usccs) expect(drawText).toContain(uscc);
      expect(certificates.filter((c) => drawText.includes(c)).length).toBe(3);
      for (const name of inspectorNames) expect(drawText).not.toContain(name); // teams: certificate numbers only
      await expectAccessible(page);
      await expectPublicOnly(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'portal-draw.png'), fullPage: true });

      await page.getByRole('link', { name: '原抽取记录' }).click();
      expect(await page.locator('main .error-box').innerText()).toContain('本次抽取已被重新抽取取代');
      await page.goBack();

      await page.getByRole('link', { name: '查看检查结果公开进度' }).first().click();
      await page.waitForURL(new RegExp(`/portal/draws/${drawId}/completeness$`));
      expect(await page.locator('h1').innerText()).toBe('检查结果公开进度');
      const counts = page.getByRole('region', { name: '各状态的数量' });
      expect(await counts.getByRole('row', { name: /^已公开\s+2$/ }).count()).toBe(1);
      expect(await counts.getByRole('row', { name: /^尚未检查\s+1$/ }).count()).toBe(1);
      expect(await page.getByRole('region', { name: '各检查对象的公开进度' }).locator('tbody tr').count()).toBe(3);
      await expectAccessible(page);
      await expectPublicOnly(page);
      await page.screenshot({ path: path.join(ARTIFACTS, 'portal-completeness.png'), fullPage: true });

      expect(problems).toEqual([]); // no CSP refusals, no script errors, no injected dialogs
    });

    it('opens the plan page, fits a phone screen, and starts with a skip link', async () => {
      await page.goto(`${base}/portal/plans/${plan.id}`);
      expect(await page.locator('h1').innerText()).toContain('门户计划');
      const planText = await page.locator('main').innerText();
      const p = (await http(app).get(`/public/plans/${plan.id}`).expect(200)).body;
      expect(planText).toContain(p.candidatePoolHash);
      expect(planText).toContain(p.randomness.commitment);
      expect(planText).toContain('抽取现场见证人未到场，依程序重新抽取');
      await expectAccessible(page);

      const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const small = await phone.newPage();
      for (const url of ['/', `/portal/entities/${tasks[0].entity.uscc}`, `/portal/draws/${drawId}`, '/portal/results']) {
        await small.goto(base + url);
        const overflow = await small.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect({ url, overflow }).toEqual({ url, overflow: 0 }); // wide tables scroll inside their own box
      }
      await small.goto(base + '/');
      await small.screenshot({ path: path.join(ARTIFACTS, 'portal-home-phone.png'), fullPage: true });
      await small.goto(`${base}/portal/draws/${drawId}`);
      await small.screenshot({ path: path.join(ARTIFACTS, 'portal-draw-phone.png'), fullPage: true });
      await phone.close();

      await page.goto(base + '/');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('跳到主要内容');
    });

    it('answers bad input and unknown records with Chinese HTML error pages and the right status', async () => {
      const cases: [string, number, string][] = [
        [`/portal/entities/${freshUscc()}`, 404, '页面不存在'],
        ['/portal/entities/not-a-uscc', 400, '请求有误'],
        ['/portal/draws/not-a-uuid', 400, '请求有误'],
        ['/portal/draws/00000000-0000-4000-8000-000000000000', 404, '页面不存在'],
        [`/portal/draws/${drawId}/completeness/extra`, 404, '页面不存在'],
        [`/portal/plans/${draft.id}`, 404, '页面不存在'],
        ['/portal/nowhere', 404, '页面不存在'],
        ['/portal/results?colour=red', 400, '请求有误'],
        ['/portal/results?q=x&year=abc', 400, '请求有误'],
        [`/portal/draws/${drawId}?pageNumber=0`, 400, '请求有误'],
      ];
      for (const [url, status, title] of cases) {
        const res = await page.goto(base + url);
        expect({ url, status: res?.status(), type: res?.headers()['content-type'] }).toEqual({ url, status, type: 'text/html; charset=utf-8' });
        expect(await page.locator('h1').innerText()).toBe(title);
        await expectAccessible(page);
      }
      await page.goto(base + '/portal/results?colour=red');
      expect(await page.locator('main').innerText()).toContain('colour：不允许的字段');
      await page.goto(`${base}/portal/entities/${freshUscc()}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'portal-404.png'), fullPage: true });
      // Empty form fields mean "no filter"; the same search as a link keeps working.
      const empty = await page.goto(`${base}/portal/results?q=&uscc=&department=&item=&year=&resultCode=&from=&to=&sort=date_desc`);
      expect(empty?.status()).toBe(200);
      const beyond = await page.goto(`${base}/portal/draws/${drawId}?pageNumber=2`);
      expect(beyond?.status()).toBe(200);
      expect(await page.locator('#selected + p').innerText()).toBe('第 2 页没有记录（共 1 页）。');
      const lower = await page.goto(`${base}/portal/results?uscc=${tasks[0].entity.uscc.toLowerCase()}`);
      expect(lower?.status()).toBe(200);
      expect(await page.locator('#found').innerText()).toBe('查询结果（共 1 条）');
    });
  });

  it('never shows personal data, remarks or evidence on any public page or JSON', async () => {
    const urls = [
      '/',
      '/portal/results?pageSize=100',
      ...usccs.map((u) => `/portal/entities/${u}`),
      `/portal/plans/${plan.id}`,
      `/portal/draws/${drawId}`,
      `/portal/draws/${firstDrawId}`,
      `/portal/draws/${drawId}/completeness`,
      '/portal/open-data',
      '/public/items',
      '/public/plans?pageSize=100',
      `/public/plans/${plan.id}`,
      `/public/draws/${drawId}`,
      `/public/draws/${firstDrawId}`,
      // The inputs, public from publication on (issue 15), and the publication records.
      ...['candidates.tsv', 'inspectors.tsv', 'conflicts.tsv', 'parameters.json', 'probabilities.tsv'].map((f) => `/public/plans/${plan.id}/snapshots/${f}`),
      `/public/plans/${plan.id}/publication`,
      '/public/open-data/publication_records.csv',
      '/public/open-data/publication_records.json',
    ];
    let scanned = '';
    for (const url of urls) {
      const res = await http(app).get(url);
      expect([200, 404]).toContain(res.status);
      expect(findPersonalData(res.text)).toEqual([]);
      for (const secret of [...NEVER, ...evidenceHashes]) expect({ url, found: res.text.includes(secret) ? secret : null }).toEqual({ url, found: null });
      scanned += res.text;
    }
    expect(scanned).toContain(ENTITY_BASE); // the scan read real pages
    expect(scanned).toContain(usccs[0]); // … and the snapshots
  });

  /** One h1, headings in order, every form field labelled, lang set, skip link first, readable contrast. */
  async function expectAccessible(p: Page): Promise<void> {
    const report = await p.evaluate(A11Y_REPORT);
    expect(report).toEqual({ lang: 'zh-CN', h1: 1, firstLevel: 1, skips: [], unlabelled: [], lowContrast: [], viewport: 'width=device-width, initial-scale=1', firstLink: '#main', css: 'rgb(158, 27, 27)' });
  }

  function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
      server.on('error', reject);
    });
  }

  function run(file: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) => execFile(file, args, { timeout: 30_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stdout}${stderr}`)) : resolve(stdout))));
  }

  async function expectPublicOnly(p: Page): Promise<void> {
    const text = await p.locator('body').innerText();
    const markup = await p.content();
    expect(findPersonalData(text)).toEqual([]);
    for (const secret of [...NEVER, ...evidenceHashes]) {
      expect(text).not.toContain(secret);
      expect(markup).not.toContain(secret);
    }
  }
});
