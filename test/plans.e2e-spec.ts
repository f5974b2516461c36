import { createHash } from 'node:crypto';
import { NestExpressApplication } from '@nestjs/platform-express';
import { QUICKNET, roundAt } from '../src/draws/drand';
import { bootApp, http } from './support/app';
import { freshUscc } from './support/files';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';
import { commitReveal, letTimePass, travelTo } from './support/scenario';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('plans: draft, publish (freeze, snapshots, randomness)', () => {
  let app: NestExpressApplication;
  let a: Staff;
  let b: Staff;
  let itemId: string;
  const entities: Record<string, string> = {};

  beforeAll(async () => {
    app = await bootApp();
    [a, b] = await Promise.all([makeDepartmentWithStaff(app), makeDepartmentWithStaff(app)]);
    const S = bearer(a.supervisor);
    itemId = (
      await http(app)
        .post('/items')
        .set(S)
        .send({ code: unique('P-'), name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次', targetFilter: { licenceTypes: ['实验动物使用许可证'] } })
        .expect(201)
    ).body.id;
    const licence = [{ type: '实验动物使用许可证', number: unique('SYXK') }];
    const mk = async (key: string, body: object) => (entities[key] = (await http(app).post('/entities').set(S).send({ uscc: freshUscc(), name: `${key}公司`, ...body }).expect(201)).body.uscc);
    await mk('甲', { riskClass: 'A', riskClassEffectiveFrom: '2023-01-01', licences: licence });
    await mk('乙', { riskClass: 'D', riskClassEffectiveFrom: '2023-01-01', licences: licence, supervisingUnit: '第一监管所' });
    await mk('丙', { licences: licence }); // unclassified → B
    await mk('丁', { riskClass: 'C', riskClassEffectiveFrom: '2023-01-01', licences: licence, status: 'closed' });
    await mk('戊', { riskClass: 'C', riskClassEffectiveFrom: '2023-01-01' }); // no licence: outside the item's filter
    const inspector = async (name: string, cert: string, extra: object, hours: number) => {
      const i = (await http(app).post('/inspectors').set(S).send({ name, certificateNumber: cert, issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'], ...extra }).expect(201)).body;
      if (hours) await http(app).post(`/inspectors/${i.id}/trainings`).set(S).send({ date: '2024-01-10', hours, topic: '专题培训' }).expect(201);
      await http(app).post(`/inspectors/${i.id}/exams`).set(S).send({ year: 2024, passed: true }).expect(201);
    };
    await inspector('合格甲', unique('C1-'), { unit: '第一监管所' }, 40);
    await inspector('学时不足', unique('C2-'), {}, 10);
  });
  afterAll(async () => {
    await app.close();
  });

  const plan = (extra: object = {}) => ({
    name: '2024年第二季度实验动物许可双随机抽查',
    year: 2024,
    itemIds: [itemId],
    sampling: { A: { ratioPercent: 0 }, B: { ratioPercent: 5 }, C: { ratioPercent: 20 }, D: { count: 1 } },
    teamSize: 2,
    windowStart: '2024-04-01',
    windowEnd: '2024-06-30',
    ...extra,
  });

  it('creates and edits a draft, refusing rules the regime forbids', async () => {
    const S = bearer(a.supervisor);
    const created = await http(app).post('/plans').set(S).send(plan()).expect(201);
    expect(created.body).toMatchObject({
      state: 'draft',
      version: 1,
      teamSize: 2,
      sampling: { A: { ratioBasisPoints: 0 }, B: { ratioBasisPoints: 500 }, C: { ratioBasisPoints: 2000 }, D: { count: 1 } },
      recusalRules: { declaredConflict: true, sameSupervisingUnit: true, lastInspector: true },
      items: [{ itemId, version: 1, enforcementDomain: '实验动物' }],
      randomness: null,
    });
    expect((await http(app).post('/plans').set(S).send(plan({ teamSize: 1 })).expect(400)).body.details[0].field).toBe('teamSize');
    expect((await http(app).post('/plans').set(S).send(plan({ sampling: { A: { ratioPercent: 1, count: 2 }, B: { count: 1 }, C: { count: 1 }, D: { count: 1 } } })).expect(400)).body.code).toBe('SAMPLING_INVALID');
    expect((await http(app).post('/plans').set(S).send(plan({ windowEnd: '2024-03-01' })).expect(400)).body.code).toBe('WINDOW_INVALID');
    expect((await http(app).post('/plans').set(bearer(b.supervisor)).send(plan()).expect(404)).body.code).toBe('ITEM_NOT_FOUND');
    const edited = await http(app).patch(`/plans/${created.body.id}`).set(S).send({ ...plan({ name: '改名后的计划' }), version: 1 }).expect(200);
    expect(edited.body).toMatchObject({ name: '改名后的计划', version: 2 });
    await http(app).patch(`/plans/${created.body.id}`).set(S).send({ ...plan(), version: 1 }).expect(409);
  });

  it('publishes: pools snapshotted in canonical form, hashes that match, a future drand round, and then frozen', async () => {
    const S = bearer(a.supervisor);
    const draft = (await http(app).post('/plans').set(S).send(plan()).expect(201)).body;
    const past = await http(app).post(`/plans/${draft.id}/publish`).set(S).send({ source: 'drand-quicknet', round: 1000, version: 1 }).expect(400);
    expect(past.body.code).toBe('ROUND_NOT_IN_FUTURE');
    const published = (await http(app).post(`/plans/${draft.id}/publish`).set(S).send({ source: 'drand-quicknet', version: 1 }).expect(201)).body;
    expect(published).toMatchObject({ state: 'published', randomness: { source: 'drand-quicknet', chainHash: QUICKNET.chainHash }, version: 2 });
    expect(published.randomness.round).toBeGreaterThan(roundAt(QUICKNET, Math.floor(Date.now() / 1000)));
    expect(published.stratumCounts).toEqual({
      A: { candidates: 1, excluded: 0, eligible: 1 },
      B: { candidates: 1, excluded: 0, eligible: 1 },
      C: { candidates: 1, excluded: 1, eligible: 0 },
      D: { candidates: 1, excluded: 0, eligible: 1 },
    });

    const text = async (name: string) => (await http(app).get(`/plans/${draft.id}/snapshots/${name}`).set(bearer(a.inspector)).expect(200)).text;
    const candidates = await text('candidates.tsv');
    expect(sha256(candidates)).toBe(published.candidatePoolHash);
    const lines = candidates.split('\n').slice(0, -1); // every line ends in LF
    expect(lines).toEqual([...lines].sort());
    expect(lines).toContain(`${entities['乙']}\tD\t\t第一监管所\t`);
    expect(lines).toContain(`${entities['丙']}\tB\t\t\t`);
    expect(lines).toContain(`${entities['丁']}\tC\tNOT_ACTIVE\t\t`);
    expect(candidates).not.toContain(entities['戊']);
    const inspectors = await text('inspectors.tsv');
    expect(sha256(inspectors)).toBe(published.inspectorPoolHash);
    expect(inspectors.split('\n').filter((l) => l.includes('\t1\t实验动物\t第一监管所\t0'))).toHaveLength(1);
    expect(inspectors.split('\n').filter((l) => l.includes('\t0\t实验动物\t\t0'))).toHaveLength(1); // not enough hours
    const parameters = await text('parameters.json');
    expect(sha256(parameters)).toBe(published.parametersHash);
    expect(JSON.parse(parameters)).toMatchObject({ algorithm: 'draw-v1', planId: draft.id, domain: '实验动物', teamSize: 2, randomness: { round: published.randomness.round } });

    const frozen = await http(app).patch(`/plans/${draft.id}`).set(S).send({ ...plan(), version: 2 }).expect(409);
    expect(frozen.body.code).toBe('PLAN_FROZEN');
    await http(app).post(`/plans/${draft.id}/publish`).set(S).send({ source: 'drand-quicknet', version: 2 }).expect(409);
  });

  it('commit-reveal publishes a commitment and never the secret', async () => {
    const S = bearer(a.supervisor);
    const draft = (await http(app).post('/plans').set(S).send(plan()).expect(201)).body;
    const body = { ...commitReveal(app), version: 1 };
    const res = await http(app).post(`/plans/${draft.id}/publish`).set(S).send(body).expect(201);
    expect(res.body.randomness).toEqual({ source: 'commit-reveal', commitment: expect.stringMatching(/^[0-9a-f]{64}$/), event: body.event });
    const all = JSON.stringify([res.body, (await http(app).get(`/plans/${draft.id}`).set(S).expect(200)).body, (await http(app).get('/plans').set(S).expect(200)).body]);
    expect(all).not.toMatch(/secret/i);
  });

  it("answers with the server's time (its Clock, not the machine's), which the console compares the draw time with", async () => {
    const S = bearer(a.supervisor);
    const draft = (await http(app).post('/plans').set(S).send(plan()).expect(201)).body;
    const back = travelTo(app, '2024-03-04T02:00:00Z');
    try {
      const serverTime = (await http(app).get(`/plans/${draft.id}`).set(S).expect(200)).body.serverTime as string;
      expect(Math.abs(Date.parse(serverTime) - Date.parse('2024-03-04T02:00:00Z'))).toBeLessThan(60_000);
    } finally {
      back();
    }
  });

  it('publishes exactly once under concurrent requests', async () => {
    const S = bearer(a.supervisor);
    const draft = (await http(app).post('/plans').set(S).send(plan()).expect(201)).body;
    const results = await Promise.all(Array.from({ length: 10 }, () => http(app).post(`/plans/${draft.id}/publish`).set(S).send({ source: 'drand-quicknet', version: 1 })));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const counts = (await http(app).get(`/plans/${draft.id}/snapshots/candidates.tsv`).set(S).expect(200)).text.trimEnd().split('\n');
    expect(counts).toHaveLength(4); // one snapshot, not ten
  });

  it("keeps plans to their department, and drafts have no snapshot", async () => {
    const S = bearer(a.supervisor);
    const draft = (await http(app).post('/plans').set(S).send(plan()).expect(201)).body;
    await http(app).get(`/plans/${draft.id}/snapshots/candidates.tsv`).set(S).expect(409);
    const B = bearer(b.supervisor);
    await http(app).get(`/plans/${draft.id}`).set(B).expect(404);
    await http(app).patch(`/plans/${draft.id}`).set(B).send({ ...plan(), version: 1 }).expect(404);
    await http(app).post(`/plans/${draft.id}/publish`).set(B).send({ ...commitReveal(app), version: 1 }).expect(404);
    await http(app).get(`/plans/${draft.id}/snapshots/parameters.json`).set(B).expect(404);
    expect((await http(app).get('/plans').set(B).expect(200)).body.items).toEqual([]);
    await http(app).post('/plans').set(bearer(a.inspector)).send(plan()).expect(403);
  });
  it('previews the counts per risk class before saving, writing nothing; publication freezes the same counts', async () => {
    const S = bearer(a.supervisor);
    const body = { year: 2024, itemIds: [itemId], sampling: plan().sampling, windowStart: '2024-04-01' };
    const before = (await http(app).get('/plans').set(S).expect(200)).body.meta.totalCount;
    const preview = (await http(app).post('/plans/sampling-preview').set(S).send(body).expect(200)).body;
    expect(preview.strata).toEqual([
      { stratum: 'A', candidates: 1, excluded: 0, eligible: 1, quota: 0 },
      { stratum: 'B', candidates: 1, excluded: 0, eligible: 1, quota: 1 },
      { stratum: 'C', candidates: 1, excluded: 1, eligible: 0, quota: 0 },
      { stratum: 'D', candidates: 1, excluded: 0, eligible: 1, quota: 1 },
    ]);
    expect(preview.total).toBe(2);
    expect((await http(app).get('/plans').set(S).expect(200)).body.meta.totalCount).toBe(before);

    const created = (await http(app).post('/plans').set(S).send(plan({ name: unique('预览核对') })).expect(201)).body;
    const published = (await http(app).post(`/plans/${created.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201)).body;
    for (const s of preview.strata) expect(published.stratumCounts[s.stratum]).toEqual({ candidates: s.candidates, excluded: s.excluded, eligible: s.eligible });

    // Bad input: the message names the class; another department's item is not found.
    const bad = await http(app).post('/plans/sampling-preview').set(S).send({ ...body, sampling: { ...body.sampling, A: { ratioPercent: 5, count: 1 } } }).expect(400);
    expect(bad.body).toMatchObject({ code: 'SAMPLING_INVALID', details: [{ field: 'sampling.A' }] });
    expect((await http(app).post('/plans/sampling-preview').set(bearer(b.supervisor)).send(body).expect(404)).body.code).toBe('ITEM_NOT_FOUND');
    await http(app).post('/plans/sampling-preview').set(bearer(a.inspector)).send(body).expect(403);
  });

  it('lists the draws of a plan, oldest first, with a redraw after its replaced draw', async () => {
    const S = bearer(a.supervisor);
    const created = (await http(app).post('/plans').set(S).send(plan({ name: unique('抽取列表') })).expect(201)).body;
    expect((await http(app).get(`/plans/${created.id}/draws`).set(S).expect(200)).body).toEqual([]);
    await http(app).post(`/plans/${created.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201);
    letTimePass(app);
    const first = (await http(app).post(`/plans/${created.id}/draw`).set(S).send({ witnessEntropy: '第一次开奖 01 02 03' }).expect(201)).body;
    await http(app).post(`/draws/${first.id}/redraw`).set(S).send({ reason: '现场见证程序有误，依法重抽', ...commitReveal(app) }).expect(201);
    letTimePass(app);
    const second = (await http(app).post(`/plans/${created.id}/draw`).set(S).send({ witnessEntropy: '第二次开奖 04 05 06' }).expect(201)).body;
    const draws = (await http(app).get(`/plans/${created.id}/draws`).set(S).expect(200)).body;
    expect(draws.map((d: { id: string }) => d.id)).toEqual([first.id, second.id]);
    expect(draws[0].supersededBy).toMatchObject({ drawId: second.id, reason: '现场见证程序有误，依法重抽' });
    expect((await http(app).get(`/plans/${created.id}/draws`).set(bearer(b.supervisor)).expect(404)).body.code).toBe('PLAN_NOT_FOUND');
  });
});
