import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, dataSourceOf, http } from './support/app';
import { freshUscc } from './support/files';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors, travelTo } from './support/scenario';
import { bearer, makeAccount, makeDepartmentWithStaff, TestAccount } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Task = { id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[] };

/** 立案 through the API: opened from a check record, approved by another supervisor, investigated, reviewed when major, decided, published, closed. */
describe('cases (立案)', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  let supervisor2: TestAccount;
  let recordId: string;
  let entityName: string;
  const inspectors: { account: TestAccount; id: string }[] = [];

  beforeAll(async () => {
    app = await bootApp({}, { clockFixedAt: '2024-06-20T02:00:00Z' });
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
    supervisor2 = await makeAccount(app, 'supervisor', a.department.id);
    const S = bearer(a.supervisor);
    const item = await makeLabItem(app, S, 'CASE-');
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址'], ...Array.from({ length: 2 }, (_, i) => [freshUscc(), `立案测试${i}号公司`, 'B', '2023-01-01', `天津市滨海新区立案路${i}号`])]);
    inspectors.push(...(await makeLinkedInspectors(app, S, a.department.id, 2, '立案检查员', 'CASE-')));
    const { tasks } = await drawClassB<Task>(app, S, item.id, 1, '立案计划', '双色球 2024070: 01 02 03 04 05 06 + 07', { year: 2024, windowStart: '2024-06-21', windowEnd: '2024-12-31' });
    travelTo(app, '2024-07-01T02:00:00Z');
    const t = tasks[0];
    const I = bearer(inspectors.find((x) => x.id === t.team[0].inspectorId)!.account);
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I).send({
      checkDate: '2024-06-28',
      place: '天津市滨海新区立案路',
      inspectorsPresent: t.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
      representative: { name: '王五', role: '质量负责人' },
      findings: t.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: false, description: '未取得许可使用实验动物', legalClause: '《实验动物管理条例》第三十条' })),
      resultCodes: ['PROBLEM_PENDING'],
      remarks: '内部备注：负责人手机13912345678',
    }).expect(201)).body;
    await http(app).post(`/records/${record.id}/submit`).set(I).send({ version: record.version }).expect(200);
    recordId = record.id;
    entityName = (await dataSourceOf(app).query('SELECT e.name FROM tasks t JOIN regulated_entities e ON e.id = t.entity_id WHERE t.id = $1', [t.id]))[0].name;
  });
  afterAll(async () => {
    await app.close();
  });

  const S = () => bearer(a.supervisor);
  const opening = { source: 'check_record', title: '未取得实验动物使用许可证从事动物实验案', legalProvisions: ['《实验动物管理条例》第三十条'] };

  it('takes a case from a record through approval, investigation, 法制审核, decision, publication and closure', async () => {
    const opened = (await http(app).post('/cases').set(S()).send({ ...opening, recordId }).expect(201)).body;
    expect(opened).toMatchObject({ state: 'pending_approval', number: `${a.department.code}立〔2024〕1号`, partyName: entityName, recordId, source: 'check_record', sourceLabel: '双随机抽查发现', version: 1 });
    const id = opened.id as string;

    // Another department's staff see nothing and can do nothing; nor open a case from this record.
    expect((await http(app).get(`/cases/${id}`).set(bearer(b.supervisor)).expect(404)).body.code).toBe('CASE_NOT_FOUND');
    expect((await http(app).post(`/cases/${id}/approve`).set(bearer(b.supervisor)).send({ version: 1 }).expect(404)).body.code).toBe('CASE_NOT_FOUND');
    await http(app).post('/cases').set(bearer(b.supervisor)).send({ ...opening, recordId }).expect(404);
    expect((await http(app).get('/cases').set(bearer(b.supervisor)).expect(200)).body.items).toEqual([]);

    // The opener cannot approve the filing; another supervisor does. Illegal steps and stale versions are refused.
    expect((await http(app).post(`/cases/${id}/approve`).set(S()).send({ version: 1 }).expect(403)).body.code).toBe('OPENER_CANNOT_APPROVE');
    const decideEarly = await http(app).post(`/cases/${id}/decide`).set(S()).send({ version: 1, decidedOn: '2024-07-01' }).expect(409);
    expect(decideEarly.body).toMatchObject({ code: 'CASE_STATE_CONFLICT', message: '案件当前状态为「立案审批中」，不能作出决定' });
    const filed = (await http(app).post(`/cases/${id}/approve`).set(bearer(supervisor2)).send({ version: 1 }).expect(200)).body;
    expect(filed).toMatchObject({ state: 'investigating', filedOn: '2024-07-01', approvedBy: supervisor2.id });
    expect((await http(app).post(`/cases/${id}/approve`).set(bearer(supervisor2)).send({ version: filed.version }).expect(409)).body.code).toBe('CASE_STATE_CONFLICT');
    expect((await http(app).post(`/cases/${id}/notes`).set(S()).send({ version: 1, notedOn: '2024-07-01', content: '询问笔录' }).expect(409)).body.code).toBe('VERSION_CONFLICT');

    const I = bearer(inspectors[0].account);
    const noted = (await http(app).post(`/cases/${id}/notes`).set(I).send({ version: filed.version, notedOn: '2024-07-01', content: '调取实验记录，询问负责人王五' }).expect(200)).body;
    expect(noted.notes).toEqual([expect.objectContaining({ notedOn: '2024-07-01', content: '调取实验记录，询问负责人王五' })]);
    expect(noted.version).toBeGreaterThan(filed.version);
    expect((await http(app).post(`/cases/${id}/notes`).set(I).send({ version: noted.version, notedOn: '2024-06-30', content: '早于立案' }).expect(400)).body.code).toBe('DATE_BEFORE_FILING');

    // The proposal: checked for consistency and for personal data in what becomes public.
    const proposal = { outcome: 'penalty', penalties: ['FINE', 'SUSPEND_LICENCE'], fineFen: 20_000_000, confiscationFen: 0, licenceMeasures: [{ kind: 'SUSPEND_LICENCE', licenceName: '实验动物使用许可证', durationMonths: 3 }], facts: '该公司未取得实验动物使用许可证从事动物实验。' };
    const inconsistent = await http(app).post(`/cases/${id}/proposal`).set(I).send({ ...proposal, version: noted.version, fineFen: 0 }).expect(400);
    expect(inconsistent.body).toMatchObject({ code: 'DECISION_INVALID', details: [{ field: 'fineFen', code: 'FINE_MISMATCH' }] });
    expect((await http(app).post(`/cases/${id}/proposal`).set(I).send({ ...proposal, version: noted.version, facts: '负责人电话139 1234 5678' }).expect(400)).body.code).toBe('TEXT_HAS_PERSONAL_DATA');
    expect((await http(app).post(`/cases/${id}/proposal`).set(I).send({ ...proposal, version: noted.version, fineFen: 1.5 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const proposed = (await http(app).post(`/cases/${id}/proposal`).set(I).send({ ...proposal, version: noted.version }).expect(200)).body;
    expect(proposed).toMatchObject({ state: 'proposed', major: true, legalReviewPassed: false, decision: { penalties: [{ code: 'FINE', label: '罚款' }, { code: 'SUSPEND_LICENCE', label: '暂扣许可证件' }], fineFen: 20_000_000 } });

    // A major decision (200,000 yuan > 100,000) waits for 法制审核 of exactly this version.
    expect((await http(app).post(`/cases/${id}/decide`).set(S()).send({ version: proposed.version, decidedOn: '2024-07-01' }).expect(409)).body.code).toBe('LEGAL_REVIEW_REQUIRED');
    await http(app).post(`/cases/${id}/legal-reviews`).set(S()).send({ version: proposed.version, decision: 'pass', opinion: '同意', reviewedOn: '2024-07-01' }).expect(403);
    const review = (await http(app).post(`/cases/${id}/legal-reviews`).set(bearer(a.legalReviewer)).send({ version: proposed.version, decision: 'pass', opinion: '事实清楚，证据确凿，同意', reviewedOn: '2024-07-01' }).expect(201)).body;
    expect(review).toMatchObject({ kind: 'major_enforcement_decision', caseId: id, recordId: null, decision: 'pass' });
    const register = (await http(app).get('/legal-reviews?year=2024').set(S()).expect(200)).body;
    expect(register.countByKind.major_enforcement_decision).toBe(1);

    // Decided before the 国庆 holiday: 7 working days skip 1–7 October and count the make-up days (29 Sep, 12 Oct).
    travelTo(app, '2024-10-09T02:00:00Z');
    const decided = (await http(app).post(`/cases/${id}/decide`).set(S()).send({ version: proposed.version, decidedOn: '2024-09-27' }).expect(200)).body;
    expect(decided).toMatchObject({ state: 'decided', decidedOn: '2024-09-27', publicationRequired: true, publicationDeadline: '2024-10-12', publicationWorkingDaysLeft: 3, publishedAt: null });

    // On the due list of the to-do page and its list route.
    const todo = (await http(app).get('/dashboard/todo').set(S()).expect(200)).body;
    expect(todo.items.find((i: { key: string }) => i.key === 'case_decisions_due_soon')).toMatchObject({ count: 1, route: '/cases', query: { publication: 'due_soon' } });
    expect((await http(app).get('/cases?publication=due_soon').set(S()).expect(200)).body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await http(app).get('/cases?publication=overdue').set(S()).expect(200)).body.items).toEqual([]);

    // Not public before publication; not closed before it either.
    await http(app).get(`/public/penalty-decisions/${id}`).expect(404);
    expect((await http(app).post(`/cases/${id}/close`).set(S()).send({ version: decided.version }).expect(409)).body.code).toBe('DECISION_NOT_PUBLISHED');
    const published = (await http(app).post(`/cases/${id}/publish`).set(S()).send({ version: decided.version }).expect(200)).body;
    expect(published.publishedAt).toBeTruthy();

    const pub = (await http(app).get(`/public/penalty-decisions/${id}`).expect(200)).body;
    expect(Object.keys(pub).sort()).toEqual(['confiscationYuan', 'decidedOn', 'department', 'facts', 'fineYuan', 'id', 'legalProvisions', 'licenceMeasures', 'number', 'partyName', 'partyUscc', 'penalties', 'publishedAt', 'title']);
    expect(pub).toMatchObject({ number: `${a.department.code}立〔2024〕1号`, partyName: entityName, fineYuan: '200000.00', penalties: ['罚款', '暂扣许可证件'], licenceMeasures: ['暂扣实验动物使用许可证3个月'], decidedOn: '2024-09-27', department: a.department.name });
    const text = JSON.stringify((await http(app).get('/public/penalty-decisions?year=2024').expect(200)).body);
    expect(text).toContain(id);
    for (const secret of ['王五', '13912345678', '询问', 'opinion', supervisor2.id, a.supervisor.id]) expect(text).not.toContain(secret);

    const closed = (await http(app).post(`/cases/${id}/close`).set(S()).send({ version: published.version, note: '罚款已缴清' }).expect(200)).body;
    expect(closed).toMatchObject({ state: 'closed', closedOn: '2024-10-09' });
    expect((await http(app).post(`/cases/${id}/publish`).set(S()).send({ version: closed.version }).expect(409)).body.code).toBe('CASE_STATE_CONFLICT');
    expect((await http(app).post(`/cases/${id}/proposal`).set(S()).send({ ...proposal, version: closed.version }).expect(409)).body.code).toBe('CASE_STATE_CONFLICT');

    const audit: { action: string }[] = await dataSourceOf(app).query(`SELECT action FROM audit_events WHERE subject_type = 'case' AND subject_id = $1 ORDER BY seq`, [id]);
    expect(audit.map((e) => e.action)).toEqual(['case.open', 'case.approve', 'case.note', 'case.propose', 'legal_review.case', 'case.decide', 'case.publish', 'case.close']);
  });

  it('numbers cases uniquely per department and year under concurrent openings', async () => {
    const direct = { source: 'complaint', sourceDescription: '群众来信举报', partyName: '并发测试有限公司', title: '涉嫌违规使用实验动物案', legalProvisions: ['《实验动物管理条例》第三十条'] };
    const answers = await Promise.all(Array.from({ length: 6 }, () => http(app).post('/cases').set(bearer(supervisor2)).send(direct)));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const numbers = answers.map((r) => r.body.number as string);
    expect(new Set(numbers).size).toBe(6);
    const seqs = numbers.map((n) => Number(/〔2024〕(\d+)号$/.exec(n)![1])).sort((x, y) => x - y);
    expect(seqs).toEqual([2, 3, 4, 5, 6, 7]);
    // Another department counts from 1.
    expect((await http(app).post('/cases').set(bearer(b.supervisor)).send(direct).expect(201)).body.number).toBe(`${b.department.code}立〔2024〕1号`);
    // A direct case must say where it came from.
    expect((await http(app).post('/cases').set(S()).send({ ...direct, sourceDescription: undefined }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    // A refused filing is final.
    const one = answers[0].body;
    const rejected = (await http(app).post(`/cases/${one.id}/reject`).set(S()).send({ version: one.version, reason: '不属于本部门管辖' }).expect(200)).body;
    expect(rejected.state).toBe('not_filed');
    expect((await http(app).post(`/cases/${one.id}/approve`).set(S()).send({ version: rejected.version }).expect(409)).body.code).toBe('CASE_STATE_CONFLICT');
  });

  it('counts cases opened, decided and closed, and the penalty totals, in the annual report', async () => {
    const r = (await http(app).get(`/reports/annual?year=2024`).set(S()).expect(200)).body;
    expect(r.randomInspections).toMatchObject({ casesOpened: 1, casesTracked: true });
    expect(r.cases).toMatchObject({ opened: 1, decided: 1, penaltyDecisions: 1, closed: 1, fineFen: 20_000_000, confiscationFen: 0 });
    expect(r.cases.byPenaltyKind).toEqual(expect.arrayContaining([{ code: 'FINE', label: '罚款', count: 1 }, { code: 'SUSPEND_LICENCE', label: '暂扣许可证件', count: 1 }]));
    expect(r.paragraph).toContain('立案1件，作出行政处罚决定1件，罚没款合计20万元，结案1件');
  });
});
