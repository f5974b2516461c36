import { createHash } from 'node:crypto';
import { anchorFrom, verifyAnchor } from './anchor';
import { chainFromInfo, QUICKNET, roundAt, roundTime } from './drand';
import { publicationRecord, redrawAnnouncement } from './publication-record';
import { fixRandomness } from './randomness';
import type { RandomnessSpec, Transcript } from './transcript';
import { canonicalJson } from '../plans/snapshot';
import { selectionProbabilities } from '../plans/probabilities';

const PUBLISHED = Date.parse('2026-12-20T02:00:00.000Z');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

describe('fixing the randomness at publication', () => {
  const event = (aheadMs: number, name = '中国体育彩票排列5 第26330期开奖号码') => ({ name, at: new Date(PUBLISHED + aheadMs).toISOString() });

  it('commit-reveal needs a named event at least the margin ahead, and at most 90 days', () => {
    expect(code(() => fixRandomness({ source: 'commit-reveal' }, PUBLISHED, QUICKNET))).toBe('EVENT_REQUIRED');
    expect(code(() => fixRandomness({ source: 'commit-reveal', event: event(59_000) }, PUBLISHED, QUICKNET))).toBe('EVENT_NOT_IN_FUTURE');
    expect(code(() => fixRandomness({ source: 'commit-reveal', event: event(91 * 86_400_000) }, PUBLISHED, QUICKNET))).toBe('EVENT_TOO_FAR');
    const fixed = fixRandomness({ source: 'commit-reveal', event: event(60_000), witnessCommitments: [{ label: '公证处', commitment: 'AB'.repeat(32) }] }, PUBLISHED, QUICKNET);
    expect(fixed.spec).toEqual({ source: 'commit-reveal', commitment: sha256Hex(fixed.columns.commitSecret!), event: event(60_000), witnesses: [{ label: '公证处', commitment: 'ab'.repeat(32) }] });
  });

  it('a drand round at least the margin ahead, on the configured chain; a redraw never reuses a round or an event', () => {
    const early = roundAt(QUICKNET, PUBLISHED / 1000 + 58); // its time is < 60 s ahead
    expect(code(() => fixRandomness({ source: 'drand-quicknet', round: early }, PUBLISHED, QUICKNET))).toBe('ROUND_NOT_IN_FUTURE');
    const fixed = fixRandomness({ source: 'drand-quicknet', round: early + 2 }, PUBLISHED, QUICKNET);
    expect(fixed.spec).toEqual({ source: 'drand-quicknet', chainHash: QUICKNET.chainHash, round: early + 2 });
    expect(code(() => fixRandomness({ source: 'drand-quicknet', round: early + 2 }, PUBLISHED, QUICKNET, [fixed.spec]))).toBe('RANDOMNESS_REUSED');
    const first = fixRandomness({ source: 'commit-reveal', event: event(120_000) }, PUBLISHED, QUICKNET).spec;
    expect(code(() => fixRandomness({ source: 'commit-reveal', event: event(86_400_000) }, PUBLISHED, QUICKNET, [first]))).toBe('RANDOMNESS_REUSED');
    expect(code(() => fixRandomness({ source: 'commit-reveal', event: event(86_400_000, '第26331期') }, PUBLISHED, QUICKNET, [first]))).toBe('no error');
  });

  it('reads a chain from drand /info JSON and refuses other schemes', () => {
    const info = { public_key: QUICKNET.publicKey, period: 3, genesis_time: QUICKNET.genesisTime, hash: QUICKNET.chainHash, schemeID: 'bls-unchained-g1-rfc9380' };
    expect(chainFromInfo(info)).toEqual(QUICKNET);
    expect(() => chainFromInfo({ ...info, schemeID: 'pedersen-bls-chained' })).toThrow(/scheme/);
  });
});

function sha256Hex(secretHex: string): string {
  return createHash('sha256').update(Buffer.from(secretHex, 'hex')).digest('hex');
}

describe('verifyAnchor', () => {
  const params = (randomness: RandomnessSpec) => JSON.stringify({ conflictsHash: sha(''), randomness });
  const transcript = (randomness: RandomnessSpec, createdAt: string, extra: Partial<Transcript> = {}): Transcript =>
    ({ planId: 'p', parametersJson: params(randomness), parametersHash: sha(params(randomness)), candidatePoolHash: 'c', inspectorPoolHash: 'i', createdAt, ...extra }) as Transcript;
  const record = (randomness: RandomnessSpec, publishedAt = new Date(PUBLISHED).toISOString()) =>
    publicationRecord({ planId: 'p', publishedAt, algorithm: 'draw-v1', parametersHash: sha(params(randomness)), candidatePoolHash: 'c', inspectorPoolHash: 'i', conflictsHash: sha(''), randomness }, QUICKNET);
  const round = roundAt(QUICKNET, PUBLISHED / 1000 + 600);
  const drand: RandomnessSpec = { source: 'drand-quicknet', chainHash: QUICKNET.chainHash, round };
  const after = new Date(roundTime(QUICKNET, round) * 1000 + 1000).toISOString();

  it('accepts the published inputs drawn after the round', () => {
    expect(verifyAnchor(transcript(drand, after), { publication: record(drand), redraws: [] }, [QUICKNET])).toEqual({ ok: true });
  });

  it('names a changed input, a draw before the round, a round within the margin, an unbound entropy', () => {
    const anchor = { publication: record(drand), redraws: [] };
    expect(verifyAnchor(transcript(drand, after, { candidatePoolHash: 'x' }), anchor, [QUICKNET])).toMatchObject({ ok: false, difference: expect.stringContaining('candidatePoolHash: published c') });
    expect(verifyAnchor(transcript(drand, new Date(PUBLISHED + 1000).toISOString()), anchor, [QUICKNET])).toMatchObject({ ok: false, difference: expect.stringContaining('happened before its randomness existed') });
    const near: RandomnessSpec = { ...drand, round: roundAt(QUICKNET, PUBLISHED / 1000 + 30) };
    expect(verifyAnchor(transcript(near, after), { publication: record(near), redraws: [] }, [QUICKNET])).toMatchObject({ ok: false, difference: expect.stringContaining('does not lie 60 s after the publication') });
    const bare: RandomnessSpec = { source: 'commit-reveal', commitment: 'ab'.repeat(32) };
    expect(verifyAnchor(transcript(bare, after), { publication: record(bare), redraws: [] }, [QUICKNET])).toMatchObject({ ok: false, difference: expect.stringContaining('not bound in advance') });
    expect(verifyAnchor(transcript(drand, after), anchor, [])).toMatchObject({ ok: false, difference: expect.stringContaining('unknown drand chain') });
  });

  it('finds a plan\'s record in a record, an anchor document, or the open-data rows; redraws need their announcement', () => {
    const p = record(drand);
    const later = { source: 'drand-quicknet' as const, chainHash: QUICKNET.chainHash, round: round + 10_000 };
    const redraw = { id: 'r', replacedDrawId: 'd', reason: '见证人未到场', requestedAt: after, randomness: later };
    const announced = redrawAnnouncement('p', redraw, QUICKNET);
    const rows = [p, announced].map((r) => ({ kind: 'x', record: canonicalJson(r) }));
    expect(anchorFrom(p, 'p')).toEqual({ publication: p, redraws: [] });
    expect(anchorFrom({ publication: p, redraws: [announced] }, 'p')).toEqual({ publication: p, redraws: [announced] });
    expect(anchorFrom(rows, 'p')).toEqual({ publication: p, redraws: [announced] });
    expect(anchorFrom(rows, 'other')).toBeNull();
    const drawnAfter = new Date(roundTime(QUICKNET, round + 10_000) * 1000).toISOString();
    expect(verifyAnchor(transcript(drand, drawnAfter, { redraw }), { publication: p, redraws: [announced] }, [QUICKNET])).toEqual({ ok: true });
    expect(verifyAnchor(transcript(drand, drawnAfter, { redraw }), { publication: p, redraws: [] }, [QUICKNET])).toMatchObject({ ok: false, difference: expect.stringContaining('was not announced') });
    const reused = { ...redraw, randomness: drand };
    expect(verifyAnchor(transcript(drand, drawnAfter, { redraw: reused }), { publication: p, redraws: [redrawAnnouncement('p', reused, QUICKNET)] }, [QUICKNET])).toMatchObject({ ok: false, difference: expect.stringContaining('must name a new round or event') });
  });
});

describe('selection probabilities', () => {
  it('gives each eligible candidate its class quota over the eligible count, and excluded ones 0', () => {
    const text = ['1\tA\t\t\t', '2\tA\t\t\t', '3\tA\tNOT_ACTIVE\t\t', '4\tB\t\t\t'].map((l) => l + '\n').join('');
    const sampling = { A: { count: 1 }, B: { ratioBasisPoints: 0 }, C: { count: 0 }, D: { count: 0 } };
    expect(selectionProbabilities({ sampling, rounding: 'largest-remainder-min1' } as never, text)).toBe(
      ['1\tA\t\t1/2\t0.500000', '2\tA\t\t1/2\t0.500000', '3\tA\tNOT_ACTIVE\t0/2\t0.000000', '4\tB\t\t0/1\t0.000000'].map((l) => l + '\n').join(''),
    );
  });
});
