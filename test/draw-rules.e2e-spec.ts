import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Transcript, verifyRedrawLink, verifyTranscript } from '../src/draws/transcript';
import { bootApp, dataSourceOf, http } from './support/app';
import { csv, freshUscc, utf8Bom } from './support/files';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';
import { commitReveal, letTimePass } from './support/scenario';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
type Headers = Record<string, string>;
const ZERO = { ratioPercent: 0 };

/**
 * The rules around a draw that depend on earlier draws: repeat-check and annual-cap exclusions, the
 * last inspector, the inspectors' existing load, redraws, joint plans and merge candidates.
 */
describe('draw rules: exclusions, redraws, joint plans', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  let c: Staff;
  const usccs = Array.from({ length: 12 }, () => freshUscc());
  const items: Record<string, string> = {};

  const makeItem = async (S: Headers, key: string) => {
    items[key] = (
      await http(app)
        .post('/items')
        .set(S)
        .send({ code: unique('R-'), name: `规则测试事项${key}`, legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
        .expect(201)
    ).body.id;
  };
  const makeDirectory = async (S: Headers, inspectors: number, unit: string) => {
    const rows: string[][] = [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期']];
    usccs.forEach((u, i) => rows.push([u, `规则测试${i}号公司`, 'B', '2023-01-01']));
    await http(app).post('/imports/entities?wait=true').set(S).attach('file', utf8Bom(csv(rows)), 'entities.csv').expect(200);
    for (let i = 0; i < inspectors; i++) {
      const ins = (await http(app).post('/inspectors').set(S).send({ name: `规则检查员${i}`, certificateNumber: unique('RR-'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'], unit: `${unit}${i}` }).expect(201)).body;
      for (const year of [2024, 2025, 2026]) await http(app).post(`/inspectors/${ins.id}/trainings`).set(S).send({ date: `${year}-01-10`, hours: 40, topic: '专题培训' }).expect(201);
      await http(app).post(`/inspectors/${ins.id}/exams`).set(S).send({ year: 2024, passed: true }).expect(201);
    }
  };

  /** Creates, publishes (commit-reveal) and draws a plan; returns the plan, the draw and its transcript. */
  const drawPlan = async (S: Headers, fields: object) => {
    const created = (await http(app).post('/plans').set(S).send({ name: unique('规则计划'), teamSize: 2, ...fields }).expect(201)).body;
    const plan = (await http(app).post(`/plans/${created.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201)).body;
    letTimePass(app);
    const drawn = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: `见证号码 ${unique('')}` }).expect(201)).body;
    return { plan, drawn, transcript: await transcriptOf(drawn.id) };
  };
  const transcriptOf = async (drawId: string) => (await http(app).get(`/public/draws/${drawId}/transcript`).expect(200)).body as Transcript;
  const candidateLines = (t: Transcript) => new Map(t.candidates.slice(0, -1).split('\n').map((l) => [l.split('\t')[0], l.split('\t')]));
  const selected = (t: Transcript) => t.result.selections.map((s) => s.uscc).sort();
  const count = (n: number) => ({ A: ZERO, B: { count: n }, C: ZERO, D: ZERO });

  beforeAll(async () => {
    app = await bootApp();
    [a, b, c] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
    await Promise.all([makeItem(bearer(a.supervisor), 'X'), makeItem(bearer(a.supervisor), 'Y'), makeItem(bearer(b.supervisor), 'B')]);
    await makeDirectory(bearer(a.supervisor), 6, '甲局第');
    await makeDirectory(bearer(b.supervisor), 4, '乙局第');
  });
  afterAll(async () => {
    await app.close();
  });

  it('excludes entities not active, already drawn for the item this year, or at the annual cap; counts existing load and the last inspectors', async () => {
    const S = bearer(a.supervisor);
    const one = await drawPlan(S, { year: 2024, itemIds: [items.X], sampling: count(4), windowStart: '2024-04-01', windowEnd: '2024-06-30' });
    const s1 = selected(one.transcript);
    expect(s1).toHaveLength(4);
    expect(verifyTranscript(one.transcript)).toEqual({ ok: true });

    // Close one entity that was not drawn.
    const closedUscc = usccs.find((u) => !s1.includes(u))!;
    const entity = (await http(app).get(`/entities?uscc=${closedUscc}`).set(S).expect(200)).body.items[0];
    await http(app).patch(`/entities/${entity.id}`).set(S).send({ name: entity.name, status: 'closed', version: entity.version }).expect(200);

    // Same item, same year, overlapping window: the four are RECENTLY_CHECKED, the closed one NOT_ACTIVE.
    const two = await drawPlan(S, { year: 2024, itemIds: [items.X], sampling: count(3), windowStart: '2024-05-01', windowEnd: '2024-07-31' });
    const lines2 = candidateLines(two.transcript);
    for (const u of s1) expect(lines2.get(u)![2]).toBe('RECENTLY_CHECKED');
    expect(lines2.get(closedUscc)![2]).toBe('NOT_ACTIVE');
    expect([...lines2.values()].filter((l) => l[2] === '')).toHaveLength(7);
    expect(two.drawn.strata[1]).toMatchObject({ stratum: 'B', candidates: 12, excluded: 5, eligible: 7, quota: 3, selected: 3 });
    const s2 = selected(two.transcript);
    expect(s2.some((u) => s1.includes(u) || u === closedUscc)).toBe(false);
    // Plan one's tasks overlap plan two's window: each member's existing load is in the inspector snapshot.
    const load = two.transcript.inspectors.trimEnd().split('\n').reduce((sum, l) => sum + Number(l.split('\t')[4]), 0);
    expect(load).toBe(4 * 2);
    expect(verifyTranscript(two.transcript)).toEqual({ ok: true });

    // Another item with a cap of one check per entity a year: the seven drawn so far are at the cap.
    const three = await drawPlan(S, { year: 2024, itemIds: [items.Y], sampling: count(100), annualCapPerEntity: 1, windowStart: '2024-10-01', windowEnd: '2024-12-31' });
    const lines3 = candidateLines(three.transcript);
    for (const u of [...s1, ...s2]) expect(lines3.get(u)![2]).toBe('ANNUAL_CAP');
    expect(selected(three.transcript)).toEqual(usccs.filter((u) => !s1.includes(u) && !s2.includes(u) && u !== closedUscc).sort());

    // Repeat window waived: plan one's targets can be drawn again, but never by whoever checked them last.
    const four = await drawPlan(S, { year: 2024, itemIds: [items.X], sampling: count(100), repeatWindow: 'none', windowStart: '2024-11-01', windowEnd: '2024-12-31' });
    const lines4 = candidateLines(four.transcript);
    const tasksOne: { uscc: string; team: { certificateNumber: string }[] }[] = await dataSourceOf(app).query('SELECT uscc, team FROM tasks WHERE draw_id = $1', [one.drawn.id]);
    for (const t of tasksOne) {
      const last = t.team.map((m) => m.certificateNumber).sort();
      expect(lines4.get(t.uscc)![4]).toBe(last.join(','));
      const team = four.transcript.result.teams.find((x) => x.uscc === t.uscc)!;
      expect(team.members.some((m) => last.includes(m.certificateNumber))).toBe(false);
      for (const skip of team.skips) if (last.includes(skip.certificateNumber)) expect(skip.reasons).toContain('LAST_INSPECTOR');
    }
    expect(four.transcript.result.teams.flatMap((t) => t.skips).some((s) => s.reasons.includes('LAST_INSPECTOR'))).toBe(true);
    expect(verifyTranscript(four.transcript)).toEqual({ ok: true });
  });

  it('declared conflicts: a conflicted inspector is skipped with the reason and never joins that team', async () => {
    const S = bearer(a.supervisor);
    const inspectors: { id: string; certificateNumber: string }[] = (await http(app).get('/inspectors?pageSize=100').set(S).expect(200)).body.items;
    expect(inspectors).toHaveLength(6);
    const entity = (await http(app).get(`/entities?uscc=${usccs[5]}`).set(S).expect(200)).body.items[0];
    if (entity.status !== 'active') await http(app).patch(`/entities/${entity.id}`).set(S).send({ name: entity.name, status: 'active', version: entity.version }).expect(200);
    const conflicted = inspectors.slice(0, 4);
    const declared: string[] = [];
    for (const i of conflicted) declared.push((await http(app).post('/recusals').set(S).send({ inspectorId: i.id, entityId: entity.id, reason: '近亲属在该单位任职', source: 'supervisor', validFrom: '2025-01-01' }).expect(201)).body.id);
    const { transcript } = await drawPlan(S, { year: 2025, itemIds: [items.Y], sampling: count(100), windowStart: '2025-07-01', windowEnd: '2025-09-30', recusalRules: { declaredConflict: true, sameSupervisingUnit: true, lastInspector: false } });
    expect(transcript.conflicts.split('\n').filter((l) => l.includes(usccs[5]))).toHaveLength(4);
    const team = transcript.result.teams.find((t) => t.uscc === usccs[5])!;
    const banned = conflicted.map((i) => i.certificateNumber);
    expect(team.members.map((m) => m.certificateNumber).sort()).toEqual(inspectors.slice(4).map((i) => i.certificateNumber).sort());
    for (const skip of team.skips) {
      expect(banned).toContain(skip.certificateNumber);
      expect(skip.reasons).toContain('DECLARED_CONFLICT');
    }
    // Only two inspectors are free of a conflict with this entity: they are its team, whatever the draw.
    // Other entities' teams are not affected by these declarations.
    expect(transcript.result.teams.filter((t) => t.uscc !== usccs[5]).flatMap((t) => t.skips).some((s) => s.reasons.includes('DECLARED_CONFLICT'))).toBe(false);
    expect(verifyTranscript(transcript)).toEqual({ ok: true });
    // Revoked again, so that the later plans of this file draw from all six.
    for (const id of declared) await http(app).post(`/recusals/${id}/revoke`).set(S).send({ reason: '该亲属已离职，不再存在利害关系' }).expect(201);
  });

  it('redraws only with a reason: the old draw stays public and linked, its tasks are cancelled, the new one verifies', async () => {
    const S = bearer(a.supervisor);
    const first = await drawPlan(S, { year: 2025, itemIds: [items.X], sampling: count(3), windowStart: '2025-04-01', windowEnd: '2025-06-30' });
    const d1 = first.drawn.id;

    const refused = [{}, { source: 'commit-reveal' }, { reason: '   ', ...commitReveal(app) }, { reason: '重抽', ...commitReveal(app) }, { reason: '抽取现场停电', source: 'lottery' }];
    for (const body of refused) expect((await http(app).post(`/draws/${d1}/redraw`).set(S).send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http(app).post(`/draws/${d1}/redraw`).set(S).send({ reason: '企业联系人13812345678要求重抽', ...commitReveal(app) }).expect(400)).body.code).toBe('REASON_HAS_PERSONAL_DATA');
    expect((await http(app).post(`/draws/${d1}/redraw`).set(S).send({ reason: '抽取现场停电', source: 'drand-quicknet', round: 900_000_000 }).expect(400)).body.code).toBe('ROUND_TOO_FAR');
    expect((await http(app).post(`/draws/${d1}/redraw`).set(bearer(b.supervisor)).send({ reason: '抽取现场停电', ...commitReveal(app) }).expect(404)).body.code).toBe('DRAW_NOT_FOUND');
    // Nothing changed.
    expect((await http(app).get(`/draws/${d1}`).set(S).expect(200)).body.supersededBy).toBeNull();
    const states = async (drawId: string) => (await dataSourceOf(app).query('SELECT DISTINCT state FROM tasks WHERE draw_id = $1', [drawId])).map((r: { state: string }) => r.state);
    expect(await states(d1)).toEqual(['assigned']);

    // Concurrent requests: exactly one redraw.
    const reason = '抽取仪式见证人未到场，程序不合规，依规重新抽取';
    const answers = await Promise.all(Array.from({ length: 5 }, () => http(app).post(`/draws/${d1}/redraw`).set(S).send({ reason, ...commitReveal(app) })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const redraw = answers.find((r) => r.status === 201)!.body;
    expect(redraw).toMatchObject({ planId: first.plan.id, replacedDrawId: d1, drawId: null, reason, randomness: { source: 'commit-reveal', commitment: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(redraw.randomness.commitment).not.toBe(first.plan.randomness.commitment);
    expect(await states(d1)).toEqual(['cancelled']);
    expect((await http(app).get(`/plans/${first.plan.id}`).set(S).expect(200)).body.state).toBe('published');
    expect((await http(app).get(`/draws/${d1}`).set(S).expect(200)).body.supersededBy).toMatchObject({ id: redraw.id, reason });

    // Not before the new named event's result is public.
    expect((await http(app).post(`/plans/${first.plan.id}/draw`).set(S).send({ witnessEntropy: '体彩排列五 25100: 3 1 4 1 5' }).expect(409)).body.code).toBe('RANDOMNESS_NOT_YET');
    letTimePass(app);
    const d2 = (await http(app).post(`/plans/${first.plan.id}/draw`).set(S).send({ witnessEntropy: '体彩排列五 25100: 3 1 4 1 5' }).expect(201)).body;
    expect(d2.redraw).toMatchObject({ id: redraw.id, replacedDrawId: d1, drawId: d2.id });
    expect(d2.seed).not.toBe(first.drawn.seed);
    expect(await states(d2.id)).toEqual(['assigned']);
    expect((await http(app).post(`/plans/${first.plan.id}/draw`).set(S).send({ witnessEntropy: '再来一次 12345' }).expect(409)).body.code).toBe('PLAN_ALREADY_DRAWN');
    expect((await http(app).post(`/draws/${d1}/redraw`).set(S).send({ reason, ...commitReveal(app) }).expect(409)).body.code).toBe('DRAW_SUPERSEDED');

    // Both stay public and verifiable; the new one proves its randomness against the redraw's commitment.
    const t2 = await transcriptOf(d2.id);
    expect(t2.redraw).toMatchObject({ id: redraw.id, replacedDrawId: d1, reason, randomness: redraw.randomness });
    // Alone, a redraw is consistent but not anchored: its randomness was announced on the replaced draw.
    expect(verifyTranscript(t2)).toMatchObject({ ok: true, unanchored: expect.stringContaining(d1) });
    const t1 = await transcriptOf(d1);
    expect(t1.supersededBy).toMatchObject({ id: redraw.id, reason });
    expect(verifyTranscript(t1)).toEqual({ ok: true });
    expect(verifyRedrawLink(t2, t1)).toEqual({ ok: true });
    // A redraw record the replaced draw does not name (forged after the fact) fails the link.
    const forged = structuredClone(t2);
    forged.redraw!.randomness = { source: 'commit-reveal', commitment: 'ab'.repeat(32) };
    expect(verifyRedrawLink(forged, t1)).toMatchObject({ ok: false, difference: expect.stringContaining('supersededBy.randomness') });
    expect(verifyTranscript({ ...t2, redraw: { ...t2.redraw!, requestedAt: 'not a date' } })).toMatchObject({ ok: false, difference: expect.stringContaining('requestedAt') });
    // Passing the redraw off as the first draw fails: its randomness does not answer the plan's commitment.
    const { redraw: _dropped, ...disguised } = t2;
    expect(verifyTranscript(disguised as Transcript)).toMatchObject({ ok: false, difference: expect.stringContaining('commitment') });

    // The citizen's verifier: unanchored alone (exit 3), OK with the replaced draw's transcript.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-redraw-'));
    const [f1, f2] = [path.join(dir, 't1.json'), path.join(dir, 't2.json')];
    fs.writeFileSync(f1, JSON.stringify(t1));
    fs.writeFileSync(f2, JSON.stringify(t2));
    const verifier = path.resolve(__dirname, '..', 'dist', 'src', 'verify-draw.js');
    const kept = path.join(dir, 'publication.json');
    fs.writeFileSync(kept, JSON.stringify((await http(app).get(`/public/plans/${first.plan.id}/publication`).expect(200)).body));
    const run = (...args: string[]) => spawnSync(process.execPath, [verifier, ...args], { encoding: 'utf8' });
    expect(run(f2, '--publication', kept)).toMatchObject({ status: 3, stdout: expect.stringMatching(/^UNANCHORED \/ 未能核验: /) });
    expect(run(f2, f1)).toMatchObject({ status: 3, stdout: expect.stringContaining('no publication record was given') });
    expect(run(f2, f1, '--publication', kept)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^OK: .*announcement verified/) });
    expect(run(f1, '--publication', kept)).toMatchObject({ status: 0, stdout: expect.stringContaining('SUPERSEDED') });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('joint plans: each department sends its own team; joint departments read but do not draw; merge candidates across departments', async () => {
    const S = bearer(a.supervisor);
    const joint = await drawPlan(S, { year: 2026, itemIds: [items.X], sampling: count(3), jointDepartmentIds: [b.department.id], windowStart: '2026-04-01', windowEnd: '2026-06-30' });
    expect(verifyTranscript(joint.transcript)).toEqual({ ok: true });
    const tasks: { uscc: string; team: { departmentId: string; leader: boolean }[] }[] = await dataSourceOf(app).query('SELECT uscc, team FROM tasks WHERE draw_id = $1', [joint.drawn.id]);
    expect(tasks).toHaveLength(3);
    for (const t of tasks) {
      expect(t.team.map((m) => [m.departmentId, m.leader])).toEqual([
        [a.department.id, true],
        [a.department.id, false],
        [b.department.id, true],
        [b.department.id, false],
      ]);
    }
    const SB = bearer(b.supervisor);
    await http(app).get(`/plans/${joint.plan.id}`).set(SB).expect(200);
    await http(app).get(`/draws/${joint.drawn.id}`).set(SB).expect(200);
    expect((await http(app).get('/plans?year=2026').set(SB).expect(200)).body.items.map((p: { id: string }) => p.id)).toContain(joint.plan.id);
    expect((await http(app).post(`/draws/${joint.drawn.id}/redraw`).set(SB).send({ reason: '乙局认为需要重抽', ...commitReveal(app) }).expect(404)).body.code).toBe('DRAW_NOT_FOUND');
    await http(app).get(`/plans/${joint.plan.id}`).set(bearer(c.supervisor)).expect(404);

    // Department B draws its own plan in the same quarter over the same firms (its own directory).
    const own = await drawPlan(SB, { year: 2026, itemIds: [items.B], sampling: count(100), windowStart: '2026-05-01', windowEnd: '2026-06-30' });
    expect(selected(own.transcript)).toEqual([...usccs].sort());
    const merge = async (H: Headers, quarter: number) => (await http(app).get(`/tasks/merge-candidates?year=2026&quarter=${quarter}&pageSize=100`).set(H).expect(200)).body;
    const forA = await merge(S, 2);
    expect(forA.items.map((m: { uscc: string }) => m.uscc)).toEqual(selected(joint.transcript));
    expect(forA.meta.totalCount).toBe(3);
    for (const m of forA.items) {
      expect(m.tasks.map((t: { departmentId: string }) => t.departmentId).sort()).toEqual([a.department.id, b.department.id].sort());
      expect(m.name).toMatch(/^规则测试\d+号公司$/);
    }
    expect((await merge(SB, 2)).items).toHaveLength(3);
    expect((await merge(bearer(c.supervisor), 2)).items).toEqual([]);
    expect((await merge(S, 3)).items).toEqual([]);
    expect((await http(app).get('/tasks/merge-candidates?year=2026&quarter=5').set(S).expect(400)).body.code).toBe('VALIDATION_FAILED');

    // The annual cap counts the firm's checks by every department (matched by USCC): B drew all twelve.
    const capped = await drawPlan(S, { year: 2026, itemIds: [items.Y], sampling: count(100), annualCapPerEntity: 1, windowStart: '2026-10-01', windowEnd: '2026-12-31' });
    expect(selected(capped.transcript)).toEqual([]);
    const reasons = [...candidateLines(capped.transcript).values()].map((l) => l[2]).filter((r) => r !== 'NOT_ACTIVE');
    expect(reasons.length).toBeGreaterThanOrEqual(11);
    expect(new Set(reasons)).toEqual(new Set(['ANNUAL_CAP']));
  });
});
