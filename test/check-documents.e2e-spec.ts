import { NestExpressApplication } from '@nestjs/platform-express';
import { findPersonalData } from '../src/common/personal-data';
import { readPdf } from '../src/common/pdf/pdf-read';
import { bootApp, http } from './support/app';
import { binary, freshUscc } from './support/files';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors } from './support/scenario';
import { bearer, makeDepartmentWithStaff, TestAccount, unique } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Task = { id: string; planId: string; planName: string; drawId: string; entity: { name: string; uscc: string }; team: { inspectorId: string; certificateNumber: string; name: string }[]; items: { itemVersionId: string; name: string; code: string; legalBasis: string }[]; checkCode: { code: string; url: string } };

const FINDING = '未按规定建立实验动物灭菌记录';
const CLAUSE = '《实验动物管理条例》第十八条';
const REMARK = '内部备注：举报人联系电话13812345678';
const REQUIREMENT = '建立并保存实验动物灭菌记录';

/** The printable 现场检查笔录 (PDF) of a submitted record, and the public 检查码 page its QR code leads to. */
describe('check documents: the 笔录 PDF and the 检查码', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  let inspectors: { account: TestAccount; id: string }[];
  let task: Task;
  let recordId: string;
  const entityName = unique('笔录测试公司');

  beforeAll(async () => {
    app = await bootApp({ PUBLIC_BASE_URL: 'https://sjgk.example.gov.cn' }, { clockFixedAt: '2026-12-20T02:00:00Z' });
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
    const S = bearer(a.supervisor);
    const item = await makeLabItem(app, S, 'DOC-');
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址'], [freshUscc(), entityName, 'B', '2023-01-01', '天津市滨海新区笔录路1号']]);
    inspectors = await makeLinkedInspectors(app, S, a.department.id, 3, '笔录检查员', 'DOC-');
    [task] = (await drawClassB<Task>(app, S, item.id, 1, '笔录计划', '双色球 2024002: 01 02 03 04 05 06 + 08')).tasks;

    const I = bearer(inspectors.find((x) => x.id === task.team[0].inspectorId)!.account);
    const created = (await http(app).post(`/tasks/${task.id}/record`).set(I).send({}).expect(201)).body;
    const edited = await http(app)
      .patch(`/records/${created.id}`)
      .set(I)
      .send({
        version: created.version,
        checkDate: '2024-05-10',
        place: '天津市滨海新区笔录路1号',
        inspectorsPresent: task.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
        representative: { name: '王五', role: '质量负责人' },
        findings: task.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: false, description: FINDING, legalClause: CLAUSE })),
        resultCodes: ['PROBLEM_PENDING'],
        remarks: REMARK,
      })
      .expect(200);
    recordId = created.id;
    await http(app).post(`/records/${recordId}/rectifications`).set(I).send({ requirement: REQUIREMENT, workingDays: 10, issuedOn: '2024-05-10' }).expect(201);
    const current = (await http(app).get(`/records/${recordId}`).set(I).expect(200)).body;
    expect(current.version).toBeGreaterThanOrEqual(edited.body.version);
    await http(app).post(`/records/${recordId}/submit`).set(I).send({ version: current.version }).expect(200);
  });
  afterAll(async () => {
    await app.close();
  });

  const member = (k: number) => bearer(inspectors.find((x) => x.id === task.team[k].inspectorId)!.account);
  const outsider = () => bearer(inspectors.find((x) => !task.team.some((m) => m.inspectorId === x.id))!.account);
  const pdf = (headers: Record<string, string> = {}) => http(app).get(`/records/${recordId}/transcript.pdf`).set(headers).buffer(true).parse(binary);

  it('gives each task one unguessable code, its URL under PUBLIC_BASE_URL, the same in the task and record views', async () => {
    const first = (await http(app).get(`/tasks/${task.id}`).set(member(0)).expect(200)).body as Task;
    const again = (await http(app).get(`/tasks/${task.id}`).set(bearer(a.supervisor)).expect(200)).body as Task;
    expect(first.checkCode.code).toMatch(/^[a-z2-7]{26}$/);
    expect(first.checkCode.code).not.toContain(task.id.replace(/-/g, '').slice(0, 8));
    expect(first.checkCode.url).toBe(`https://sjgk.example.gov.cn/portal/check-code/${first.checkCode.code}`);
    expect(again.checkCode).toEqual(first.checkCode);
    expect((await http(app).get(`/records/${recordId}`).set(member(1)).expect(200)).body.checkCode).toEqual(first.checkCode);
    const mine = (await http(app).get('/me/tasks').set(member(0)).expect(200)).body.items as Task[];
    expect(mine.find((t) => t.id === task.id)?.checkCode).toEqual(first.checkCode);
    task = first;
  });

  it('renders the 笔录 of a submitted record as a valid PDF whose text names who, when, where, what was found and the 检查码', async () => {
    const res = await pdf(member(1)).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename\*=UTF-8''/);
    const doc = readPdf(res.body as Buffer);
    const text = doc.pages.flat().join('');
    for (const expected of [
      '现场检查笔录',
      entityName,
      task.entity.uscc,
      '天津市滨海新区笔录路1号',
      '2024-05-10',
      task.planName,
      task.items[0].name,
      task.items[0].legalBasis,
      '发现问题',
      FINDING,
      CLAUSE,
      '发现问题待后续处理',
      REQUIREMENT,
      '王五（质量负责人）',
      ...task.team.flatMap((m) => [m.name, m.certificateNumber]),
      task.checkCode.url,
      '执法人员（',
      '签名：',
    ]) {
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
    }
    expect(text).not.toContain(REMARK); // internal remarks are not on the 笔录
    expect(text).not.toContain('尚未提交');
    // The supervisor of the lead department may print it too.
    await pdf(bearer(a.supervisor)).expect(200);
  });

  it('refuses the 笔录 to another department, an inspector not on the team, and anonymous callers', async () => {
    expect((await http(app).get(`/records/${recordId}/transcript.pdf`).set(bearer(b.supervisor)).expect(404)).body.code).toBe('RECORD_NOT_FOUND');
    expect((await http(app).get(`/records/${recordId}/transcript.pdf`).set(bearer(b.inspector)).expect(404)).body.code).toBe('RECORD_NOT_FOUND');
    expect((await http(app).get(`/records/${recordId}/transcript.pdf`).set(outsider()).expect(404)).body.code).toBe('RECORD_NOT_FOUND');
    await http(app).get(`/records/${recordId}/transcript.pdf`).expect(401);
    expect((await http(app).get('/records/not-a-uuid/transcript.pdf').set(member(0)).expect(400)).body.code).toBeDefined();
  });

  it('serves the QR code of the 检查码 as SVG to staff who may see the task only', async () => {
    const svg = await http(app).get(`/tasks/${task.id}/check-code.svg`).set(member(0)).buffer(true).parse(binary).expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect((svg.body as Buffer).toString('utf8')).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    await http(app).get(`/tasks/${task.id}/check-code.svg`).set(bearer(b.supervisor)).expect(404);
    await http(app).get(`/tasks/${task.id}/check-code.svg`).expect(401);
  });

  it('shows an anonymous visitor the right inspection on the 检查码 page, and nothing personal or internal', async () => {
    const res = await http(app).get(`/portal/check-code/${task.checkCode.code}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    for (const expected of ['检查码核验', '真实有效', entityName, task.entity.uscc, task.planName, `/portal/plans/${task.planId}`, `/portal/draws/${task.drawId}`, task.items[0].name, task.items[0].legalBasis, '2024-01-02 至 2024-12-31', '按 2024-05-10 核对', '2022-01-01 至 2030-12-31', ...task.team.flatMap((m) => [m.name, m.certificateNumber])]) {
      expect({ expected, found: res.text.includes(expected) }).toEqual({ expected, found: true });
    }
    expect(res.text).not.toContain('badge bad');
    const json = await http(app).get(`/public/check-codes/${task.checkCode.code}`).expect(200);
    expect(json.body).toMatchObject({ code: task.checkCode.code, taskState: 'assigned', entity: { name: entityName, uscc: task.entity.uscc }, plan: { id: task.planId }, draw: { id: task.drawId }, validOn: '2024-05-10' });
    expect(json.body.team.map((m: { certificateNumber: string; certificateValid: boolean }) => [m.certificateNumber, m.certificateValid])).toEqual(task.team.map((m) => [m.certificateNumber, true]));
    for (const body of [res.text, json.text]) {
      expect(findPersonalData(body)).toEqual([]);
      for (const secret of ['王五', FINDING, CLAUSE, REMARK, REQUIREMENT, recordId, task.id, ...task.team.map((m) => m.inspectorId)]) expect({ secret, found: body.includes(secret) }).toEqual({ secret, found: false });
    }
  });

  it('answers 404 for a made-up code, for the task id and for the record id, as the portal\'s page and in JSON', async () => {
    for (const code of ['abcdefghijklmnopqrstuvwxyz', task.id, recordId, 'x']) {
      const page = await http(app).get(`/portal/check-code/${code}`).expect(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('页面不存在');
      expect((await http(app).get(`/public/check-codes/${code}`).expect(404)).body.code).toBe('CHECK_CODE_NOT_FOUND');
    }
  });
});
