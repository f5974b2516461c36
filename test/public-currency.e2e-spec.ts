import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, http } from './support/app';
import { freshUscc } from './support/files';
import { bearer, makeDepartmentWithStaff } from './support/fixtures';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors } from './support/scenario';

type Task = { id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[]; entity: { uscc: string; name: string } };
type PublicVersion = { version: number; correctionReason: string | null; result: { rectification: { ordered: number; rectified: number; open: number; orders?: { issuedOn: string; dueOn: string; state: string; followedUpOn: string | null }[] } } };

/**
 * Public results that stay current (issue 16 §5): a result ordered to rectify, and rectified, shows
 * the order's state and dates publicly as they change — each change a new version whose reason the
 * system writes, the earlier versions still visible.
 */
describe('public results follow their rectification', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await bootApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('publishes each change of a 责令改正 as a new version with a system-written reason', async () => {
    const staff = await makeDepartmentWithStaff(app);
    const S = bearer(staff.supervisor);
    const item = await makeLabItem(app, S, 'RC-');
    const uscc = freshUscc();
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期'], [uscc, '整改公开测试有限公司', 'B', '2023-01-01']]);
    const [inspector] = await makeLinkedInspectors(app, S, staff.department.id, 2, '整改检查员', 'RC-');
    const { tasks } = await drawClassB<Task>(app, S, item.id, 1, '整改公开计划', '见证号码 1618');
    const [task] = tasks;
    const I = bearer(inspector.account);
    const body = {
      checkDate: '2024-05-06',
      place: '企业生产场所',
      inspectorsPresent: task.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
      representative: { name: '王五', role: '质量负责人' },
      findings: task.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: false, description: '实验动物饲养环境不符合要求', legalClause: '《实验动物管理条例》第十八条' })),
      resultCodes: ['PROBLEM_PENDING'],
    };
    const record = (await http(app).post(`/tasks/${task.id}/record`).set(I).send(body).expect(201)).body;
    const submitted = (await http(app).post(`/records/${record.id}/submit`).set(I).send({ version: record.version }).expect(200)).body;
    await http(app).post(`/records/${record.id}/approve`).set(S).send({ version: submitted.version }).expect(200);
    const [pending] = (await http(app).get(`/publications?recordId=${record.id}`).set(S).expect(200)).body.items;
    await http(app).post(`/publications/${pending.id}/publish`).set(S).send({}).expect(200);

    const publicPage = async () => (await http(app).get(`/public/entities/${uscc}`).expect(200)).body as { results: PublicVersion[]; history: PublicVersion[] };
    expect((await publicPage()).results.map((r) => [r.version, r.result.rectification.ordered])).toEqual([[1, 0]]);

    // Ordered: a new public version shows the order, its dates and its state; version 1 stays in the history.
    const order = (await http(app).post(`/records/${record.id}/rectifications`).set(I).send({ requirement: '限期改善饲养环境', workingDays: 10, issuedOn: '2024-05-08' }).expect(201)).body;
    let page = await publicPage();
    expect(page.results).toHaveLength(1);
    expect(page.results[0]).toMatchObject({ version: 2, correctionReason: `【系统自动更新】2024-05-08下达责令改正，限期至${order.dueOn}` });
    expect(page.results[0].result.rectification).toEqual({ ordered: 1, rectified: 0, open: 1, orders: [{ issuedOn: '2024-05-08', dueOn: order.dueOn, state: 'open', followedUpOn: null }] });
    expect(page.history.map((r) => r.version)).toEqual([1]);
    // The requirement's text is internal: never public.
    expect(JSON.stringify(page)).not.toContain('限期改善饲养环境');

    // Rectified at the follow-up: version 3, state and date public.
    await http(app).post(`/rectifications/${order.id}/follow-up`).set(I).send({ version: order.version, followedUpOn: '2024-05-20', rectified: true }).expect(200);
    page = await publicPage();
    expect(page.results[0]).toMatchObject({ version: 3, correctionReason: '【系统自动更新】2024-05-08下达的责令改正经2024-05-20复查已整改到位' });
    expect(page.results[0].result.rectification).toEqual({ ordered: 1, rectified: 1, open: 0, orders: [{ issuedOn: '2024-05-08', dueOn: order.dueOn, state: 'rectified', followedUpOn: '2024-05-20' }] });
    expect(page.history.map((r) => r.version).sort()).toEqual([1, 2]);

    // The portal card says it in words; staff see the versions with the system's reason.
    const html = (await http(app).get(`/portal/entities/${uscc}`).expect(200)).text;
    expect(html).toContain(`2024-05-08 责令改正（限期至 ${order.dueOn}），已整改（2024-05-20 复查）`);
    const staffView = (await http(app).get(`/publications?recordId=${record.id}`).set(S).expect(200)).body.items;
    expect(staffView).toEqual([expect.objectContaining({ version: 3, current: true, correctionReason: expect.stringMatching(/^【系统自动更新】/) })]);
  });

  it('keeps a 责令改正 from being dated before its check, also when the check date is edited later', async () => {
    const staff = await makeDepartmentWithStaff(app);
    const S = bearer(staff.supervisor);
    const item = await makeLabItem(app, S, 'RD-');
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期'], [freshUscc(), '整改日期测试有限公司', 'B', '2023-01-01']]);
    const [inspector] = await makeLinkedInspectors(app, S, staff.department.id, 2, '日期检查员', 'RD-');
    const { tasks } = await drawClassB<Task>(app, S, item.id, 1, '整改日期计划', '见证号码 2236');
    const [task] = tasks;
    const I = bearer(inspector.account);
    const findings = task.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: false, description: '记录不完整', legalClause: '《实验动物管理条例》第十八条' }));
    const record = (await http(app).post(`/tasks/${task.id}/record`).set(I).send({ checkDate: '2024-05-06', place: '现场', inspectorsPresent: task.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })), representative: { name: '王五', role: '负责人' }, findings, resultCodes: ['PROBLEM_PENDING'] }).expect(201)).body;
    const before = await http(app).post(`/records/${record.id}/rectifications`).set(I).send({ requirement: '限期改正', workingDays: 5, issuedOn: '2024-05-05' }).expect(400);
    expect(before.body).toMatchObject({ code: 'ISSUED_BEFORE_CHECK', details: [expect.objectContaining({ field: 'issuedOn' })] });
    await http(app).post(`/records/${record.id}/rectifications`).set(I).send({ requirement: '限期改正', workingDays: 5, issuedOn: '2024-05-07' }).expect(201);
    const { version } = (await http(app).get(`/records/${record.id}`).set(I).expect(200)).body;
    const moved = await http(app).patch(`/records/${record.id}`).set(I).send({ version, checkDate: '2024-05-08' }).expect(400);
    expect(moved.body).toMatchObject({ code: 'CHECK_DATE_AFTER_ORDER', details: [{ field: 'checkDate' }] });
    await http(app).patch(`/records/${record.id}`).set(I).send({ version, checkDate: '2024-05-07' }).expect(200);
  });
});
