import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, dataSourceOf, http } from './support/app';
import { freshUscc } from './support/files';
import { bearer, makeDepartmentWithStaff, TestAccount } from './support/fixtures';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors } from './support/scenario';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Task = { id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[] };

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 calendar evidence', 'latin1')]);
/** 10:00 in Beijing on Sunday 2026-12-20: the 2027 notice is not out, and it is past 1 November. */
const CLOCK = '2026-12-20T02:00:00Z';
/**
 * A made-up 2027 notice for the test (the real one is not out): 元旦 Fri 1 – Mon 4 Jan, 春节 Fri 5 – Thu 11 Feb,
 * make-up working days Sun 31 Jan and Sat 20 Feb.
 */
const NOTICE_2027 = {
  holidays: ['2027-01-01', '2027-01-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  makeupWorkdays: ['2027-01-31', '2027-02-20'],
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
};

/** A year whose notice is not out: deadlines counted with the statutory holidays, marked provisional, recomputed by the notice. */
describe('calendar: deadlines in a year whose holiday notice is not out yet', () => {
  let app: NestExpressApplication;
  /** The same database seen on Tue 2026-12-29, when "due soon" (3 working days) reaches into 2027. */
  let late: NestExpressApplication;
  let a: Staff;
  let inspectors: { account: TestAccount; id: string }[];
  let tasks: Task[];
  let drawId: string;

  beforeAll(async () => {
    [app, late] = await Promise.all([bootApp({}, { clockFixedAt: CLOCK }), bootApp({}, { clockFixedAt: '2026-12-29T02:00:00Z' })]);
    a = await makeDepartmentWithStaff(app);
    const S = bearer(a.supervisor);
    const item = await makeLabItem(app, S, 'CAL-');
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址'], ...Array.from({ length: 3 }, (_, i) => [freshUscc(), `日历测试${i}号公司`, 'B', '2023-01-01', `天津市河西区日历路${i}号`])]);
    inspectors = await makeLinkedInspectors(app, S, a.department.id, 2, '日历检查员', 'CAL-');
    // Eligible for a 2026 plan: 40 hours in the year before its window.
    for (const i of inspectors) await http(app).post(`/inspectors/${i.id}/trainings`).set(S).send({ date: '2025-12-10', hours: 40, topic: '年度执法培训' }).expect(201);
    ({ drawId, tasks } = await drawClassB<Task>(app, S, item.id, 3, '日历计划', '双色球 2026140: 03 08 12 19 25 31 + 09', { year: 2026, windowStart: '2026-01-02', windowEnd: '2026-12-31' }));
  });
  afterAll(async () => {
    await Promise.all([app.close(), late.close()]);
  });

  const I = () => bearer(inspectors[0].account);
  const SV = () => bearer(a.supervisor);
  const A = () => bearer(a.admin);

  /** A record of task n dated checkDate (no problem, or a problem to rectify), submitted. */
  const record = async (n: number, checkDate: string, compliant: boolean) => {
    const t = tasks[n];
    const body = {
      checkDate,
      place: '企业实验动物房',
      inspectorsPresent: t.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
      representative: { name: '王五', role: '质量负责人' },
      findings: t.items.map((i) => (compliant ? { itemVersionId: i.itemVersionId, compliant: true } : { itemVersionId: i.itemVersionId, compliant: false, description: '未按规定公示', legalClause: '《企业信息公示暂行条例》第十条' })),
      resultCodes: [compliant ? 'NO_PROBLEM' : 'NOT_DISCLOSED'],
    };
    const created = (await http(app).post(`/tasks/${t.id}/record`).set(I()).send(body).expect(201)).body;
    await http(app).post(`/records/${created.id}/evidence`).set(I()).attach('file', JPEG, `现场${n}.jpg`).expect(201);
    const { version } = (await http(app).get(`/records/${created.id}`).set(I()).expect(200)).body;
    return (await http(app).post(`/records/${created.id}/submit`).set(I()).send({ version }).expect(200)).body as { id: string; version: number };
  };
  const publicationOf = async (recordId: string) => ((await http(app).get('/publications?status=pending&pageSize=100').set(SV()).expect(200)).body.items as { recordId: string }[]).find((p) => p.recordId === recordId) as Record<string, unknown>;
  const auditOf = async (action: string, subjectId: string) =>
    (await dataSourceOf(app).query('SELECT actor_id AS "actorId", details FROM audit_events WHERE action = $1 AND subject_id = $2 ORDER BY seq', [action, subjectId])) as { actorId: string; details: Record<string, unknown> }[];

  it('alerts administrators from 1 November that next year\'s notice is missing, without failing readiness', async () => {
    const status = (await http(app).get('/calendar/status').set(A()).expect(200)).body;
    expect(status).toMatchObject({ today: '2026-12-20', alert: true, missingNotices: [2027], years: [{ year: 2026, notice: true, provisional: false }, { year: 2027, notice: false, provisional: true, computable: true }] });
    expect(status.message).toContain('2027年');
    await http(app).get('/calendar/status').set(SV()).expect(403);
    const ready = (await http(app).get('/health/ready').expect(200)).body;
    expect(ready).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, calendar: { status: 'up', alert: true, missingNotices: [2027] } } });
    // 2027 is computable with its statutory holidays: 元旦 Fri 1 Jan, 除夕–初三 5–8 Feb, 清明 Mon 5 Apr, … 国庆 1–3 Oct.
    const y2027 = (await http(app).get('/calendar?year=2027').set(I()).expect(200)).body;
    expect(y2027).toMatchObject({ year: 2027, covered: true, provisional: true, makeupWorkdays: [] });
    expect(y2027.holidays).toEqual(['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']);
    expect((await http(app).get('/calendar?year=2036').set(I()).expect(200)).body).toMatchObject({ covered: false, provisional: false });
  });

  it('approves a check dated today with a provisional 2027 deadline; entering the 2027 notice recomputes it, audited', async () => {
    const submitted = await record(0, '2026-12-20', true);
    // Refused with CALENDAR_NOT_COVERED before the statutory fallback.
    expect((await http(app).post(`/records/${submitted.id}/approve`).set(SV()).send({ version: submitted.version }).expect(200)).body.state).toBe('approved');
    // 20 working days after Sun 20 Dec: 21–31 Dec (9), 1 Jan off (元旦), 4–15 Jan (10), Mon 18 Jan.
    const pending = await publicationOf(submitted.id);
    expect(pending).toMatchObject({ checkDate: '2026-12-20', deadline: '2027-01-18', deadlineProvisional: true, workingDaysLeft: 20 });
    const page = (await http(app).get(`/portal/draws/${drawId}/completeness`).expect(200)).text;
    expect(page).toContain('2027-01-18');
    expect(page).toContain('暂定（2027年放假安排未发布）');

    // A rectification order issued the same day, 40 working days, across Spring Festival 2027:
    // Dec (9), Jan 4–29 (20), Feb 1–4 (4), 5–8 Feb off (除夕–初三), Feb 9–12 (4), Feb 15–17 (3).
    const problem = await record(1, '2026-12-20', false);
    const order = (await http(app).post(`/records/${problem.id}/rectifications`).set(I()).send({ requirement: '限期公示应当公示的信息', workingDays: 40, issuedOn: '2026-12-20' }).expect(201)).body;
    expect(order).toMatchObject({ dueOn: '2027-02-17', deadlineProvisional: true, overdue: false });
    const listed = (await http(app).get('/rectifications?pageSize=100').set(SV()).expect(200)).body.items.find((o: { id: string }) => o.id === order.id);
    expect(listed).toMatchObject({ dueOn: '2027-02-17', deadlineProvisional: true });
    // A short order ending in 2026 is final.
    const short = (await http(app).post(`/records/${problem.id}/rectifications`).set(I()).send({ requirement: '立即整改', workingDays: 5, issuedOn: '2026-12-20' }).expect(201)).body;
    expect(short).toMatchObject({ dueOn: '2026-12-25', deadlineProvisional: false });

    // "Due soon" no longer shrinks at the year's end: checked Fri 4 Dec, due Mon 4 Jan (Dec 7–31 is 19, 1 Jan off);
    // on Tue 29 Dec the next 3 working days are 30, 31 Dec and 4 Jan.
    const early = await record(2, '2026-12-04', true);
    await http(app).post(`/records/${early.id}/approve`).set(SV()).send({ version: early.version }).expect(200);
    const dueSoon = (await http(late).get('/publications?status=due_soon&pageSize=100').set(SV()).expect(200)).body.items;
    expect(dueSoon.find((p: { recordId: string }) => p.recordId === early.id)).toMatchObject({ deadline: '2027-01-04', deadlineProvisional: true, workingDaysLeft: 3 });

    // The administrator enters the notice: its days, then the year as complete.
    for (const date of NOTICE_2027.holidays) await http(app).post('/calendar/days').set(A()).send({ date, kind: 'holiday', name: date < '2027-02-01' ? '元旦' : '春节' }).expect(201);
    for (const date of NOTICE_2027.makeupWorkdays) await http(app).post('/calendar/days').set(A()).send({ date, kind: 'workday', name: '春节调休上班' }).expect(201);
    // Days entered one by one do not move provisional deadlines until the notice is complete.
    expect(await publicationOf(submitted.id)).toMatchObject({ deadline: '2027-01-18', deadlineProvisional: true });
    // The year shows them as entered (the console lists them, to check and remove) while it stays provisional.
    const pendingYear = (await http(app).get('/calendar?year=2027').set(A()).expect(200)).body;
    expect(pendingYear).toMatchObject({ provisional: true });
    expect(pendingYear.entered.map((e: { date: string }) => e.date)).toEqual([...NOTICE_2027.holidays, ...NOTICE_2027.makeupWorkdays].sort());
    expect(pendingYear.entered[0]).toEqual({ date: NOTICE_2027.holidays[0], kind: 'holiday', name: '元旦' });
    const entered = (await http(app).post('/calendar/years').set(A()).send({ year: 2027, source: NOTICE_2027.source }).expect(201)).body;
    expect(entered).toMatchObject({ year: 2027, covered: true, provisional: false, makeupWorkdays: NOTICE_2027.makeupWorkdays });

    // Publication: Mon 4 Jan is now off too, so Tue 19 Jan.
    expect(await publicationOf(submitted.id)).toMatchObject({ deadline: '2027-01-19', deadlineProvisional: false, workingDaysLeft: 20 });
    expect(await publicationOf(early.id)).toMatchObject({ deadline: '2027-01-05', deadlineProvisional: false });
    // Rectification: Dec (9), Jan 5–29 (19), Sun 31 Jan (28 → 29), Feb 1–4 (33), Fri 12 Feb (34), Feb 15–19 (39), Sat 20 Feb.
    const after = (await http(app).get('/rectifications?pageSize=100').set(SV()).expect(200)).body.items as { id: string; dueOn: string; deadlineProvisional: boolean; version: number }[];
    expect(after.find((o) => o.id === order.id)).toMatchObject({ dueOn: '2027-02-20', deadlineProvisional: false, version: order.version + 1 });
    expect(after.find((o) => o.id === short.id)).toMatchObject({ dueOn: '2026-12-25', version: short.version });
    const page2 = (await http(app).get(`/portal/draws/${drawId}/completeness`).expect(200)).text;
    expect(page2).toContain('2027-01-19');
    expect(page2).not.toContain('暂定（');

    // Each change is in the audit chain, by the administrator who entered the notice.
    expect(await auditOf('publication.deadline_recompute', String(pending.id))).toEqual([{ actorId: a.admin.id, details: { year: 2027, source: NOTICE_2027.source, deadlineBefore: '2027-01-18', deadlineAfter: '2027-01-19' } }]);
    expect(await auditOf('rectification.deadline_recompute', order.id)).toEqual([{ actorId: a.admin.id, details: { year: 2027, source: NOTICE_2027.source, dueOnBefore: '2027-02-17', dueOnAfter: '2027-02-20' } }]);
    expect(await auditOf('rectification.deadline_recompute', short.id)).toEqual([]);
    const [yearEvent] = await auditOf('calendar.year', '2027');
    expect(yearEvent.details).toMatchObject({ source: NOTICE_2027.source, recomputed: { publications: expect.any(Number), rectifications: expect.any(Number) } });
    expect((yearEvent.details.recomputed as Record<string, number>).publications).toBeGreaterThanOrEqual(2);

    // The alert is gone.
    expect((await http(app).get('/calendar/status').set(A()).expect(200)).body).toMatchObject({ alert: false, missingNotices: [], message: null });
    expect((await http(app).get('/health/ready').expect(200)).body.info.calendar).toMatchObject({ status: 'up', alert: false });
  });
});
