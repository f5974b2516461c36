import { NestExpressApplication } from '@nestjs/platform-express';
import { Transcript, verifyTranscript } from '../src/draws/transcript';
import { bootApp, dataSourceOf, http } from './support/app';
import { binary, freshUscc } from './support/files';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors, commitReveal } from './support/scenario';
import { bearer, makeDepartmentWithStaff, TestAccount, unique } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Task = { id: string; team: { inspectorId: string; certificateNumber: string; name: string }[]; items: { itemVersionId: string }[]; record: { id: string } | null };

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 evidence photo bytes', 'latin1')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1');

/** The inspector on site: tasks, records, evidence, submission; the supervisor and the legal reviewer behind. */
describe('checks: tasks, records, evidence, review, rectification', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  const inspectors: { account: TestAccount; id: string }[] = [];
  let tasks: Task[];
  let drawId: string;
  let item2022: string;

  beforeAll(async () => {
    app = await bootApp({}, { clockFixedAt: '2026-12-20T02:00:00Z' });
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
    const S = bearer(a.supervisor);
    const item = await makeLabItem(app, S, 'C-');
    item2022 = item.id;
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址'], ...Array.from({ length: 4 }, (_, i) => [freshUscc(), `检查测试${i}号公司`, 'B', '2023-01-01', `天津市滨海新区测试路${i}号`])]);
    inspectors.push(...(await makeLinkedInspectors(app, S, a.department.id, 3, '现场检查员', 'CK-')));
    ({ drawId, tasks } = await drawClassB<Task>(app, S, item.id, 4, '检查计划', '双色球 2024001: 01 02 03 04 05 06 + 07'));
  });
  afterAll(async () => {
    await app.close();
  });

  const as = (i: number) => bearer(inspectors[i].account);
  /** An inspector not on the task, and the k-th member of its team. */
  const outsider = (t: Task) => inspectors.findIndex((x) => !t.team.some((m) => m.inspectorId === x.id));
  const member = (t: Task, k: number) => inspectors.findIndex((x) => x.id === t.team[k].inspectorId);
  const complete = (t: Task) => ({
    checkDate: '2024-05-10',
    place: '天津市滨海新区测试路',
    inspectorsPresent: t.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
    representative: { name: '王五', role: '质量负责人' },
    findings: t.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: true })),
    resultCodes: ['NO_PROBLEM'],
  });

  it('shows an inspector only the tasks of their team, with what they need on site', async () => {
    expect(tasks).toHaveLength(4);
    for (let i = 0; i < 3; i++) {
      const mine = (await http(app).get('/me/tasks').set(as(i)).expect(200)).body;
      const expected = tasks.filter((t) => t.team.some((m) => m.inspectorId === inspectors[i].id)).map((t) => t.id).sort();
      expect(mine.items.map((t: Task) => t.id).sort()).toEqual(expected);
      expect(mine.meta.totalCount).toBe(expected.length);
    }
    const t = tasks[0];
    const mine = (await http(app).get(`/tasks/${t.id}`).set(as(member(t, 0))).expect(200)).body;
    expect(mine).toMatchObject({ entity: { name: expect.stringMatching(/^检查测试\d号公司$/), registeredAddress: expect.stringContaining('测试路') }, items: [{ legalBasis: '《实验动物管理条例》' }], windowStart: '2024-01-02' });
    expect(mine.team.map((m: { name: string }) => m.name)).toEqual(t.team.map((m) => m.name));
    expect(mine.team[0].name).toMatch(/^现场检查员\d$/);

    // Not on the team, or another department: "not found", for reading and for writing.
    const other = outsider(t);
    expect((await http(app).get(`/tasks/${t.id}`).set(as(other)).expect(404)).body.code).toBe('TASK_NOT_FOUND');
    expect((await http(app).post(`/tasks/${t.id}/record`).set(as(other)).send({}).expect(404)).body.code).toBe('TASK_NOT_FOUND');
    await http(app).get(`/tasks/${t.id}`).set(bearer(b.supervisor)).expect(404);
    expect((await http(app).get('/me/tasks').set(bearer(b.inspector)).expect(200)).body.items).toEqual([]);
  });

  it('creates a record once per idempotency key, refuses non-team and too few inspectors, and stale versions', async () => {
    const t = tasks[0];
    const I = as(member(t, 0));
    const key = `offline-${unique('k')}`;
    const first = await http(app).post(`/tasks/${t.id}/record`).set(I).set('Idempotency-Key', key).send({ place: '现场' }).expect(201);
    const retry = await http(app).post(`/tasks/${t.id}/record`).set(I).set('Idempotency-Key', key).send({ place: '现场' }).expect(201);
    expect(retry.body).toEqual(first.body);
    expect((await http(app).post(`/tasks/${t.id}/record`).set(I).send({}).expect(409)).body.code).toBe('RECORD_EXISTS');
    expect((await dataSourceOf(app).query('SELECT count(*)::int AS n FROM check_records WHERE task_id = $1', [t.id]))[0].n).toBe(1);
    const id = first.body.id as string;

    const stranger = inspectors[outsider(t)].id;
    const bad = await http(app).patch(`/records/${id}`).set(I).send({ version: 1, inspectorsPresent: [{ inspectorId: t.team[0].inspectorId, certificateShown: true }, { inspectorId: stranger, certificateShown: true }] }).expect(400);
    expect(bad.body).toMatchObject({ code: 'INSPECTOR_NOT_ON_TEAM', details: [{ field: 'inspectorsPresent[1].inspectorId' }] });
    expect((await http(app).patch(`/records/${id}`).set(I).send({ version: 1, resultCodes: ['SOMETHING_ELSE'] }).expect(400)).body.code).toBe('VALIDATION_FAILED');

    const one = { ...complete(t), inspectorsPresent: [{ inspectorId: t.team[0].inspectorId, certificateShown: true }] };
    const v2 = (await http(app).patch(`/records/${id}`).set(I).send({ version: 1, ...one }).expect(200)).body.version;
    const incomplete = (await http(app).post(`/records/${id}/submit`).set(I).send({ version: v2 }).expect(400)).body;
    expect(incomplete.code).toBe('RECORD_INCOMPLETE');
    expect(incomplete.details.map((d: { code: string }) => d.code)).toEqual(['TOO_FEW_INSPECTORS']);

    const contradicting = { ...complete(t), resultCodes: ['NO_PROBLEM', 'NOT_DISCLOSED'] };
    const v3 = (await http(app).patch(`/records/${id}`).set(I).send({ version: v2, ...contradicting }).expect(200)).body.version;
    expect((await http(app).post(`/records/${id}/submit`).set(I).send({ version: v3 }).expect(400)).body.details.map((d: { code: string }) => d.code)).toEqual(['RESULT_CODES_CONTRADICT']);

    // A teammate edits meanwhile: the first inspector's stale version is refused, nothing overwritten.
    const mate = as(member(t, 1));
    const v4 = (await http(app).patch(`/records/${id}`).set(mate).send({ version: v3, resultCodes: ['NO_PROBLEM'] }).expect(200)).body.version;
    expect((await http(app).patch(`/records/${id}`).set(I).send({ version: v3, place: '覆盖' }).expect(409)).body.code).toBe('VERSION_CONFLICT');
    expect((await http(app).get(`/records/${id}`).set(I).expect(200)).body.place).toBe('天津市滨海新区测试路');

    // Submitting twice with one key (a retry after a lost answer) acts once.
    const submitKey = `submit-${unique('k')}`;
    const answers = await Promise.all([0, 1].map(() => http(app).post(`/records/${id}/submit`).set(I).set('Idempotency-Key', submitKey).send({ version: v4 })));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers[1].body).toEqual(answers[0].body);
    expect(answers[0].body).toMatchObject({ state: 'submitted', results: [{ code: 'NO_PROBLEM', label: '未发现问题' }] });
    expect((await http(app).post(`/records/${id}/submit`).set(I).send({ version: answers[0].body.version }).expect(409)).body.code).toBe('RECORD_NOT_EDITABLE');
    expect((await http(app).post(`/records/${id}/submit`).set(I).set('Idempotency-Key', key).send({ version: answers[0].body.version }).expect(409)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // The supervisor approves; a redraw is no longer possible.
    const approved = (await http(app).post(`/records/${id}/approve`).set(bearer(a.supervisor)).send({ version: answers[0].body.version }).expect(200)).body;
    expect(approved.state).toBe('approved');
    expect((await http(app).post(`/draws/${drawId}/redraw`).set(bearer(a.supervisor)).send({ reason: '检查已开始后试图重抽', ...commitReveal(app) }).expect(409)).body.code).toBe('TASKS_STARTED');
  });

  it('accepts evidence only when its bytes are an allowed type matching the extension, and keeps it private', async () => {
    const t = tasks[1];
    const I = as(member(t, 0));
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I).send({}).expect(201)).body;
    const photo = (await http(app).post(`/records/${record.id}/evidence`).set(I).attach('file', JPEG, '现场照片.jpg').expect(201)).body;
    expect(photo).toMatchObject({ mediaType: 'image/jpeg', sizeBytes: JPEG.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await http(app).post(`/records/${record.id}/evidence`).set(I).attach('file', PDF, 'photo.jpg').expect(400)).body.code).toBe('EVIDENCE_EXTENSION_MISMATCH');
    expect((await http(app).post(`/records/${record.id}/evidence`).set(I).attach('file', EXE, 'scan.pdf').expect(400)).body.code).toBe('EVIDENCE_TYPE_NOT_ALLOWED');
    expect((await http(app).post(`/records/${record.id}/evidence`).set(I).attach('file', JPEG, 'again.jpg').expect(409)).body.code).toBe('EVIDENCE_EXISTS');
    await http(app).post(`/records/${record.id}/evidence`).set(I).attach('file', PDF, '询问笔录.pdf').expect(201);
    expect((await http(app).get(`/records/${record.id}/evidence`).set(bearer(a.supervisor)).expect(200)).body.map((e: { mediaType: string }) => e.mediaType)).toEqual(['image/jpeg', 'application/pdf']);
    const content = await http(app).get(`/evidence/${photo.id}/content`).set(I).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(content.body as Buffer, JPEG)).toBe(0);
    await http(app).get(`/evidence/${photo.id}/content`).set(as(outsider(t))).expect(404);
    await http(app).get(`/records/${record.id}/evidence`).set(bearer(b.supervisor)).expect(404);
  });

  it('substitutes a member who cannot attend by the next inspector of the published sequence, on the public transcript', async () => {
    const t = tasks[1]; // its record is in progress (previous test)
    const SV = bearer(a.supervisor);
    const leaving = t.team[0];
    const other = inspectors[outsider(t)];
    await http(app).post(`/tasks/${t.id}/substitutions`).set(bearer(b.supervisor)).send({ inspectorId: leaving.inspectorId, reason: '因病住院不能参加' }).expect(404);
    expect((await http(app).post(`/tasks/${t.id}/substitutions`).set(SV).send({ inspectorId: leaving.inspectorId, reason: '请联系13812345678' }).expect(400)).body.code).toBe('REASON_HAS_PERSONAL_DATA');
    expect((await http(app).post(`/tasks/${t.id}/substitutions`).set(SV).send({ inspectorId: other.id, reason: '因病住院不能参加' }).expect(400)).body.code).toBe('NOT_ON_TEAM');

    const sub = (await http(app).post(`/tasks/${t.id}/substitutions`).set(SV).send({ inspectorId: leaving.inspectorId, reason: '因病住院不能参加' }).expect(201)).body;
    // Three inspectors, teams of two: the next of the sequence can only be the third one.
    expect(sub).toMatchObject({ leaving: leaving.certificateNumber, reason: '因病住院不能参加' });
    expect(sub.team.map((m: { inspectorId: string; leader: boolean }) => [m.inspectorId, m.leader])).toEqual([
      [other.id, true],
      [t.team[1].inspectorId, false],
    ]);
    await http(app).get(`/tasks/${t.id}`).set(as(outsider(t))).expect(200);
    await http(app).get(`/tasks/${t.id}`).set(as(member(t, 0))).expect(404);

    const transcript = (await http(app).get(`/public/draws/${drawId}/transcript`).expect(200)).body as Transcript;
    expect(transcript.substitutions).toEqual([expect.objectContaining({ uscc: expect.any(String), leaving: leaving.certificateNumber, joining: sub.joining, draw: sub.draw })]);
    expect(verifyTranscript(transcript)).toEqual({ ok: true });
    const forged = structuredClone(transcript);
    forged.substitutions![0].joining = t.team[1].certificateNumber;
    expect(verifyTranscript(forged)).toMatchObject({ ok: false, difference: expect.stringContaining('substitutions[0].joining') });

    // Nobody left in the pool for a second one: refused, nothing changes.
    expect((await http(app).post(`/tasks/${t.id}/substitutions`).set(SV).send({ inspectorId: t.team[1].inspectorId, reason: '临时公务冲突' }).expect(409)).body.code).toBe('NO_SUBSTITUTE_AVAILABLE');
    expect((await http(app).get(`/tasks/${t.id}`).set(SV).expect(200)).body.team.map((m: { inspectorId: string }) => m.inspectorId)).toEqual([other.id, t.team[1].inspectorId]);
  });

  it('a major enforcement decision cannot be approved before a legal review passes it; the register counts every review', async () => {
    const t = tasks[2];
    const I = as(member(t, 0));
    const problem = {
      ...complete(t),
      findings: t.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: false, description: '未取得实验动物使用许可证从事动物实验', legalClause: '《实验动物管理条例》第十八条' })),
      resultCodes: ['PROBLEM_PENDING'],
      majorDecision: { penaltyYuan: 200000, licenceRevocation: false, marked: false, description: '拟罚款二十万元' },
    };
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I).send(problem).expect(201)).body;
    expect(record.major).toBe(true);
    const submitted = (await http(app).post(`/records/${record.id}/submit`).set(I).send({ version: record.version }).expect(200)).body;
    const SV = bearer(a.supervisor);
    expect((await http(app).post(`/records/${record.id}/approve`).set(SV).send({ version: submitted.version }).expect(409)).body.code).toBe('LEGAL_REVIEW_REQUIRED');

    const L = bearer(a.legalReviewer);
    expect((await http(app).post(`/records/${record.id}/legal-reviews`).set(L).send({ decision: 'return', opinion: '证据不足', reviewedOn: '2024-05-20' }).expect(400)).body.code).toBe('VALIDATION_FAILED'); // reasons required
    await http(app).post(`/records/${record.id}/legal-reviews`).set(bearer(b.legalReviewer)).send({ decision: 'pass', opinion: '同意', reviewedOn: '2024-05-20', version: submitted.version }).expect(404);
    expect((await http(app).post(`/records/${record.id}/legal-reviews`).set(L).send({ decision: 'pass', opinion: '同意', reviewedOn: '2024-05-20', version: submitted.version - 1 }).expect(409)).body.code).toBe('VERSION_CONFLICT');
    await http(app).post(`/records/${record.id}/legal-reviews`).set(L).send({ decision: 'return', opinion: '证据不足', reasons: '缺少询问笔录', reviewedOn: '2024-05-20', version: submitted.version }).expect(201);
    const returned = (await http(app).get(`/records/${record.id}`).set(I).expect(200)).body;
    expect(returned).toMatchObject({ state: 'returned', returnReason: '法制审核退回：缺少询问笔录' });
    // The team cannot make it minor to escape the review.
    expect((await http(app).patch(`/records/${record.id}`).set(I).send({ version: returned.version, majorDecision: null }).expect(409)).body.code).toBe('MAJOR_DECISION_LOCKED');
    expect((await http(app).patch(`/records/${record.id}`).set(I).send({ version: returned.version, majorDecision: [] }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const edited = (await http(app).patch(`/records/${record.id}`).set(I).send({ version: returned.version, remarks: '已补充询问笔录' }).expect(200)).body;
    const resubmitted = (await http(app).post(`/records/${record.id}/submit`).set(I).send({ version: edited.version }).expect(200)).body;
    expect((await http(app).post(`/records/${record.id}/approve`).set(SV).send({ version: resubmitted.version }).expect(409)).body.code).toBe('LEGAL_REVIEW_REQUIRED'); // the old review returned it
    await http(app).post(`/records/${record.id}/legal-reviews`).set(L).send({ decision: 'pass', opinion: '事实清楚，证据充分，同意', reviewedOn: '2024-05-28', version: resubmitted.version }).expect(201);
    // Evidence added after the review is a new version: the pass no longer covers it.
    await http(app).post(`/records/${record.id}/evidence`).set(I).attach('file', PDF, '补充材料.pdf').expect(201);
    const current = (await http(app).get(`/records/${record.id}`).set(SV).expect(200)).body;
    expect((await http(app).post(`/records/${record.id}/approve`).set(SV).send({ version: current.version }).expect(409)).body.code).toBe('LEGAL_REVIEW_REQUIRED');
    await http(app).post(`/records/${record.id}/legal-reviews`).set(L).send({ decision: 'pass', opinion: '补充材料已审，同意', reviewedOn: '2024-05-29', version: current.version }).expect(201);
    expect((await http(app).post(`/records/${record.id}/approve`).set(SV).send({ version: current.version }).expect(200)).body.state).toBe('approved');

    await http(app).post('/legal-reviews').set(L).send({ kind: 'normative_document', title: '关于印发双随机抽查工作细则的通知', decision: 'pass', opinion: '合法', reviewedOn: '2024-03-01' }).expect(201);
    await http(app).post('/legal-reviews').set(L).send({ kind: 'major_administrative_decision', title: '年度抽查计划', decision: 'pass', opinion: '合法', reviewedOn: '2024-01-15' }).expect(201);
    const register = (await http(app).get('/legal-reviews?year=2024').set(SV).expect(200)).body;
    expect(register.countByKind).toEqual({ major_administrative_decision: 1, major_enforcement_decision: 3, normative_document: 1 });
    expect(register.meta.totalCount).toBe(5);
    expect((await http(app).get('/legal-reviews?year=2024').set(bearer(b.supervisor)).expect(200)).body.meta.totalCount).toBe(0);
  });

  it('rectification deadlines count working days across Spring Festival 2024 and its make-up Sundays; overdue orders are listed', async () => {
    const t = tasks[3];
    const I = as(member(t, 0));
    const problem = (task: Task, checkDate: string) => ({ ...complete(task), checkDate, findings: task.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: false, description: '未按规定公示', legalClause: '《企业信息公示暂行条例》第十条' })), resultCodes: ['NOT_DISCLOSED'] });
    // Checked on the day of the draw (the scenario dates it to the window's first day); orders follow the check.
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I).send(problem(t, '2024-01-02')).expect(201)).body;
    // Issued Mon 5 Feb: 6, 7, 8, 9 Feb (除夕 is a working day), holiday 10–17 Feb, make-up Sun 18 Feb, then 19–23 Feb.
    const order = (await http(app).post(`/records/${record.id}/rectifications`).set(I).send({ requirement: '限期公示应当公示的信息', workingDays: 10, issuedOn: '2024-02-05' }).expect(201)).body;
    expect(order).toMatchObject({ dueOn: '2024-02-23', overdue: true });
    const twenty = (await http(app).post(`/records/${record.id}/rectifications`).set(I).send({ requirement: '整改并提交报告', workingDays: 20, issuedOn: '2024-09-27' }).expect(201)).body;
    expect(twenty.dueOn).toBe('2024-10-30'); // National Day 1–7 Oct, make-up Sun 29 Sep and Sat 12 Oct
    // Years without a notice but with statutory data (2027–2035) are counted provisionally: test/calendar.e2e-spec.ts.
    // A year with neither a notice nor statutory data (2022, before the bundled notices): refused until an administrator enters it.
    // An order is never dated before its check (issue 16): a 2022 order needs a check of a 2022 plan.
    const in2022 = { requirement: '未收录年份', workingDays: 5, issuedOn: '2022-01-28' };
    expect((await http(app).post(`/records/${record.id}/rectifications`).set(I).send(in2022).expect(400)).body.code).toBe('ISSUED_BEFORE_CHECK');
    // The inspectors' training and exam of 2021 make them eligible for a 2022 plan.
    for (const x of inspectors) {
      await http(app).post(`/inspectors/${x.id}/trainings`).set(bearer(a.supervisor)).send({ date: '2021-12-10', hours: 40, topic: '专题培训' }).expect(201);
      await http(app).post(`/inspectors/${x.id}/exams`).set(bearer(a.supervisor)).send({ year: 2021, passed: true }).expect(201);
    }
    const [t2022] = (await drawClassB<Task>(app, bearer(a.supervisor), item2022, 1, '2022检查计划', '双色球 2022001: 02 04 06 08 10 12 + 01', { year: 2022, windowStart: '2022-01-04', windowEnd: '2022-12-30' })).tasks;
    const I2 = as(member(t2022, 0));
    const record2022 = (await http(app).post(`/tasks/${t2022.id}/record`).set(I2).send(problem(t2022, '2022-01-10')).expect(201)).body;
    expect((await http(app).post(`/records/${record2022.id}/rectifications`).set(I2).send(in2022).expect(400)).body.code).toBe('CALENDAR_NOT_COVERED');
    const A = bearer(a.admin);
    await http(app).post('/calendar/days').set(A).send({ date: '2022-01-03', kind: 'holiday', name: '元旦' }).expect(201);
    expect((await http(app).post('/calendar/years').set(A).send({ year: 2022, source: '国务院办公厅关于2022年部分节假日安排的通知' }).expect(400)).body.code).toBe('CALENDAR_YEAR_INCOMPLETE');
    for (const day of ['01-31', '02-01', '02-02', '02-03', '02-04']) await http(app).post('/calendar/days').set(A).send({ date: `2022-${day}`, kind: 'holiday', name: '春节' }).expect(201);
    for (const day of ['01-29', '01-30']) await http(app).post('/calendar/days').set(A).send({ date: `2022-${day}`, kind: 'workday', name: '春节调休上班' }).expect(201);
    await http(app).post('/calendar/days').set(A).send({ date: '2022-03-01', kind: 'holiday', name: '误录' }).expect(201);
    expect((await http(app).delete('/calendar/days/2022-03-01').set(A).expect(200)).body.holidays).not.toContain('2022-03-01');
    expect((await http(app).post('/calendar/days').set(A).send({ date: '2022-01-05', kind: 'workday', name: '不是周末' }).expect(400)).body.code).toBe('CALENDAR_INVALID');
    await http(app).post('/calendar/days').set(bearer(a.supervisor)).send({ date: '2022-01-04', kind: 'holiday', name: '无权' }).expect(403);
    expect((await http(app).post('/calendar/years').set(A).send({ year: 2022, source: '国务院办公厅关于2022年部分节假日安排的通知' }).expect(201)).body).toMatchObject({ year: 2022, covered: true, provisional: false, holidays: ['2022-01-03', '2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04'], makeupWorkdays: ['2022-01-29', '2022-01-30'] });
    // Fri 28 Jan: Sat 29 and Sun 30 worked (1, 2), 31 Jan – 4 Feb off, then 7, 8, 9 Feb.
    expect((await http(app).post(`/records/${record2022.id}/rectifications`).set(I2).send(in2022).expect(201)).body).toMatchObject({ dueOn: '2022-02-09', deadlineProvisional: false });
    const y2024 = (await http(app).get('/calendar?year=2024').set(I).expect(200)).body;
    expect(y2024).toMatchObject({ covered: true, makeupWorkdays: expect.arrayContaining(['2024-02-04', '2024-02-18', '2024-09-29', '2024-10-12']), holidays: expect.arrayContaining(['2024-02-12', '2024-10-07']) });
    expect((await http(app).get('/calendar?year=2036').set(I).expect(200)).body.covered).toBe(false);

    const SV = bearer(a.supervisor);
    const overdue = (await http(app).get('/rectifications?overdue=true&pageSize=100').set(SV).expect(200)).body;
    expect(overdue.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([order.id, twenty.id]));
    await http(app).post(`/rectifications/${order.id}/follow-up`).set(I).send({ version: order.version, followedUpOn: '2024-02-26', rectified: true, note: '已公示' }).expect(200);
    const after = (await http(app).get('/rectifications?overdue=true&pageSize=100').set(SV).expect(200)).body.items.map((o: { id: string }) => o.id);
    expect(after).not.toContain(order.id);
    expect(after).toContain(twenty.id);
    expect((await http(app).get('/rectifications?overdue=true').set(bearer(b.supervisor)).expect(200)).body.items).toEqual([]);
  });
});
