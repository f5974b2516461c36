/**
 * The golden transcripts of test/fixtures/draws (real draws made through the app, see generate.ts):
 * they match the published JSON Schema, the TypeScript verifier and the independent Python verifier
 * (tools/verify_draw.py, written from docs/draw-algorithm.md) both reproduce every one of them, and
 * both refuse altered copies. A change to draw-v1 that breaks one is a new algorithm version.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { validateSchema } from '../../test/support/json-schema';
import { parametersSnapshot } from '../plans/snapshot';
import { anchorFrom } from './anchor';
import { draw } from './draw-v1';
import { drawInputFrom, FrozenParameters, parseInspectors, Transcript, verifyRedrawLink, verifyTranscript } from './transcript';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, 'test', 'fixtures', 'draws');
const PYTHON_VERIFIER = path.join(ROOT, 'tools', 'verify_draw.py');
const index = JSON.parse(fs.readFileSync(path.join(DIR, 'index.json'), 'utf8')) as { file: string; replaced: string[]; publication: string; covers: string[] }[];
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Transcript;
/** The records kept apart from a fixture's transcript (as GET /public/plans/{id}/publication served them). */
const loadAnchor = (file: string) => anchorFrom(JSON.parse(fs.readFileSync(path.join(DIR, index.find((e) => e.file === file)!.publication), 'utf8')), load(file).planId)!;
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'schemas', 'draw-transcript-v1.schema.json'), 'utf8')) as Record<string, unknown>;
const publicationSchema = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'schemas', 'publication-record-v1.schema.json'), 'utf8')) as Record<string, unknown>;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const run = promisify(execFile);

/** python3 tools/verify_draw.py <files…>: exit code and output. */
async function python(files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('python3', [PYTHON_VERIFIER, ...files], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** At most `n` at a time (each Python run is a process). */
async function inBatches<T, R>(xs: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < xs.length; i += n) out.push(...(await Promise.all(xs.slice(i, i + n).map(f))));
  return out;
}

/** Altered copies: results edited, inputs changed with their hashes recomputed, proofs changed. Null where one does not apply. */
const MUTATIONS: Record<string, (t: Transcript) => Transcript | null> = {
  seed: (t) => ({ ...t, seed: (t.seed[0] === '0' ? '1' : '0') + t.seed.slice(1) }),
  'selection order': (t) => (t.result.selections.length < 2 ? null : { ...t, result: { ...t.result, selections: [...t.result.selections].reverse() } }),
  'a member draw counter': (t) => {
    const team = t.result.teams.find((x) => x.members.length);
    if (!team) return null;
    const c = structuredClone(t);
    c.result.teams[t.result.teams.indexOf(team)].members[0].draw += 1;
    return c;
  },
  'a quota': (t) => {
    const c = structuredClone(t);
    c.result.strata[1].quota += 1;
    return c;
  },
  'filled as 1': (t) => {
    if (!t.result.teams.length) return null;
    const c = structuredClone(t);
    (c.result.teams[0] as unknown as { filled: unknown }).filled = c.result.teams[0].filled ? 1 : 0;
    return c;
  },
  'an extra result member': (t) => ({ ...t, result: { ...t.result, note: 'x' } as Transcript['result'] }),
  'a skip reason dropped': (t) => {
    const team = t.result.teams.find((x) => x.skips.length);
    if (!team) return null;
    const c = structuredClone(t);
    c.result.teams[t.result.teams.indexOf(team)].skips.pop();
    return c;
  },
  'a candidate dropped, hash recomputed': (t) => {
    if (!t.candidates) return null;
    const candidates = t.candidates.slice(t.candidates.indexOf('\n') + 1);
    return { ...t, candidates, candidatePoolHash: sha256(candidates) };
  },
  'an inspector made ineligible, hash recomputed': (t) => {
    const inspectors = t.inspectors.replace(/^([^\t\n]*)\t1\t/m, '$1\t0\t');
    return inspectors === t.inspectors ? null : { ...t, inspectors, inspectorPoolHash: sha256(inspectors) };
  },
  'teamSize changed, parameters re-hashed': (t) => {
    const p = JSON.parse(t.parametersJson) as { teamSize: number };
    const frozen = parametersSnapshot({ ...p, teamSize: p.teamSize + 1 });
    return { ...t, parametersJson: frozen.json, parametersHash: frozen.hash };
  },
  'a conflict dropped, all hashes recomputed': (t) => {
    if (!t.conflicts) return null;
    const conflicts = t.conflicts.slice(t.conflicts.indexOf('\n') + 1);
    const frozen = parametersSnapshot({ ...(JSON.parse(t.parametersJson) as object), conflictsHash: sha256(conflicts) });
    return { ...t, conflicts, parametersJson: frozen.json, parametersHash: frozen.hash };
  },
  'the randomness proof': (t) => {
    const r = structuredClone(t.randomness);
    if (r.source === 'commit-reveal') r.witnessEntropy += '0';
    else r.signature = (r.signature[0] === 'a' ? 'b' : 'a') + r.signature.slice(1);
    return { ...t, randomness: r };
  },
  // Lower-case hex only (the specification): the same value in upper case is refused, never normalised.
  'the proof in upper-case hex': (t) => {
    const r = structuredClone(t.randomness);
    if (r.source === 'commit-reveal') r.secret = r.secret.toUpperCase();
    else r.signature = r.signature.toUpperCase();
    return { ...t, randomness: r };
  },
  'a substitute': (t) => {
    if (!t.substitutions?.length) return null;
    const c = structuredClone(t);
    c.substitutions![0].joining = c.result.teams.find((x) => x.uscc === c.substitutions![0].uscc)!.members[1].certificateNumber;
    return c;
  },
  'the redraw reason': (t) => (t.redraw ? { ...t, redraw: { ...t.redraw, reason: `${t.redraw.reason}（补）` } } : null),
};

const DRAND_MUTATIONS = new Set(['seed', 'the randomness proof', 'the proof in upper-case hex', 'a candidate dropped, hash recomputed']);

describe('golden draw fixtures', () => {
  it('index.json lists exactly the fixture files', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'index.json' && !f.endsWith('.publication.json'));
    expect(index.map((e) => e.file).sort()).toEqual(files.sort());
    expect(index.map((e) => e.publication).sort()).toEqual(fs.readdirSync(DIR).filter((f) => f.endsWith('.publication.json')).sort());
    expect(files.length).toBeGreaterThanOrEqual(13);
  });

  it('together they cover every rule of the specification', () => {
    const all = index.map((e) => load(e.file));
    const params = all.map((t) => JSON.parse(t.parametersJson) as Record<string, unknown> & { sampling: Record<string, object>; recusalRules: Record<string, boolean> });
    const skips = all.flatMap((t) => t.result.teams.flatMap((x) => x.skips));
    const reasons = new Set(skips.flatMap((s) => s.reasons));
    expect([...reasons].sort()).toEqual(['DECLARED_CONFLICT', 'LAST_INSPECTOR', 'SAME_SUPERVISING_UNIT']);
    expect(skips.some((s) => s.reasons.length > 1)).toBe(true);
    const excluded = new Set(all.flatMap((t) => t.candidates.split('\n').filter(Boolean).map((l) => l.split('\t')[2])));
    expect([...excluded].sort()).toEqual(['', 'ANNUAL_CAP', 'NOT_ACTIVE', 'RECENTLY_CHECKED']);
    const rules = params.flatMap((p) => Object.values(p.sampling).map((r) => JSON.stringify(r).replace(/\d+/, 'n')));
    expect(new Set(rules)).toEqual(new Set(['{"count":n}', '{"ratioBasisPoints":n}']));
    const ratios = params.flatMap((p) => Object.values(p.sampling).flatMap((r) => ('ratioBasisPoints' in r ? [r.ratioBasisPoints] : [])));
    expect(ratios).toEqual(expect.arrayContaining([0, 10000, 300, 2550, 1250])); // 0 %, 100 %, at least 1, remainders
    expect(new Set(all.map((t) => t.randomness.source))).toEqual(new Set(['commit-reveal', 'drand-quicknet']));
    expect(new Set(all.filter((t) => t.redraw).map((t) => t.redraw!.randomness.source))).toEqual(new Set(['commit-reveal', 'drand-quicknet']));
    expect(params.some((p) => (p.jointDepartmentIds as string[]).length > 0)).toBe(true);
    expect(params.some((p) => p.taskCapPerInspector !== null)).toBe(true);
    expect(params.some((p) => Object.values(p.recusalRules).every((x) => !x))).toBe(true);
    expect(all.some((t) => t.candidates === '')).toBe(true);
    expect(all.some((t) => t.result.teams.some((x) => x.poolSize === 0))).toBe(true);
    expect(all.some((t) => t.result.teams.some((x) => !x.filled && x.members.length > 0))).toBe(true);
    expect(all.some((t) => (t.substitutions ?? []).length >= 2)).toBe(true);
    expect(all.some((t) => t.inspectors.split('\n').some((l) => l.split('\t')[1] === '0'))).toBe(true);
  });

  it.each(index.map((e) => e.file))('%s matches the transcript schema, its publication record (kept apart) and redraw records the record schema', (file) => {
    const t = load(file);
    expect(validateSchema(schema, t)).toEqual([]);
    const anchor = loadAnchor(file);
    for (const record of [anchor.publication, ...anchor.redraws, t.publication]) expect(validateSchema(publicationSchema, record)).toEqual([]);
    expect(t.publication).toEqual(anchor.publication);
    expect(t.publishedAt).toBe(anchor.publication.publishedAt);
  });

  it('the schema refuses what it should and allows the publication members', () => {
    const t = load('strata-recusals.json');
    expect(validateSchema(schema, { ...t, extra: 1 })).toEqual(['$: unexpected member extra']);
    expect(validateSchema(schema, { ...t, publishedAt: '2026-01-02T03:04:05.000Z', publication: { planId: t.planId } })).toEqual([]); // the record itself: its own schema
    expect(validateSchema(schema, { ...t, seed: 'ABC' })).toEqual(['$.seed: does not match ^[0-9a-f]{64}$']);
    const { result: _dropped, ...noResult } = t;
    expect(validateSchema(schema, noResult)).toEqual(['$: missing result']);
    expect(validateSchema(schema, { ...t, randomness: { ...t.randomness, source: 'lottery' } })).toEqual(['$.randomness: matches 0 of the oneOf alternatives, not exactly one']);
    const record = loadAnchor('strata-recusals.json').publication;
    expect(validateSchema(publicationSchema, record)).toEqual([]);
    expect(validateSchema(publicationSchema, { ...record, publishedAt: 'yesterday' })).toEqual(['$: matches 0 of the oneOf alternatives, not exactly one']);
    const { event: _unbound, ...unbound } = record.randomness as { event?: unknown };
    expect(validateSchema(publicationSchema, { ...record, randomness: unbound })).toHaveLength(1); // entropy not bound in advance
    expect(validateSchema(publicationSchema, { ...record, extra: 1 })).toHaveLength(1);
  });

  it.each(index.map((e) => [e.file, e.replaced] as const))('the TypeScript verifier reproduces %s', (file, replaced) => {
    const chain = [file, ...replaced].map(load);
    expect(verifyTranscript(chain[0])).toEqual(replaced.length ? { ok: true, unanchored: expect.any(String) } : { ok: true });
    for (let i = 1; i < chain.length; i++) {
      expect(verifyTranscript(chain[i])).toMatchObject({ ok: true });
      expect(verifyRedrawLink(chain[i - 1], chain[i])).toEqual({ ok: true });
    }
  });

  it('the TypeScript verifier refuses every altered copy', () => {
    let refused = 0;
    for (const e of index) {
      const [t, ...replaced] = [e.file, ...e.replaced].map(load);
      for (const [name, mutate] of Object.entries(MUTATIONS)) {
        const m = mutate(t);
        if (!m) continue;
        const verdict = verifyTranscript(m);
        const linked = verdict.ok && replaced.length ? verifyRedrawLink(m, replaced[0]) : verdict;
        expect({ file: e.file, name, ok: linked.ok }).toEqual({ file: e.file, name, ok: false });
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(100);
  });

  it('both refuse a snapshot line with an extra field even when everything else is recomputed', async () => {
    const t = load('strata-recusals.json');
    const inspectors = t.inspectors.replace(/\n/g, '\tx\n');
    const forged = { ...t, inspectors, inspectorPoolHash: sha256(inspectors) };
    const input = drawInputFrom(JSON.parse(t.parametersJson) as FrozenParameters, t, forged, t.randomness.randomness);
    const result = draw({ ...input, inspectors: parseInspectors(t.inspectors) }); // what a lax reader would compute
    Object.assign(forged, { seed: result.seed, result });
    expect(verifyTranscript(forged)).toMatchObject({ ok: false, difference: expect.stringContaining('6 fields') });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-golden-')), 'forged.json');
    fs.writeFileSync(file, JSON.stringify(forged));
    expect(await python([file])).toMatchObject({ code: 1, stdout: expect.stringContaining('6 fields') });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  describe('the Python verifier (tools/verify_draw.py, written from the specification)', () => {
    jest.setTimeout(300_000); // a machine shared with other jobs is slow to start processes

    it('reproduces every fixture, anchored to its kept publication record: OK, drand BLS signatures included', async () => {
      const results = await inBatches(index, 4, (e) => python([...[e.file, ...e.replaced].map((f) => path.join(DIR, f)), '--publication', path.join(DIR, e.publication)]));
      results.forEach((r, i) => {
        const t = load(index[i].file);
        expect({ file: index[i].file, code: r.code, stdout: r.stdout }).toEqual({ file: index[i].file, code: 0, stdout: expect.stringMatching(new RegExp(`^OK: draw ${t.drawId} .*seed ${t.seed}\\) and matches the publication record of ${t.publishedAt}`)) });
        expect(r.stderr).toBe(''); // nothing left unverified (no "BLS 签名未验证")
      });
    });

    it('computes the test vectors of the specification and checks real quicknet signatures', async () => {
      const script = [
        'import json, sys',
        `sys.path.insert(0, ${JSON.stringify(path.dirname(PYTHON_VERIFIER))})`,
        'import verify_draw, draw_v1 as v',
        "seed = v.sha256(v.lp('ssgk-draw'), v.lp('draw-v1'), v.lp('plan-2024-q1'), v.lp(bytes([0x11] * 32)), v.lp(bytes([0x22] * 32)), v.lp(bytes([0x33] * 32)), v.lp(bytes.fromhex('fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd')))",
        "d = v.Draw({'windowStart': '2024-04-01', 'recusalRules': {'declaredConflict': True, 'sameSupervisingUnit': True, 'lastInspector': True}, 'departmentId': 'x', 'jointDepartmentIds': [], 'teamSize': 2}, [], [], [], seed)",
        "team = lambda n: v.sha256(d.seed, v.lp('team'), v.lp('00000000-0000-4000-8000-000000000001'), v.lp('91350100M000100Y43'), v.struct.pack('>I', n))",
        `rounds = json.load(open(${JSON.stringify(path.join(ROOT, 'src', 'draws', 'fixtures', 'drand-quicknet.json'))}))['rounds']`,
        'bls = verify_draw.bls_verifier()',
        "print(json.dumps({'lp': v.lp('康').hex(), 'seed': seed, 'ticket': d.ticket('91350100M000100Y43'), 'team0': team(0), 'team1': team(1),",
        "  'quotas': v.quotas({'A': 10, 'B': 50, 'C': 45, 'D': 12}, {'A': {'ratioBasisPoints': 300}, 'B': {'ratioBasisPoints': 500}, 'C': {'ratioBasisPoints': 1000}, 'D': {'ratioBasisPoints': 5000}}),",
        "  'genuine': [bls(r['round'], bytes.fromhex(r['signature'])) for r in rounds], 'swapped': [bls(rounds[0]['round'], bytes.fromhex(r['signature'])) for r in rounds[1:]]}))",
      ].join('\n');
      const { stdout } = await run('python3', ['-c', script], { encoding: 'utf8' });
      expect(JSON.parse(stdout)).toEqual({
        lp: '00000003e5bab7',
        seed: '1f9fb0c9d421753a1466f3ce1c0854f5ac96bb27ebeef6c7004ec91f7f78cca4',
        ticket: '687ae0b77e6fea26d4097389adc8823314d38466d3976302b51b8bf98bb902ab',
        team0: '68ecdc0453177ac6e931c589440f53c8260daa4f0b6a5eefaecae57ed7edc228',
        team1: '55d74d81e23222ac852a43a8f5d71ccf6ce6ea5d2b220ae80ac6bc051928e8f4',
        quotas: { A: 1, B: 3, C: 4, D: 6 }, // the worked example of the specification
        genuine: [null, null, null, null, null],
        swapped: ['BAD_SIGNATURE', 'BAD_SIGNATURE', 'BAD_SIGNATURE', 'BAD_SIGNATURE'],
      });
    });

    it('says UNANCHORED (exit 3) for a redraw given alone, and refuses a broken link', async () => {
      const redraw = index.find((e) => e.replaced.length)!;
      const alone = await python([path.join(DIR, redraw.file)]);
      expect(alone).toMatchObject({ code: 3, stdout: expect.stringMatching(/^UNANCHORED: /) });
      const wrongChain = await python([path.join(DIR, redraw.file), path.join(DIR, 'strata-recusals.json')]);
      expect(wrongChain).toMatchObject({ code: 1, stdout: expect.stringMatching(/^DIFFERENCE: redraw link: /) });
      expect(await python([])).toMatchObject({ code: 2 });
      expect(await python([path.join(DIR, 'no-such-file.json')])).toMatchObject({ code: 2 });
      const malformed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-golden-')), 'malformed.json');
      fs.writeFileSync(malformed, JSON.stringify({ ...load('joint.json'), parametersJson: '{', parametersHash: sha256('{') }));
      expect(verifyTranscript.bind(null, JSON.parse(fs.readFileSync(malformed, 'utf8')) as Transcript)).toThrow(); // npm run verify-draw: exit 2
      expect(await python([malformed])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^cannot verify: /) });
      fs.rmSync(path.dirname(malformed), { recursive: true, force: true });
    });

    it('refuses every altered copy (exit 1) naming the same first difference as the TypeScript verifier', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-golden-'));
      const cases: { file: string; name: string; args: string[]; expected: string }[] = [];
      for (const e of index) {
        const [t, ...replaced] = [e.file, ...e.replaced].map(load);
        for (const [name, mutate] of Object.entries(MUTATIONS)) {
          // A drand transcript costs a pairing (about a second of pure Python) per run: a few kinds suffice there.
          if (t.randomness.source === 'drand-quicknet' && !DRAND_MUTATIONS.has(name)) continue;
          const m = mutate(t);
          if (!m) continue;
          const file = path.join(dir, `${cases.length}.json`);
          fs.writeFileSync(file, JSON.stringify(m));
          // The same first difference, word for word, as npm run verify-draw prints.
          const verdict = verifyTranscript(m);
          const link = verdict.ok ? verifyRedrawLink(m, replaced[0]) : null;
          const expected = `DIFFERENCE: ${!verdict.ok ? verdict.difference : link && !link.ok ? `redraw link: ${link.difference}` : ''}`;
          cases.push({ file: e.file, name, args: [file, ...e.replaced.map((f) => path.join(DIR, f))], expected });
        }
      }
      const results = await inBatches(cases, 6, (c) => python(c.args));
      results.forEach((r, i) => expect({ ...cases[i], code: r.code, stdout: r.stdout.trimEnd() }).toEqual({ ...cases[i], code: 1, stdout: cases[i].expected }));
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});
