import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, dataSourceOf, http } from './support/app';
import { freshUscc } from './support/files';
import { bearer, makeDepartmentWithStaff, TestAccount, unique } from './support/fixtures';
import { isMajorDecision, majorDecisionSql } from '../src/checks/record-rules';
import { ownDatabase } from './support/own-database';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors, commitReveal, letTimePass } from './support/scenario';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Task = { id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[] };
type Row = { id: string; stage: string; state: string; major: boolean; checkDate: string | null; entity: { id: string; uscc: string } };

const PERIOD_2026 = { year: 2026, windowStart: '2026-01-05', windowEnd: '2026-12-31' };

/**
 * What the staff console reads: a draw's tasks, records by stage, the legal reviewer's queue and the
 * supervisor's to-do counts — filtered and paged on the server, scoped to the caller's department.
 * The clock is fixed on Sunday 2026-12-20 (Beijing): every deadline below is counted from it. Its own
 * database, so the admin's all-department counts are exactly this suite's data.
 */
describe('console API: draw tasks, records by stage, legal review queue, to-do counts', () => {
  let app: NestExpressApplication;
  let db: Awaited<ReturnType<typeof ownDatabase>>;
  let a: Staff;
  let b: Staff;
  let itemId: string;
  let otherItemId: string;
  let planId: string;
  let drawId: string;
  let unstaffedDrawId: string;
  let tasks: Task[];
  const inspectors: { account: TestAccount; id: string }[] = [];
  /** Record ids by task index: 0 awaiting approval, 1 and 4 awaiting legal review, 2 and 5 approved, 3 in progress. */
  const records: string[] = [];

  const SA = () => bearer(a.supervisor);
  const memberOf = (t: Task) => bearer(inspectors.find((x) => x.id === t.team[0].inspectorId)!.account);
  const get = async (url: string, who: Record<string, string>, status = 200) => (await http(app).get(url).set(who).expect(status)).body;

  /** A record of task i with a check date, compliant or with a problem (major: a fine above the threshold); submitted unless told. */
  async function record(i: number, checkDate: string | null, opts: { problem?: boolean; major?: boolean; submit?: boolean } = {}): Promise<{ id: string; version: number }> {
    const t = tasks[i];
    const I = memberOf(t);
    const body = {
      checkDate,
      place: '天津市滨海新区测试路',
      inspectorsPresent: t.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
      representative: { name: '王五', role: '质量负责人' },
      findings: t.items.map((it) => (opts.problem ? { itemVersionId: it.itemVersionId, compliant: false, description: '未按规定公示', legalClause: '《企业信息公示暂行条例》第十条' } : { itemVersionId: it.itemVersionId, compliant: true })),
      resultCodes: opts.problem ? ['PROBLEM_PENDING'] : ['NO_PROBLEM'],
      ...(opts.major ? { majorDecision: { penaltyYuan: 200000, licenceRevocation: false, marked: false, description: '拟罚款二十万元' } } : {}),
    };
    const created = (await http(app).post(`/tasks/${t.id}/record`).set(I).send(body).expect(201)).body;
    records[i] = created.id;
    if (opts.submit === false) return created;
    return (await http(app).post(`/records/${created.id}/submit`).set(I).send({ version: created.version }).expect(200)).body;
  }

  beforeAll(async () => {
    db = await ownDatabase('console_api');
    app = await bootApp({ DATABASE_URL: db.url }, { clockFixedAt: '2026-12-20T10:00:00+08:00' });
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
    const S = SA();
    itemId = (await makeLabItem(app, S, 'CA-')).id;
    otherItemId = (
      await http(app)
        .post('/items')
        .set(S)
        .send({ code: unique('CF-'), name: '食品经营许可情况的检查', legalBasis: '《食品安全法》', category: 'general', targetType: '食品经营者', method: 'on_site', enforcementDomain: '食品安全', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
        .expect(201)
    ).body.id;
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址'], ...Array.from({ length: 8 }, (_, i) => [freshUscc(), `控制台测试${i}号公司`, 'B', '2023-01-01', `天津市滨海新区测试路${i}号`])]);
    inspectors.push(...(await makeLinkedInspectors(app, S, a.department.id, 3, '控制台检查员', 'CA-')));
    // Eligible in 2026 too: the training and exam of the year before.
    for (const ins of inspectors) {
      await http(app).post(`/inspectors/${ins.id}/trainings`).set(S).send({ date: '2025-12-10', hours: 40, topic: '年度培训' }).expect(201);
      await http(app).post(`/inspectors/${ins.id}/exams`).set(S).send({ year: 2025, passed: true }).expect(201);
    }
    ({ drawId, tasks } = await drawClassB<Task>(app, S, itemId, 6, '控制台计划', '双色球 2026001: 03 08 11 19 24 30 + 05', PERIOD_2026));
    planId = ((await get(`/draws/${drawId}`, S)) as { planId: string }).planId;
    // No inspector covers 食品安全: the drawn target is recorded unstaffed.
    unstaffedDrawId = (await drawClassB<Task>(app, S, otherItemId, 1, '无人可派计划', '见证 2026', PERIOD_2026)).drawId;
    // Published, not drawn: waiting for its randomness.
    const waiting = (await http(app).post('/plans').set(S).send({ name: unique('待抽取计划'), ...PERIOD_2026, itemIds: [itemId], sampling: { A: { count: 0 }, B: { count: 1 }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2 }).expect(201)).body;
    await http(app).post(`/plans/${waiting.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201);
    letTimePass(app);
    // A certificate expiring 26 days after the clock's today, of an inspector linked to no account.
    await http(app).post('/inspectors').set(S).send({ name: '即将到期', certificateNumber: unique('CX-'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2021-01-01', certificateValidUntil: '2027-01-15', domains: ['实验动物'] }).expect(201);

    await record(0, '2026-11-10');
    await record(1, '2026-12-10', { problem: true, major: true });
    const approvedSoon = await record(2, '2026-11-24');
    await record(3, null, { submit: false });
    await record(4, '2026-10-30', { problem: true, major: true });
    const approvedLate = await record(5, '2026-09-01', { problem: true });
    await http(app).post(`/records/${records[2]}/approve`).set(S).send({ version: approvedSoon.version }).expect(200);
    await http(app).post(`/records/${records[5]}/approve`).set(S).send({ version: approvedLate.version }).expect(200);
    await http(app).post(`/records/${records[5]}/rectifications`).set(S).send({ requirement: '按规定公示许可信息', workingDays: 5, issuedOn: '2026-09-10' }).expect(201);
    // Submission times are the real clock's: fixed here so that the order and the review deadlines do not depend on the day the suite runs.
    const at: [number, string, string][] = [
      [4, 'submitted_at', '2026-11-02T09:00:00+08:00'],
      [5, 'submitted_at', '2026-11-05T09:00:00+08:00'],
      [0, 'submitted_at', '2026-11-20T09:00:00+08:00'],
      [2, 'submitted_at', '2026-11-25T09:00:00+08:00'],
      [1, 'submitted_at', '2026-12-14T09:00:00+08:00'],
      [3, 'created_at', '2026-12-15T09:00:00+08:00'],
    ];
    for (const [i, column, value] of at) await dataSourceOf(app).query(`UPDATE check_records SET ${column} = $2 WHERE id = $1`, [records[i], value]);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('lists a draw\'s tasks in ticket order with target, team and record, paged and filtered by state and staffing', async () => {
    const S = SA();
    const all = await get(`/draws/${drawId}/tasks?pageSize=100`, S);
    expect(all.meta).toEqual({ totalCount: 6, totalPages: 1, page: 1, pageSize: 100 });
    expect(all.items.map((t: { id: string }) => t.id)).toEqual(tasks.map((t) => t.id)); // drawClassB reads them by position
    expect(all.items.map((t: { position: number }) => t.position)).toEqual([...all.items.map((t: { position: number }) => t.position)].sort((x, y) => x - y));
    expect(all.items[0]).toMatchObject({ state: 'assigned', stratum: 'B', windowStart: '2026-01-05', windowEnd: '2026-12-31', entity: { name: expect.stringMatching(/^控制台测试\d号公司$/), uscc: expect.stringMatching(/^[0-9A-Z]{18}$/) }, record: { id: records[0], state: 'submitted' } });
    expect(all.items[0].team).toHaveLength(2);
    expect(all.items[0].team[0]).toMatchObject({ inspectorId: tasks[0].team[0].inspectorId, name: expect.stringMatching(/^控制台检查员\d$/), leader: true, departmentId: a.department.id });
    expect(all.items.map((t: { record: { state: string } | null }) => t.record?.state)).toEqual(['submitted', 'submitted', 'approved', 'in_progress', 'submitted', 'approved']);

    const page2 = await get(`/draws/${drawId}/tasks?pageSize=4&page=2`, S);
    expect(page2.meta).toEqual({ totalCount: 6, totalPages: 2, page: 2, pageSize: 4 });
    expect(page2.items.map((t: { id: string }) => t.id)).toEqual(tasks.slice(4).map((t) => t.id));

    expect((await get(`/draws/${drawId}/tasks?staffed=true`, S)).meta.totalCount).toBe(6);
    expect((await get(`/draws/${drawId}/tasks?staffed=false`, S)).items).toEqual([]);
    const unstaffed = await get(`/draws/${unstaffedDrawId}/tasks?staffed=false`, S);
    expect(unstaffed.meta.totalCount).toBe(1);
    expect(unstaffed.items[0]).toMatchObject({ state: 'unstaffed', record: null });
    expect((await get(`/draws/${unstaffedDrawId}/tasks?state=assigned`, S)).meta.totalCount).toBe(0);
    expect((await get(`/draws/${drawId}/tasks?state=unstaffed`, bearer(a.legalReviewer))).meta.totalCount).toBe(0);

    expect((await get(`/draws/${drawId}/tasks?staffed=maybe`, S, 400)).code).toBe('VALIDATION_FAILED');
    expect((await get(`/draws/${drawId}/tasks?state=done`, S, 400)).code).toBe('VALIDATION_FAILED');
    // Another department's draw is not found, as GET /draws/{id}.
    expect((await get(`/draws/${drawId}/tasks`, bearer(b.supervisor), 404)).code).toBe('DRAW_NOT_FOUND');
    expect((await get(`/draws/${drawId}/tasks`, bearer(a.admin))).meta.totalCount).toBe(6);
  });

  it('lists records by stage, oldest submission first, paged, filtered by check dates, item, plan and entity', async () => {
    const S = SA();
    const all = await get('/records', S);
    expect(all.items.map((r: Row) => r.id)).toEqual([records[4], records[5], records[0], records[2], records[1], records[3]]);
    expect(all.items.map((r: Row) => r.stage)).toEqual(['awaiting_legal_review', 'approved', 'awaiting_approval', 'approved', 'awaiting_legal_review', 'in_progress']);
    expect(all.items[0]).toMatchObject({ state: 'submitted', major: true, checkDate: '2026-10-30', submittedAt: '2026-11-02T01:00:00.000Z', planId, drawId, departmentId: a.department.id, taskId: tasks[4].id });
    expect((await get('/records?order=desc', S)).items.map((r: Row) => r.id)).toEqual([records[3], records[1], records[2], records[0], records[5], records[4]]);

    const first = await get('/records?pageSize=4', S);
    const second = await get('/records?pageSize=4&page=2', S);
    expect(first.meta).toEqual({ totalCount: 6, totalPages: 2, page: 1, pageSize: 4 });
    expect([...first.items, ...second.items].map((r: Row) => r.id)).toEqual(all.items.map((r: Row) => r.id));

    const ids = async (q: string) => (await get(`/records?${q}`, S)).items.map((r: Row) => r.id);
    expect(await ids('state=awaiting_approval')).toEqual([records[0]]);
    expect(await ids('state=awaiting_legal_review')).toEqual([records[4], records[1]]);
    expect(await ids('state=submitted')).toEqual([records[4], records[0], records[1]]);
    expect(await ids('state=approved')).toEqual([records[5], records[2]]);
    expect(await ids('state=in_progress')).toEqual([records[3]]);
    expect(await ids('state=published')).toEqual([]);
    expect(await ids('checkDateFrom=2026-11-10&checkDateTo=2026-11-24')).toEqual([records[0], records[2]]);
    expect(await ids('state=approved&checkDateTo=2026-10-01')).toEqual([records[5]]);
    expect(await ids(`itemId=${itemId}`)).toHaveLength(6);
    expect(await ids(`itemId=${otherItemId}`)).toEqual([]);
    expect(await ids(`planId=${planId}&state=awaiting_approval`)).toEqual([records[0]]);
    expect(await ids(`entityId=${all.items[2].entity.id}`)).toEqual([all.items[2].id]);
    expect(await ids(`entityId=${all.items[2].entity.id}&state=in_progress`)).toEqual([]);
    expect(await ids(`departmentId=${a.department.id}&state=awaiting_approval`)).toEqual([records[0]]);

    for (const bad of ['state=waiting', 'checkDateFrom=2026-13-01', 'itemId=42', 'entityId=42', 'order=up', 'pageSize=1000']) expect((await get(`/records?${bad}`, S, 400)).code).toBe('VALIDATION_FAILED');
  });

  it('never lists another department\'s records, whatever the filter', async () => {
    expect((await get('/records', bearer(b.supervisor))).meta.totalCount).toBe(0);
    expect((await get(`/records?departmentId=${a.department.id}`, bearer(b.supervisor))).items).toEqual([]);
    expect((await get(`/records?departmentId=${b.department.id}`, SA())).items).toEqual([]);
    expect((await get('/legal-reviews/queue', bearer(b.legalReviewer))).items).toEqual([]);
    // The admin sees every department, and narrows to one.
    expect((await get('/records', bearer(a.admin))).meta.totalCount).toBe(6);
    expect((await get(`/records?departmentId=${b.department.id}`, bearer(a.admin))).meta.totalCount).toBe(0);
  });

  it('gives the legal reviewer a queue, oldest first, with the deadline in working days and the days left', async () => {
    const L = bearer(a.legalReviewer);
    const queue = await get('/legal-reviews/queue', L);
    expect(queue.meta).toEqual({ totalCount: 2, totalPages: 1, page: 1, pageSize: 20 });
    // 10 working days after Monday 2026-11-02 is 2026-11-16; 24 working days have passed since by Sunday 2026-12-20.
    expect(queue.items[0]).toMatchObject({ id: records[4], submittedOn: '2026-11-02', deadline: '2026-11-16', workingDaysLeft: -24, overdue: true, deadlineProvisional: false, major: true, stage: 'awaiting_legal_review', entity: { name: expect.stringMatching(/^控制台测试\d号公司$/) } });
    // After Monday 2026-12-14: 15–18, 21–25, 28 → 2026-12-28; from Sunday 12-20: 21–25, 28 → 6 left.
    expect(queue.items[1]).toMatchObject({ id: records[1], submittedOn: '2026-12-14', deadline: '2026-12-28', workingDaysLeft: 6, overdue: false });
    const paged = await get('/legal-reviews/queue?pageSize=1&page=2', L);
    expect(paged.items.map((r: Row) => r.id)).toEqual([records[1]]);
    expect((await get('/legal-reviews/queue', bearer(a.admin))).meta.totalCount).toBe(2);

    // A pass of the current version moves it to the supervisor's approval list, out of the queue.
    const current = await get(`/records/${records[1]}`, L);
    await http(app).post(`/records/${records[1]}/legal-reviews`).set(L).send({ decision: 'pass', opinion: '事实清楚，同意', reviewedOn: '2026-12-18', version: current.version }).expect(201);
    expect((await get('/legal-reviews/queue', L)).items.map((r: Row) => r.id)).toEqual([records[4]]);
    expect((await get('/records?state=awaiting_approval', SA())).items.map((r: Row) => r.id)).toEqual([records[0], records[1]]);
    expect((await get('/records?state=awaiting_approval', SA())).items[1]).toMatchObject({ major: true, stage: 'awaiting_approval' });
  });

  it('counts the supervisor\'s to-dos, each with the list route and filters that list exactly those entries', async () => {
    const S = SA();
    const todo = await get('/dashboard/todo', S);
    expect(todo).toMatchObject({ role: 'supervisor', departmentId: a.department.id, today: '2026-12-20' });
    const byKey = Object.fromEntries(todo.items.map((c: { key: string }) => [c.key, c]));
    expect(Object.keys(byKey).sort()).toEqual(['case_decisions_due_soon', 'case_decisions_overdue', 'cases_awaiting_approval', 'certificates_expiring', 'draws_awaiting_randomness', 'publications_due_soon', 'publications_overdue', 'records_awaiting_legal_review', 'rectifications_overdue', 'results_awaiting_approval', 'unstaffed_targets']);
    expect(byKey.results_awaiting_approval).toMatchObject({ count: 2, route: '/records', query: { state: 'awaiting_approval' }, label: '待审批检查结果' });
    expect(byKey.records_awaiting_legal_review).toMatchObject({ count: 1, route: '/records', query: { state: 'awaiting_legal_review' } });
    // Checked 2026-11-24: due 20 working days later, 2026-12-22 (2 left); checked 2026-09-01: long overdue.
    expect(byKey.publications_due_soon).toMatchObject({ count: 1, route: '/publications', query: { status: 'due_soon' }, label: '即将超期的公示（剩余 ≤ 3 个工作日）' });
    expect(byKey.publications_overdue).toMatchObject({ count: 1, route: '/publications', query: { status: 'overdue' } });
    expect(byKey.rectifications_overdue).toMatchObject({ count: 1, route: '/rectifications', query: { overdue: 'true' } });
    expect(byKey.draws_awaiting_randomness).toMatchObject({ count: 1, route: '/plans', query: { state: 'published' } });
    expect(byKey.certificates_expiring).toMatchObject({ count: 1, route: '/inspectors/expiring-certificates', query: { withinDays: '60' } });
    expect(byKey.unstaffed_targets).toMatchObject({ count: 1, route: '/draws/{id}/tasks', query: { staffed: 'false' }, drawIds: [unstaffedDrawId] });

    await expectCountsOfLinks(todo, S);
  });

  /** Each count is the total of the list it links to, opened by the same caller. */
  async function expectCountsOfLinks(todo: { items: { count: number; route: string; query: Record<string, string>; drawIds: string[] }[] }, who: Record<string, string>) {
    for (const c of todo.items) {
      // A per-draw route ({id}) is opened once per draw named; no draw named: nothing to count.
      const routes = c.route.includes('{id}') ? c.drawIds.map((id) => c.route.replace('{id}', id)) : [c.route];
      let total = 0;
      for (const route of routes) {
        const body = await get(`${route}?${new URLSearchParams(c.query).toString()}`, who);
        total += Array.isArray(body) ? body.length : body.meta.totalCount;
      }
      expect([c.route, total]).toEqual([c.route, c.count]);
    }
  }

  it('counts for the legal reviewer their queue only, for the admin any department, and nothing of another department', async () => {
    expect((await get('/dashboard/todo', bearer(a.legalReviewer))).items).toEqual([{ key: 'records_awaiting_legal_review', label: '待法制审核', count: 1, route: '/legal-reviews/queue', query: {}, drawIds: [] }]);
    const other = await get('/dashboard/todo', bearer(b.supervisor));
    expect(other.departmentId).toBe(b.department.id);
    expect(other.items.map((c: { count: number }) => c.count)).toEqual(other.items.map(() => 0));
    expect((await get(`/dashboard/todo?departmentId=${a.department.id}`, bearer(b.supervisor))).departmentId).toBe(b.department.id);
    const counts = (body: { items: { key: string; count: number }[] }) => Object.fromEntries(body.items.map((c) => [c.key, c.count]));
    const mine = counts(await get('/dashboard/todo', SA()));
    const admin = await get(`/dashboard/todo?departmentId=${a.department.id}`, bearer(a.admin));
    expect(counts(admin)).toEqual(mine);
    expect(admin.items.find((c: { key: string }) => c.key === 'results_awaiting_approval').query).toEqual({ state: 'awaiting_approval', departmentId: a.department.id });
    await expectCountsOfLinks(admin, bearer(a.admin));
    const adminOfB = await get(`/dashboard/todo?departmentId=${b.department.id}`, bearer(a.admin));
    expect(adminOfB.items.map((c: { count: number }) => c.count)).toEqual(adminOfB.items.map(() => 0));
    await expectCountsOfLinks(adminOfB, bearer(a.admin));
    expect(counts(await get('/dashboard/todo', bearer(a.admin)))).toEqual(mine); // this database holds only department A's work
    expect((await get('/dashboard/todo?departmentId=x', bearer(a.admin), 400)).code).toBe('VALIDATION_FAILED');
  });

  it('filters major enforcement decisions in SQL exactly as the rule decides them', async () => {
    const threshold = 100000;
    const cases = [
      null,
      { penaltyYuan: null, licenceRevocation: false, marked: false, description: null },
      { penaltyYuan: 100000, licenceRevocation: false, marked: false, description: null },
      { penaltyYuan: 100000.01, licenceRevocation: false, marked: false, description: null },
      { penaltyYuan: 0, licenceRevocation: true, marked: false, description: null },
      { penaltyYuan: null, licenceRevocation: false, marked: true, description: null },
      { penaltyYuan: 5000000, licenceRevocation: true, marked: true, description: '吊销许可证' },
    ];
    for (const d of cases) {
      const [row]: { major: boolean }[] = await dataSourceOf(app).query(`SELECT ${majorDecisionSql('r', '$1')} AS major FROM (SELECT $2::jsonb AS major_decision) r`, [threshold, d === null ? null : JSON.stringify(d)]);
      expect([d, row.major]).toEqual([d, isMajorDecision(d, threshold)]);
    }
  });

  it('tells an inspector whose account is linked to no inspector why no task is listed, and lets the admin find such inspectors', async () => {
    const unlinked = await get('/me/tasks', bearer(a.inspector));
    expect(unlinked).toMatchObject({ items: [], inspectorId: null, notice: expect.stringContaining('尚未关联执法人员') });
    const linked = await get('/me/tasks', bearer(inspectors[0].account));
    expect(linked).toMatchObject({ inspectorId: inspectors[0].id, notice: null });
    expect(linked.meta.totalCount).toBeGreaterThan(0);
    const noAccount = await get(`/inspectors?hasAccount=false&departmentId=${a.department.id}`, bearer(a.admin));
    expect(noAccount.items.map((i: { name: string; userId: string | null }) => [i.name, i.userId])).toEqual([['即将到期', null]]);
    expect((await get('/inspectors?hasAccount=true', SA())).meta.totalCount).toBe(3);
    expect((await get('/inspectors?hasAccount=perhaps', SA(), 400)).code).toBe('VALIDATION_FAILED');
  });
});
