import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { verifyAnchor } from '../src/draws/anchor';
import { QUICKNET } from '../src/draws/drand';
import { Transcript, verifyTranscript } from '../src/draws/transcript';
import { parametersSnapshot } from '../src/plans/snapshot';
import { bootApp, dataSourceOf, http } from './support/app';
import { csv, freshUscc, utf8Bom } from './support/files';
import { commitReveal, letTimePass } from './support/scenario';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
const quicknet = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'src', 'draws', 'fixtures', 'drand-quicknet.json'), 'utf8')) as { rounds: { round: number; signature: string }[] };

describe('draws: once, verifiable by anyone', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  let itemId: string;
  let otherDomainItemId: string;
  const phone = '022-98765432';

  beforeAll(async () => {
    app = await bootApp();
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
    const S = bearer(a.supervisor);
    const item = (domain: string) =>
      http(app)
        .post('/items')
        .set(S)
        .send({ code: unique('D-'), name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: domain, defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
        .expect(201);
    itemId = (await item('实验动物')).body.id;
    otherDomainItemId = (await item('海关检疫')).body.id;
    const rows: string[][] = [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '监管单位', '联系电话']];
    for (let i = 0; i < 40; i++) rows.push([freshUscc(), `抽取测试${i}号公司`, 'ABCD'[i % 4], '2023-01-01', i % 5 === 0 ? '第一监管所' : '', phone]);
    await http(app).post('/imports/entities?wait=true').set(S).attach('file', utf8Bom(csv(rows)), 'entities.csv').expect(200);
    for (let i = 0; i < 6; i++) {
      const ins = (await http(app).post('/inspectors').set(S).send({ name: `检查员${i}`, certificateNumber: unique('DR-'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'], unit: i === 0 ? '第一监管所' : `第${i + 1}监管所` }).expect(201)).body;
      await http(app).post(`/inspectors/${ins.id}/trainings`).set(S).send({ date: '2024-01-10', hours: 40, topic: '专题培训' }).expect(201);
      await http(app).post(`/inspectors/${ins.id}/exams`).set(S).send({ year: 2024, passed: true }).expect(201);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const publish = async (source: 'commit-reveal' | 'drand-quicknet', extra: object = {}) => {
    const S = bearer(a.supervisor);
    const plan = (
      await http(app)
        .post('/plans')
        .set(S)
        .send({ name: unique('抽取计划'), year: 2024, itemIds: [itemId], sampling: { A: { ratioPercent: 10 }, B: { ratioPercent: 20 }, C: { ratioPercent: 50 }, D: { count: 5 } }, teamSize: 2, windowStart: '2024-04-01', windowEnd: '2024-06-30', ...extra })
        .expect(201)
    ).body;
    const published = (await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ ...(source === 'commit-reveal' ? commitReveal(app) : { source }), version: 1 }).expect(201)).body;
    if (source === 'commit-reveal') letTimePass(app);
    return published;
  };
  const transcriptOf = async (drawId: string) => (await http(app).get(`/public/draws/${drawId}/transcript`).expect(200)).body as Transcript;

  it('commit-reveal: draws once, creates the tasks, and the public transcript verifies', async () => {
    const plan = await publish('commit-reveal');
    const S = bearer(a.supervisor);
    expect((await http(app).post(`/plans/${plan.id}/draw`).set(S).send({}).expect(400)).body.code).toBe('WITNESS_ENTROPY_REQUIRED');
    const drawn = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: '双色球 2024045: 03 08 15 22 27 31 + 09' }).expect(201)).body;
    expect(drawn.strata.map((s: { quota: number }) => s.quota)).toEqual([1, 2, 5, 5]); // 10 per class: 10 %, 20 %, 50 %, count 5
    expect(drawn).toMatchObject({ tasks: 13, unstaffedTasks: 0, transcriptUrl: `/public/draws/${drawn.id}/transcript` });
    expect((await http(app).get(`/plans/${plan.id}`).set(S).expect(200)).body.state).toBe('drawn');
    const tasks = await dataSourceOf(app).query('SELECT uscc, team, state FROM tasks WHERE draw_id = $1 ORDER BY position', [drawn.id]);
    expect(tasks).toHaveLength(13);
    for (const t of tasks) {
      expect(t.state).toBe('assigned');
      expect(t.team.map((m: { leader: boolean }) => m.leader)).toEqual([true, false]);
    }

    const t = await transcriptOf(drawn.id); // no account needed
    expect(verifyTranscript(t)).toEqual({ ok: true });
    expect(t.randomness).toMatchObject({ source: 'commit-reveal', commitment: plan.randomness.commitment, witnessEntropy: expect.stringContaining('双色球') });
    const body = JSON.stringify(t);
    expect(body).not.toContain(phone);
    expect(body).not.toContain('检查员');

    // 所所交叉: an entity supervised by 第一监管所 never gets the inspector from that unit.
    const candidates = t.candidates.split('\n').filter((l) => l.includes('第一监管所')).map((l) => l.split('\t')[0]);
    const unitOne = t.inspectors.split('\n').find((l) => l.includes('第一监管所'))!.split('\t')[0];
    for (const team of t.result.teams.filter((x) => candidates.includes(x.uscc))) expect(team.members.map((m) => m.certificateNumber)).not.toContain(unitOne);

    // The standalone verifier, as a citizen would run it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-verify-'));
    const file = path.join(dir, 'transcript.json');
    fs.writeFileSync(file, JSON.stringify(t));
    const verifier = path.resolve(__dirname, '..', 'dist', 'src', 'verify-draw.js');
    const kept = path.join(dir, 'publication.json');
    fs.writeFileSync(kept, JSON.stringify((await http(app).get(`/public/plans/${plan.id}/publication`).expect(200)).body));
    const run = (...args: string[]) => spawnSync(process.execPath, [verifier, ...args], { encoding: 'utf8' });
    expect(run(file, '--publication', kept)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^OK: /) });
    // Without a record kept elsewhere it says what it could not check, and never OK.
    expect(run(file)).toMatchObject({ status: 3, stdout: expect.stringMatching(/^UNANCHORED \/ 未能核验: .*no publication record was given[\s\S]*未提供抽取前留存的发布记录/) });
    const tampered = structuredClone(t);
    tampered.result.teams[0].members.reverse();
    fs.writeFileSync(file, JSON.stringify(tampered));
    expect(run(file, '--publication', kept)).toMatchObject({ status: 1, stdout: expect.stringMatching(/^DIFFERENCE \/ 不一致: result\.teams\[0\]\.members/) });
    fs.rmSync(dir, { recursive: true, force: true });

    // Any change to the inputs is caught too.
    expect(verifyTranscript({ ...t, candidates: t.candidates.replace(/\tA\t/, '\tB\t') })).toMatchObject({ ok: false, difference: expect.stringContaining('candidatePoolHash') });
    expect(verifyTranscript({ ...t, randomness: { ...t.randomness, witnessEntropy: 'something else' } as Transcript['randomness'] })).toMatchObject({ ok: false });

    // Never again: no redraw, no edit.
    expect((await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: '另一个号码 1234' }).expect(409)).body.code).toBe('PLAN_ALREADY_DRAWN');
  });

  it('draws exactly once under 20 concurrent requests', async () => {
    const plan = await publish('commit-reveal');
    const S = bearer(a.supervisor);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: `见证号码 ${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    const draws = await dataSourceOf(app).query('SELECT count(*)::int AS n FROM draws WHERE plan_id = $1', [plan.id]);
    const tasks = await dataSourceOf(app).query('SELECT count(DISTINCT draw_id)::int AS n FROM tasks WHERE plan_id = $1', [plan.id]);
    expect([draws[0].n, tasks[0].n]).toEqual([1, 1]);
  });

  it('drand: refuses a draw before the round, a wrong round or signature without drawing, and verifies a real quicknet round', async () => {
    const plan = await publish('drand-quicknet');
    const S = bearer(a.supervisor);
    const [r1000, other] = quicknet.rounds;
    // The round lies 15 minutes ahead: its signature does not exist yet.
    const early = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ round: plan.randomness.round, signature: other.signature }).expect(409)).body;
    expect(early).toMatchObject({ code: 'RANDOMNESS_NOT_YET', details: [{ drawNotBefore: plan.randomness.roundTime }] });
    expect(plan.publication).toMatchObject({ format: 'ssgk-publication-record-v1', planId: plan.id, publishedAt: plan.publishedAt, drawNotBefore: plan.randomness.roundTime, marginSeconds: 60, randomness: { source: 'drand-quicknet', round: plan.randomness.round } });
    expect(Date.parse(plan.randomness.roundTime) - Date.parse(plan.publishedAt)).toBeGreaterThanOrEqual(60_000);
    expect((await http(app).get(`/plans/${plan.id}`).set(S).expect(200)).body.state).toBe('published');

    // A future round's signature does not exist yet. Let time pass: the plan is re-pointed at round 1000
    // (published, real) with its parameters re-hashed, as if it had been published before that round.
    const ds = dataSourceOf(app);
    const [row] = await ds.query('SELECT parameters_json FROM plans WHERE id = $1', [plan.id]);
    const params = JSON.parse(row.parameters_json);
    params.randomness.round = r1000.round;
    const frozen = parametersSnapshot(params);
    await ds.query('UPDATE plans SET drand_round = $2, parameters_json = $3, parameters_hash = $4 WHERE id = $1', [plan.id, r1000.round, frozen.json, frozen.hash]);
    expect((await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ round: other.round, signature: other.signature }).expect(400)).body.code).toBe('ROUND_MISMATCH');
    expect((await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ round: r1000.round, signature: other.signature }).expect(400)).body.code).toBe('BAD_SIGNATURE');

    const drawn = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ round: r1000.round, signature: r1000.signature.toUpperCase() }).expect(201)).body;
    expect(drawn.randomness).toBe('fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd');
    const t = await transcriptOf(drawn.id);
    expect(verifyTranscript(t)).toEqual({ ok: true });
    // Consistent in itself — but round 1000 (2023) is not what this plan published: against the record kept
    // at publication it is refused, and with a record rewritten to match, the round predates the publication.
    const kept = { publication: plan.publication, redraws: [] };
    expect(verifyAnchor(t, kept, [QUICKNET])).toMatchObject({ ok: false, difference: expect.stringContaining('parametersHash: published') });
    const rewritten = { ...plan.publication, parametersHash: frozen.hash, randomness: params.randomness };
    expect(verifyAnchor({ ...t, publication: rewritten }, { publication: rewritten, redraws: [] }, [QUICKNET])).toMatchObject({ ok: false, difference: expect.stringMatching(/^drand round 1000 .* does not lie 60 s after the publication/) });
  });

  it('records teams that cannot be filled instead of failing', async () => {
    const S = bearer(a.supervisor);
    const plan = (
      await http(app)
        .post('/plans')
        .set(S)
        .send({ name: unique('无人可派'), year: 2024, itemIds: [otherDomainItemId], sampling: { A: { count: 1 }, B: { count: 1 }, C: { count: 0 }, D: { count: 0 } }, teamSize: 2, windowStart: '2024-04-01', windowEnd: '2024-06-30' })
        .expect(201)
    ).body;
    await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201);
    letTimePass(app);
    const drawn = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: '见证 5678' }).expect(201)).body;
    expect(drawn).toMatchObject({ tasks: 2, unstaffedTasks: 2 });
    expect(verifyTranscript(await transcriptOf(drawn.id))).toEqual({ ok: true });
  });

  it('handles empty pools: nothing to draw is a valid, verifiable outcome', async () => {
    const S = bearer(b.supervisor);
    const item = (
      await http(app)
        .post('/items')
        .set(S)
        .send({ code: unique('E-'), name: '空名录检查', legalBasis: '依据', category: 'general', targetType: '单位', method: 'documentary', enforcementDomain: '科技', defaultRatios: { A: 0, B: 5, C: 20, D: 100 }, frequency: '每年' })
        .expect(201)
    ).body;
    const plan = (
      await http(app)
        .post('/plans')
        .set(S)
        .send({ name: unique('空计划'), year: 2024, itemIds: [item.id], sampling: { A: { ratioPercent: 0 }, B: { ratioPercent: 5 }, C: { ratioPercent: 20 }, D: { ratioPercent: 100 } }, teamSize: 2, windowStart: '2024-04-01', windowEnd: '2024-06-30' })
        .expect(201)
    ).body;
    const published = (await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201)).body;
    letTimePass(app);
    expect(published.candidatePoolHash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'); // SHA-256 of ""
    const drawn = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: '空池 0000' }).expect(201)).body;
    expect(drawn).toMatchObject({ tasks: 0, unstaffedTasks: 0 });
    expect(verifyTranscript(await transcriptOf(drawn.id))).toEqual({ ok: true });
  });

  it("refuses another department's plan and unknown draws", async () => {
    const plan = await publish('commit-reveal');
    await http(app).post(`/plans/${plan.id}/draw`).set(bearer(b.supervisor)).send({ witnessEntropy: '越权 1234' }).expect(404);
    await http(app).post(`/plans/${plan.id}/draw`).set(bearer(a.inspector)).send({ witnessEntropy: '越权 1234' }).expect(403);
    await http(app).get('/public/draws/00000000-0000-4000-8000-000000000000/transcript').expect(404);
    const drawn = (await http(app).post(`/plans/${plan.id}/draw`).set(bearer(a.supervisor)).send({ witnessEntropy: '正常 1234' }).expect(201)).body;
    await http(app).get(`/draws/${drawn.id}`).set(bearer(b.supervisor)).expect(404);
    await http(app).get(`/draws/${drawn.id}`).set(bearer(a.inspector)).expect(200);
  });
});
