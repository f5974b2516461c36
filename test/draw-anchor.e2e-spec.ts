/**
 * Issue 15: publication is the anchor. A transcript recomputed from changed inputs is consistent in
 * itself; verify-draw refuses it against the publication record kept elsewhere (a file, or the
 * open-data file of the site). drand is tested end to end offline with a test beacon (its own key,
 * rounds signed on demand, verified by the same code as quicknet); the suite's Clock is fixed and
 * moved on only where a test lets time pass.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { findPersonalData } from '../src/common/personal-data';
import { roundTime } from '../src/draws/drand';
import type { PublicationRecord } from '../src/draws/publication-record';
import { FrozenParameters, Transcript, verifyTranscript, witnessCommitment } from '../src/draws/transcript';
import { parametersSnapshot } from '../src/plans/snapshot';
import { bootApp, dataSourceOf, http } from './support/app';
import { TestBeacon } from './support/beacon';
import { csv, freshUscc, utf8Bom } from './support/files';
import { bearer, makeDepartmentWithStaff, unique } from './support/fixtures';
import { commonForgeries, Editable, forge } from './support/forge';
import { commitReveal, letTimePass } from './support/scenario';

type Staff = Awaited<ReturnType<typeof makeDepartmentWithStaff>>;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const VERIFIER = path.resolve(__dirname, '..', 'dist', 'src', 'verify-draw.js');

/** verify-draw, asynchronously (with --feed it fetches from this very process's server). */
function verifyDraw(...args: string[]): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, ...args], { encoding: 'utf8', timeout: 30_000 }, (err, stdout) => resolve({ status: err ? Number((err as { code?: number }).code ?? -1) : 0, stdout }));
  });
}

describe('draws anchored to their publication record', () => {
  jest.setTimeout(240_000); // 54 verify-draw processes in one test, on a machine shared with other suites
  const beacon = new TestBeacon();
  let app: NestExpressApplication;
  let base: string;
  let a: Staff;
  let itemId: string;
  let dir: string;
  let chainFile: string;
  const phone = '022-87654321';
  const entityNames: string[] = [];
  const inspectorNames: string[] = [];

  beforeAll(async () => {
    app = await bootApp({ DRAND_CHAIN_INFO: beacon.info }, { clockFixedAt: '2026-12-20T02:00:00Z' });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-anchor-'));
    chainFile = path.join(dir, 'chain.json');
    fs.writeFileSync(chainFile, beacon.info);
    a = await makeDepartmentWithStaff(app);
    const S = bearer(a.supervisor);
    itemId = (
      await http(app)
        .post('/items')
        .set(S)
        .send({ code: unique('AN-'), name: '实验动物许可情况的检查', legalBasis: '《实验动物管理条例》', category: 'general', targetType: '实验动物使用单位', method: 'on_site', enforcementDomain: '实验动物', defaultRatios: { A: 3, B: 5, C: 20, D: 100 }, frequency: '每年一次' })
        .expect(201)
    ).body.id;
    const rows: string[][] = [['统一社会信用代码', '名称', '信用风险分类', '分类生效日期', '监管单位', '联系电话', '法定代表人']];
    const usccs: string[] = [];
    for (let i = 0; i < 40; i++) {
      usccs.push(freshUscc());
      entityNames.push(`锚定测试${i}号实验动物中心`);
      rows.push([usccs[i], entityNames[i], 'ABCD'[i % 4], '2023-01-01', i % 5 === 0 ? '第一监管所' : '', phone, `法人赵${i}`]);
    }
    await http(app).post('/imports/entities?wait=true').set(S).attach('file', utf8Bom(csv(rows)), 'entities.csv').expect(200);
    const inspectorIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      inspectorNames.push(`锚定检查员${i}`);
      const ins = (await http(app).post('/inspectors').set(S).send({ name: inspectorNames[i], certificateNumber: unique('AN-'), issuingAuthority: '天津市人民政府', certificateValidFrom: '2022-01-01', certificateValidUntil: '2030-12-31', domains: ['实验动物'], unit: i === 0 ? '第一监管所' : `第${i + 1}监管所` }).expect(201)).body;
      await http(app).post(`/inspectors/${ins.id}/trainings`).set(S).send({ date: '2026-06-10', hours: 40, topic: '专题培训' }).expect(201);
      await http(app).post(`/inspectors/${ins.id}/exams`).set(S).send({ year: 2026, passed: true }).expect(201);
      inspectorIds.push(ins.id);
    }
    // A declared conflict, so that a forger can drop one.
    const entity = (await http(app).get(`/entities?uscc=${usccs[1]}`).set(S).expect(200)).body.items[0];
    await http(app).post('/recusals').set(S).send({ inspectorId: inspectorIds[1], entityId: entity.id, reason: '近亲属在该单位任职', source: 'supervisor', validFrom: '2025-01-01' }).expect(201);
  });
  afterAll(async () => {
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const createPlan = async (name: string) =>
    (
      await http(app)
        .post('/plans')
        .set(bearer(a.supervisor))
        .send({ name: unique(name), year: 2027, itemIds: [itemId], sampling: { A: { ratioPercent: 10 }, B: { ratioPercent: 20 }, C: { ratioPercent: 50 }, D: { count: 5 } }, teamSize: 2, windowStart: '2027-01-04', windowEnd: '2027-06-30' })
        .expect(201)
    ).body as { id: string };
  const transcriptOf = async (drawId: string) => (await http(app).get(`/public/draws/${drawId}/transcript`).expect(200)).body as Transcript;
  const keep = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };

  /** A commit-reveal plan published with two witnesses' commitments and drawn after its event. */
  let witnessed: { planId: string; drawId: string; transcript: Transcript; record: PublicationRecord };

  it('publication fixes the record: audited, pushed, listed in the open data, with the inputs downloadable anonymously at once', async () => {
    const S = bearer(a.supervisor);
    const plan = await createPlan('锚定计划');
    const reveals = ['见证人甲的随机数 7f3a9c', '见证人乙的随机数 d41e08'];
    const body = { ...commitReveal(app), version: 1, witnessCommitments: [{ label: '见证单位：市公证处', commitment: witnessCommitment(reveals[0]) }, { label: '见证人：人大代表', commitment: witnessCommitment(reveals[1]).toUpperCase() }] };
    const published = (await http(app).post(`/plans/${plan.id}/publish`).set(S).send(body).expect(201)).body;
    const record = published.publication as PublicationRecord;
    expect(published.publishedAt).toBe('2026-12-20T02:00:00.000Z'); // the Clock's time
    expect(record).toEqual({
      format: 'ssgk-publication-record-v1',
      planId: plan.id,
      publishedAt: published.publishedAt,
      algorithm: 'draw-v1',
      parametersHash: published.parametersHash,
      candidatePoolHash: published.candidatePoolHash,
      inspectorPoolHash: published.inspectorPoolHash,
      conflictsHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      randomness: { source: 'commit-reveal', commitment: published.randomness.commitment, event: body.event, witnesses: body.witnessCommitments.map((w) => ({ ...w, commitment: w.commitment.toLowerCase() })) },
      marginSeconds: 60,
      drawNotBefore: body.event.at,
    });
    expect(published.randomness).toEqual(record.randomness);

    // Anonymous, right after publication: the snapshots hash to what was published, and hold nothing personal.
    const anon = async (file: string) => (await http(app).get(`/public/plans/${plan.id}/snapshots/${file}`).expect(200)).text;
    const files = { candidates: await anon('candidates.tsv'), inspectors: await anon('inspectors.tsv'), conflicts: await anon('conflicts.tsv'), parameters: await anon('parameters.json'), probabilities: await anon('probabilities.tsv') };
    expect([sha256(files.candidates), sha256(files.inspectors), sha256(files.conflicts), sha256(files.parameters)]).toEqual([record.candidatePoolHash, record.inspectorPoolHash, record.conflictsHash, record.parametersHash]);
    expect(files.conflicts.split('\n').filter(Boolean)).toHaveLength(1);
    for (const text of Object.values(files)) {
      expect(findPersonalData(text)).toEqual([]);
      for (const secret of [phone, '法人赵', ...entityNames, ...inspectorNames]) expect(text).not.toContain(secret);
    }
    // Each stratum's size and every candidate's probability: class A, 10 % of 10 eligible → 1/10.
    const probabilities = files.probabilities.slice(0, -1).split('\n').map((l) => l.split('\t'));
    expect(probabilities).toHaveLength(files.candidates.split('\n').length - 1);
    expect(probabilities.filter((p) => p[1] === 'A' && !p[2]).map((p) => p[3])).toEqual(expect.arrayContaining(['1/10']));
    expect(new Set(probabilities.filter((p) => p[1] === 'C' && !p[2]).map((p) => `${p[3]} ${p[4]}`))).toEqual(new Set(['5/10 0.500000']));
    const draft = await createPlan('草稿');
    await http(app).get(`/public/plans/${draft.id}/snapshots/candidates.tsv`).expect(404);
    await http(app).get(`/public/plans/${draft.id}/publication`).expect(404);

    // The record is in the audit chain, in the outbox for the platforms, and in the open data — before any draw.
    const ds = dataSourceOf(app);
    const [audited] = await ds.query(`SELECT details FROM audit_events WHERE subject_id = $1 AND action = 'plan.publish'`, [plan.id]);
    expect(audited.details.publication).toEqual(record);
    const pushed = await ds.query(`SELECT payload FROM outbox_events WHERE kind = 'plan.published' AND payload->'publication'->>'planId' = $1`, [plan.id]);
    expect(pushed.map((p: { payload: unknown }) => p.payload)).toEqual([{ publication: record }]);
    const feed = (await http(app).get('/public/open-data/publication_records.json').expect(200)).body as { kind: string; plan_id: string; record: string; record_sha256: string }[];
    const row = feed.find((r) => r.plan_id === plan.id)!;
    expect(row).toMatchObject({ kind: 'plan', record_sha256: sha256(row.record) });
    expect(JSON.parse(row.record)).toEqual(record);
    expect((await http(app).get(`/public/plans/${plan.id}/publication`).expect(200)).body).toEqual({ publication: record, redraws: [] });

    // The draw waits for the named event; then the witnesses reveal what they committed to.
    const entropy = '排列5 开奖号码 3 8 1 0 6';
    expect((await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: entropy, witnessReveals: reveals }).expect(409)).body).toMatchObject({ code: 'RANDOMNESS_NOT_YET', details: [{ drawNotBefore: body.event.at }] });
    letTimePass(app);
    expect((await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: entropy }).expect(400)).body.code).toBe('WITNESS_REVEALS_MISMATCH');
    expect((await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: entropy, witnessReveals: [reveals[0], '另选的一个值'] }).expect(400)).body.code).toBe('WITNESS_REVEAL_INVALID');
    const drawn = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: entropy, witnessReveals: reveals }).expect(201)).body;
    const t = await transcriptOf(drawn.id);
    expect(t).toMatchObject({ publishedAt: record.publishedAt, publication: record, randomness: { witnessEntropy: entropy, witnessReveals: reveals } });
    expect(verifyTranscript(t)).toEqual({ ok: true });
    const file = keep('witnessed.json', t);
    const ok = await verifyDraw(file, '--feed', base);
    expect(ok).toMatchObject({ status: 0, stdout: expect.stringMatching(/^OK: .*matches the publication record/) });
    // What no program can check is said: the entered result must be the event's official one.
    expect(ok.stdout).toContain(`请人工核对：现场录入的“${entropy}”应与“${body.event.name}”官方公布的结果一致 (${body.event.checkUrl})`);
    expect(await verifyDraw(file, '--publication', keep('kept-record.json', record))).toMatchObject({ status: 0 });
    // A witness's value changed afterwards does not match the commitment kept.
    const regrind = { ...t, randomness: { ...t.randomness, witnessReveals: [reveals[0], '事后改的值'] } } as Transcript;
    expect(verifyTranscript(regrind)).toMatchObject({ ok: false, difference: expect.stringContaining('witness 2') });
    witnessed = { planId: plan.id, drawId: drawn.id, transcript: t, record };
  });

  it('refuses 27 forged transcripts (inputs changed, everything recomputed) against the record from the feed or a kept file', async () => {
    const t = witnessed.transcript;
    // The shared list (also run in the browser) and two that need the declared conflict this suite has.
    const forgeries: [string, (e: Editable) => void][] = [
      ...commonForgeries(t, freshUscc),
      ['drop the declared conflict', (e) => e.conflicts.pop()],
      ['end the conflict earlier', (e) => (e.conflicts[0][3] = '2025-06-30')],
    ];
    expect(forgeries.length).toBeGreaterThanOrEqual(20);
    const kept = keep('kept-publication.json', witnessed.record);
    for (const [what, change] of forgeries) {
      const forged = forge(t, change);
      expect({ what, changed: forged.parametersHash !== t.parametersHash || forged.candidatePoolHash !== t.candidatePoolHash || forged.inspectorPoolHash !== t.inspectorPoolHash }).toEqual({ what, changed: true }); // a real change of the inputs
      expect({ what, self: verifyTranscript(forged) }).toEqual({ what, self: { ok: true } }); // consistent in itself …
      const file = keep('forged.json', forged);
      const [fromFile, fromFeed] = [await verifyDraw(file, '--publication', kept), await verifyDraw(file, '--feed', base)];
      // … and refused against the publication record, from either source.
      expect({ what, status: fromFile.status, stdout: fromFile.stdout }).toEqual({ what, status: 1, stdout: expect.stringMatching(/^DIFFERENCE \/ 不一致: against the publication record .*Hash: published/) });
      expect({ what, status: fromFeed.status }).toEqual({ what, status: 1 });
    }
    // Without a record kept elsewhere, a forgery is never called OK.
    expect(await verifyDraw(keep('forged.json', forge(t, forgeries[0][1])))).toMatchObject({ status: 3, stdout: expect.stringMatching(/^UNANCHORED/) });
  });

  it('commit-reveal: refuses a draw before the named event, an event not in the future, and entropy not bound at publication', async () => {
    const S = bearer(a.supervisor);
    const plan = await createPlan('无事件计划');
    expect((await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ source: 'commit-reveal', version: 1 }).expect(400)).body.code).toBe('EVENT_REQUIRED');
    expect((await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ ...commitReveal(app, 30_000), version: 1 }).expect(400)).body.code).toBe('EVENT_NOT_IN_FUTURE');
    expect((await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ ...commitReveal(app), event: { name: '彩票', at: '2027-01-01' }, version: 1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await http(app).get(`/plans/${plan.id}`).set(S).expect(200)).body.state).toBe('draft');

    // A plan whose parameters name no event (as published before this rule): never drawn.
    const published = (await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ ...commitReveal(app), version: 1 }).expect(201)).body;
    letTimePass(app);
    const ds = dataSourceOf(app);
    const [row] = await ds.query('SELECT parameters_json FROM plans WHERE id = $1', [plan.id]);
    const params = JSON.parse(row.parameters_json);
    delete params.randomness.event;
    const frozen = parametersSnapshot(params);
    await ds.query('UPDATE plans SET parameters_json = $2, parameters_hash = $3 WHERE id = $1', [plan.id, frozen.json, frozen.hash]);
    expect((await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ witnessEntropy: '任意输入的号码 1234' }).expect(409)).body.code).toBe('ENTROPY_NOT_BOUND');
    expect(published.publication.randomness.event).toBeDefined();

    // A transcript (and record) forged to name no event is refused by the verifier: the entropy was not bound.
    const t = witnessed.transcript;
    const unbound = forge(t, (e) => {
      const { event: _event, ...rest } = e.params.randomness as { event?: unknown };
      e.params.randomness = rest as FrozenParameters['randomness'];
    });
    const record = { ...unbound.publication!, drawNotBefore: unbound.createdAt };
    unbound.publication = record;
    expect(verifyTranscript(unbound)).toEqual({ ok: true });
    expect(await verifyDraw(keep('unbound.json', unbound), '--publication', keep('unbound-record.json', record))).toMatchObject({ status: 1, stdout: expect.stringContaining('the entropy was not bound in advance') });
  });

  it('drand with a test beacon: refused before the round; verified with the chain given; a round predating publication is refused', async () => {
    const S = bearer(a.supervisor);
    const plan = await createPlan('信标计划');
    expect((await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ source: 'drand-quicknet', round: beacon.roundAt(new Date('2026-12-20T02:00:30Z')), version: 1 }).expect(400)).body.code).toBe('ROUND_NOT_IN_FUTURE');
    const published = (await http(app).post(`/plans/${plan.id}/publish`).set(S).send({ source: 'drand-quicknet', version: 1 }).expect(201)).body;
    const round = published.randomness.round as number;
    expect(published.randomness).toMatchObject({ source: 'drand-quicknet', chainHash: beacon.chain.chainHash, roundTime: new Date(roundTime(beacon.chain, round) * 1000).toISOString() });
    expect((await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ round, signature: beacon.sign(round) }).expect(409)).body.code).toBe('RANDOMNESS_NOT_YET');
    letTimePass(app, 16 * 60_000);
    expect((await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ round, signature: beacon.sign(round + 1) }).expect(400)).body.code).toBe('BAD_SIGNATURE');
    const drawn = (await http(app).post(`/plans/${plan.id}/draw`).set(S).send({ round, signature: beacon.sign(round) }).expect(201)).body;
    const t = await transcriptOf(drawn.id);
    expect(verifyTranscript(t, [beacon.chain])).toEqual({ ok: true });
    const file = keep('beacon.json', t);
    expect(await verifyDraw(file, '--feed', base, '--drand-chain', chainFile)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^OK: /) });
    // The chain comes from the verifier's side, never from the transcript: without it, nothing is said to be OK.
    expect(await verifyDraw(file, '--feed', base)).toMatchObject({ status: 3, stdout: expect.stringContaining('unknown drand chain') });

    // A round published before the plan (its value known in advance), everything recomputed and the record rewritten to match.
    const early = beacon.roundAt(new Date(Date.parse(t.publishedAt!) - 3_600_000));
    const signature = beacon.sign(early);
    const randomness = createHash('sha256').update(Buffer.from(signature, 'hex')).digest('hex');
    const rewound = forge({ ...t, randomness: { ...t.randomness, round: early, signature, randomness } as Transcript['randomness'] }, (e) => (e.params.randomness = { ...e.params.randomness, round: early } as FrozenParameters['randomness']));
    expect(verifyTranscript(rewound, [beacon.chain])).toEqual({ ok: true });
    const rewrittenRecord = { ...rewound.publication!, drawNotBefore: new Date(roundTime(beacon.chain, early) * 1000).toISOString() };
    rewound.publication = rewrittenRecord;
    const rewoundFile = keep('rewound.json', rewound);
    expect(await verifyDraw(rewoundFile, '--publication', keep('rewound-record.json', rewrittenRecord), '--drand-chain', chainFile)).toMatchObject({ status: 1, stdout: expect.stringMatching(/drand round \d+ .* does not lie 60 s after the publication/) });
    expect(await verifyDraw(rewoundFile, '--feed', base, '--drand-chain', chainFile)).toMatchObject({ status: 1, stdout: expect.stringContaining('parametersHash: published') });
  });

  it('a redraw names a new event, is announced before its draw, and verifies against the feed', async () => {
    const S = bearer(a.supervisor);
    const { planId, drawId, record } = witnessed;
    const reason = '见证人对抽取过程提出异议，依规重新抽取';
    const reused = { reason, source: 'commit-reveal', event: { ...(record.randomness as { event: { name: string } }).event, at: commitReveal(app).event.at } };
    expect((await http(app).post(`/draws/${drawId}/redraw`).set(S).send(reused).expect(400)).body.code).toBe('RANDOMNESS_REUSED');
    const body = { reason, ...commitReveal(app) };
    const redraw = (await http(app).post(`/draws/${drawId}/redraw`).set(S).send(body).expect(201)).body;
    expect(redraw.randomness).toMatchObject({ source: 'commit-reveal', event: body.event });
    const anchor = (await http(app).get(`/public/plans/${planId}/publication`).expect(200)).body;
    expect(anchor.redraws).toEqual([expect.objectContaining({ format: 'ssgk-redraw-record-v1', planId, id: redraw.id, replacedDrawId: drawId, reason, drawNotBefore: body.event.at })]);
    const pushed = await dataSourceOf(app).query(`SELECT payload FROM outbox_events WHERE kind = 'draw.redraw_announced' AND payload->'redraw'->>'id' = $1`, [redraw.id]);
    expect(pushed).toEqual([{ payload: { redraw: anchor.redraws[0] } }]);
    const feed = (await http(app).get('/public/open-data/publication_records.csv').expect(200)).text;
    expect(feed).toContain(`redraw,${planId},${redraw.id},`);

    expect((await http(app).post(`/plans/${planId}/draw`).set(S).send({ witnessEntropy: '排列5 开奖号码 9 9 2 4 1', witnessReveals: witnessed.transcript.randomness.source === 'commit-reveal' ? witnessed.transcript.randomness.witnessReveals : [] }).expect(409)).body.code).toBe('RANDOMNESS_NOT_YET');
    letTimePass(app);
    const d2 = (await http(app).post(`/plans/${planId}/draw`).set(S).send({ witnessEntropy: '排列5 开奖号码 9 9 2 4 1' }).expect(201)).body;
    // The transcript URL: verify-draw fetches the replaced draw from the same site, the records from the feed.
    expect(await verifyDraw(`${base}/public/draws/${d2.id}/transcript`, '--feed', base)).toMatchObject({ status: 0, stdout: expect.stringContaining('link and announcement verified') });
    const t2 = await transcriptOf(d2.id);
    const t1 = await transcriptOf(drawId);
    const f2 = keep('t2.json', t2);
    const f1 = keep('t1.json', t1);
    // A redraw record the site never announced (rewritten in both transcripts) is refused against the feed.
    const reason2 = '伪造的重抽理由，事后改写';
    const forged2 = { ...t2, redraw: { ...t2.redraw!, reason: reason2 } };
    const forged1 = { ...t1, supersededBy: { ...t1.supersededBy!, reason: reason2 } };
    expect(await verifyDraw(keep('f2.json', forged2), keep('f1.json', forged1), '--feed', base)).toMatchObject({ status: 1, stdout: expect.stringContaining('differs from the one announced') });
    expect(await verifyDraw(f2, f1, '--feed', base)).toMatchObject({ status: 0 });
  });
});
