import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, http } from './support/app';
import { freshUscc } from './support/files';
import { dateDraw, drawClassB, importEntities, makeLabItem, makeLinkedInspectors } from './support/scenario';
import { bearer, makeDepartmentWithStaff, TestAccount } from './support/fixtures';

type Task = { id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[] };

/** A distinct small JPEG per `n` (the store refuses the same bytes twice on a record). */
const jpeg = (n: number | string, size = 64) => {
  const head = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF\0 photo ${n} `, 'latin1')]);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
};
const pdf = (n: number | string, size = 64) => {
  const head = Buffer.from(`%PDF-1.7\n% document ${n}\n`, 'latin1');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - 6), 0x20), Buffer.from('%%EOF\n', 'latin1')]);
};

/**
 * The API the inspector's phone client needs (issue 14): evidence and the record's version, check-date
 * rules, evidence limits; and rectification orders never dated before their check (issue 16).
 * The suite's clock: 2026-12-20 10:00 Beijing; the plan's window 2024-01-02 … 2024-12-31; drawn 2024-03-01.
 */
describe('field API: evidence and versions, check dates, evidence limits', () => {
  let app: NestExpressApplication;
  const inspectors: { account: TestAccount; id: string }[] = [];
  let tasks: Task[];
  let S: ReturnType<typeof bearer>;

  beforeAll(async () => {
    app = await bootApp({ EVIDENCE_MAX_PHOTO_MB: '1', EVIDENCE_MAX_FILES_PER_RECORD: '3' }, { clockFixedAt: '2026-12-20T02:00:00Z' });
    const a = await makeDepartmentWithStaff(app);
    S = bearer(a.supervisor);
    const item = await makeLabItem(app, S, 'F-');
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址'], ...Array.from({ length: 5 }, (_, i) => [freshUscc(), `现场接口测试${i}号公司`, 'B', '2023-01-01', `天津市和平区测试路${i}号`])]);
    inspectors.push(...(await makeLinkedInspectors(app, S, a.department.id, 2, '现场接口检查员', 'FA-')));
    let drawId: string;
    ({ drawId, tasks } = await drawClassB<Task>(app, S, item.id, 5, '现场接口计划', '双色球 2024002: 03 05 07 09 11 13 + 02'));
    await dateDraw(app, drawId, '2024-03-01');
  });
  afterAll(async () => {
    await app.close();
  });

  const I = (t: Task) => bearer(inspectors[inspectors.findIndex((x) => x.id === t.team[0].inspectorId)].account);
  const complete = (t: Task, checkDate = '2024-05-10') => ({
    checkDate,
    place: '天津市和平区测试路',
    inspectorsPresent: t.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
    representative: { name: '赵六', role: '负责人' },
    findings: t.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: true })),
    resultCodes: ['NO_PROBLEM'],
  });

  it("answers the record's new version on upload; a submit that only raced the team's own uploads is not a conflict", async () => {
    const t = tasks[0];
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I(t)).send(complete(t)).expect(201)).body;
    const read = record.version as number;
    // The phone queued a photo and the submit while offline; both carry what it read.
    const photo = (await http(app).post(`/records/${record.id}/evidence`).set(I(t)).attach('file', jpeg('v1'), '现场照片1.jpg').expect(201)).body;
    expect(photo.recordVersion).toBe(read + 1);
    const second = (await http(app).post(`/records/${record.id}/evidence`).set(I(t)).attach('file', jpeg('v2'), '现场照片2.jpg').expect(201)).body;
    expect(second.recordVersion).toBe(read + 2);
    expect((await http(app).get(`/records/${record.id}`).set(I(t)).expect(200)).body).toMatchObject({ version: read + 2, editVersion: read });
    const submitted = (await http(app).post(`/records/${record.id}/submit`).set(I(t)).send({ version: read }).expect(200)).body;
    expect(submitted).toMatchObject({ state: 'submitted', version: read + 3, editVersion: read + 3 });
  });

  it('a real concurrent edit of the fields is still one 200 and one 409, uploads or not', async () => {
    const t = tasks[1];
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I(t)).send({ place: '一号车间' }).expect(201)).body;
    await http(app).post(`/records/${record.id}/evidence`).set(I(t)).attach('file', jpeg('c1'), '车间.jpg').expect(201);
    const answers = await Promise.all([
      http(app).patch(`/records/${record.id}`).set(I(t)).send({ version: record.version, place: '二号车间' }),
      http(app).patch(`/records/${record.id}`).set(I(t)).send({ version: record.version, place: '三号车间' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = answers.find((r) => r.status === 409)!;
    expect(lost.body).toMatchObject({ code: 'VERSION_CONFLICT', details: [{ field: 'version' }] });
    const won = answers.find((r) => r.status === 200)!.body;
    expect((await http(app).get(`/records/${record.id}`).set(I(t)).expect(200)).body.place).toBe(won.place);
    // A submit carrying the version read before that edit is a conflict too: the fields changed since.
    expect((await http(app).post(`/records/${record.id}/submit`).set(I(t)).send({ version: record.version }).expect(409)).body.code).toBe('VERSION_CONFLICT');
    // A version from the future is no version at all.
    expect((await http(app).patch(`/records/${record.id}`).set(I(t)).send({ version: won.version + 5, place: '四号车间' }).expect(409)).body.code).toBe('VERSION_CONFLICT');
  });

  it('refuses a check date before the draw, in the future or outside the window, wherever it is set', async () => {
    const t = tasks[2];
    const cases: [string, string][] = [
      ['2024-02-20', 'CHECK_DATE_BEFORE_DRAW'], // inside the window, but before the draw of 2024-03-01
      ['2023-05-10', 'CHECK_DATE_BEFORE_DRAW'],
      ['2026-12-21', 'CHECK_DATE_IN_FUTURE'], // the suite's today is 2026-12-20
      ['2025-03-03', 'CHECK_DATE_OUTSIDE_WINDOW'],
    ];
    for (const [checkDate, code] of cases) {
      const bad = (await http(app).post(`/tasks/${t.id}/record`).set(I(t)).send({ ...complete(t), checkDate }).expect(400)).body;
      expect(bad).toMatchObject({ code, details: [{ field: 'checkDate', code }] });
      expect(bad.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await http(app).get(`/tasks/${t.id}`).set(I(t)).expect(200)).body.record).toBeNull();
    // The draw's own day is allowed.
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I(t)).send({ ...complete(t), checkDate: '2024-03-01' }).expect(201)).body;
    for (const [checkDate, code] of cases) {
      expect((await http(app).patch(`/records/${record.id}`).set(I(t)).send({ version: record.version, checkDate }).expect(400)).body).toMatchObject({ code, details: [{ field: 'checkDate' }] });
    }
    expect((await http(app).get(`/records/${record.id}`).set(I(t)).expect(200)).body).toMatchObject({ checkDate: '2024-03-01', version: record.version });
    await http(app).post(`/records/${record.id}/submit`).set(I(t)).send({ version: record.version }).expect(200);
  });

  it('limits photo size and files per record, counted safely under concurrent uploads', async () => {
    const t = tasks[3];
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I(t)).send({}).expect(201)).body;
    const big = (await http(app).post(`/records/${record.id}/evidence`).set(I(t)).attach('file', jpeg('big', 1024 * 1024 + 1), '原图.jpg').expect(413)).body;
    expect(big).toMatchObject({ code: 'EVIDENCE_PHOTO_TOO_LARGE' });
    expect(big.message).toContain('1 MB');
    // The photo limit is for photos: a document of the same size is accepted.
    await http(app).post(`/records/${record.id}/evidence`).set(I(t)).attach('file', pdf('big', 1024 * 1024 + 1), '询问笔录.pdf').expect(201);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => http(app).post(`/records/${record.id}/evidence`).set(I(t)).attach('file', jpeg(`race-${n}`), `照片${n}.jpg`)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
    for (const r of answers.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('EVIDENCE_LIMIT_REACHED');
      expect(r.body.message).toContain('3');
    }
    expect((await http(app).get(`/records/${record.id}/evidence`).set(I(t)).expect(200)).body).toHaveLength(3);
  });

  it('refuses a rectification order dated before its check (issue 16)', async () => {
    const t = tasks[4];
    const problem = { ...complete(t, '2024-05-10'), findings: t.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: false, description: '未按规定公示', legalClause: '《企业信息公示暂行条例》第十条' })), resultCodes: ['NOT_DISCLOSED'] };
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I(t)).send(problem).expect(201)).body;
    const early = (await http(app).post(`/records/${record.id}/rectifications`).set(I(t)).send({ requirement: '限期公示', workingDays: 5, issuedOn: '2024-05-09' }).expect(400)).body;
    expect(early).toMatchObject({ code: 'ISSUED_BEFORE_CHECK', details: [{ field: 'issuedOn' }] });
    expect(early.message).toContain('2024-05-10');
    expect((await http(app).get('/rectifications').set(S).expect(200)).body.items.filter((o: { recordId: string }) => o.recordId === record.id)).toHaveLength(0);
    await http(app).post(`/records/${record.id}/rectifications`).set(I(t)).send({ requirement: '限期公示', workingDays: 5, issuedOn: '2024-05-10' }).expect(201);
  });
});
