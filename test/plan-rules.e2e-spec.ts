import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, http } from './support/app';
import { csv, freshUscc, utf8Bom } from './support/files';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';
import { commitReveal, letTimePass, travelTo } from './support/scenario';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Headers = Record<string, string>;

/** Friday 9 October 2026, 10:00 Beijing time: the 2nd working day of Q4 (1–7 October are 国庆 holidays). */
const CLOCK = '2026-10-09T02:00:00Z';
const WINDOW = { year: 2026, windowStart: '2026-10-12', windowEnd: '2026-12-31' };
const CHINESE = /[\u4e00-\u9fff]/;

/**
 * The rules of the regime a plan must respect (issue 16 §3), with the shipped defaults (docs/configuration.md):
 * item defaults, key/general sampling limits, one enforcement domain, no past plans, Tianjin's draw in the first
 * five working days of the quarter, the annual cap per entity across departments.
 */
describe('plan rules (shipped defaults)', () => {
  let app: NestExpressApplication;
  let strict: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  let S: Headers;
  let SB: Headers;
  const usccs = [freshUscc(), freshUscc(), freshUscc()];

  const item = async (H: Headers, category: 'key' | 'general', domain = '实验动物', defaultRatios = { A: 3, B: 5, C: 20, D: 100 }) =>
    (
      await http(app)
        .post('/items')
        .set(H)
        .send({ code: unique('PR-'), name: `规则事项${category}`, legalBasis: '《实验动物管理条例》', category, targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: domain, defaultRatios, frequency: '每年一次' })
        .expect(201)
    ).body.id as string;
  const directory = async (H: Headers, unit: string) => {
    const rows: string[][] = [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期']];
    usccs.forEach((u, i) => rows.push([u, `规则${unit}${i}号公司`, 'B', '2023-01-01']));
    await http(app).post('/imports/entities?wait=true').set(H).attach('file', utf8Bom(csv(rows)), 'entities.csv').expect(200);
    for (let i = 0; i < 2; i++) {
      const ins = (await http(app).post('/inspectors').set(H).send({ name: `规则员${i}`, certificateNumber: unique('PR-'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'], unit: `${unit}${i}` }).expect(201)).body;
      await http(app).post(`/inspectors/${ins.id}/trainings`).set(H).send({ date: '2026-01-10', hours: 40, topic: '专题培训' }).expect(201);
      await http(app).post(`/inspectors/${ins.id}/exams`).set(H).send({ year: 2025, passed: true }).expect(201);
    }
  };
  const plan = (itemIds: string[], extra: object = {}) => ({ name: unique('规则计划'), ...WINDOW, itemIds, teamSize: 2, ...extra });
  const publish = (H: Headers, id: string, version = 1, on = app) => http(on).post(`/plans/${id}/publish`).set(H).send({ ...commitReveal(on), version });

  beforeAll(async () => {
    [app, strict] = await Promise.all([
      bootApp({}, { clockFixedAt: CLOCK, shippedRules: true }),
      bootApp({ RULES_SAMPLING_LIMIT_MODE: 'refuse', RULES_QUARTER_DRAW_MODE: 'refuse' }, { clockFixedAt: '2026-11-10T02:00:00Z', shippedRules: true }),
    ]);
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
    [S, SB] = [bearer(a.supervisor), bearer(b.supervisor)];
    await directory(S, '甲所');
    await directory(SB, '乙所');
  });
  afterAll(async () => {
    await Promise.all([app.close(), strict.close()]);
  });

  it("a plan without sampling starts from its items' defaults: the items' ratios, or full coverage with a key item", async () => {
    const g = await item(S, 'general', '实验动物', { A: 2.5, B: 5, C: 20, D: 100 });
    const g2 = await item(S, 'general', '实验动物', { A: 1, B: 10, C: 15, D: 60 });
    const general = (await http(app).post('/plans').set(S).send(plan([g, g2])).expect(201)).body;
    expect(general.sampling).toEqual({ A: { ratioBasisPoints: 250 }, B: { ratioBasisPoints: 1000 }, C: { ratioBasisPoints: 2000 }, D: { ratioBasisPoints: 10000 } });
    expect(general).toMatchObject({ ruleBreaches: [], ruleBreachReason: null, annualCapPerEntity: 2 });
    const withKey = (await http(app).post('/plans').set(S).send(plan([g, await item(S, 'key')])).expect(201)).body;
    expect(withKey.sampling).toEqual({ A: { ratioBasisPoints: 10000 }, B: { ratioBasisPoints: 10000 }, C: { ratioBasisPoints: 10000 }, D: { ratioBasisPoints: 10000 } });
  });

  it('key items get full coverage and general items a ratio within the limit, or the plan records why (refused outright when so configured)', async () => {
    const key = await item(S, 'key');
    const under = { A: { ratioPercent: 0 }, B: { ratioPercent: 100 }, C: { ratioPercent: 100 }, D: { ratioPercent: 100 } };
    const refused = (await http(app).post('/plans').set(S).send(plan([key], { sampling: under })).expect(400)).body;
    expect(refused.code).toBe('SAMPLING_REASON_REQUIRED');
    expect(refused.message).toMatch(/重点检查事项.*应全覆盖/);
    expect(refused.details.map((d: { field: string }) => d.field)).toEqual(['sampling.A', 'ruleBreachReason']);
    const reason = 'A类企业按"无事不扰"原则本次不抽取（局务会2026年第9次会议决定）';
    const accepted = (await http(app).post('/plans').set(S).send(plan([key], { sampling: under, ruleBreachReason: reason })).expect(201)).body;
    expect(accepted).toMatchObject({ ruleBreachReason: reason, ruleBreaches: [{ field: 'sampling.A', message: expect.stringMatching(CHINESE) }] });

    const general = await item(S, 'general');
    const over = { A: { ratioPercent: 5 }, B: { ratioPercent: 30 }, C: { ratioPercent: 20 }, D: { ratioPercent: 100 } };
    const tooMany = (await http(app).post('/plans').set(S).send(plan([general], { sampling: over })).expect(400)).body;
    expect(tooMany).toMatchObject({ code: 'SAMPLING_REASON_REQUIRED', details: [{ field: 'sampling.B' }, { field: 'ruleBreachReason' }] });
    expect(tooMany.message).toContain('B类抽查比例30%超过上限20%');

    // Counts are judged at publication, against the class's eligible entities: 3 of 3 class-B entities is 100% > 20%.
    const counted = (await http(app).post('/plans').set(S).send(plan([general], { sampling: { A: { count: 0 }, B: { count: 3 }, C: { count: 0 }, D: { count: 0 } } })).expect(201)).body;
    const atPublish = (await publish(S, counted.id).expect(400)).body;
    expect(atPublish).toMatchObject({ code: 'SAMPLING_REASON_REQUIRED', details: [{ field: 'sampling.B' }, { field: 'ruleBreachReason' }] });
    expect(atPublish.message).toContain('占可抽对象3户的100%');
    expect((await http(app).get(`/plans/${counted.id}`).set(S).expect(200)).body.state).toBe('draft');

    // RULES_SAMPLING_LIMIT_MODE=refuse: no reason lets it through.
    const strictS = bearer(a.supervisor);
    const outright = (await http(strict).post('/plans').set(strictS).send({ ...plan([general], { sampling: over, ruleBreachReason: reason }), windowStart: '2026-11-16' }).expect(400)).body;
    expect(outright).toMatchObject({ code: 'SAMPLING_LIMIT_EXCEEDED', details: [{ field: 'sampling.B' }] });
  });

  it("a plan's items share one enforcement domain: refused when drafted, saying why", async () => {
    const lab = await item(S, 'general', '实验动物');
    const tech = await item(S, 'general', '科技计划项目');
    const refused = (await http(app).post('/plans').set(S).send(plan([lab, tech])).expect(400)).body;
    expect(refused).toMatchObject({ code: 'ITEMS_DOMAIN_MISMATCH', details: [{ field: 'itemIds' }] });
    expect(refused.message).toMatch(/执法领域不一致.*按执法领域.*抽取/);
    const draft = (await http(app).post('/plans').set(S).send(plan([lab])).expect(201)).body;
    const update = (await http(app).patch(`/plans/${draft.id}`).set(S).send({ ...plan([lab, tech]), version: 1 }).expect(400)).body;
    expect(update.code).toBe('ITEMS_DOMAIN_MISMATCH');
  });

  it('plans dated in the past are refused (by the app\'s clock): a window that ended, or began before this quarter', async () => {
    const g = await item(S, 'general');
    const ended = (await http(app).post('/plans').set(S).send(plan([g], { windowStart: '2026-10-01', windowEnd: '2026-10-08' })).expect(400)).body;
    expect(ended).toMatchObject({ code: 'PLAN_IN_PAST', details: [{ field: 'windowEnd' }], message: expect.stringContaining('2026-10-08') });
    const early = (await http(app).post('/plans').set(S).send(plan([g], { year: 2026, windowStart: '2026-07-01', windowEnd: '2026-12-31' })).expect(400)).body;
    expect(early).toMatchObject({ code: 'PLAN_IN_PAST', details: [{ field: 'windowStart' }] });
    const lastYear = (await http(app).post('/plans').set(S).send(plan([g], { year: 2024, windowStart: '2024-04-01', windowEnd: '2024-06-30' })).expect(400)).body;
    expect(lastYear.code).toBe('PLAN_IN_PAST');
    // The quarter's first day is fine while the quarter runs (the draw comes in its first working days).
    await http(app).post('/plans').set(S).send(plan([g], { windowStart: '2026-10-01' })).expect(201);
  });

  it("Tianjin: a draw outside the quarter's first 5 working days is a warning on the plan (default) or refused (configured)", async () => {
    const g = await item(S, 'general');
    const inTime = (await http(app).post('/plans').set(S).send(plan([g])).expect(201)).body;
    expect((await publish(S, inTime.id).expect(201)).body.ruleWarnings).toEqual([]);

    const late = (await http(app).post('/plans').set(S).send(plan([g])).expect(201)).body;
    const back = travelTo(app, '2026-10-14T02:00:00Z'); // Wednesday: the 6th working day (8, 9, 10 调休, 12, 13 October)
    try {
      const published = (await publish(S, late.id).expect(201)).body;
      expect(published.ruleWarnings).toEqual([{ code: 'DRAW_OUTSIDE_QUARTER_START', message: expect.stringMatching(/每季度前5个工作日内.*2026-10-14/) }]);
      expect((await http(app).get(`/plans/${late.id}`).set(S).expect(200)).body.ruleWarnings).toHaveLength(1);
    } finally {
      back();
    }

    const refused = (await http(strict).post('/plans').set(S).send({ ...plan([g]), windowStart: '2026-11-16' }).expect(201)).body;
    const answer = (await publish(S, refused.id, 1, strict).expect(400)).body;
    expect(answer).toMatchObject({ code: 'DRAW_OUTSIDE_QUARTER_START', message: expect.stringMatching(CHINESE) });
  });

  it('the annual cap per entity defaults to the configured value and counts the checks of every department (matched by USCC)', async () => {
    const drawAll = async (H: Headers, itemId: string) => {
      const created = (await http(app).post('/plans').set(H).send(plan([itemId])).expect(201)).body; // a key item: full coverage
      const published = (await publish(H, created.id).expect(201)).body;
      letTimePass(app);
      await http(app).post(`/plans/${created.id}/draw`).set(H).send({ witnessEntropy: `见证 ${unique('')}` }).expect(201);
      return published;
    };
    const first = await drawAll(S, await item(S, 'key'));
    expect(first).toMatchObject({ annualCapPerEntity: 2, stratumCounts: { B: { candidates: 3, excluded: 0 } } });
    const second = await drawAll(SB, await item(SB, 'key'));
    expect(second.stratumCounts.B).toEqual({ candidates: 3, excluded: 0, eligible: 3 });
    // A third check of the same firms (another item, so not a repeat of the same item): both departments' tasks count.
    const third = await drawAll(S, await item(S, 'key'));
    expect(third.stratumCounts.B).toEqual({ candidates: 3, excluded: 3, eligible: 0 });
    const lines = (await http(app).get(`/plans/${third.id}/snapshots/candidates.tsv`).set(S).expect(200)).text.trim().split('\n');
    expect(lines.map((l: string) => l.split('\t')[2])).toEqual(['ANNUAL_CAP', 'ANNUAL_CAP', 'ANNUAL_CAP']);
  });
});
