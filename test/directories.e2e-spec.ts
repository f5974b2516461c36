import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, http } from './support/app';
import { freshUscc } from './support/files';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;

const newUscc = freshUscc;

/** The suite's fixed "today" (injected clock): expiry warnings and "not in the future" do not depend on the day it runs. */
const TODAY = '2026-12-20';

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('一单两库: items, entity directory, inspector directory, recusals', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  beforeAll(async () => {
    app = await bootApp({}, { clockFixedAt: `${TODAY}T02:00:00Z` });
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
  });
  afterAll(async () => {
    await app.close();
  });

  describe('entity directory', () => {
    it('accepts real-format USCCs, normalising what people type', async () => {
      const res = await http(app)
        .post('/entities')
        .set(bearer(a.supervisor))
        .send({ uscc: ' 91350100m000100y43 ', name: '康希诺生物股份公司', riskClass: 'B', riskClassEffectiveFrom: '2023-01-01', licences: [{ type: '实验动物使用许可证', number: unique('SYXK'), validUntil: '2028-01-01' }] })
        .expect(201);
      expect(res.body).toMatchObject({ uscc: '91350100M000100Y43', name: '康希诺生物股份公司', status: 'active', departmentId: a.department.id, currentRiskClass: { riskClass: 'B' }, version: 1 });
      expect(res.body.licences).toHaveLength(1);
    });

    it.each([
      ['91350100M000100Y4', 'length', '18位'],
      ['91350100M0001O0Y43', 'illegal character', '第14位'],
      ['913501A0M000100Y43', 'non-digit division code', '第7位'],
      ['91350100M000100Y53', 'wrong organisation-code check digit', '第17位'],
      ['91350100M000100Y44', 'wrong check character', '第18位'],
    ])('refuses %s (%s), naming the position', async (uscc, _kind, position) => {
      const res = await http(app).post('/entities').set(bearer(a.supervisor)).send({ uscc, name: '某某公司' }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details[0].field).toBe('uscc');
      expect(Object.values(res.body.details[0].constraints).join()).toContain(position);
    });

    it('refuses the same USCC twice in a directory (409), but another department may list it', async () => {
      const uscc = newUscc();
      await http(app).post('/entities').set(bearer(a.supervisor)).send({ uscc, name: '天津生物化学制药有限公司' }).expect(201);
      const dup = await http(app).post('/entities').set(bearer(a.supervisor)).send({ uscc, name: '另一个名字' }).expect(409);
      expect(dup.body).toMatchObject({ code: 'ENTITY_USCC_TAKEN', details: [{ field: 'uscc' }] });
      await http(app).post('/entities').set(bearer(b.supervisor)).send({ uscc, name: '天津生物化学制药有限公司' }).expect(201);
    });

    it('keeps the risk-class history and answers the class in force on a date', async () => {
      const e = (await http(app).post('/entities').set(bearer(a.supervisor)).send({ uscc: newUscc(), name: '有济(天津)医药科技有限公司', riskClass: 'A', riskClassEffectiveFrom: '2022-01-01' }).expect(201)).body;
      await http(app).post(`/entities/${e.id}/risk-classes`).set(bearer(a.supervisor)).send({ riskClass: 'C', effectiveFrom: '2023-07-01' }).expect(201);
      await http(app).post(`/entities/${e.id}/risk-classes`).set(bearer(a.supervisor)).send({ riskClass: 'D', effectiveFrom: '2023-07-01' }).expect(409);
      const on = async (date: string) => (await http(app).get(`/entities/${e.id}/risk-class?date=${date}`).set(bearer(a.inspector)).expect(200)).body;
      expect(await on('2021-12-31')).toEqual({ date: '2021-12-31', riskClass: null, effectiveFrom: null });
      expect(await on('2023-06-30')).toMatchObject({ riskClass: 'A', effectiveFrom: '2022-01-01' });
      expect(await on('2023-07-01')).toMatchObject({ riskClass: 'C' });
      const filtered = await http(app).get(`/entities?riskClass=A&riskClassOn=2023-06-30&q=${encodeURIComponent('有济')}`).set(bearer(a.supervisor)).expect(200);
      expect(filtered.body.items.map((x: { id: string }) => x.id)).toEqual([e.id]);
      const now = await http(app).get(`/entities?riskClass=A&q=${encodeURIComponent('有济')}`).set(bearer(a.supervisor)).expect(200);
      expect(now.body.items).toEqual([]);
      await http(app).get(`/entities/${e.id}/risk-class?date=2023-02-30`).set(bearer(a.supervisor)).expect(400);
    });

    it('searches by Chinese name substring, USCC, status, industry, licence and district, with paging', async () => {
      const tag = unique('检索');
      const mk = (name: string, extra: object = {}) => http(app).post('/entities').set(bearer(a.supervisor)).send({ uscc: newUscc(), name: `${tag}${name}`, ...extra }).expect(201);
      const x = (await mk('生物科技有限公司', { industryCode: 'M7340', district: '滨海新区', licences: [{ type: '实验动物使用许可证', number: unique('L') }] })).body;
      await mk('医药贸易公司', { industryCode: 'F5151', status: 'closed' });
      await mk('生物制品厂', { industryCode: 'C2760' });
      const q = (s: string) => http(app).get(`/entities?${s}`).set(bearer(a.supervisor)).expect(200);
      expect((await q(`q=${encodeURIComponent(tag + '生物')}`)).body.meta.totalCount).toBe(2);
      expect((await q(`q=${encodeURIComponent(tag)}&status=closed`)).body.items.map((e: { name: string }) => e.name)).toEqual([`${tag}医药贸易公司`]);
      expect((await q(`q=${encodeURIComponent(tag)}&industryCode=M7340`)).body.items[0].id).toBe(x.id);
      expect((await q(`licenceType=${encodeURIComponent('实验动物使用许可证')}&q=${encodeURIComponent(tag)}`)).body.items.map((e: { id: string }) => e.id)).toEqual([x.id]);
      expect((await q(`uscc=${x.uscc.toLowerCase()}`)).body.items.map((e: { id: string }) => e.id)).toEqual([x.id]);
      expect((await q(`district=${encodeURIComponent('滨海新区')}&q=${encodeURIComponent(tag)}`)).body.meta.totalCount).toBe(1);
      const page = (await q(`q=${encodeURIComponent(tag)}&pageSize=2&page=2`)).body;
      expect(page.meta).toEqual({ totalCount: 3, totalPages: 2, page: 2, pageSize: 2 });
      expect(page.items).toHaveLength(1);
      expect((await q('q=%25')).body.items.every((e: { name: string }) => e.name.includes('%'))).toBe(true); // % is literal
    });

    it('updates with optimistic concurrency: a stale version gets 409 and changes nothing', async () => {
      const e = (await http(app).post('/entities').set(bearer(a.supervisor)).send({ uscc: newUscc(), name: '并发测试公司' }).expect(201)).body;
      const first = await http(app).patch(`/entities/${e.id}`).set(bearer(a.supervisor)).send({ version: 1, contactPhone: '022-12345678' }).expect(200);
      expect(first.body).toMatchObject({ version: 2, contactPhone: '022-12345678' });
      const stale = await http(app).patch(`/entities/${e.id}`).set(bearer(a.supervisor)).send({ version: 1, name: '覆盖' }).expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect((await http(app).get(`/entities/${e.id}`).set(bearer(a.supervisor)).expect(200)).body.name).toBe('并发测试公司');
      await http(app).patch(`/entities/${e.id}`).set(bearer(a.supervisor)).send({ version: 2, uscc: newUscc() }).expect(400); // USCC is the identity
      // Ten editors holding the same version at once: exactly one wins.
      const racers = await Promise.all(
        Array.from({ length: 10 }, (_, n) => http(app).patch(`/entities/${e.id}`).set(bearer(a.supervisor)).send({ version: 2, legalRepresentative: `编辑${n}` })),
      );
      expect(racers.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
      expect((await http(app).get(`/entities/${e.id}`).set(bearer(a.supervisor)).expect(200)).body.version).toBe(3);
    });

    it('manages licences', async () => {
      const e = (await http(app).post('/entities').set(bearer(a.supervisor)).send({ uscc: newUscc(), name: '许可测试公司' }).expect(201)).body;
      const number = unique('SYXK');
      const withLicence = await http(app).post(`/entities/${e.id}/licences`).set(bearer(a.supervisor)).send({ type: '实验动物使用许可证', number, validFrom: '2023-01-01', validUntil: '2028-01-01' }).expect(201);
      await http(app).post(`/entities/${e.id}/licences`).set(bearer(a.supervisor)).send({ type: '实验动物使用许可证', number }).expect(409);
      await http(app).post(`/entities/${e.id}/licences`).set(bearer(a.supervisor)).send({ type: 'X', number: 'Y', validFrom: '2023-01-01', validUntil: '2022-01-01' }).expect(400);
      const licenceId = withLicence.body.licences[0].id;
      const removed = await http(app).delete(`/entities/${e.id}/licences/${licenceId}`).set(bearer(a.supervisor)).expect(200);
      expect(removed.body.licences).toEqual([]);
      await http(app).delete(`/entities/${e.id}/licences/${licenceId}`).set(bearer(a.supervisor)).expect(404);
    });
  });

  describe('inspection items', () => {
    const item = (code: string) => ({
      code,
      name: '实验动物许可情况的检查',
      subItems: ['许可证有效性', '设施环境'],
      legalBasis: '《实验动物管理条例》',
      category: 'general',
      targetType: '实验动物使用单位',
      method: 'on_site',
      enforcementDomain: '实验动物',
      defaultRatios: { A: 3, B: 5, C: 20, D: 100 },
      frequency: '每年一次',
      targetFilter: { licenceTypes: ['实验动物使用许可证'] },
    });

    it('versions every change and keeps the old versions readable', async () => {
      const code = unique('KJ-');
      const v1 = (await http(app).post('/items').set(bearer(a.supervisor)).send(item(code)).expect(201)).body;
      expect(v1).toMatchObject({ code, version: 1, categoryLabel: '一般', methodLabel: '现场检查', targetFilter: { industryCodes: [], licenceTypes: ['实验动物使用许可证'], districts: [] } });
      await http(app).post('/items').set(bearer(a.supervisor)).send(item(code)).expect(409);
      const v2 = (await http(app).patch(`/items/${v1.id}`).set(bearer(a.supervisor)).send({ baseVersion: 1, legalBasis: '《实验动物管理条例》（2017年修订）', changeNote: '依据修订' }).expect(200)).body;
      expect(v2).toMatchObject({ version: 2, legalBasis: '《实验动物管理条例》（2017年修订）', name: v1.name, versions: [{ version: 1 }, { version: 2, changeNote: '依据修订' }] });
      const stale = await http(app).patch(`/items/${v1.id}`).set(bearer(a.supervisor)).send({ baseVersion: 1, name: '旧版本上修改' }).expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const old = (await http(app).get(`/items/${v1.id}/versions/1`).set(bearer(a.inspector)).expect(200)).body;
      expect(old.legalBasis).toBe('《实验动物管理条例》');
      await http(app).get(`/items/${v1.id}/versions/9`).set(bearer(a.inspector)).expect(404);
      await http(app).get(`/items/${v1.id}/versions/x`).set(bearer(a.inspector)).expect(400);
      await http(app).post('/items').set(bearer(a.supervisor)).send({ ...item(unique('K')), defaultRatios: { A: 3, B: 5, C: 20, D: 101 } }).expect(400);
      await http(app).post('/items').set(bearer(a.supervisor)).send({ ...item(unique('K')), legalBasis: undefined }).expect(400);
    });

    it('refuses , TAB and line breaks in the values the plan snapshots store (enforcement domains, units), naming the field', async () => {
      const fieldsOf = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field);
      const itemRes = await http(app).post('/items').set(bearer(a.supervisor)).send({ ...item(unique('K')), enforcementDomain: '食品,药品' }).expect(400);
      expect(fieldsOf(itemRes.body)).toEqual(['enforcementDomain']);
      expect(itemRes.body.details[0].constraints.snapshotSafe).toMatch(/逗号/);
      const v1 = (await http(app).post('/items').set(bearer(a.supervisor)).send(item(unique('K'))).expect(201)).body;
      const patch = await http(app).patch(`/items/${v1.id}`).set(bearer(a.supervisor)).send({ baseVersion: 1, enforcementDomain: '食品,药品' }).expect(400);
      expect(fieldsOf(patch.body)).toEqual(['enforcementDomain']);
      const base = { name: '王芳', certificateNumber: unique('12010'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2027-12-31' };
      for (const domains of [['食品,药品'], ['食品\t药品'], ['食品\n药品']]) {
        const res = await http(app).post('/inspectors').set(bearer(a.supervisor)).send({ ...base, domains }).expect(400);
        expect(res.body.details).toEqual([{ field: 'domains', constraints: { snapshotSafe: expect.stringMatching(/逗号|制表符或换行/) } }]);
      }
      const unit = await http(app).post('/inspectors').set(bearer(a.supervisor)).send({ ...base, unit: '第一,第二监管所' }).expect(400);
      expect(fieldsOf(unit.body)).toEqual(['unit']);
      // The certificate number is a field of the inspector snapshot's lines and of last-inspector lists.
      for (const certificateNumber of ['12010,23001', '12010\t23001']) {
        const cert = await http(app).post('/inspectors').set(bearer(a.supervisor)).send({ ...base, certificateNumber }).expect(400);
        expect(fieldsOf(cert.body)).toEqual(['certificateNumber']);
      }
      const entity = await http(app).post('/entities').set(bearer(a.supervisor)).send({ uscc: newUscc(), name: '天津某公司', supervisingUnit: '第一,第二监管所' });
      expect(entity.status).toBe(400);
      expect(fieldsOf(entity.body)).toContain('supervisingUnit');
      await http(app).get('/inspectors').set(bearer(a.supervisor)).expect(200).expect((r) => expect(JSON.stringify(r.body)).not.toContain('食品,药品'));
    });
  });

  describe('inspector directory and eligibility', () => {
    const newInspector = (extra: object = {}) =>
      http(app)
        .post('/inspectors')
        .set(bearer(a.supervisor))
        .send({ name: '王芳', certificateNumber: unique('12010'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2027-12-31', domains: ['实验动物'], unit: '第一监管所', ...extra })
        .expect(201);

    it('is eligible with a valid certificate, 40 hours and a passed exam, and names each failing rule otherwise', async () => {
      const i = (await newInspector()).body;
      const elig = async (date: string) => (await http(app).get(`/inspectors/${i.id}/eligibility?date=${date}`).set(bearer(a.supervisor)).expect(200)).body;
      expect((await elig('2023-10-01')).failures.map((f: { rule: string }) => f.rule)).toEqual(['TRAINING_HOURS_INSUFFICIENT', 'EXAM_MISSING']);
      await http(app).post(`/inspectors/${i.id}/trainings`).set(bearer(a.supervisor)).send({ date: '2023-03-01', hours: 32, topic: '《行政处罚法》专题培训' }).expect(201);
      await http(app).post(`/inspectors/${i.id}/trainings`).set(bearer(a.supervisor)).send({ date: '2023-09-01', hours: 8.5, topic: '实验动物管理' }).expect(201);
      await http(app).post(`/inspectors/${i.id}/exams`).set(bearer(a.supervisor)).send({ year: 2023, passed: false, score: 55 }).expect(201);
      expect((await elig('2023-10-01')).failures.map((f: { rule: string }) => f.rule)).toEqual(['EXAM_NOT_PASSED']);
      await http(app).post(`/inspectors/${i.id}/exams`).set(bearer(a.supervisor)).send({ year: 2023, passed: true, score: 91 }).expect(201); // corrected
      expect(await elig('2023-10-01')).toMatchObject({ eligible: true, failures: [], trainingHours: 40.5, requiredTrainingHours: 40, examRequired: true });
      expect((await elig('2024-03-02')).failures.map((f: { rule: string }) => f.rule)).toEqual(['TRAINING_HOURS_INSUFFICIENT']);
      expect((await elig('2028-01-01')).failures.map((f: { rule: string }) => f.rule)).toContain('CERTIFICATE_EXPIRED');
      expect((await elig('2021-06-01')).failures.map((f: { rule: string }) => f.rule)).toContain('CERTIFICATE_NOT_YET_VALID');
      await http(app).post(`/inspectors/${i.id}/status`).set(bearer(a.supervisor)).send({ status: 'suspended', reason: '涉嫌违纪暂扣执法证', effectiveDate: '2023-09-15' }).expect(201);
      const suspended = await elig('2023-10-01');
      expect(suspended.failures).toEqual([{ rule: 'STATUS_NOT_ACTIVE', message: expect.stringContaining('涉嫌违纪') }]);
      expect((await elig('2023-09-14')).eligible).toBe(true);
      await http(app).get(`/inspectors/${i.id}/eligibility?date=tomorrow`).set(bearer(a.supervisor)).expect(400);
      // Records of what happened: no trainings or exams in the future.
      const future = await http(app).post(`/inspectors/${i.id}/trainings`).set(bearer(a.supervisor)).send({ date: addDays(TODAY, 1), hours: 40, topic: '未来的培训' }).expect(400);
      expect(future.body.code).toBe('DATE_IN_FUTURE');
      await http(app).post(`/inspectors/${i.id}/exams`).set(bearer(a.supervisor)).send({ year: Number(TODAY.slice(0, 4)) + 1, passed: true }).expect(400);
    });

    it('links only an inspector account of the same department; anything else is not found', async () => {
      const i = (await newInspector()).body;
      const other = await http(app).patch(`/inspectors/${i.id}`).set(bearer(a.supervisor)).send({ version: 1, userId: b.inspector.id }).expect(404);
      expect(other.body.code).toBe('USER_NOT_FOUND');
      await http(app).patch(`/inspectors/${i.id}`).set(bearer(a.supervisor)).send({ version: 1, userId: a.supervisor.id }).expect(404);
      await http(app).patch(`/inspectors/${i.id}`).set(bearer(a.supervisor)).send({ version: 1, userId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      const linked = await http(app).patch(`/inspectors/${i.id}`).set(bearer(a.supervisor)).send({ version: 1, userId: a.inspector.id }).expect(200);
      expect(linked.body).toMatchObject({ userId: a.inspector.id, version: 2 });
      const cleared = await http(app).patch(`/inspectors/${i.id}`).set(bearer(a.supervisor)).send({ version: 2, userId: null, name: '王芳' }).expect(200);
      expect(cleared.body.userId).toBeNull();
      await http(app).patch(`/inspectors/${i.id}`).set(bearer(a.supervisor)).send({ version: 3, name: null }).expect(400);
    });

    it('refuses a duplicate certificate number and a reversed validity period', async () => {
      const i = (await newInspector()).body;
      const dup = await http(app)
        .post('/inspectors')
        .set(bearer(b.supervisor))
        .send({ name: '李四', certificateNumber: i.certificateNumber, issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2027-12-31' })
        .expect(409);
      expect(dup.body.code).toBe('CERTIFICATE_NUMBER_TAKEN');
      const reversed = await http(app)
        .post('/inspectors')
        .set(bearer(a.supervisor))
        .send({ name: '李四', certificateNumber: unique('C'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2027-01-01', certificateValidUntil: '2022-12-31' })
        .expect(400);
      expect(reversed.body.code).toBe('CERTIFICATE_PERIOD_INVALID');
    });

    it('warns of certificates expiring within 60 days, soonest first, own department only', async () => {
      const today = TODAY;
      const soon = (await newInspector({ certificateValidUntil: addDays(today, 10) })).body;
      const later = (await newInspector({ certificateValidUntil: addDays(today, 59) })).body;
      await newInspector({ certificateValidUntil: addDays(today, 61) });
      const list = (await http(app).get('/inspectors/expiring-certificates').set(bearer(a.supervisor)).expect(200)).body as { inspectorId: string; daysLeft: number }[];
      const ids = list.map((x) => x.inspectorId);
      expect(ids.indexOf(soon.id)).toBeLessThan(ids.indexOf(later.id));
      expect(ids.indexOf(soon.id)).toBeGreaterThanOrEqual(0);
      expect(list.find((x) => x.inspectorId === soon.id)!.daysLeft).toBe(10);
      expect(list).toHaveLength(2);
      expect((await http(app).get('/inspectors/expiring-certificates').set(bearer(b.supervisor)).expect(200)).body).toEqual([]);
      await http(app).get('/inspectors/expiring-certificates').set(bearer(a.inspector)).expect(403);
    });
  });

  describe('inspector directory filters (the console list)', () => {
    it('pages by certificate state today, expiry window and account link, own department only', async () => {
      const name = unique('筛选');
      const make = (certificateValidFrom: string, certificateValidUntil: string, extra: object = {}) =>
        http(app).post('/inspectors').set(bearer(a.supervisor)).send({ name, certificateNumber: unique('F'), issuingAuthority: '天津市人民政府', certificateValidFrom, certificateValidUntil, ...extra }).expect(201);
      const expired = (await make('2020-01-01', addDays(TODAY, -1))).body;
      const expiring = (await make('2020-01-01', addDays(TODAY, 30), { userId: a.inspector.id })).body;
      const future = (await make(addDays(TODAY, 5), '2030-12-31')).body;
      const ids = async (qs: string, who = a.supervisor) => (await http(app).get(`/inspectors?q=${encodeURIComponent(name)}&${qs}`).set(bearer(who)).expect(200)).body.items.map((i: { id: string }) => i.id);
      expect(await ids('certificate=expired')).toEqual([expired.id]);
      expect(await ids('certificate=valid')).toEqual([expiring.id]);
      expect(await ids('certificate=not_yet_valid')).toEqual([future.id]);
      expect(await ids('expiringWithinDays=60')).toEqual([expiring.id]);
      expect(await ids('expiringWithinDays=29')).toEqual([]);
      expect((await ids('hasAccount=false')).sort()).toEqual([expired.id, future.id].sort());
      expect(await ids('hasAccount=true&certificate=valid')).toEqual([expiring.id]);
      expect(await ids('certificate=valid', b.supervisor)).toEqual([]);
      for (const bad of ['certificate=soon', 'expiringWithinDays=-1', 'expiringWithinDays=x']) {
        expect((await http(app).get(`/inspectors?${bad}`).set(bearer(a.supervisor)).expect(400)).body.code).toBeDefined();
      }
    });
  });

  describe('recusals', () => {
    it('declares, lists, changes and revokes a conflict', async () => {
      const inspector = (await http(app).post('/inspectors').set(bearer(a.supervisor)).send({ name: '赵六', certificateNumber: unique('R'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2027-12-31' }).expect(201)).body;
      const entity = (await http(app).post('/entities').set(bearer(a.supervisor)).send({ uscc: newUscc(), name: '回避测试公司' }).expect(201)).body;
      const created = await http(app)
        .post('/recusals')
        .set(bearer(a.supervisor))
        .send({ inspectorId: inspector.id, entityId: entity.id, reason: '检查人员配偶在该单位任职', source: 'entity_application', validFrom: '2024-01-01', validUntil: '2024-12-31' })
        .expect(201);
      expect(created.body).toMatchObject({ inspectorName: '赵六', entityName: '回避测试公司', source: 'entity_application', revokedAt: null });
      const id = created.body.id;
      expect((await http(app).get(`/recusals?inspectorId=${inspector.id}&activeOn=2024-06-01`).set(bearer(a.supervisor)).expect(200)).body.meta.totalCount).toBe(1);
      expect((await http(app).get(`/recusals?inspectorId=${inspector.id}&activeOn=2025-01-01`).set(bearer(a.supervisor)).expect(200)).body.meta.totalCount).toBe(0);
      await http(app).patch(`/recusals/${id}`).set(bearer(a.supervisor)).send({ validUntil: null }).expect(200);
      expect((await http(app).get(`/recusals?entityId=${entity.id}&activeOn=2030-01-01`).set(bearer(a.supervisor)).expect(200)).body.meta.totalCount).toBe(1);
      await http(app).patch(`/recusals/${id}`).set(bearer(a.supervisor)).send({ validUntil: '2023-01-01' }).expect(400);
      const revoked = await http(app).post(`/recusals/${id}/revoke`).set(bearer(a.supervisor)).send({ reason: '当事人已离职' }).expect(201);
      expect(revoked.body).toMatchObject({ revokedReason: '当事人已离职', revokedAt: expect.any(String) });
      await http(app).post(`/recusals/${id}/revoke`).set(bearer(a.supervisor)).send({ reason: '再次撤销' }).expect(409);
      expect((await http(app).get(`/recusals?entityId=${entity.id}`).set(bearer(a.supervisor)).expect(200)).body.meta.totalCount).toBe(0);
      expect((await http(app).get(`/recusals?entityId=${entity.id}&includeRevoked=true`).set(bearer(a.supervisor)).expect(200)).body.meta.totalCount).toBe(1);
      // Across departments: the other department's inspector or entity is not found.
      const other = (await http(app).post('/entities').set(bearer(b.supervisor)).send({ uscc: newUscc(), name: '别的部门公司' }).expect(201)).body;
      await http(app).post('/recusals').set(bearer(a.supervisor)).send({ inspectorId: inspector.id, entityId: other.id, reason: '跨部门', source: 'supervisor', validFrom: '2024-01-01' }).expect(404);
      await http(app).get(`/recusals/${id}`).set(bearer(b.supervisor)).expect(404);
    });
  });

  describe('department scoping on every directory route', () => {
    it("another department's records answer 404 to reads and writes, and never appear in lists", async () => {
      const e = (await http(app).post('/entities').set(bearer(a.supervisor)).send({ uscc: newUscc(), name: '甲部门公司' }).expect(201)).body;
      const i = (await http(app).post('/inspectors').set(bearer(a.supervisor)).send({ name: '甲', certificateNumber: unique('S'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2027-12-31' }).expect(201)).body;
      const it = (await http(app).post('/items').set(bearer(a.supervisor)).send({ code: unique('S'), name: '事项', legalBasis: '依据', category: 'key', targetType: '单位', method: 'documentary', enforcementDomain: '科技', defaultRatios: { A: 0, B: 5, C: 20, D: 100 }, frequency: '每年' }).expect(201)).body;
      const B = bearer(b.supervisor);
      const calls = [
        http(app).get(`/entities/${e.id}`).set(B),
        http(app).patch(`/entities/${e.id}`).set(B).send({ version: 1, name: '篡改' }),
        http(app).post(`/entities/${e.id}/risk-classes`).set(B).send({ riskClass: 'D', effectiveFrom: '2024-01-01' }),
        http(app).get(`/entities/${e.id}/risk-class`).set(B),
        http(app).post(`/entities/${e.id}/licences`).set(B).send({ type: 'X', number: 'Y' }),
        http(app).get(`/inspectors/${i.id}`).set(B),
        http(app).patch(`/inspectors/${i.id}`).set(B).send({ version: 1, name: '篡改' }),
        http(app).post(`/inspectors/${i.id}/status`).set(B).send({ status: 'revoked', reason: '篡改', effectiveDate: '2024-01-01' }),
        http(app).post(`/inspectors/${i.id}/trainings`).set(B).send({ date: '2024-01-01', hours: 1, topic: 'x' }),
        http(app).post(`/inspectors/${i.id}/exams`).set(B).send({ year: 2024, passed: false }),
        http(app).get(`/inspectors/${i.id}/eligibility`).set(B),
        http(app).get(`/items/${it.id}`).set(B),
        http(app).patch(`/items/${it.id}`).set(B).send({ baseVersion: 1, name: '篡改' }),
        http(app).get(`/items/${it.id}/versions/1`).set(B),
      ];
      for (const res of await Promise.all(calls)) expect(res.status).toBe(404);
      const lists = await Promise.all(['/entities', '/inspectors', '/items'].map((p) => http(app).get(`${p}?pageSize=100`).set(B).expect(200)));
      for (const l of lists) expect(l.body.items.every((x: { departmentId: string }) => x.departmentId === b.department.id)).toBe(true);
      // Nothing changed.
      expect((await http(app).get(`/entities/${e.id}`).set(bearer(a.supervisor))).body).toMatchObject({ name: '甲部门公司', version: 1, riskClassHistory: [], licences: [] });
      expect((await http(app).get(`/inspectors/${i.id}`).set(bearer(a.supervisor))).body).toMatchObject({ name: '甲', statusHistory: [], trainings: [], exams: [] });
      // Creating in another department by naming it is refused the same way; admins must name one.
      const foreign = await http(app).post('/entities').set(B).send({ departmentId: a.department.id, uscc: newUscc(), name: '越权创建' }).expect(400);
      expect(foreign.body.code).toBe('DEPARTMENT_NOT_ALLOWED');
      const adminNoDept = await http(app).post('/entities').set(bearer(a.admin)).send({ uscc: newUscc(), name: '管理员创建' }).expect(400);
      expect(adminNoDept.body.code).toBe('DEPARTMENT_REQUIRED');
      await http(app).post('/entities').set(bearer(a.admin)).send({ departmentId: b.department.id, uscc: newUscc(), name: '管理员创建' }).expect(201);
    });
  });
});
