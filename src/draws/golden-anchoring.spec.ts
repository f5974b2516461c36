/**
 * The golden fixtures anchored: every transcript of test/fixtures/draws matches the publication
 * record kept beside it (<name>.publication.json, as a citizen would have kept it), for the
 * TypeScript verifier (anchor.ts) and the Python one (tools/verify_draw.py --publication); both
 * refuse the same altered records and times, naming the same first difference, and neither says OK
 * without a record (exit 3, UNANCHORED).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Anchor, anchorFrom, verifyAnchor } from './anchor';
import { QUICKNET } from './drand';
import type { Transcript } from './transcript';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, 'test', 'fixtures', 'draws');
const index = JSON.parse(fs.readFileSync(path.join(DIR, 'index.json'), 'utf8')) as { file: string; replaced: string[]; publication: string }[];
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Transcript;
const kept = (e: { file: string; publication: string }) => anchorFrom(JSON.parse(fs.readFileSync(path.join(DIR, e.publication), 'utf8')), load(e.file).planId)!;
const run = promisify(execFile);
const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

async function python(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('python3', [path.join(ROOT, 'tools', 'verify_draw.py'), ...args], { encoding: 'utf8' });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

/** Altered anchors (the record kept, or the transcript's times), each refused by both. */
const ALTERATIONS: Record<string, (t: Transcript, a: Anchor) => { t: Transcript; a: Anchor } | null> = {
  'a candidate hash': (t, a) => ({ t, a: { ...a, publication: { ...a.publication, candidatePoolHash: 'f'.repeat(64) } } }),
  'the conflicts hash': (t, a) => ({ t, a: { ...a, publication: { ...a.publication, conflictsHash: '0'.repeat(64) } } }),
  'the randomness rule': (t, a) => ({ t, a: { ...a, publication: { ...a.publication, randomness: a.publication.randomness.source === 'drand-quicknet' ? { ...a.publication.randomness, round: a.publication.randomness.round + 1 } : { ...a.publication.randomness, commitment: 'e'.repeat(64) } } } }),
  'published later than the transcript says': (t, a) => ({ t, a: { ...a, publication: { ...a.publication, publishedAt: shift(a.publication.publishedAt, 1000) } } }),
  // The transcript and both records say the plan was published after its randomness was known (a round of the past).
  'randomness known at publication': (t, a) => {
    const publishedAt = shift(a.publication.drawNotBefore, -30_000);
    const publication = { ...a.publication, publishedAt };
    return t.redraw ? null : { t: { ...t, publishedAt, publication }, a: { ...a, publication } };
  },
  'drawn before its randomness existed': (t, a) => (t.redraw ? null : { t: { ...t, createdAt: shift(a.publication.drawNotBefore, -1) }, a }),
  'a redraw not announced': (t, a) => (t.redraw ? { t, a: { ...a, redraws: a.redraws.filter((r) => r.id !== t.redraw!.id) } } : null),
  'a redraw announced with another reason': (t, a) => (t.redraw ? { t, a: { ...a, redraws: a.redraws.map((r) => (r.id === t.redraw!.id ? { ...r, reason: `${r.reason}（改）` } : r)) } } : null),
};

describe('golden fixtures anchored to their kept publication records', () => {
  jest.setTimeout(300_000);

  it.each(index.map((e) => [e.file, e] as const))('%s: the TypeScript verifier anchors it and its replaced draws', (_file, e) => {
    const anchor = kept(e);
    for (const f of [e.file, ...e.replaced]) expect(verifyAnchor(load(f), anchor, [QUICKNET])).toEqual({ ok: true });
  });

  it('both verifiers refuse every altered anchor with the same first difference', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-anchor-golden-'));
    const cases: { name: string; file: string; args: string[]; expected: string }[] = [];
    // A drand fixture costs a pairing per Python run: one drand and the commit-reveal ones.
    for (const e of index) {
      const t = load(e.file);
      if (t.randomness.source === 'drand-quicknet' && e.file !== 'redraw-3-drand.json' && e.file !== 'drand.json') continue;
      for (const [name, alter] of Object.entries(ALTERATIONS)) {
        const altered = alter(t, kept(e));
        if (!altered) continue;
        const verdict = verifyAnchor(altered.t, altered.a, [QUICKNET]);
        expect({ file: e.file, name, ok: verdict.ok }).toEqual({ file: e.file, name, ok: false });
        const tFile = path.join(dir, `${cases.length}.t.json`);
        const aFile = path.join(dir, `${cases.length}.a.json`);
        fs.writeFileSync(tFile, JSON.stringify(altered.t));
        fs.writeFileSync(aFile, JSON.stringify({ publication: altered.a.publication, redraws: altered.a.redraws }));
        const difference = verdict.ok ? '' : verdict.difference;
        cases.push({ name, file: e.file, args: [tFile, ...e.replaced.map((f) => path.join(DIR, f)), '--publication', aFile], expected: `DIFFERENCE: against the publication record (${aFile}): ${difference}` });
      }
    }
    expect(cases.length).toBeGreaterThan(60);
    for (let i = 0; i < cases.length; i += 6) {
      const batch = cases.slice(i, i + 6);
      const results = await Promise.all(batch.map((c) => python(c.args)));
      results.forEach((r, j) => expect({ ...batch[j], code: r.code, stdout: r.stdout.trimEnd() }).toEqual({ ...batch[j], code: 1, stdout: batch[j].expected }));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Python: UNANCHORED (exit 3) without a record, or with a source that holds none for the plan; usage errors exit 2', async () => {
    const e = index.find((x) => x.file === 'strata-recusals.json')!;
    expect(await python([path.join(DIR, e.file)])).toMatchObject({ code: 3, stdout: expect.stringMatching(/^UNANCHORED: .*no publication record was given/) });
    const other = index.find((x) => x.file === 'joint.json')!;
    expect(await python([path.join(DIR, e.file), '--publication', path.join(DIR, other.publication)])).toMatchObject({ code: 3, stdout: expect.stringMatching(/^UNANCHORED: .*holds no publication record of plan/) });
    // The open-data file's shape (rows with the record as text) is read as well.
    const feed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssgk-feed-')), 'publication_records.json');
    const record = kept(e).publication;
    fs.writeFileSync(feed, JSON.stringify([{ kind: 'plan', plan_id: record.planId, record: JSON.stringify(record) }]));
    expect(await python([path.join(DIR, e.file), '--publication', feed])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: /) });
    fs.rmSync(path.dirname(feed), { recursive: true, force: true });
    expect(await python([path.join(DIR, e.file), '--publication'])).toMatchObject({ code: 2 });
  });
});
