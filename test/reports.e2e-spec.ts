import { NestExpressApplication } from '@nestjs/platform-express';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { inspectionSql } from '../src/reports/report-queries';
import type { EntityNameOrder } from '../src/reports/report-settings';
import { bootApp, dataSourceOf, http } from './support/app';
import { dateDraw, commitReveal, letTimePass } from './support/scenario';
import { binary, csv, freshUscc, utf8Bom } from './support/files';
import { bearer, makeAccount, makeDepartmentWithStaff, TestAccount, unique } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Auth = ReturnType<typeof bearer>;
type Task = { id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[]; entity: { uscc: string; name: string } };
type Publication = { id: string; recordId: string; deadline: string; checkDate: string };

const NAMED = ['康希诺生物股份公司', '天津生物化学制药有限公司', '有济(天津)医药科技有限公司'];
const OTHERS = ['泰达', '瑞普', '金耀', '博奥', '汇康', '中科', '华立达', '德祥', '恒瑞', '赛诺', '凯信', '宏达', '嘉实', '民康', '天佑'].map((w) => `天津${w}生物科技有限公司`);
/** Only Date is faked (timers stay real): the API is used as it was on a day of 2023. */
const ONLY_DATE = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;
/** Inspectors present at A's approved checks of 2023: A's five drawable ones and B's two on the joint team. */
const ON_CHECKS = 7;
const nextDay = (date: string, days = 1) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The annual report (issue 7) from a year built through the API in the seed's shape: 区科技局 checks
 * 17 entities in 2023 (康希诺… named first), 42 legal reviews of three kinds, inspectors with more than
 * 40 training hours who passed the exam; a second bureau runs its own plan and joins one of ours.
 */
describe('annual report: figures, paragraph, files', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  const accounts = new Map<string, TestAccount>(); // inspector id → account
  let expectedNames: string[];
  let checkedNames: string[];
  let twiceName: string;
  const usccs = new Map<string, string>();

  const api = () => http(app);
  const inspector = async (S: Auth, departmentId: string, name: string, validFrom: string, validUntil: string, trainings: [string, number][], exam: boolean | null, account: boolean) => {
    const user = account ? await makeAccount(app, 'inspector', departmentId) : null;
    const ins = (await api().post('/inspectors').set(S).send({ name, certificateNumber: unique('RP-'), issuingAuthority: '天津市人民政府', certificateValidFrom: validFrom, certificateValidUntil: validUntil, domains: ['实验动物'], ...(user ? { userId: user.id } : {}) }).expect(201)).body;
    for (const [date, hours] of trainings) await api().post(`/inspectors/${ins.id}/trainings`).set(S).send({ date, hours, topic: `专题培训${date}` }).expect(201);
    if (exam !== null) await api().post(`/inspectors/${ins.id}/exams`).set(S).send({ year: 2023, passed: exam }).expect(201);
    if (user) accounts.set(ins.id, user);
    return ins.id as string;
  };
  const item = async (S: Auth, name: string, method = 'on_site') => (await api().post('/items').set(S).send({ code: unique('R-'), name, legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method, enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' }).expect(201)).body.id as string;
  const plan = async (S: Auth, body: object) => (await api().post('/plans').set(S).send({ name: unique('2023年抽查计划'), year: 2023, teamSize: 2, ...body }).expect(201)).body as { id: string };
  const tasksOf = async (S: Auth, drawId: string): Promise<Task[]> => {
    const ids: { id: string }[] = await dataSourceOf(app).query('SELECT id FROM tasks WHERE draw_id = $1 ORDER BY position', [drawId]);
    return Promise.all(ids.map(async (t) => (await api().get(`/tasks/${t.id}`).set(S).expect(200)).body as Task));
  };
  const drawn = async (S: Auth, planId: string, entropy: string) => {
    await api().post(`/plans/${planId}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201);
    letTimePass(app);
    const id = (await api().post(`/plans/${planId}/draw`).set(S).send({ witnessEntropy: entropy }).expect(201)).body.id as string;
    await dateDraw(app, id);
    return id;
  };
  /** The team writes and submits the record; the supervisor approves unless told not to. */
  const check = async (t: Task, approver: Auth | null, checkDate: string, result: { codes: string[]; problem?: string } = { codes: ['NO_PROBLEM'] }) => {
    const I = bearer(accounts.get(t.team.find((m) => accounts.has(m.inspectorId))!.inspectorId)!);
    const findings = t.items.map((i) => (result.problem ? { itemVersionId: i.itemVersionId, compliant: false, description: result.problem, legalClause: '《实验动物管理条例》第十八条' } : { itemVersionId: i.itemVersionId, compliant: true }));
    const body = { checkDate, place: '企业生产经营场所', inspectorsPresent: t.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })), representative: { name: '王五', role: '质量负责人' }, findings, resultCodes: result.codes };
    const record = (await api().post(`/tasks/${t.id}/record`).set(I).send(body).expect(201)).body;
    const submitted = (await api().post(`/records/${record.id}/submit`).set(I).send({ version: record.version }).expect(200)).body;
    if (approver) await api().post(`/records/${record.id}/approve`).set(approver).send({ version: submitted.version }).expect(200);
    return record.id as string;
  };
  const publications = async (S: Auth) => (await api().get('/publications?pageSize=100').set(S).expect(200)).body.items as Publication[];
  /** Publish as a supervisor clicking "publish" at that moment (China time given in the ISO string). */
  const publishAt = async (S: Auth, id: string, iso: string | null) => {
    if (iso) jest.useFakeTimers({ now: new Date(iso), doNotFake: [...ONLY_DATE] });
    try {
      await api().post(`/publications/${id}/publish`).set(S).send({}).expect(200);
    } finally {
      jest.useRealTimers();
    }
  };
  const order = async (S: Auth, recordId: string, issuedOn: string, workingDays: number) => (await api().post(`/records/${recordId}/rectifications`).set(S).send({ requirement: '限期改正发现的问题', workingDays, issuedOn }).expect(201)).body as { id: string; version: number; dueOn: string };
  const report = async (S: Auth, query: string, status = 200) => (await api().get(`/reports/annual?${query}`).set(S).expect(status)).body;

  beforeAll(async () => {
    app = await bootApp();
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
    const [SA, SB] = [bearer(a.supervisor), bearer(b.supervisor)];

    // The directory: the three named (class C, all drawn in Q2), fifteen others (D), four low-risk (A, never drawn).
    const rows = [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址']];
    [...NAMED.map((n) => [n, 'C']), ...OTHERS.map((n) => [n, 'D']), ...[1, 2, 3, 4].map((i) => [`天津低风险${i}号科技有限公司`, 'A'])].forEach(([name, cls], i) => {
      usccs.set(name, freshUscc());
      rows.push([usccs.get(name)!, name, cls, '2023-01-01', `天津市滨海新区第${i + 1}大街`]);
    });
    await api().post('/imports/entities?wait=true').set(SA).attach('file', utf8Bom(csv(rows)), 'entities.csv').expect(200);
    // The other bureau keeps its own directory row for 康希诺 (same USCC).
    await api().post('/imports/entities?wait=true').set(SB).attach('file', utf8Bom(csv([rows[0], [usccs.get(NAMED[0])!, NAMED[0], 'B', '2023-01-01', '天津市滨海新区']])), 'entities.csv').expect(200);

    // Inspectors (2023): five drawable (≥ 40 h, exam passed), one new certificate (40 h, exam failed),
    // one expiring mid-year, one revoked in August, one certified only from 2024, one expired in 2022.
    const aid = a.department.id;
    const full: [string, number][] = [['2022-11-20', 10], ['2023-03-10', 40], ['2023-09-15', 8]];
    for (let i = 0; i < 4; i++) await inspector(SA, aid, `执法员${i}`, '2022-01-01', '2030-12-31', full, true, true);
    await inspector(SA, aid, '执法员4', '2022-01-01', '2030-12-31', [['2023-03-10', 40], ['2023-09-15', 17.5]], true, true);
    await inspector(SA, aid, '执法员5', '2023-02-01', '2030-12-31', [['2023-03-01', 40]], false, false);
    await inspector(SA, aid, '执法员6', '2018-01-01', '2023-06-30', [['2023-03-05', 12]], false, false);
    const revoked = await inspector(SA, aid, '执法员7', '2020-01-01', '2030-12-31', [['2023-03-05', 20]], null, false);
    await api().post(`/inspectors/${revoked}/status`).set(SA).send({ status: 'revoked', reason: '因违法违纪吊销执法证', effectiveDate: '2023-08-01' }).expect(201);
    await inspector(SA, aid, '执法员8', '2024-01-01', '2030-12-31', [], null, false);
    await inspector(SA, aid, '执法员9', '2015-01-01', '2022-12-31', [['2022-06-01', 40]], null, false);
    // Suspended all year (never drawable): certified, trained and passed, but not in service — the paragraph says it is left out.
    const suspended = await inspector(SA, aid, '执法员10', '2022-01-01', '2030-12-31', [['2023-03-10', 45]], true, false);
    await api().post(`/inspectors/${suspended}/status`).set(SA).send({ status: 'suspended', reason: '涉嫌违纪，暂扣执法证', effectiveDate: '2023-01-01' }).expect(201);
    for (let i = 0; i < 2; i++) await inspector(SB, b.department.id, `联合执法员${i}`, '2022-01-01', '2030-12-31', [['2023-03-10', 45]], true, true);

    // Plans: Q2 (the named three + seven), Q3 (the other eight, drawn twice: a redraw), Q4 joint with B
    // on another item (one entity checked a second time), a draft never published; B's own Q2 plan.
    // The joint plan's item is checked by documents (书面检查): the paragraph names each method as it was.
    const [x, y, z] = [await item(SA, '实验动物许可情况的检查'), await item(SA, '实验动物质量管理情况的检查', 'documentary'), await item(SB, '实验动物使用情况的检查')];
    const count = (c: number, d: number) => ({ A: { count: 0 }, B: { count: 0 }, C: { count: c }, D: { count: d } });
    const p1 = await plan(SA, { itemIds: [x], sampling: count(3, 7), windowStart: '2023-04-03', windowEnd: '2023-06-30' });
    const t1 = await tasksOf(SA, await drawn(SA, p1.id, '双色球 2023035: 01 05 09 13 21 30 + 12'));
    const p2 = await plan(SA, { itemIds: [x], sampling: count(0, 8), windowStart: '2023-07-03', windowEnd: '2023-09-29' });
    const first = await drawn(SA, p2.id, '双色球 2023075: 02 06 10 14 22 31 + 01');
    await api().post(`/draws/${first}/redraw`).set(SA).send({ reason: '抽取仪式见证人未到场，依规重新抽取', ...commitReveal(app) }).expect(201);
    letTimePass(app);
    const redrawnId = (await api().post(`/plans/${p2.id}/draw`).set(SA).send({ witnessEntropy: '体彩排列五 23190: 3 1 4 1 5' }).expect(201)).body.id as string;
    await dateDraw(app, redrawnId);
    const t2 = await tasksOf(SA, redrawnId);
    const p3 = await plan(SA, { itemIds: [y], sampling: count(0, 1), windowStart: '2023-10-09', windowEnd: '2023-12-29', jointDepartmentIds: [b.department.id] });
    const [t3] = await tasksOf(SA, await drawn(SA, p3.id, '双色球 2023118: 04 08 12 16 24 32 + 05'));
    await plan(SA, { itemIds: [x], sampling: count(1, 1), windowStart: '2023-11-01', windowEnd: '2023-12-29' });
    // Published, never drawn: a plan, not a 抽查 ("抽查N次" counts draws that happened).
    const undrawn = await plan(SA, { itemIds: [x], sampling: count(1, 1), windowStart: '2023-12-01', windowEnd: '2023-12-29' });
    await api().post(`/plans/${undrawn.id}/publish`).set(SA).send({ ...commitReveal(app), version: 1 }).expect(201);
    const pb = await plan(SB, { itemIds: [z], sampling: { A: { count: 0 }, B: { count: 1 }, C: { count: 0 }, D: { count: 0 } }, windowStart: '2023-04-10', windowEnd: '2023-06-30' });
    const [tb] = await tasksOf(SB, await drawn(SB, pb.id, '双色球 2023040: 03 07 11 15 23 29 + 08'));
    expect([t1.length, t2.length, t3.team.length]).toEqual([10, 8, 4]);

    // Checks: the named three first (10–12 April), then the rest; one Q3 record stays unapproved.
    const named = NAMED.map((n) => t1.find((t) => t.entity.name === n)!);
    const rest1 = t1.filter((t) => !NAMED.includes(t.entity.name));
    const unapproved = t2.find((t) => t.entity.uscc !== t3.entity.uscc)!;
    const rest2 = t2.filter((t) => t !== unapproved);
    const records: { id: string; date: string }[] = [];
    const done = async (t: Task, date: string, result?: { codes: string[]; problem?: string }) => records.push({ id: await check(t, SA, date, result), date });
    for (const [i, t] of named.entries()) await done(t, `2023-04-1${i}`);
    await done(rest1[0], '2023-05-10', { codes: ['RECTIFIED_AFTER_ORDER'], problem: '实验动物饲养环境不符合要求' });
    await done(rest1[1], '2023-05-11', { codes: ['NOT_DISCLOSED', 'OTHER_DEPARTMENT_VIOLATION'], problem: '未按规定公示许可信息' });
    await done(rest1[2], '2023-05-12', { codes: ['NO_RELEVANT_ACTIVITY'] });
    for (const [i, t] of rest1.slice(3).entries()) await done(t, `2023-06-0${i + 1}`);
    await done(rest2[0], '2023-07-28', { codes: ['PROBLEM_PENDING'], problem: '动物实验记录不完整' });
    await done(rest2[1], '2023-09-26', { codes: ['NOT_DISCLOSED'], problem: '未按规定公示应当公示的信息' });
    for (const [i, t] of rest2.slice(2).entries()) await done(t, `2023-08-1${i}`);
    await check(unapproved, null, '2023-09-20');
    const jointRecord = await check(t3, SA, '2023-11-15');
    expectedNames = NAMED;
    checkedNames = [...named, ...rest1, ...rest2].map((t) => t.entity.name);
    twiceName = t3.entity.name;

    // 责令改正 (deadlines in working days over the 2023 holidays), one issued in January 2024.
    // By position in `records`: 3 and 4 from Q2, 10 and 11 from Q3 (see above).
    const [p3r, p4r, p2r, p1r] = [3, 4, 10, 11].map((i) => records[i].id);
    await order(SA, p3r, '2023-05-15', 10);
    await order(SA, p3r, '2024-01-08', 5);
    // An order dated before its check is refused (it would be counted in the wrong year).
    const early = await api().post(`/records/${p3r}/rectifications`).set(SA).send({ requirement: '限期改正', workingDays: 5, issuedOn: '2023-05-09' }).expect(400);
    expect(early.body).toMatchObject({ code: 'ISSUED_BEFORE_CHECK', details: [expect.objectContaining({ field: 'issuedOn' })] });
    const notFixed = await order(SA, p4r, '2023-06-01', 10);
    await api().post(`/rectifications/${notFixed.id}/follow-up`).set(SA).send({ version: notFixed.version, followedUpOn: '2023-06-20', rectified: false }).expect(200);
    const late = await order(SA, p2r, '2023-08-01', 10);
    expect(late.dueOn).toBe('2023-08-15');
    await api().post(`/rectifications/${late.id}/follow-up`).set(SA).send({ version: late.version, followedUpOn: '2023-08-28', rectified: true }).expect(200);
    const onTime = await order(SA, p1r, '2023-09-27', 10);
    expect(onTime.dueOn).toBe('2023-10-17'); // Mid-Autumn and National Day (29 Sep–6 Oct), make-up 7 and 8 Oct
    await api().post(`/rectifications/${onTime.id}/follow-up`).set(SA).send({ version: onTime.version, followedUpOn: '2023-10-16', rectified: true }).expect(200);

    // Publication: fourteen two days after the check, one on its deadline's last evening, one just
    // after midnight the day after (late in China, on time in UTC), one only now (2026), the joint one pending.
    const pubs = await publications(SA);
    const pubOf = (recordId: string) => pubs.find((p) => p.recordId === recordId)!;
    expect(pubOf(p1r).deadline).toBe('2023-10-30'); // 20 working days from 26 Sep over the holidays
    await publishAt(SA, pubOf(p1r).id, `${pubOf(p1r).deadline}T23:30:00+08:00`);
    await publishAt(SA, pubOf(records[5].id).id, `${nextDay(pubOf(records[5].id).deadline)}T00:30:00+08:00`);
    await publishAt(SA, pubOf(records[6].id).id, null);
    for (const r of records.filter((_, i) => ![5, 6, 11].includes(i))) await publishAt(SA, pubOf(r.id).id, `${nextDay(r.date, 2)}T10:00:00+08:00`);
    expect(pubOf(jointRecord)).toBeDefined();
    // A correction (a new version, not a new result) and a withdrawal (still published once).
    const corrected = (await api().post(`/publications/${pubOf(records[0].id).id}/corrections`).set(SA).send({ reason: '检查结果代码录入有误，予以更正', resultCodes: ['NO_RELEVANT_ACTIVITY'] }).expect(201)).body;
    expect(corrected.version).toBe(2);
    await api().post(`/publications/${pubOf(records[1].id).id}/withdraw`).set(SA).send({ reason: '依据人民法院判决撤回' }).expect(200);

    // B checks 康希诺 in Q2 (with our Q2 visit: one merged visit) and publishes on time.
    const bRecord = await check(tb, SB, '2023-05-18');
    const bPub = (await publications(SB)).find((p) => p.recordId === bRecord)!;
    await publishAt(SB, bPub.id, `${nextDay('2023-05-18', 3)}T09:00:00+08:00`);

    // 法制审核 register: the seed's 42 (12 + 10 + 20, two returned), two outside 2023; B's three.
    const L = bearer(a.legalReviewer);
    const kinds = [...Array(12).fill('major_administrative_decision'), ...Array(10).fill('major_enforcement_decision'), ...Array(20).fill('normative_document')] as string[];
    for (const [i, kind] of kinds.entries()) {
      const returned = i === 3 || i === 30;
      const day = `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
      await api().post('/legal-reviews').set(L).send({ kind, title: `2023年第${i + 1}号审核事项`, decision: returned ? 'return' : 'pass', opinion: returned ? '依据不足' : '合法', ...(returned ? { reasons: '缺少上位法依据' } : {}), reviewedOn: day }).expect(201);
    }
    for (const day of ['2022-12-31', '2024-01-01']) await api().post('/legal-reviews').set(L).send({ kind: 'normative_document', title: '年度之外的审核', decision: 'pass', opinion: '合法', reviewedOn: day }).expect(201);
    for (let i = 0; i < 3; i++) await api().post('/legal-reviews').set(bearer(b.legalReviewer)).send({ kind: 'major_administrative_decision', title: `联合部门审核${i}`, decision: 'pass', opinion: '合法', reviewedOn: '2023-06-01' }).expect(201);

    // Pushes to the supervision platforms: acknowledgements as the delivery worker records them.
    {
      const push = async (publicationId: string, states: string[]) => {
        const [e] = await dataSourceOf(app).query("INSERT INTO outbox_events (kind, publication_id, payload) VALUES ('publication.published', $1, '{}') RETURNING id", [publicationId]);
        for (const [i, state] of states.entries()) {
          await dataSourceOf(app).query("INSERT INTO outbox_deliveries (event_id, endpoint, state, attempts, next_attempt_at, delivered_at) VALUES ($1, $2, $3::varchar, 1, '2099-01-01', CASE WHEN $3::varchar = 'delivered' THEN now() END)", [e.id, `平台${i}`, state]);
        }
      };
      await push(pubOf(p1r).id, ['delivered', 'delivered']);
      await push(pubOf(records[5].id).id, ['dead', 'pending']);
      await push(bPub.id, ['delivered']);
    }
  }, 300_000);

  afterAll(async () => {
    await app.close();
  });

  it('computes every figure of 2023 from the records and writes the paragraph', async () => {
    const r = await report(bearer(a.supervisor), 'year=2023');
    const codes = (counts: Record<string, number>) => expect.arrayContaining(Object.entries(counts).map(([code, count]) => expect.objectContaining({ code, count })));
    expect(r).toMatchObject({ year: 2023, department: { id: a.department.id, name: a.department.name }, asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(r.inputs).toEqual({ year: 2023, departmentId: a.department.id, namedEntities: null, nameOrder: 'first_check_date', namesListed: 3, trainingThresholdHours: 40, trainingThresholdComparison: 'above' });
    expect(r.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.randomInspections).toEqual({
      plans: 4,
      draws: 3,
      entitiesDrawn: 18,
      checks: 18,
      entitiesChecked: 17,
      checkedEntityNames: expectedNames,
      nameOrder: 'first_check_date',
      checksByResult: expect.any(Array),
      checksByMethod: [
        { code: 'on_site', label: '现场检查', count: 17 },
        { code: 'documentary', label: '书面检查', count: 1 },
        { code: 'online', label: '网络检查', count: 0 },
      ],
      checksByMonth: [0, 0, 0, 3, 3, 4, 1, 5, 1, 0, 1, 0], // by check date; sums to the 18 checks
      problemsFound: 4,
      rectification: { orders: 4, rectifiedOnTime: 1, rectifiedLate: 1, open: 2, notRectifiedAtFollowUp: 1 },
      casesOpened: 0,
      casesTracked: true,
    });
    expect(r.randomInspections.checksByResult).toHaveLength(11);
    expect(r.randomInspections.checksByResult).toEqual(codes({ NO_PROBLEM: 13, NOT_DISCLOSED: 2, OTHER_DEPARTMENT_VIOLATION: 1, PROBLEM_PENDING: 1, RECTIFIED_AFTER_ORDER: 1, NO_RELEVANT_ACTIVITY: 1, FALSE_DISCLOSURE: 0 }));
    expect(r.randomInspections.checksByResult[0]).toEqual({ code: 'NO_PROBLEM', label: '未发现问题', count: 13 });
    expect(r.publication).toEqual({ published: 17, onTime: 15, late: 2, pending: 1, onTimeRate: 88.2, platformPush: { available: true, resultsPushed: 1, platforms: [{ name: '平台0', results: 1 }, { name: '平台1', results: 1 }], delivered: 2, failed: 1, pending: 1 } });
    expect(r.legalReview).toEqual({
      total: 42,
      byKind: [
        { code: 'major_administrative_decision', label: '重大行政决策', count: 12 },
        { code: 'major_enforcement_decision', label: '重大执法决定', count: 10 },
        { code: 'normative_document', label: '行政规范性文件', count: 20 },
      ],
      returned: 2,
    });
    expect(r.inspectors).toEqual({
      certified: 9,
      validAtYearEnd: 6,
      trainingHoursTotal: 366.5,
      trainingHoursAverage: 40.7,
      trainingThresholdHours: 40,
      trainingThresholdComparison: 'above',
      meetingThreshold: 6, // 执法员0–4 and the suspended one; exactly 40 hours (执法员5) is not "超过40学时"
      inService: 7, // not the one revoked in August nor the one suspended
      suspendedOrRevoked: 2,
      examsTaken: 8,
      examsPassed: 6,
      trainedAndPassed: 5,
      onChecks: ON_CHECKS,
      certifiedOnChecks: ON_CHECKS,
      certificatesIssued: 1,
      certificatesExpired: 1,
      certificatesRevoked: 1,
    });
    expect(r.jointInspections).toEqual({ jointTasks: 1, mergedVisits: 1, entitiesCheckedMoreThanOnce: 1 });
    expect(r.cases).toMatchObject({ opened: 0, decided: 0, closed: 0, fineFen: 0, confiscationFen: 0 });
    expect(r.paragraph).toBe(
      '全年开展“双随机、一公开”抽查3次，对康希诺生物股份公司、天津生物化学制药有限公司、有济(天津)医药科技有限公司等17家单位进行检查，其中现场检查17家次、书面检查1家次，' +
        `发现问题4家次，责令限期改正4次，其中按期整改到位1次，向平台0、平台1推送执法检查结果1条，按程序向社会公开检查结果17条，按时公开率88.2%，另有1条待公开；` +
        '开展重大行政决策、重大执法决定、行政规范性文件的法制审核，全年共完成法制审核42次；' +
        `落实行政执法人员持证上岗制度，参与检查的${ON_CHECKS}名行政执法人员均持证上岗；` +
        '行政执法人员参加专题培训平均40.7学时，7名持证行政执法人员中5人培训超过40学时并通过考试（不含执法资格被暂扣或吊销的2人）。',
    );
    // The other ordering rules of REPORT_SETTINGS (the names' order is all they change).
    const namesBy = async (order: EntityNameOrder) => (await dataSourceOf(app).query(inspectionSql(order), [a.department.id, '2023-01-01', '2024-01-01', 2023, 3]))[0].names;
    expect(await namesBy('most_checks')).toEqual([twiceName, ...NAMED.slice(0, 2)]);
    expect(await namesBy('name')).toEqual([...checkedNames].sort().slice(0, 3)); // byte order of UTF-8 = code point order
    expect(await namesBy('first_check_date')).toEqual(NAMED);
    // OpenAPI documents the routes and the figures' shape.
    const doc = (await api().get('/api/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/reports/annual', '/reports/annual.docx', '/reports/annual.xlsx']));
    expect(doc.paths['/reports/annual'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/AnnualReportDto');
    expect(Object.keys(doc.components.schemas.AnnualReportDto.properties)).toEqual(Object.keys(r));
    // An admin names the department and gets the same figures.
    const viaAdmin = await report(bearer(a.admin), `year=2023&department=${a.department.id}`);
    expect({ ...viaAdmin, asOf: null }).toEqual({ ...r, asOf: null });
  });

  it('names the entities the supervisor chooses, as part of the report\'s inputs', async () => {
    const S = bearer(a.supervisor);
    const chosen = [checkedNames[10], NAMED[1]]; // both approved checks of 2023
    const named = chosen.map((n) => usccs.get(n)!).join(',');
    const base = await report(S, 'year=2023');
    const r = await report(S, `year=2023&named=${named}`);
    expect(r.randomInspections.checkedEntityNames).toEqual(chosen);
    expect(r.inputs.namedEntities).toEqual(chosen.map((n) => usccs.get(n)));
    expect(r.inputsHash).not.toBe(base.inputsHash);
    expect(r.paragraph).toContain(`对${chosen.join('、')}等17家单位进行检查`);
    // The same inputs give the same hash; the files follow the choice.
    expect((await report(S, `year=2023&named=${named}`)).inputsHash).toBe(r.inputsHash);
    const docx = await api().get(`/reports/annual.docx?year=2023&named=${named}`).set(S).buffer(true).parse(binary).expect(200);
    expect(await (await JSZip.loadAsync(docx.body as Buffer)).file('word/document.xml')!.async('string')).toContain(r.paragraph);
    // Not checked by us this year (a low-risk entity never drawn), repeated, or not a USCC list: refused, naming the field.
    const never = usccs.get('天津低风险1号科技有限公司')!;
    expect(await report(S, `year=2023&named=${never}`, 400)).toMatchObject({ code: 'NAMED_ENTITY_NOT_CHECKED', details: [{ field: 'named' }] });
    expect(await report(S, `year=2023&named=${usccs.get(NAMED[0])},${usccs.get(NAMED[0])}`, 400)).toMatchObject({ code: 'NAMED_ENTITY_DUPLICATE', details: [{ field: 'named' }] });
    expect((await report(S, 'year=2023&named=abc', 400)).code).toBe('VALIDATION_FAILED');
    // B checked 康希诺 too, but another entity of ours is not B's to name.
    expect((await report(bearer(b.supervisor), `year=2023&named=${usccs.get(OTHERS[0])}`, 400)).code).toBe('NAMED_ENTITY_NOT_CHECKED');
  });

  it('shows a department only its own figures', async () => {
    const r = await report(bearer(b.supervisor), `year=2023&department=${b.department.id}`);
    expect(r.department.id).toBe(b.department.id);
    expect(r.randomInspections).toMatchObject({ plans: 1, draws: 1, entitiesDrawn: 1, checks: 1, entitiesChecked: 1, checkedEntityNames: [NAMED[0]], problemsFound: 0, rectification: { orders: 0 } });
    expect(r.publication).toMatchObject({ published: 1, onTime: 1, late: 0, pending: 0, onTimeRate: 100, platformPush: { delivered: 1, failed: 0 } });
    expect(r.legalReview).toMatchObject({ total: 3, returned: 0 });
    expect(r.inspectors).toMatchObject({ certified: 2, validAtYearEnd: 2, trainingHoursTotal: 90, trainingHoursAverage: 45, meetingThreshold: 2, examsPassed: 2, trainedAndPassed: 2 });
    expect(r.jointInspections).toEqual({ jointTasks: 1, mergedVisits: 1, entitiesCheckedMoreThanOnce: 0 });
    expect(r.paragraph).toBe(
      `全年开展“双随机、一公开”抽查1次，深入${NAMED[0]}进行现场检查，均未发现问题，向平台0推送执法检查结果1条，按程序向社会公开检查结果1条，按时公开率100%；` +
        '开展重大行政决策的法制审核，全年共完成法制审核3次；落实行政执法人员持证上岗制度，参与检查的2名行政执法人员均持证上岗；' +
        '行政执法人员参加专题培训平均45学时，2名持证行政执法人员均培训超过40学时并通过考试。',
    );

    // Another department, or none for an admin: refused in the common error shape; never a 500.
    const err = (body: { statusCode: number; code: string }) => ({ statusCode: body.statusCode, code: body.code });
    expect(err(await report(bearer(b.supervisor), `year=2023&department=${a.department.id}`, 400))).toEqual({ statusCode: 400, code: 'DEPARTMENT_NOT_ALLOWED' });
    expect(await report(bearer(a.admin), 'year=2023', 400)).toMatchObject({ code: 'DEPARTMENT_REQUIRED', details: [{ field: 'department' }], requestId: expect.any(String) });
    expect((await report(bearer(a.admin), 'year=2023&department=00000000-0000-4000-8000-000000000000', 404)).code).toBe('DEPARTMENT_NOT_FOUND');
    for (const q of ['', 'year=abc', 'year=1999', 'year=2023.5', 'year=2023&department=not-a-uuid', 'year=2023&colour=red', 'year=2023&year=2024']) {
      expect((await report(bearer(a.supervisor), q, 400)).code).toBe('VALIDATION_FAILED');
    }
    expect((await report(bearer(a.supervisor), 'year=2100', 400)).code).toBe('REPORT_YEAR_IN_FUTURE');
    for (const who of [a.inspector, a.legalReviewer]) {
      for (const path of ['/reports/annual', '/reports/annual.docx', '/reports/annual.xlsx']) await api().get(`${path}?year=2023`).set(bearer(who)).expect(403);
    }
    await api().get('/reports/annual?year=2023').expect(401);
  });

  it('gives zeros, not errors, for a year without data', async () => {
    const r = await report(bearer(a.supervisor), 'year=2012');
    expect(r.randomInspections).toMatchObject({ plans: 0, draws: 0, entitiesDrawn: 0, checks: 0, entitiesChecked: 0, checkedEntityNames: [], problemsFound: 0, rectification: { orders: 0, rectifiedOnTime: 0, rectifiedLate: 0, open: 0 } });
    expect(r.randomInspections.checksByResult.every((c: { count: number }) => c.count === 0)).toBe(true);
    expect(r.publication).toMatchObject({ published: 0, onTime: 0, late: 0, pending: 0, onTimeRate: null, platformPush: { delivered: 0, failed: 0, pending: 0 } });
    expect(r.legalReview.total).toBe(0);
    expect(r.inspectors).toMatchObject({ certified: 0, validAtYearEnd: 0, trainingHoursTotal: 0, trainingHoursAverage: 0, examsTaken: 0 });
    expect(r.jointInspections).toEqual({ jointTasks: 0, mergedVisits: 0, entitiesCheckedMoreThanOnce: 0 });
    expect(r.paragraph).toBe('全年未开展“双随机、一公开”抽查；全年未开展法制审核；本年度无持证行政执法人员。');
    // 2024: certified inspectors but nothing else recorded (one order issued in January still counts there).
    const next = await report(bearer(a.supervisor), 'year=2024');
    expect(next.randomInspections).toMatchObject({ plans: 0, checks: 0, rectification: { orders: 1, open: 1 } });
    expect(next.inspectors).toMatchObject({ certified: 8, certificatesIssued: 1, trainingHoursTotal: 0 });
    expect(next.paragraph).toBe('全年未开展“双随机、一公开”抽查；开展行政规范性文件的法制审核，全年共完成法制审核1次；行政执法人员全年未登记专题培训学时。');
  });

  it('exports the report as DOCX and XLSX that read back', async () => {
    const S = bearer(a.supervisor);
    const { paragraph } = await report(S, 'year=2023');
    const docx = await api().get('/reports/annual.docx?year=2023').set(S).buffer(true).parse(binary).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.headers['content-disposition']).toContain(encodeURIComponent(`${a.department.name}2023年度`));
    const xml = await (await JSZip.loadAsync(docx.body as Buffer)).file('word/document.xml')!.async('string');
    expect(xml).toContain(`${a.department.name}2023年度“双随机、一公开”监管执法情况`);
    expect(xml).toContain(paragraph);
    expect(xml).toContain('法制审核合计');
    // GB/T 9704-2012: title 2号小标宋, body 3号仿宋_GB2312, margins 37/35/28/26 mm, 22 lines; one captioned table per family.
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/>(<[^>]+>)*<w:sz w:val="44"\/>/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:linePitch="579"');
    expect(xml.match(/<w:tbl>/g)).toHaveLength(5);
    for (const caption of ['表1\u3000双随机抽查', '表2\u3000结果公开', '表3\u3000法制审核', '表4\u3000执法人员', '表5\u3000联合抽查']) expect(xml).toContain(caption);

    const xlsx = await api().get('/reports/annual.xlsx?year=2023').set(S).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计数据', '检查对象', '公开情况']);
    const figures = wb.getWorksheet('统计数据')!;
    const value = (label: string) => figures.getRows(2, figures.rowCount - 1)!.find((row) => row.getCell(2).value === label)?.getCell(3).value;
    expect([value('检查对象（家）'), value('法制审核合计'), value('按时公开率'), value('培训超过40学时并通过考试（人）')]).toEqual([17, 42, 88.2, 5]);
    // Figures are numbers a bureau can sum, not text that looks like one; the rate keeps its % through the number format.
    const figureCells = figures.getRows(2, figures.rowCount - 1)!.map((row) => row.getCell(3));
    const textFigures = figureCells.filter((c) => typeof c.value === 'string' && /^-?[\d.]+%?$/.test(c.value));
    expect(textFigures.map((c) => c.value)).toEqual([]);
    expect(typeof value('人均培训学时')).toBe('number');
    expect(typeof value('培训总学时')).toBe('number');
    const rateCell = figureCells.find((c) => c.row && figures.getRow(Number(c.row)).getCell(2).value === '按时公开率')!;
    expect(rateCell.type).toBe(ExcelJS.ValueType.Number);
    expect(rateCell.numFmt).toContain('%');
    const entities = wb.getWorksheet('检查对象')!;
    expect(entities.rowCount).toBe(18);
    expect([2, 3, 4].map((n) => entities.getRow(n).getCell(2).value)).toEqual(NAMED);
    // Dates are Excel dates (serial numbers shown as dates), not text.
    expect(entities.getRow(2).getCell(4).value).toEqual(new Date('2023-04-10T00:00:00Z'));
    expect(entities.getRow(2).getCell(5).value).toBe(1);
    const pubs = wb.getWorksheet('公开情况')!;
    expect(pubs.rowCount).toBe(19);
    const states = pubs.getRows(2, 18)!.map((row) => row.getCell(7).value);
    expect(states.filter((s) => s === '已公开')).toHaveLength(16);
    expect(states.filter((s) => s === '已撤回')).toHaveLength(1);
    expect(states.filter((s) => s === '待公开')).toHaveLength(1);

    // An empty year exports too.
    await api().get('/reports/annual.docx?year=2012').set(S).expect(200);
    await api().get('/reports/annual.xlsx?year=2012').set(S).expect(200);
    expect((await api().get('/reports/annual.xlsx?year=2023').set(bearer(a.admin)).expect(400)).body.code).toBe('DEPARTMENT_REQUIRED');
  });
});
