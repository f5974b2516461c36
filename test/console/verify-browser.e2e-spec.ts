import * as fs from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import type { Transcript } from '../../src/draws/transcript';
import { http } from '../support/app';
import { newConsolePage, screenshot, startConsole, type ConsoleHarness } from '../support/console';
import { bearer, makeDepartmentWithStaff, unique } from '../support/fixtures';
import { freshUscc } from '../support/files';
import { commonForgeries, forge } from '../support/forge';
import { commitReveal, importEntities, letTimePass, makeLabItem } from '../support/scenario';

jest.setTimeout(300_000);

/**
 * 「在浏览器中验证」 (issue 15) in Chromium: the portal's draw page re-runs a real draw with the site's
 * own script (the pure draw-v1 modules bundled) against the publication record of the open-data
 * feed. A tampered transcript — served by intercepting the script's fetch of it — is refused with
 * its first difference named; forged transcripts (inputs changed, everything recomputed) are
 * refused against the feed's record — the 25 of commonForgeries (verify-draw refuses them and more in
 * test/draw-anchor.e2e-spec.ts), each recomputed in full, so the browser's whole path is exercised.
 */
describe('the browser verifier on the portal', () => {
  let h: ConsoleHarness;
  let drawId: string;
  let transcript: Transcript;

  beforeAll(async () => {
    h = await startConsole({}, { clockFixedAt: '2026-12-20T02:00:00Z' });
    const staff = await makeDepartmentWithStaff(h.app);
    const S = bearer(staff.supervisor);
    const item = await makeLabItem(h.app, S, 'VB-');
    const rows = [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '监管单位']];
    for (let i = 0; i < 24; i++) rows.push([freshUscc(), `浏览器核验${i}号实验动物中心`, 'ABCD'[i % 4], '2023-01-01', i % 3 === 0 ? '第1监管所' : '']);
    await importEntities(h.app, S, rows);
    for (let i = 0; i < 5; i++) {
      const ins = (await http(h.app).post('/inspectors').set(S).send({ name: `核验员${i}`, certificateNumber: unique('VB-'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'], unit: `第${i + 1}监管所` }).expect(201)).body;
      await http(h.app).post(`/inspectors/${ins.id}/trainings`).set(S).send({ date: '2026-06-10', hours: 40, topic: '专题培训' }).expect(201);
      await http(h.app).post(`/inspectors/${ins.id}/exams`).set(S).send({ year: 2026, passed: true }).expect(201);
    }
    const plan = (await http(h.app).post('/plans').set(S).send({ name: unique('浏览器核验计划'), year: 2027, itemIds: [item.id], sampling: { A: { ratioPercent: 30 }, B: { ratioPercent: 20 }, C: { count: 2 }, D: { count: 1 } }, teamSize: 2, windowStart: '2027-01-04', windowEnd: '2027-06-30' }).expect(201)).body;
    await http(h.app).post(`/plans/${plan.id}/publish`).set(S).send({ ...commitReveal(h.app), version: 1 }).expect(201);
    letTimePass(h.app);
    drawId = (await http(h.app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: '排列5 开奖号码 2 0 2 6 9' }).expect(201)).body.id;
    transcript = (await http(h.app).get(`/public/draws/${drawId}/transcript`).expect(200)).body;
  }, 300_000);
  afterAll(() => h?.close());

  /** Opens the draw page (with `served` instead of the real transcript, if given), clicks the button, returns the verdict. */
  async function verifyIn(page: Page, served?: Transcript): Promise<{ verdict: string; steps: string[] }> {
    if (served) await page.route(`**/public/draws/${drawId}/transcript`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(served) }));
    await page.goto(`/portal/draws/${drawId}`);
    await page.getByRole('button', { name: '在浏览器中验证' }).click();
    const verdict = page.locator('#verify-browser-verdict');
    await verdict.waitFor();
    const steps = await page.locator('.verify-steps li').allTextContents();
    return { verdict: (await verdict.getAttribute('data-verdict'))!, steps };
  }

  it('shows OK for a real draw, step by step in Chinese, with every file for offline checking; the page runs only its own scripts', async () => {
    const { context, page } = await newConsolePage(h);
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const response = await page.goto(`/portal/draws/${drawId}`);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    const result = await verifyIn(page);
    expect(result.verdict).toBe('OK');
    expect(await page.locator('#verify-browser-verdict').textContent()).toContain('核验通过');
    expect(result.steps.join('\n')).toMatch(/核对名单和参数的 SHA-256 摘要[\s\S]*重新计算种子[\s\S]*从开放数据（而非抽取记录本身）读取计划发布时的发布记录[\s\S]*与抽取前公布的发布记录一致[\s\S]*请人工核对/);
    await screenshot(page, 'verify-browser-ok');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载全部文件' }).click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
    expect(Object.keys(zip.files).sort()).toEqual(['publication.json', 'transcript.json', '说明.txt']);
    expect(JSON.parse(await zip.file('transcript.json')!.async('string'))).toEqual(transcript);
    expect(JSON.parse(await zip.file('publication.json')!.async('string')).publication).toEqual(transcript.publication);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('names the first difference of a tampered transcript', async () => {
    const { context, page } = await newConsolePage(h);
    const tampered = structuredClone(transcript);
    const member = tampered.result.teams[0].members[0];
    member.certificateNumber = `${member.certificateNumber}X`;
    const result = await verifyIn(page, tampered);
    expect(result.verdict).toBe('DIFFERENCE');
    expect(result.steps.at(-1)).toContain('第一处不一致：result.teams[0].members[0].certificateNumber');
    await screenshot(page, 'verify-browser-tampered');
    await context.close();
  });

  it('refuses forged transcripts (inputs changed, everything recomputed) against the record of the open-data feed', async () => {
    const forgeries = commonForgeries(transcript, freshUscc);
    expect(forgeries.length).toBeGreaterThanOrEqual(20);
    const { context, page } = await newConsolePage(h);
    for (const [what, change] of forgeries) {
      await page.unrouteAll();
      const forged = forge(transcript, change);
      // A real change of the inputs, not a copy of the real transcript.
      expect({ what, changed: forged.parametersHash !== transcript.parametersHash || forged.candidatePoolHash !== transcript.candidatePoolHash || forged.inspectorPoolHash !== transcript.inspectorPoolHash }).toEqual({ what, changed: true });
      const result = await verifyIn(page, forged);
      // Consistent in itself (every recomputation step passes) — refused only by the record from the feed.
      expect({ what, verdict: result.verdict, last: result.steps.at(-1) }).toEqual({ what, verdict: 'DIFFERENCE', last: expect.stringMatching(/与抽取前公布的发布记录一致[\s\S]*第一处不一致：\w+Hash: published/) });
      expect({ what, recomputed: result.steps.some((s) => s.includes('重新计算种子') && s.startsWith('✓')) }).toEqual({ what, recomputed: true });
    }
    await context.close();
  });

  it('without JavaScript the page keeps the command-line instructions and shows no dead button', async () => {
    const context = await h.browser.newContext({ baseURL: h.baseUrl, javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`/portal/draws/${drawId}`);
    expect(await page.getByRole('button', { name: '在浏览器中验证' }).count()).toBe(0); // hidden until the script shows it
    expect(await page.locator('pre code').first().textContent()).toContain('npm run verify-draw');
    await context.close();
  });
});
