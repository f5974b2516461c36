import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AuditHeadsService } from '../src/audit/audit-heads.service';
import { bootApp, dataSourceOf, http } from './support/app';
import { csv, freshUscc, utf8Bom } from './support/files';
import { bearer, makeAccount, makeDepartmentWithStaff, PASSWORD, unique } from './support/fixtures';
import { drawClassB, importEntities, makeLabItem, makeLinkedInspectors, commitReveal, letTimePass } from './support/scenario';

/** verify-audit as an operator runs it (the built CLI), against the suites' database. */
function runVerifyAudit(app: NestExpressApplication, args: string[] = []) {
  const url = (dataSourceOf(app).options as { url: string }).url;
  return spawnSync(process.execPath, [path.resolve(__dirname, '..', 'dist', 'src', 'verify-audit.js'), ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' } });
}

/**
 * The full-process record (执法全过程记录): every change is chained by hash, appended under a lock
 * so concurrent writers cannot fork it, refused to UPDATE/DELETE/TRUNCATE by the database, and a
 * row altered behind the application's back is found by the admin endpoint and `verify-audit`.
 */
describe('audit log: a hash chain nobody can rewrite unseen', () => {
  let app: NestExpressApplication;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  let itemId: string;

  beforeAll(async () => {
    app = await bootApp();
    staff = await makeDepartmentWithStaff(app);
    itemId = (
      await http(app)
        .post('/items')
        .set(bearer(staff.supervisor))
        .send({ code: unique('AU-'), name: '审计测试事项', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await app.close();
  });

  const plan = (name = unique('审计计划')) => ({ name, year: 2024, itemIds: [itemId], sampling: { A: { count: 0 }, B: { count: 1 }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2, windowStart: '2024-04-01', windowEnd: '2024-06-30' });
  const verify = async () => (await http(app).get('/admin/audit/verify').set(bearer(staff.admin)).expect(200)).body;
  const verifyCli = () => runVerifyAudit(app);

  it('records plan and draw events with who and what, under concurrency, and the chain verifies', async () => {
    const S = bearer(staff.supervisor);
    const created = await Promise.all(Array.from({ length: 12 }, () => http(app).post('/plans').set(S).send(plan())));
    expect(created.map((r) => r.status)).toEqual(Array(12).fill(201));
    const p = created[0].body;
    await http(app).patch(`/plans/${p.id}`).set(S).send({ ...plan(p.name), teamSize: 3, version: 1 }).expect(200);
    await http(app).post(`/plans/${p.id}/publish`).set(S).send({ ...commitReveal(app), version: 2 }).expect(201);
    letTimePass(app);
    const drawn = (await http(app).post(`/plans/${p.id}/draw`).set(S).send({ witnessEntropy: '见证号码 31415' }).expect(201)).body;

    const events: { action: string; actor_id: string; before_hash: string | null; after_hash: string | null; details: Record<string, unknown> }[] = await dataSourceOf(app).query(
      `SELECT action, actor_id, before_hash, after_hash, details FROM audit_events WHERE subject_id = ANY($1) ORDER BY seq`,
      [[p.id, drawn.id]],
    );
    expect(events.map((e) => e.action)).toEqual(['plan.create', 'plan.update', 'plan.publish', 'draw.create']);
    for (const e of events) expect(e.actor_id).toBe(staff.supervisor.id);
    expect(events[1].before_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(events[1].after_hash).not.toBe(events[1].before_hash);
    expect(events[3].details).toMatchObject({ planId: p.id, seed: drawn.seed });

    // The chain part (other suites change rows of their own on purpose, which the state part reports).
    const ok = await verify();
    expect(ok).toMatchObject({ count: expect.any(Number), head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(ok.brokenAtSeq).toBeUndefined();
    const head = (await http(app).get('/public/audit/head').expect(200)).body;
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(head.seq).toBeGreaterThanOrEqual(events.length);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, and reports a row altered directly in SQL at its seq', async () => {
    const db = dataSourceOf(app);
    const [row]: { seq: string; details: object }[] = await db.query(`SELECT seq, details FROM audit_events WHERE action = 'plan.update' ORDER BY seq DESC LIMIT 1`);
    await expect(db.query(`UPDATE audit_events SET action = 'plan.forged' WHERE seq = $1`, [row.seq])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_events WHERE seq = $1`, [row.seq])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);

    const before = verifyCli();
    expect(before.stdout).toMatch(/^OK: \d+ events, head [0-9a-f]{64}\n/);

    // Someone with the database owner's rights disables the trigger and rewrites history.
    await db.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    try {
      await db.query(`UPDATE audit_events SET details = jsonb_set(details, '{forged}', 'true') WHERE seq = $1`, [row.seq]);
      expect(await verify()).toMatchObject({ ok: false, brokenAtSeq: Number(row.seq) });
      const after = verifyCli();
      expect(after.status).toBe(1);
      expect(after.stdout).toContain(`BROKEN at seq ${row.seq}`);
    } finally {
      await db.query('UPDATE audit_events SET details = $2::jsonb WHERE seq = $1', [row.seq, JSON.stringify(row.details)]);
      await db.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
    }
    const restored = await verify();
    expect(restored.brokenAtSeq).toBeUndefined();
    expect(restored.count).toBeGreaterThan(Number(row.seq));
  });
});

type Mismatch = { subjectType: string; subjectId: string; seq: number | null; expected: string | null; found: string; reason: string };
type Verified = { ok: boolean; brokenAtSeq?: number; count?: number; states: { checked: number; mismatchCount: number; mismatches: Mismatch[] }; kept?: { seq: number; hash: string; extended: boolean; reason: string } };

/**
 * What the chain alone could not see (issue 12 §6): rows changed in their own tables, a chain
 * truncated or rewritten with recomputed hashes, and changes to the inputs of a draw.
 */
describe('audit log: tampering outside the chain', () => {
  let app: NestExpressApplication;
  let staff: Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
  let published: { publicationId: string; planId: string; drawId: string; taskId: string };

  beforeAll(async () => {
    app = await bootApp();
    staff = await makeDepartmentWithStaff(app);
    const S = bearer(staff.supervisor);
    const item = await makeLabItem(app, S, 'AT-');
    await importEntities(app, S, [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期'], [freshUscc(), '篡改测试有限公司', 'B', '2023-01-01']]);
    const accounts = (await makeLinkedInspectors(app, S, staff.department.id, 2, '篡改检查员', 'AT-')).map((i) => i.account);
    const { drawId, tasks } = await drawClassB<{ id: string; planId: string; team: { inspectorId: string }[]; items: { itemVersionId: string }[] }>(app, S, item.id, 1, '篡改计划', '见证号码 1618');
    const [task] = tasks;
    const I = bearer(accounts[0]);
    const record = (await http(app).post(`/tasks/${task.id}/record`).set(I).send({ checkDate: '2024-05-06', place: '现场', inspectorsPresent: task.team.map((m) => ({ inspectorId: m.inspectorId, certificateShown: true })), representative: { name: '赵六', role: '负责人' }, findings: task.items.map((i) => ({ itemVersionId: i.itemVersionId, compliant: true })), resultCodes: ['NO_PROBLEM'] }).expect(201)).body;
    const submitted = (await http(app).post(`/records/${record.id}/submit`).set(I).send({ version: record.version }).expect(200)).body;
    await http(app).post(`/records/${record.id}/approve`).set(S).send({ version: submitted.version }).expect(200);
    const publication = (await http(app).get('/publications').set(S).expect(200)).body.items.find((p: { recordId: string }) => p.recordId === record.id);
    await http(app).post(`/publications/${publication.id}/publish`).set(S).send({}).expect(200);
    const [plan]: { plan_id: string }[] = await dataSourceOf(app).query('SELECT plan_id FROM draws WHERE id = $1', [drawId]);
    published = { publicationId: publication.id, planId: plan.plan_id, drawId, taskId: task.id };
  });
  afterAll(async () => {
    await app.close();
  });

  const verify = async (query = ''): Promise<Verified> => (await http(app).get(`/admin/audit/verify${query}`).set(bearer(staff.admin)).expect(200)).body;
  const mine = (v: Verified) => v.states.mismatches.filter((m) => Object.values(published).includes(m.subjectId));
  const lastState = async (subjectType: string, id: string) => {
    const [e]: { seq: string; after_hash: string }[] = await dataSourceOf(app).query('SELECT seq, after_hash FROM audit_events WHERE subject_type = $1 AND subject_id = $2 AND after_hash IS NOT NULL ORDER BY seq DESC LIMIT 1', [subjectType, id]);
    return { seq: Number(e.seq), hash: e.after_hash };
  };

  it('finds a published result, a plan and a draw changed in their own tables, names each with the state expected and found, and is clean once they are restored', async () => {
    const db = dataSourceOf(app);
    const { publicationId, planId, drawId, taskId } = published;
    const clean = await verify();
    expect(clean.states.checked).toBeGreaterThanOrEqual(3);
    expect(mine(clean)).toEqual([]);

    const expected = { publication: await lastState('publication', publicationId), plan: await lastState('plan', planId), draw: await lastState('draw', drawId) };
    const [original]: { payload: object; result_codes: string[]; team: object[]; team_size: number }[] = await db.query(
      'SELECT p.payload, p.result_codes, t.team, pl.team_size FROM publications p, tasks t, plans pl WHERE p.id = $1 AND t.id = $2 AND pl.id = $3',
      [publicationId, taskId, planId],
    );
    // The reported attack: NO_PROBLEM becomes RECTIFIED_AFTER_ORDER straight in the table, and the public sees it.
    await db.query(`UPDATE publications SET result_codes = '{RECTIFIED_AFTER_ORDER}', payload = jsonb_set(payload, '{results}', '[{"code":"RECTIFIED_AFTER_ORDER","label":"发现问题经责令已改正"}]') WHERE id = $1`, [publicationId]);
    await db.query('UPDATE plans SET team_size = team_size + 1 WHERE id = $1', [planId]);
    await db.query(`UPDATE tasks SET team = '[]' WHERE id = $1`, [taskId]);
    try {
      const [{ uscc }]: { uscc: string }[] = await db.query('SELECT uscc FROM publications WHERE id = $1', [publicationId]);
      expect(JSON.stringify((await http(app).get(`/public/entities/${uscc}`).expect(200)).body)).toContain('发现问题经责令已改正');
      const tampered = await verify();
      expect(tampered.ok).toBe(false);
      expect(tampered.brokenAtSeq).toBeUndefined(); // the chain itself is intact: only the rows changed
      const found = mine(tampered);
      expect(found).toHaveLength(3);
      for (const [subjectType, subjectId] of [['publication', publicationId], ['plan', planId], ['draw', drawId]] as const) {
        const m = found.find((x) => x.subjectId === subjectId)!;
        expect(m).toMatchObject({ subjectType, seq: expected[subjectType].seq, expected: expected[subjectType].hash, found: expect.stringMatching(/^[0-9a-f]{64}$/) });
        expect(m.found).not.toBe(m.expected);
        expect(m.reason).toMatch(/changed outside the application/);
      }

      const cli = runVerifyAudit(app);
      expect(cli.status).toBe(1);
      expect(cli.stdout).toMatch(/^OK: \d+ events/);
      expect(cli.stdout).toContain(`TAMPERED publication ${publicationId}: expected state ${expected.publication.hash} (seq ${expected.publication.seq}), found `);
      expect(cli.stdout).toContain(`TAMPERED plan ${planId}: expected state ${expected.plan.hash}`);
      expect(cli.stdout).toContain(`TAMPERED draw ${drawId}: expected state ${expected.draw.hash}`);
      expect(cli.stdout).toMatch(/STATES: \d+ row\(s\) differ from their recorded state/);
    } finally {
      await db.query('UPDATE publications SET result_codes = $2, payload = $3 WHERE id = $1', [publicationId, original.result_codes, JSON.stringify(original.payload)]);
      await db.query('UPDATE plans SET team_size = $2 WHERE id = $1', [planId, original.team_size]);
      await db.query('UPDATE tasks SET team = $2 WHERE id = $1', [taskId, JSON.stringify(original.team)]);
    }
    expect(mine(await verify())).toEqual([]);
    expect(runVerifyAudit(app).stdout).not.toContain(publicationId);
  });

  it('reports a published row that no event records at all', async () => {
    const db = dataSourceOf(app);
    const [forged]: { id: string }[] = await db.query(
      `INSERT INTO publications (record_id, version, current, state, result_type, department_id, plan_id, draw_id, task_id, check_date, deadline, published_at, entity_name, uscc, item_codes, result_codes, payload)
       SELECT record_id, version + 100, false, state, result_type, department_id, plan_id, draw_id, task_id, check_date, deadline, published_at, entity_name, uscc, item_codes, result_codes, payload FROM publications WHERE id = $1 RETURNING id`,
      [published.publicationId],
    );
    try {
      const m = (await verify()).states.mismatches.find((x) => x.subjectId === forged.id);
      expect(m).toMatchObject({ subjectType: 'publication', seq: null, expected: null, reason: expect.stringMatching(/no audit event records publication/) });
    } finally {
      await db.query('DELETE FROM publications WHERE id = $1', [forged.id]);
    }
  });

  it('proves that the current chain extends a head kept earlier, and says why it does not for a rewritten or truncated one', async () => {
    const kept = (await http(app).get('/public/audit/head').expect(200)).body as { seq: number; hash: string };
    await http(app).post('/plans').set(bearer(staff.supervisor)).send({ name: unique('延伸计划'), year: 2024, itemIds: [(await makeLabItem(app, bearer(staff.supervisor), 'AH-')).id], sampling: { A: { count: 0 }, B: { count: 1 }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2, windowStart: '2024-04-01', windowEnd: '2024-06-30' }).expect(201);

    const extended = await verify(`?head=${kept.seq}:${kept.hash}`);
    expect(extended.kept).toMatchObject({ seq: kept.seq, hash: kept.hash, extended: true, reason: expect.stringMatching(new RegExp(`extends the kept head seq ${kept.seq}$`)) });
    // Someone who kept this head while the tail was rewritten with recomputed hashes holds another hash for that seq.
    const rewritten = await verify(`?head=${kept.seq}:${'ab'.repeat(32)}`);
    expect(rewritten).toMatchObject({ ok: false, kept: { extended: false, reason: expect.stringMatching(new RegExp(`event at seq ${kept.seq} has hash ${kept.hash}, not the kept a.*rewritten`)) } });
    // Someone who kept a head the chain no longer reaches.
    const truncated = await verify(`?head=${kept.seq + 1_000_000}:${kept.hash}`);
    expect(truncated).toMatchObject({ ok: false, kept: { extended: false, reason: expect.stringMatching(/the chain ends at seq \d+, before the kept head's seq \d+: .*truncated/) } });
    const bad = await http(app).get('/admin/audit/verify?head=12:xyz').set(bearer(staff.admin)).expect(400);
    expect(bad.body.code).toBeDefined();

    const cli = runVerifyAudit(app, ['--head', `${kept.seq}:${kept.hash}`]);
    expect(cli.stdout).toMatch(new RegExp(`\\nHEAD: the chain \\(head seq \\d+\\) extends the kept head seq ${kept.seq}\\n`));
    const cliRewritten = runVerifyAudit(app, ['--head', `${kept.seq}:${'ab'.repeat(32)}`]);
    expect(cliRewritten.status).toBe(1);
    expect(cliRewritten.stdout).toContain(`HEAD NOT EXTENDED: the event at seq ${kept.seq} has hash ${kept.hash}`);
    // The head as the open-data feed publishes it, kept in a file.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kept-head-')), 'feed_info.json');
    fs.writeFileSync(file, (await http(app).get('/public/open-data/feed_info.json').expect(200)).text);
    expect(runVerifyAudit(app, ['--head-file', file]).stdout).toMatch(/\nHEAD: the chain \(head seq \d+\) extends the kept head seq \d+\n/);
    const unusable = runVerifyAudit(app, ['--head', 'latest']);
    expect(unusable.status).toBe(2);
    expect(unusable.stderr).toMatch(/^cannot verify: --head: a kept head is <seq>:<64 hex characters>/);
  });

  it('publishes each day\'s head once however many instances ask, in the open data and to the platforms, and each publication\'s push carries the head that records it', async () => {
    const db = dataSourceOf(app);
    const heads = app.get(AuditHeadsService);
    const at = new Date('2031-06-01T03:00:00.000Z'); // a fixed day, far from any real run
    const runs = await Promise.all([heads.publishDay(at), heads.publishDay(at), heads.publishDay(at)]);
    const recorded = runs.filter((r) => r !== null);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ day: '2031-06-01', seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await heads.publishDay(new Date('2031-06-01T15:59:59.000Z'))).toBeNull(); // still 1 June in China
    expect(await db.query(`SELECT payload FROM outbox_events WHERE kind = 'audit.head' AND payload->>'day' = '2031-06-01'`)).toEqual([{ payload: recorded[0] }]);

    const dataset = (await http(app).get('/public/open-data/audit_heads.json').expect(200)).body as { day: string; seq: number; hash: string }[];
    expect(dataset.filter((d) => d.day === '2031-06-01')).toEqual([recorded[0]]);
    expect((await http(app).get('/public/open-data/audit_heads.csv').expect(200)).text).toContain(`2031-06-01,${recorded[0]!.seq},${recorded[0]!.hash}`);
    expect((await http(app).get('/public/open-data').expect(200)).body.map((d: { name: string }) => d.name)).toContain('audit_heads');
    // A day's head, kept from the feed, is a head verify-audit can check against.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kept-head-')), 'head.json');
    fs.writeFileSync(file, JSON.stringify(recorded[0]));
    expect(runVerifyAudit(app, ['--head-file', file]).stdout).toContain(`extends the kept head seq ${recorded[0]!.seq}`);

    const [push]: { payload: { auditHead: { seq: number; hash: string } } }[] = await db.query(`SELECT payload FROM outbox_events WHERE publication_id = $1 AND kind = 'publication.published'`, [published.publicationId]);
    const [event]: { seq: string; hash: string }[] = await db.query(`SELECT seq, hash FROM audit_events WHERE subject_id = $1 AND action = 'publication.publish'`, [published.publicationId]);
    expect(push.payload.auditHead).toEqual({ seq: Number(event.seq), hash: event.hash });
  });

  it('records changes to accounts, departments, items, inspectors, entities, recusals and imports, by whom, with no secrets', async () => {
    const db = dataSourceOf(app);
    const A = bearer(staff.admin);
    const S = bearer(staff.supervisor);
    const events = async (subjectId: string) =>
      (await db.query('SELECT action, actor_id, before_hash, after_hash, details FROM audit_events WHERE subject_id = $1 ORDER BY seq', [subjectId])) as { action: string; actor_id: string | null; before_hash: string | null; after_hash: string | null; details: Record<string, unknown> }[];
    const actions = async (subjectId: string) => (await events(subjectId)).map((e) => `${e.action} by ${e.actor_id === staff.admin.id ? 'admin' : e.actor_id === staff.supervisor.id ? 'supervisor' : e.actor_id}`);

    // Accounts and roles, and a password change by the owner.
    const user = (await http(app).post('/users').set(A).send({ username: unique('audited.'), displayName: '审计账号', password: 'first-secret-password-1', role: 'inspector', departmentId: staff.department.id }).expect(201)).body;
    await http(app).patch(`/users/${user.id}`).set(A).send({ role: 'supervisor', password: 'second-secret-password-2' }).expect(200);
    await http(app).patch(`/users/${user.id}`).set(A).send({ active: false }).expect(200);
    const owner = await makeAccount(app, 'inspector', staff.department.id);
    await http(app).post('/auth/password').set(bearer(owner)).send({ currentPassword: PASSWORD, newPassword: 'third-secret-password-3' }).expect(204);
    expect(await actions(user.id)).toEqual(['user.create by admin', 'user.update by admin', 'user.update by admin']);
    const [, roleChange, deactivation] = await events(user.id);
    expect(roleChange.details).toEqual({ changed: ['role'], passwordReset: true });
    expect(deactivation.details).toEqual({ changed: ['active'], passwordReset: false });
    expect(roleChange.before_hash).not.toBe(roleChange.after_hash);
    expect((await events(owner.id)).map((e) => [e.action, e.actor_id])).toEqual([['user.create', null], ['user.password_changed', owner.id]]);

    // Departments.
    const department = (await http(app).post('/departments').set(A).send({ code: unique('AD'), name: unique('审计测试局') }).expect(201)).body;
    await http(app).patch(`/departments/${department.id}`).set(A).send({ name: unique('改名测试局') }).expect(200);
    expect(await actions(department.id)).toEqual(['department.create by admin', 'department.update by admin']);

    // Items.
    const item = await makeLabItem(app, S, 'AE-');
    await http(app).patch(`/items/${item.id}`).set(S).send({ baseVersion: 1, frequency: '每两年一次', changeNote: '频次调整' }).expect(200);
    expect(await actions(item.id)).toEqual(['item.create by supervisor', 'item.revise by supervisor']);
    expect((await events(item.id))[1].details).toMatchObject({ version: 2, changed: ['frequency'] });

    // Inspectors: certificate, status, trainings, exams.
    const inspector = (await http(app).post('/inspectors').set(S).send({ name: '审计检查员', certificateNumber: unique('AE-'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'] }).expect(201)).body;
    await http(app).patch(`/inspectors/${inspector.id}`).set(S).send({ version: inspector.version, certificateValidUntil: '2031-12-31' }).expect(200);
    await http(app).post(`/inspectors/${inspector.id}/status`).set(S).send({ status: 'suspended', reason: '暂停执法资格', effectiveDate: '2024-03-01' }).expect(201);
    await http(app).post(`/inspectors/${inspector.id}/trainings`).set(S).send({ date: '2023-12-10', hours: 40, topic: '专题培训' }).expect(201);
    await http(app).post(`/inspectors/${inspector.id}/exams`).set(S).send({ year: 2023, passed: false }).expect(201);
    await http(app).post(`/inspectors/${inspector.id}/exams`).set(S).send({ year: 2023, passed: true, score: 88 }).expect(201);
    expect(await actions(inspector.id)).toEqual(['inspector.create by supervisor', 'inspector.update by supervisor', 'inspector.status by supervisor', 'inspector.training by supervisor', 'inspector.exam by supervisor', 'inspector.exam by supervisor']);
    const exams = (await events(inspector.id)).slice(4);
    expect(exams.map((e) => e.details)).toEqual([{ year: 2023, passed: false, score: null, corrected: false }, { year: 2023, passed: true, score: '88', corrected: true }]);

    // Entities: created, edited, risk class, licences.
    const entity = (await http(app).post('/entities').set(S).send({ uscc: freshUscc(), name: '审计对象有限公司', riskClass: 'C', riskClassEffectiveFrom: '2023-01-01', contactPhone: '13800138000' }).expect(201)).body;
    await http(app).patch(`/entities/${entity.id}`).set(S).send({ version: entity.version, district: '滨海新区' }).expect(200);
    await http(app).post(`/entities/${entity.id}/risk-classes`).set(S).send({ riskClass: 'A', effectiveFrom: '2024-01-01' }).expect(201);
    const withLicence = (await http(app).post(`/entities/${entity.id}/licences`).set(S).send({ type: '实验动物使用许可证', number: 'SYXK-2024-001' }).expect(201)).body;
    await http(app).delete(`/entities/${entity.id}/licences/${withLicence.licences[0].id}`).set(S).expect(200);
    expect(await actions(entity.id)).toEqual(['entity.create by supervisor', 'entity.update by supervisor', 'entity.risk_class by supervisor', 'entity.licence_add by supervisor', 'entity.licence_remove by supervisor']);
    expect((await events(entity.id))[2].details).toMatchObject({ riskClass: 'A', effectiveFrom: '2024-01-01' });

    // Recusals.
    const recusal = (await http(app).post('/recusals').set(S).send({ inspectorId: inspector.id, entityId: entity.id, reason: '近亲属在该单位任职', source: 'supervisor', validFrom: '2024-01-01' }).expect(201)).body;
    await http(app).patch(`/recusals/${recusal.id}`).set(S).send({ validUntil: '2024-12-31' }).expect(200);
    await http(app).post(`/recusals/${recusal.id}/revoke`).set(S).send({ reason: '亲属已离职' }).expect(201);
    expect(await actions(recusal.id)).toEqual(['recusal.create by supervisor', 'recusal.update by supervisor', 'recusal.revoke by supervisor']);

    // Imports: one event with the job, in the import's own transaction.
    const job = (await http(app).post('/imports/entities?wait=true').set(S).attach('file', utf8Bom(csv([['统一社会信用代码', '名称', '信用风险分类', '分类生效日期'], [freshUscc(), '导入审计有限公司', 'D', '2023-01-01']])), 'entities.csv').expect(200)).body;
    expect(await events(job.id)).toEqual([expect.objectContaining({ action: 'import.apply', actor_id: staff.supervisor.id, details: expect.objectContaining({ kind: 'entities', rowsTotal: 1, inserted: 1, updated: 0 }) })]);

    // No secret ever enters the chain: no password, no hash of one, no phone number.
    const all = JSON.stringify(await db.query('SELECT details FROM audit_events WHERE subject_id = ANY($1)', [[user.id, owner.id, entity.id, inspector.id]]));
    for (const secret of ['first-secret-password-1', 'second-secret-password-2', 'third-secret-password-3', '$argon2', 'passwordHash', '13800138000']) expect(all).not.toContain(secret);
    const chain = await verify();
    expect(chain.brokenAtSeq).toBeUndefined();
  });
});
