import { NestExpressApplication } from '@nestjs/platform-express';
import { findPersonalData } from '../src/common/personal-data';
import { bootApp, dataSourceOf, http } from './support/app';
import { PublicReadPool } from '../src/database/public-read-pool';
import { freshUscc } from './support/files';
import { ownDatabase } from './support/own-database';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors } from './support/scenario';
import { bearer, makeDepartmentWithStaff, TestAccount } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Task = { id: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[]; entity: { uscc: string; name: string } };

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 private evidence', 'latin1')]);
const MOBILE = '13912345678';
const ID_CARD = '12010119800101123X';
const REMARK = `内部备注：法定代表人身份证${ID_CARD}，手机${MOBILE}`;

/** 一公开: deadlines in working days, publication, corrections, withdrawal, the public API and what it never shows. */
describe('publication and the public API', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  const inspectors: { account: TestAccount; id: string }[] = [];
  let tasks: Task[];
  let drawId: string;
  const usccs = Array.from({ length: 4 }, () => freshUscc());
  // Open data, the feed and the audit head are whole-database: its own database, so suites running in parallel cannot change them between two requests.
  let db: Awaited<ReturnType<typeof ownDatabase>>;

  beforeAll(async () => {
    db = await ownDatabase('publication');
    app = await bootApp({ DATABASE_URL: db.url });
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
    const S = bearer(a.supervisor);
    const item = await makeLabItem(app, S, 'P-');
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '注册地址', '法定代表人', '联系人', '联系电话'], ...usccs.map((u, i) => [u, `公开测试生物科技${i}有限公司`, 'B', '2023-01-01', `天津市滨海新区公开路${i}号`, `法人张${i}`, `联系人李${i}`, MOBILE])]);
    inspectors.push(...(await makeLinkedInspectors(app, S, a.department.id, 2, '公开检查员', 'PB-')));
    ({ drawId, tasks } = await drawClassB<Task>(app, S, item.id, 4, '公开计划', '双色球 2024002: 02 03 05 07 11 13 + 01'));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const I = () => bearer(inspectors[0].account);
  /** A record written, submitted and approved for task n; returns the pending publication. */
  const approve = async (n: number, checkDate: string, extra: object = {}) => {
    const t = tasks[n];
    const body = {
      checkDate,
      place: '企业生产场所',
      inspectorsPresent: t.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })),
      representative: { name: '王五', role: '质量负责人' },
      findings: t.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: true })),
      resultCodes: ['NO_PROBLEM'],
      remarks: REMARK,
      ...extra,
    };
    const record = (await http(app).post(`/tasks/${t.id}/record`).set(I()).send(body).expect(201)).body;
    await http(app).post(`/records/${record.id}/evidence`).set(I()).attach('file', JPEG, `现场${n}.jpg`).expect(201);
    const { version } = (await http(app).get(`/records/${record.id}`).set(I()).expect(200)).body; // evidence made a new version
    const submitted = (await http(app).post(`/records/${record.id}/submit`).set(I()).send({ version }).expect(200)).body;
    await http(app).post(`/records/${record.id}/approve`).set(bearer(a.supervisor)).send({ version: submitted.version }).expect(200);
    // The record's own publication, by recordId (what the console's record page reads); another department gets none.
    const list = (await http(app).get(`/publications?recordId=${record.id}`).set(bearer(a.supervisor)).expect(200)).body;
    expect(list.items.map((p: { recordId: string }) => p.recordId)).toEqual([record.id]);
    expect((await http(app).get(`/publications?recordId=${record.id}`).set(bearer(b.supervisor)).expect(200)).body.items).toEqual([]);
    return list.items[0];
  };

  it('sets deadlines in working days across holidays, lists what is overdue, and publishes at once or later', async () => {
    // Checked Fri 27 Sep 2024: 20 working days skip National Day (1–7 Oct) and count the make-up Sun 29 Sep and Sat 12 Oct.
    const general = await approve(0, '2024-09-27');
    expect(general).toMatchObject({ state: 'pending', resultType: 'general', checkDate: '2024-09-27', deadline: '2024-10-30', publishedAt: null, onTime: null });
    // A penalty decision: 7 working days — Sun 29 Sep (make-up), 30 Sep, 8, 9, 10, 11 and Sat 12 Oct (make-up).
    const decision = await approve(1, '2024-09-27', { majorDecision: { penaltyYuan: 5000, licenceRevocation: false, marked: false, description: '警告并处罚款五千元' } });
    expect(decision).toMatchObject({ resultType: 'decision', deadline: '2024-10-12' });

    const SV = bearer(a.supervisor);
    const overdue = (await http(app).get('/publications?status=overdue').set(SV).expect(200)).body;
    expect(overdue.items.map((p: { id: string }) => p.id).sort()).toEqual([general.id, decision.id].sort());
    expect(overdue.items[0].workingDaysLeft).toBeLessThan(0);
    expect(overdue.summary).toMatchObject({ pending: 2, overdue: 2, published: 0, onTimeRate: null });
    expect((await http(app).get('/publications?status=overdue').set(bearer(b.supervisor)).expect(200)).body.items).toEqual([]);

    const published = (await http(app).post(`/publications/${general.id}/publish`).set(SV).send({}).expect(200)).body;
    expect(published).toMatchObject({ state: 'published', onTime: false }); // published in 2026, due in 2024
    expect((await http(app).post(`/publications/${general.id}/publish`).set(SV).send({}).expect(409)).body.code).toBe('ALREADY_PUBLISHED');
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect((await http(app).post(`/publications/${decision.id}/publish`).set(SV).send({ publishAt: later }).expect(200)).body.publishedAt).toBe(later);
    const summary = (await http(app).get('/publications').set(SV).expect(200)).body.summary;
    expect(summary).toMatchObject({ published: 2, onTime: 0, late: 2, pending: 0, onTimeRate: 0 });

    // Scheduled: not public before its time.
    const search = (await http(app).get(`/public/results?uscc=${tasks[1].entity.uscc}`).expect(200)).body;
    expect(search.meta.totalCount).toBe(0);
  });

  it('keeps both versions of a correction, records a withdrawal, and counts completeness from the records', async () => {
    const SV = bearer(a.supervisor);
    const current = (await http(app).get('/publications?status=published').set(SV).expect(200)).body.items.find((p: { uscc: string }) => p.uscc === tasks[0].entity.uscc);
    const corrected = (await http(app).post(`/publications/${current.id}/corrections`).set(SV).send({ reason: '检查结果代码录入有误，更正', resultCodes: ['NO_RELEVANT_ACTIVITY'] }).expect(201)).body;
    expect(corrected).toMatchObject({ version: 2, current: true, correctionReason: '检查结果代码录入有误，更正' });
    expect((await http(app).post(`/publications/${current.id}/corrections`).set(SV).send({ reason: '再次更正旧版本' }).expect(409)).body.code).toBe('NOT_CURRENT_VERSION');
    const page = (await http(app).get(`/public/entities/${tasks[0].entity.uscc}`).expect(200)).body;
    expect(page.results.map((r: { version: number; result: { results: { label: string }[] } }) => [r.version, r.result.results[0].label])).toEqual([[2, '未发现开展本次抽查涉及的经营活动']]);
    expect(page.history.map((r: { version: number; result: { results: { label: string }[] } }) => [r.version, r.result.results[0].label])).toEqual([[1, '未发现问题']]);

    await http(app).post(`/publications/${corrected.id}/withdraw`).set(SV).send({ reason: '依据人民法院判决撤回' }).expect(200);
    const withdrawn = (await http(app).get(`/public/results?uscc=${tasks[0].entity.uscc}`).expect(200)).body.items[0];
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawn: { reason: '依据人民法院判决撤回' } });

    // Task 2 submitted but not approved, task 3 not started.
    const t2 = tasks[2];
    const r2 = (await http(app).post(`/tasks/${t2.id}/record`).set(I()).send({ checkDate: '2024-05-06', place: '现场', inspectorsPresent: t2.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })), representative: { name: '赵六', role: '负责人' }, findings: t2.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: true })), resultCodes: ['NO_PROBLEM'] }).expect(201)).body;
    await http(app).post(`/records/${r2.id}/submit`).set(I()).send({ version: r2.version }).expect(200);
    const c = (await http(app).get(`/public/draws/${drawId}/completeness`).expect(200)).body;
    expect(c).toMatchObject({ drawn: 4, published: 0, counts: { withdrawn: 1, overdue: 1, under_review: 1, not_started: 1, published: 0 } });
    expect(c.targets.map((t: { uscc: string }) => t.uscc).sort()).toEqual(tasks.map((t) => t.entity.uscc).sort());
    expect(Object.values(c.counts as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(c.drawn);
  });

  it('searches, pages at the edges, refuses unknown filters, and never shows personal data, evidence or remarks', async () => {
    const SV = bearer(a.supervisor);
    // One more result, published now (task 1's is scheduled, task 0's withdrawn).
    const third = await approve(3, '2024-06-03');
    await http(app).post(`/publications/${third.id}/publish`).set(SV).send({}).expect(200);

    const all = (await http(app).get('/public/results?q=公开测试生物&pageSize=100').expect(200)).body;
    expect(all.meta).toMatchObject({ totalCount: 2, pageNumber: 1, pageSize: 100, totalPages: 1, extractDate: expect.stringMatching(/\+08:00$/) });
    const one = (await http(app).get('/public/results?q=公开测试生物&pageSize=1&pageNumber=2').expect(200)).body;
    expect(one.meta).toMatchObject({ totalCount: 2, pageNumber: 2, pageSize: 1, totalPages: 2 });
    expect(one.items).toHaveLength(1);
    const beyond = (await http(app).get('/public/results?q=公开测试生物&pageSize=1&pageNumber=3').expect(200)).body;
    expect(beyond).toMatchObject({ items: [], meta: { totalCount: 2, pageNumber: 3, totalPages: 2 } });
    expect((await http(app).get(`/public/results?uscc=${tasks[3].entity.uscc}&resultCode=NO_PROBLEM&year=2024&from=2024-06-01&to=2024-06-30`).expect(200)).body.meta.totalCount).toBe(1);
    expect((await http(app).get('/public/results?pageSize=101').expect(400)).body.code).toBe('VALIDATION_FAILED');
    const unknown = (await http(app).get('/public/results?colour=red').expect(400)).body;
    expect(unknown.details).toEqual([expect.objectContaining({ field: 'colour' })]);
    await http(app).get('/public/entities/not-a-uscc').expect(400);
    await http(app).get(`/public/entities/${freshUscc()}`).expect(404);

    // Every public response of this populated database, scanned.
    const bodies: string[] = [];
    const grab = async (url: string) => bodies.push((await http(app).get(url).expect(200)).text);
    await grab('/public/results?pageSize=100');
    for (const t of tasks) await http(app).get(`/public/entities/${t.entity.uscc}`).then((r) => bodies.push(r.text));
    await grab(`/public/draws/${drawId}/completeness`);
    await grab(`/public/draws/${drawId}/transcript`);
    await grab('/public/audit/head');
    for (const name of ['inspections', 'entities', 'findings', 'legend', 'feed_info']) for (const format of ['csv', 'json']) await grab(`/public/open-data/${name}.${format}`);
    await grab('/public/feed.atom');
    const evidence: { sha256: string }[] = await dataSourceOf(app).query('SELECT sha256 FROM evidence_files');
    for (const body of bodies) {
      expect(findPersonalData(body)).toEqual([]);
      for (const secret of [MOBILE, ID_CARD, '内部备注', '联系人李', '法人张', '王五', 'evidence', ...evidence.map((e) => e.sha256)]) expect(body).not.toContain(secret);
    }
    expect(bodies.join('')).toContain('公开测试生物科技'); // the scan did read real results

    // Open data: the same published results, as files; the feed; the audit head in feed_info.
    const inspections = (await http(app).get('/public/open-data/inspections.json').expect(200)).body as { uscc: string; status: string; results: string }[];
    const visible = (await http(app).get('/public/results?pageSize=100').expect(200)).body.meta.totalCount;
    expect(inspections).toHaveLength(visible);
    const csvText = (await http(app).get('/public/open-data/inspections.csv').expect(200).expect('content-type', /text\/csv/)).text;
    expect(csvText.startsWith('\uFEFFinspection_id,version,status,uscc,entity_name')).toBe(true);
    expect(csvText.trimEnd().split('\r\n')).toHaveLength(visible + 1);
    expect((await http(app).get('/public/open-data/legend.json').expect(200)).body).toContainEqual({ code: 'NO_PROBLEM', label: '未发现问题', problem: false });
    const [feedInfo] = (await http(app).get('/public/open-data/feed_info.json').expect(200)).body;
    expect(feedInfo.audit_head_hash).toBe((await http(app).get('/public/audit/head').expect(200)).body.hash);
    expect(feedInfo.inspections).toBe(visible);
    await http(app).get('/public/open-data/secrets.csv').expect(404);
    const feed = (await http(app).get('/public/feed.atom').expect(200).expect('content-type', /application\/atom\+xml/)).text;
    expect(feed).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed.match(/<entry>/g)).toHaveLength(visible);
    expect(feed).toContain('【已撤回】');
  });

  it('searches as prepared statements: each shape of filters gives the same answers run after run, on every connection', async () => {
    const shapes = ['q=公开测试生物', `uscc=${tasks[3].entity.uscc}`, 'q=公开测试生物&sort=name&pageSize=1', 'q=公开测试生物&year=2024&resultCode=NO_PROBLEM', `q=公开测试生物&department=${a.department.id}&pageSize=1&pageNumber=2`];
    const first = await Promise.all(shapes.map(async (q) => (await http(app).get(`/public/results?${q}`).expect(200)).body));
    // More rounds than the pool has connections, concurrently: every connection prepares each shape once.
    for (let round = 0; round < 3; round++) {
      const again = await Promise.all(shapes.flatMap((q) => [q, q]).map(async (q) => (await http(app).get(`/public/results?${q}`).expect(200)).body));
      again.forEach((body, i) => expect({ ...body, meta: { ...body.meta, extractDate: null } }).toEqual({ ...first[i >> 1], meta: { ...first[i >> 1].meta, extractDate: null } }));
    }
    expect(first.map((b) => b.meta.totalCount)).toEqual([2, 1, 2, 1, 2]); // task 0 was corrected to NO_RELEVANT_ACTIVITY
    const names = first[0].items.map((i: { result: { entity: { name: string } } }) => i.result.entity.name).sort();
    expect(first[2].items[0].result.entity.name).toBe(names[0]); // sort=name, one per page
    // Its own pool: read-only, a statement timeout, plans for each call's values (no generic plan can stick).
    const [settings] = await app.get(PublicReadPool).query<Record<string, string>>(`SELECT current_setting('default_transaction_read_only') AS ro, current_setting('statement_timeout') AS timeout, current_setting('plan_cache_mode') AS plans, current_setting('application_name') AS name`, []);
    expect(settings).toEqual({ ro: 'on', timeout: '5s', plans: 'force_custom_plan', name: 'ssgk-public-read' });
    await expect(app.get(PublicReadPool).query('UPDATE publications SET version = version WHERE false', [])).rejects.toThrow(/read-only/);
    // The name index takes new results straight into the index: no pending list for every search to scan.
    const [{ reloptions }] = await dataSourceOf(app).query(`SELECT reloptions FROM pg_class WHERE relname = 'ix_publications_entity_name_trgm'`);
    expect(reloptions).toEqual(['fastupdate=off']);
  });

  it('answers JSON with its length and no ETag (it carries its extract time); pages keep ETag and 304', async () => {
    const res = await http(app).get('/public/results?q=公开测试生物').expect(200).expect('content-type', 'application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.headers.etag).toBeUndefined();
    const head = await http(app).head('/public/results?q=公开测试生物').expect(200);
    expect(head.text ?? '').toBe('');
    expect(head.headers['content-length']).toBe(res.headers['content-length']);
    // A string reply (pages, the stylesheet) goes through Express's own send: ETag, and 304 when fresh.
    const css = await http(app).get('/portal/assets/portal.css').expect(200);
    expect(css.headers.etag).toMatch(/^W\/"/);
    await http(app).get('/portal/assets/portal.css').set('If-None-Match', css.headers.etag).expect(304);
    await http(app).get('/portal/assets/portal.css').set('If-None-Match', 'W/"other"').expect(200);
  });

  it('cancels a public search that runs too long: 503 QUERY_TIMEOUT, a Chinese page on the portal, staff unaffected', async () => {
    const slow = await bootApp({ DATABASE_URL: db.url, PUBLIC_QUERY_TIMEOUT_MS: '300' });
    const runner = dataSourceOf(app).createQueryRunner();
    try {
      // Hold the table: the search waits for the lock, and statement_timeout counts the wait.
      await runner.startTransaction();
      await runner.query('LOCK TABLE publications IN ACCESS EXCLUSIVE MODE');
      const res = await http(slow).get('/public/results?q=公开测试').expect(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'QUERY_TIMEOUT', message: expect.stringContaining('缩小检索范围') });
      const page = await http(slow).get('/portal/results?q=公开测试').expect(503).expect('content-type', /text\/html/);
      expect(page.text).toContain('缩小检索范围');
      // Staff routes use the other pool and no statement timeout: they are not cancelled.
      await http(slow).get('/health/ready').expect(200);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      await slow.close();
    }
  });
});
