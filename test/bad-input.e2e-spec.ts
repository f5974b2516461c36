import { randomUUID } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { bootApp, dataSourceOf, http } from './support/app';
import { csv, freshUscc, utf8Bom } from './support/files';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';
import { importEntities, makeLabItem, makeLinkedInspectors, commitReveal, letTimePass } from './support/scenario';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
const errorShape = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String), requestId: expect.any(String) });
const fields = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field).sort();

/** Issue 12 §3: input that used to answer 500 (or be stored broken) gets a 4xx in the one error shape and changes nothing. */
describe('bad input that used to get a 500', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let S: Record<string, string>;
  let itemId: string;
  let departmentCount: (names: string[]) => Promise<number>;
  beforeAll(async () => {
    app = await bootApp();
    a = await makeDepartmentWithStaff(app);
    S = bearer(a.supervisor);
    itemId = (await makeLabItem(app, S, 'BI-')).id;
    departmentCount = async (names) => (await dataSourceOf(app).query('SELECT count(*)::int AS n FROM departments WHERE name = ANY($1) OR code = ANY($1)', [names]))[0].n;
  });
  afterAll(async () => {
    await app.close();
  });

  /** The body exactly as given (a Buffer is sent as its bytes, not serialised). */
  const raw = (method: 'post' | 'patch', url: string, body: string | Buffer, type = 'application/json') =>
    http(app)[method](url).set(bearer(a.admin)).set('Content-Type', type).serialize((b: unknown) => b as string).send(body as string);

  describe('nesting depth', () => {
    const arrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const objects = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

    it('deeply nested arrays on the unauthenticated login → 400 JSON_TOO_DEEP, not a stack overflow', async () => {
      const res = await http(app).post('/auth/login').set('Content-Type', 'application/json').send(`{"username":${arrays(2000)},"password":"x"}`).expect(400);
      expect(res.body).toEqual(errorShape(400, 'JSON_TOO_DEEP'));
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    });

    it('deeply nested objects on a staff route → 400 JSON_TOO_DEEP, and nothing is stored', async () => {
      const code = unique('DEEP');
      const res = await raw('post', '/departments', `{"code":"${code}","name":"深度测试局","x":${objects(3000)}}`).expect(400);
      expect(res.body).toEqual(errorShape(400, 'JSON_TOO_DEEP'));
      expect(await departmentCount([code])).toBe(0);
    });

    it('the limit is 64 levels: 64 reach validation, 65 are refused; brackets inside strings do not count', async () => {
      const at = await raw('post', '/departments', `{"code":"AB","name":"限度测试局","x":${arrays(63)}}`).expect(400);
      expect(at.body.code).toBe('VALIDATION_FAILED');
      expect(fields(at.body)).toEqual(['x']);
      expect((await raw('post', '/departments', `{"code":"AB","name":"限度测试局","x":${arrays(64)}}`).expect(400)).body.code).toBe('JSON_TOO_DEEP');
      const name = `${'['.repeat(40)}括号${'{'.repeat(40)}`;
      const created = await raw('post', '/departments', JSON.stringify({ code: unique('BR'), name })).expect(201);
      expect(created.body.name).toBe(name);
    });
  });

  describe('decimal fields given 1e-7', () => {
    it('an item\'s defaultRatios → 400 naming the field', async () => {
      const code = unique('E7-');
      const res = await http(app)
        .post('/items')
        .set(S)
        .send({ code, name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 1e-7, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
        .expect(400);
      expect(res.body).toMatchObject(errorShape(400, 'VALIDATION_FAILED'));
      expect(fields(res.body)).toEqual(['defaultRatios.A']);
      expect((await dataSourceOf(app).query('SELECT count(*)::int AS n FROM inspection_items WHERE code = $1', [code]))[0].n).toBe(0);
    });

    it('training hours and exam scores → 400 naming the field', async () => {
      const ins = (await http(app).post('/inspectors').set(S).send({ name: '小数测试', certificateNumber: unique('E7-'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31' }).expect(201)).body;
      const hours = await http(app).post(`/inspectors/${ins.id}/trainings`).set(S).send({ date: '2024-01-10', hours: 1e-7, topic: '专题培训' }).expect(400);
      expect(fields(hours.body)).toEqual(['hours']);
      const big = await http(app).post(`/inspectors/${ins.id}/trainings`).set(S).send({ date: '2024-01-10', hours: 1e21, topic: '专题培训' }).expect(400);
      expect(fields(big.body)).toEqual(['hours']);
      const score = await http(app).post(`/inspectors/${ins.id}/exams`).set(S).send({ year: 2024, passed: true, score: 1e-7 }).expect(400);
      expect(fields(score.body)).toEqual(['score']);
      expect((await dataSourceOf(app).query('SELECT count(*)::int AS n FROM inspector_trainings WHERE inspector_id = $1', [ins.id]))[0].n).toBe(0);
    });

    it('plan percentages and a proposed fine → 400 naming the field; two decimals still pass', async () => {
      const name = unique('小数计划');
      const plan = await http(app)
        .post('/plans')
        .set(S)
        .send({ name, year: 2024, itemIds: [itemId], sampling: { A: { ratioPercent: 1e-7 }, B: { ratioPercent: 12.34 }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2, windowStart: '2024-01-02', windowEnd: '2024-12-31' })
        .expect(400);
      expect(fields(plan.body)).toEqual(['sampling.A.ratioPercent']);
      const fine = await http(app).patch(`/records/${randomUUID()}`).set(bearer(a.inspector)).send({ version: 1, majorDecision: { penaltyYuan: 1e-7, licenceRevocation: false, marked: false } }).expect(400);
      expect(fields(fine.body)).toEqual(['majorDecision.penaltyYuan']);
      const ok = await http(app).patch(`/records/${randomUUID()}`).set(bearer(a.inspector)).send({ version: 1, majorDecision: { penaltyYuan: 0.29, licenceRevocation: false, marked: false } });
      expect(ok.status).toBe(404); // passed validation
    });
  });

  describe('bodies the JSON routes cannot read', () => {
    it('text/plain or XML on a JSON route → 415, and nothing changes', async () => {
      const dept = (await raw('post', '/departments', JSON.stringify({ code: unique('CT'), name: unique('内容类型测试局') })).expect(201)).body;
      const text = await raw('patch', `/departments/${dept.id}`, JSON.stringify({ name: '改名了' }), 'text/plain').expect(415);
      expect(text.body).toEqual(errorShape(415, 'UNSUPPORTED_MEDIA_TYPE'));
      expect((await raw('patch', `/departments/${dept.id}`, '<name>改名了</name>', 'application/xml').expect(415)).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect((await raw('patch', `/departments/${dept.id}`, '{"name":"改名了"}', 'application/octet-stream').expect(415)).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect((await http(app).get(`/departments/${dept.id}`).set(bearer(a.admin)).expect(200)).body.name).toBe(dept.name);
      // JSON with a charset, and bodiless requests, still work.
      await raw('patch', `/departments/${dept.id}`, JSON.stringify({ name: `${dept.name}二` }), 'application/json; charset=utf-8').expect(200);
      await http(app).get('/auth/me').set(bearer(a.admin)).set('Content-Type', 'text/plain').expect(200);
    });
  });

  it('a compressed body that does not inflate → 400 BAD_BODY', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const res = await raw('post', '/departments', Buffer.from('not compressed at all')).set('Content-Encoding', encoding).expect(400);
      expect(res.body).toEqual(errorShape(400, 'BAD_BODY'));
    }
  });

  describe('prototype keys', () => {
    it.each(['__proto__', 'constructor', 'prototype'])('%s at the top level or nested → 400 naming it, nothing stored', async (key) => {
      const code = unique('PR');
      const top = await raw('post', '/departments', `{"code":"${code}","name":"原型测试局","${key}":{"isAdmin":true}}`).expect(400);
      expect(top.body).toMatchObject(errorShape(400, 'VALIDATION_FAILED'));
      expect(top.body.details).toEqual([{ field: key, constraints: { whitelistValidation: '不允许的字段' } }]);
      const nested = await http(app)
        .post('/items')
        .set(S)
        .set('Content-Type', 'application/json')
        .send(`{"code":"${code}","name":"实验动物许可情况的检查","legalBasis":"《实验动物管理条例》","category":"general","targetType":"实验动物使用单位","method":"on_site","enforcementDomain":"实验动物","defaultRatios":{"A":3,"B":5,"C":20,"D":100,"${key}":{}},"frequency":"每年一次"}`)
        .expect(400);
      expect(fields(nested.body)).toEqual([`defaultRatios.${key}`]);
      expect(await departmentCount([code])).toBe(0);
    });

    it('in a query string → 400', async () => {
      const res = await http(app).get('/users?__proto__=1').set(bearer(a.admin)).expect(400);
      expect(fields(res.body)).toEqual(['__proto__']);
    });
  });

  describe('text that would be published broken or misleading', () => {
    it('invalid UTF-8 bytes → 400 INVALID_UNICODE, not stored as U+FFFD', async () => {
      const code = unique('U8');
      const body = Buffer.concat([Buffer.from(`{"code":"${code}","name":"`), Buffer.from([0xff, 0xfe]), Buffer.from('天津市测试局"}')]);
      const res = await raw('post', '/departments', body).expect(400);
      expect(res.body).toEqual(errorShape(400, 'INVALID_UNICODE'));
      expect(await departmentCount([code])).toBe(0);
    });

    it('a lone surrogate escape → 400 INVALID_UNICODE; a proper pair is accepted', async () => {
      const code = unique('LS');
      expect((await raw('post', '/departments', `{"code":"${code}","name":"\\ud800天津市测试局"}`).expect(400)).body.code).toBe('INVALID_UNICODE');
      expect((await raw('post', '/departments', `{"code":"${code}","name":"天津市\\udc00测试局"}`).expect(400)).body.code).toBe('INVALID_UNICODE');
      expect(await departmentCount([code])).toBe(0);
      const pair = await raw('post', '/departments', `{"code":"${code}","name":"天津市\\ud83d\\ude00测试局\\\\ud800"}`).expect(201);
      expect(pair.body.name).toBe('天津市\u{1f600}测试局\\ud800');
    });

    it.each([
      ['right-to-left override', '\u202e'],
      ['isolate', '\u2067'],
      ['zero-width space', '\u200b'],
      ['zero-width joiner', '\u200d'],
      ['word joiner', '\u2060'],
      ['byte-order mark', '\ufeff'],
      ['replacement character', '\ufffd'],
      ['line break in a name', '\n'],
    ])('a %s in a public name or address → 400 naming the field', async (_label, ch) => {
      const code = unique('RT');
      const dept = await raw('post', '/departments', JSON.stringify({ code, name: `天津市${ch}测试局` })).expect(400);
      expect(dept.body).toMatchObject(errorShape(400, 'VALIDATION_FAILED'));
      expect(fields(dept.body)).toEqual(['name']);
      expect(await departmentCount([code])).toBe(0);
      const entity = await http(app).post('/entities').set(S).send({ uscc: freshUscc(), name: `测试${ch}公司`, registeredAddress: `天津市${ch}某路1号`, riskClass: 'B', riskClassEffectiveFrom: '2023-01-01' }).expect(400);
      expect(fields(entity.body)).toEqual(['name', 'registeredAddress']);
      const ins = await http(app).post('/inspectors').set(S).send({ name: `王${ch}芳`, certificateNumber: unique('RT-'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', unit: `第一${ch}所` }).expect(400);
      expect(fields(ins.body)).toEqual(['name', 'unit']);
    });

    it('the same characters in an imported name or address are row errors, and the row is not imported', async () => {
      const [good, bad] = [freshUscc(), freshUscc()];
      const rows = [['统一社会信用代码', '名称', '注册地址', '信用风险分类', '分类生效日期'], [good, '导入正常公司', '天津市某路1号', 'B', '2023-01-01'], [bad, '导入\u202e公司', '天津市\u200b某路2号', 'B', '2023-01-01']];
      const res = await http(app).post('/imports/entities?wait=true&mode=valid-only').set(S).attach('file', utf8Bom(csv(rows)), 'entities.csv').expect(200);
      expect(res.body).toMatchObject({ state: 'succeeded', inserted: 1, rowsFailed: 1 });
      const errors = (await http(app).get(`/imports/${res.body.id}/errors`).set(S).expect(200)).body as { rowNumber: number; column: string; message: string }[];
      expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('U+202E'), expect.stringContaining('U+200B')]);
      expect((await dataSourceOf(app).query('SELECT count(*)::int AS n FROM regulated_entities WHERE uscc = $1', [bad]))[0].n).toBe(0);
    });

    it('line breaks stay allowed in multi-line public text (a redraw reason), direction overrides do not', async () => {
      const res = await http(app).post(`/draws/${randomUUID()}/redraw`).set(S).send({ ...commitReveal(app), reason: '第一行\u202e第二行' });
      expect(res.status).toBe(400);
      expect(fields(res.body)).toEqual(['reason']);
      const ok = await http(app).post(`/draws/${randomUUID()}/redraw`).set(S).send({ ...commitReveal(app), reason: '第一行\n第二行' });
      expect(ok.status).toBe(404);
    });
  });

  describe('errors of file routes', () => {
    it('the error of a .tsv or errors.csv route is labelled JSON, not offered as a file', async () => {
      for (const url of [`/plans/${randomUUID()}/snapshots/candidates.tsv`, `/plans/${randomUUID()}/snapshots/inspectors.tsv`, `/plans/${randomUUID()}/snapshots/conflicts.tsv`, `/imports/${randomUUID()}/errors.csv`]) {
        const res = await http(app).get(url).set(S).expect(404);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['content-disposition']).toBeUndefined();
        expect(res.body.statusCode).toBe(404);
      }
    });
  });

  describe('a tampered snapshot', () => {
    it.each(['candidates', 'inspectors'])('a %s snapshot changed in the database → the draw answers 409 SNAPSHOT_HASH_MISMATCH naming it, and draws nothing', async (kind) => {
      const rows: string[][] = [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期']];
      for (let i = 0; i < 4; i++) rows.push([freshUscc(), `篡改测试${i}号公司`, 'B', '2023-01-01']);
      await importEntities(app, S, rows);
      await makeLinkedInspectors(app, S, a.department.id, 2, '篡改测试员', 'TP-');
      const plan = (await http(app).post('/plans').set(S).send({ name: unique('篡改计划'), year: 2024, itemIds: [itemId], sampling: { A: { count: 0 }, B: { count: 2 }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2, windowStart: '2024-01-02', windowEnd: '2024-12-31' }).expect(201)).body;
      await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201);
      letTimePass(app);
      const db = dataSourceOf(app);
      await db.query(`UPDATE plan_snapshots SET content = content || 'x' WHERE plan_id = $1 AND kind = $2`, [plan.id, kind]);
      const res = await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: 'witness-2024' }).expect(409);
      expect(res.body).toMatchObject(errorShape(409, 'SNAPSHOT_HASH_MISMATCH'));
      expect(res.body.details).toEqual([{ planId: plan.id, snapshot: kind, expectedHash: expect.stringMatching(/^[0-9a-f]{64}$/), actualHash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
      expect(res.body.message).toContain(kind === 'candidates' ? '候选' : '执法人员');
      expect((await db.query('SELECT count(*)::int AS n FROM draws WHERE plan_id = $1', [plan.id]))[0].n).toBe(0);
      expect((await db.query('SELECT state FROM plans WHERE id = $1', [plan.id]))[0].state).toBe('published');
      await db.query('DELETE FROM plan_snapshots WHERE plan_id = $1 AND kind = $2', [plan.id, kind]);
      const gone = await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: 'witness-2024' }).expect(409);
      expect(gone.body).toMatchObject({ ...errorShape(409, 'SNAPSHOT_MISSING'), details: [{ planId: plan.id, snapshot: kind }] });
    });

    it('tampered parameters → 409 SNAPSHOT_HASH_MISMATCH naming them', async () => {
      const plan = (await http(app).post('/plans').set(S).send({ name: unique('篡改参数'), year: 2024, itemIds: [itemId], sampling: { A: { count: 0 }, B: { count: 1 }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2, windowStart: '2024-01-02', windowEnd: '2024-12-31' }).expect(201)).body;
      await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201);
      letTimePass(app);
      await dataSourceOf(app).query(`UPDATE plans SET parameters_json = parameters_json || ' ' WHERE id = $1`, [plan.id]);
      const res = await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: 'witness-2024' }).expect(409);
      expect(res.body.code).toBe('SNAPSHOT_HASH_MISMATCH');
      expect(res.body.details[0]).toMatchObject({ planId: plan.id, snapshot: 'parameters' });
    });
  });
});
