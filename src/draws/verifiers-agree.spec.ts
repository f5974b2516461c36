/**
 * Differential check of the specification: transcripts re-computed by the TypeScript draw from
 * ALTERED inputs — units differing only by characters that are white space in one language and not
 * in another, certificate numbers whose UTF-8 and UTF-16 orders differ, conflict periods ending on
 * the first day, random sampling rules, caps, team sizes and recusal switches — must be accepted by
 * tools/verify_draw.py, written from docs/draw-algorithm.md: it re-computes the same result only if
 * the document says what the code does. (They are forgeries in the sense of issue 15 point 1: only a
 * publication record can refuse them; here they test the two implementations against each other.)
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parametersSnapshot } from '../plans/snapshot';
import { draw } from './draw-v1';
import { drawSubstitute, Substitution } from './substitution';
import { drawInputFrom, FrozenParameters, Transcript, verifyTranscript } from './transcript';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, 'test', 'fixtures', 'draws');
const run = promisify(execFile);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Deterministic: the same variants on every run (mulberry32). */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)], chance: (p: number) => next() < p };
}

/** Characters on which ECMAScript's \s, Python's isspace and NFKC disagree or surprise. */
const TRICKY = ['\uFEFF', '\u001F', '\u001C', '\u0085', '\u180E', '\u3000', '\u00A0', '\u2028', ' ', '\u200B', '１', 'Ⅰ'];
/** UTF-8 order ≠ UTF-16 order: U+FF5E sorts before U+20000 in UTF-8, after it in UTF-16. */
const CERT_PREFIXES = ['～', '𠀀', 'é', 'Z', 'a', '検'];

const table = (text: string) => (text === '' ? [] : text.slice(0, -1).split('\n').map((l) => l.split('\t')));
const untable = (rows: string[][]) => rows.map((r) => r.join('\t') + '\n').join('');

/** One consistent transcript from `base` with altered inputs, everything re-computed by the TypeScript draw. */
function variant(base: Transcript, seed: number): Transcript {
  const r = prng(seed);
  const params = JSON.parse(base.parametersJson) as FrozenParameters & Record<string, unknown>;
  const candidates = table(base.candidates);
  const inspectors = table(base.inspectors);
  const conflicts = table(base.conflicts);
  // Rename certificate numbers everywhere (UTF-8 vs UTF-16 order of the qualified pool).
  const renamed = new Map(inspectors.map((i) => [i[0], r.chance(0.5) ? `${r.pick(CERT_PREFIXES)}${i[0]}` : i[0]]));
  const rename = (c: string) => renamed.get(c) ?? c;
  for (const i of inspectors) i[0] = rename(i[0]);
  for (const c of candidates) c[4] = c[4] ? c[4].split(',').map(rename).join(',') : '';
  for (const c of conflicts) c[0] = rename(c[0]);
  // Units: an entity's supervising unit, copied to an inspector with a tricky character added.
  const units = candidates.map((c) => c[3]).filter(Boolean);
  for (const i of inspectors) {
    if (units.length && r.chance(0.6)) {
      const u = r.pick(units);
      const at = r.int(u.length + 1);
      i[3] = r.chance(0.8) ? u.slice(0, at) + r.pick(TRICKY) + u.slice(at) : u;
    }
    if (r.chance(0.2)) i[1] = i[1] === '1' ? '0' : '1';
    if (r.chance(0.3)) i[4] = String(r.int(3));
  }
  for (const c of candidates) {
    if (r.chance(0.15)) c[2] = c[2] ? '' : 'NOT_ACTIVE';
    if (r.chance(0.1)) c[3] = r.pick(['', ' ', '\u3000', '\uFEFF']); // blank after normalisation: never matches
  }
  // Conflicts on the edge of the window's first day, and new ones.
  const day = params.windowStart;
  for (const c of conflicts) if (r.chance(0.5)) [c[2], c[3]] = r.pick([[day, day], ['2020-01-01', day], [day, ''], ['2099-01-01', '']]);
  for (let k = 0; k < 3 && inspectors.length && candidates.length; k++) conflicts.push([r.pick(inspectors)[0], r.pick(candidates)[0], r.pick(['2020-01-01', day]), r.pick(['', day, '2020-12-31'])]);
  // Parameters.
  params.teamSize = 2 + r.int(3);
  params.taskCapPerInspector = r.chance(0.5) ? null : 1 + r.int(3);
  params.recusalRules = { declaredConflict: r.chance(0.8), sameSupervisingUnit: r.chance(0.8), lastInspector: r.chance(0.8) };
  params.sampling = Object.fromEntries((['A', 'B', 'C', 'D'] as const).map((s) => [s, r.chance(0.5) ? { count: r.int(8) } : { ratioBasisPoints: r.pick([0, 1, 333, 2550, 5000, 9999, 10000, r.int(10001)]) }])) as FrozenParameters['sampling'];
  const texts = { candidates: untable(candidates), inspectors: untable(inspectors), conflicts: untable(conflicts) };
  params.conflictsHash = sha256(texts.conflicts);
  const frozen = parametersSnapshot(params);
  const hashes = { candidatePoolHash: sha256(texts.candidates), inspectorPoolHash: sha256(texts.inspectors), parametersHash: frozen.hash };
  const input = () => drawInputFrom(params, texts, hashes, base.randomness.randomness);
  const result = draw(input());
  // Substitutions: one for a random filled team, when someone is left to join.
  const substitutions: Substitution[] = [];
  const filled = result.teams.filter((t) => t.filled);
  if (filled.length) {
    const team = r.pick(filled);
    const sub = drawSubstitute(input(), result, [], { uscc: team.uscc, department: team.department, leaving: r.pick(team.members).certificateNumber, reason: '因病不能参加', at: '2026-12-01T00:00:00.000Z' });
    if (sub.joining) substitutions.push(sub);
  }
  return { ...base, ...texts, ...hashes, parametersJson: frozen.json, seed: result.seed, result, substitutions };
}

describe('the two verifiers agree on inputs the fixtures do not have', () => {
  jest.setTimeout(300_000);

  it('tools/verify_draw.py re-computes 40 altered draws exactly as the TypeScript draw does', async () => {
    const bases = ['strata-recusals.json', 'exclusions.json', 'joint.json', 'substitutions.json'].map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as Transcript);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-agree-'));
    const files: string[] = [];
    let skipsWithTricky = 0;
    for (let n = 0; n < 40; n++) {
      const t = variant(bases[n % bases.length], n + 1);
      expect(verifyTranscript(t)).toEqual({ ok: true });
      skipsWithTricky += t.result.teams.flatMap((x) => x.skips).filter((s) => s.reasons.includes('SAME_SUPERVISING_UNIT')).length;
      // Its publication record, as it would have been published for these inputs (kept in a file of its own).
      const params = JSON.parse(t.parametersJson) as { conflictsHash: string };
      const record = { ...t.publication!, parametersHash: t.parametersHash, candidatePoolHash: t.candidatePoolHash, inspectorPoolHash: t.inspectorPoolHash, conflictsHash: params.conflictsHash };
      files.push(path.join(dir, `${n}.json`));
      fs.writeFileSync(files[n], JSON.stringify({ ...t, publication: record }));
      fs.writeFileSync(`${files[n]}.publication.json`, JSON.stringify(record));
    }
    expect(skipsWithTricky).toBeGreaterThan(0);
    for (let i = 0; i < files.length; i += 6) {
      const outcomes = await Promise.all(
        files.slice(i, i + 6).map((f) =>
          run('python3', [path.join(ROOT, 'tools', 'verify_draw.py'), f, '--publication', `${f}.publication.json`], { encoding: 'utf8' }).then(
            (x) => ({ f, code: 0, out: x.stdout }),
            (e: { code: number; stdout: string }) => ({ f, code: e.code, out: e.stdout }),
          ),
        ),
      );
      for (const o of outcomes) expect(o).toEqual({ f: o.f, code: 0, out: expect.stringMatching(/^OK: /) });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
