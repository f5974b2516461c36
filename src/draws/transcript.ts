/**
 * The public transcript of a draw and its independent verification. Pure: a citizen's verifier
 * (npm run verify-draw) runs exactly this on a downloaded transcript, trusting nothing else.
 */
import { createHash } from 'node:crypto';
import { chainOf, DrandChain, QUICKNET, roundTime, verifyRound } from './drand';
import { Candidate, draw, DrawInput, DrawResult, lp, PoolInspector, Stratum, StratumRule } from './draw-v1';
import { drawSubstitute, Substitution } from './substitution';
import type { PublicationRecord } from './publication-record';

export const TRANSCRIPT_FORMAT = 'ssgk-draw-transcript-v1';

export type RandomnessProof =
  | { source: 'drand-quicknet'; chainHash: string; round: number; signature: string; randomness: string }
  | { source: 'commit-reveal'; commitment: string; secret: string; witnessEntropy: string; witnessReveals?: string[]; randomness: string };

/** The public event named at publication whose result is the commit-reveal entropy (e.g. a lottery draw). */
export interface PublicEvent {
  /** What it is, precisely enough to look up (e.g. 中国体育彩票排列5 第26330期开奖号码). */
  name: string;
  /** When its result becomes public (ISO 8601 UTC): the draw is refused before. */
  at: string;
  /** Where anyone can check the official result. */
  checkUrl?: string;
}

/** A witness's commitment, published with the plan: SHA-256 of the UTF-8 bytes of the value revealed at the draw. */
export interface WitnessCommitment {
  label: string;
  commitment: string;
}

/**
 * The randomness fixed at publication (or at a redraw request). event and witnesses: plans published
 * since the publication record (absent on older plans, whose commit-reveal entropy was not bound).
 */
export type RandomnessSpec =
  | { source: 'drand-quicknet'; chainHash: string; round: number }
  | { source: 'commit-reveal'; commitment: string; event?: PublicEvent; witnesses?: WitnessCommitment[] };

/** A redraw's public record: why, which draw it replaces, and the randomness fixed when it was requested. */
export interface RedrawRecord {
  id: string;
  replacedDrawId: string;
  reason: string;
  requestedAt: string;
  randomness: RandomnessSpec;
}

export interface Transcript {
  format: typeof TRANSCRIPT_FORMAT;
  drawId: string;
  planId: string;
  /** Present when this draw replaced another: its randomness is the redraw's, not the plan's. */
  redraw?: RedrawRecord;
  /** Present when a later redraw replaced this draw (informational: the draw itself still verifies). */
  supersededBy?: RedrawRecord;
  parametersJson: string;
  parametersHash: string;
  candidates: string;
  candidatePoolHash: string;
  inspectors: string;
  inspectorPoolHash: string;
  conflicts: string;
  randomness: RandomnessProof;
  seed: string;
  result: DrawResult;
  /** Members replaced after the draw, each by the next inspector of the team's sequence. */
  substitutions?: Substitution[];
  createdAt: string;
  /** When the plan was published (ISO 8601 UTC); present since publication records (additive). */
  publishedAt?: string;
  /** The plan's publication record as the server holds it; a verifier compares it with one kept elsewhere. */
  publication?: PublicationRecord;
}

/** The parameters a plan freezes, as the draw reads them. */
export interface FrozenParameters {
  algorithm: string;
  planId: string;
  departmentId: string;
  /** Sorted; each sends its own team to every target. */
  jointDepartmentIds: string[];
  domain: string;
  sampling: Record<Stratum, StratumRule>;
  rounding: 'largest-remainder-min1';
  teamSize: number;
  taskCapPerInspector: number | null;
  windowStart: string;
  recusalRules: { declaredConflict: boolean; sameSupervisingUnit: boolean; lastInspector: boolean };
  conflictsHash: string;
  randomness: RandomnessSpec;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Commit-reveal randomness: SHA-256(lp("ssgk-commit-reveal") ‖ lp(secret) ‖ lp(witness entropy)),
 * followed by lp(reveal) for each committed witness value, in the commitments' order (none: unchanged).
 */
export function commitRevealRandomness(secretHex: string, witnessEntropy: string, witnessReveals: string[] = []): string {
  return sha256(Buffer.concat([lp('ssgk-commit-reveal'), lp(Buffer.from(secretHex, 'hex')), lp(witnessEntropy), ...witnessReveals.map((v) => lp(v))]));
}

/** A witness's commitment to the value they reveal at the draw: SHA-256 of its UTF-8 bytes. */
export function witnessCommitment(value: string): string {
  return sha256(Buffer.from(value, 'utf8'));
}

/**
 * The candidates of a snapshot text, parsed line by line each time they are iterated: a million
 * candidates never exist as objects at once (the draw reads them twice).
 */
export function parseCandidates(text: string): Iterable<Candidate> {
  if (text !== '' && !text.endsWith('\n')) throw new Error('snapshot text must end with LF');
  return { [Symbol.iterator]: () => new CandidateLines(text) };
}

/** A plain iterator (cheaper than a generator): fields found by indexOf, as this runs twice per candidate. */
class CandidateLines implements Iterator<Candidate> {
  private at = 0;
  constructor(private readonly text: string) {}

  next(): IteratorResult<Candidate> {
    const { text, at } = this;
    if (at >= text.length) return { done: true, value: undefined };
    const end = text.indexOf('\n', at);
    const t1 = text.indexOf('\t', at);
    const t2 = text.indexOf('\t', t1 + 1);
    const t3 = text.indexOf('\t', t2 + 1);
    const t4 = text.indexOf('\t', t3 + 1);
    const t5 = text.indexOf('\t', t4 + 1);
    if (t1 < 0 || t4 < 0 || t4 > end || (t5 !== -1 && t5 < end)) throw new Error(`candidate snapshot line at offset ${at} does not have 5 fields`);
    this.at = end + 1;
    const excluded = text.slice(t2 + 1, t3);
    const unit = text.slice(t3 + 1, t4);
    const last = text.slice(t4 + 1, end);
    return { done: false, value: { uscc: text.slice(at, t1), stratum: text.slice(t1 + 1, t2) as Stratum, excluded: excluded || null, supervisingUnit: unit || null, lastInspectors: last ? last.split(',') : NO_INSPECTORS } };
  }
}

const NO_INSPECTORS: string[] = Object.freeze([]) as unknown as string[];

export function parseInspectors(text: string): PoolInspector[] {
  return lines(text).map((l) => {
    const [certificateNumber, eligible, domains, unit, tasks, department] = fields(l, 6, 'inspector');
    return { certificateNumber, department, eligible: eligible === '1', domains: domains ? domains.split(',') : [], unit: unit || null, existingTasks: Number(tasks) };
  });
}

export function parseConflicts(text: string): DrawInput['conflicts'] {
  return lines(text).map((l) => {
    const [certificateNumber, uscc, validFrom, validUntil] = fields(l, 4, 'conflict');
    return { certificateNumber, uscc, validFrom, validUntil: validUntil || null };
  });
}

/** A line's TAB-separated fields; exactly `count` of them (the specification's rule, as for candidates). */
function fields(line: string, count: number, kind: string): string[] {
  const f = line.split('\t');
  if (f.length !== count) throw new Error(`${kind} snapshot line does not have ${count} fields`);
  return f;
}

function lines(text: string): string[] {
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error('snapshot text must end with LF');
  return text.slice(0, -1).split('\n');
}

/** The draw's input, built from the frozen texts only (the service and the verifier share this). */
export function drawInputFrom(params: FrozenParameters, texts: { candidates: string; inspectors: string; conflicts: string }, hashes: { candidatePoolHash: string; inspectorPoolHash: string; parametersHash: string }, randomness: string): DrawInput {
  return {
    planId: params.planId,
    candidatePoolHash: hashes.candidatePoolHash,
    inspectorPoolHash: hashes.inspectorPoolHash,
    parametersHash: hashes.parametersHash,
    randomness,
    candidates: parseCandidates(texts.candidates),
    inspectors: parseInspectors(texts.inspectors),
    conflicts: parseConflicts(texts.conflicts),
    parameters: {
      sampling: params.sampling,
      rounding: params.rounding,
      teamSize: params.teamSize,
      domain: params.domain,
      recusal: params.recusalRules,
      taskCap: params.taskCapPerInspector,
      date: params.windowStart,
      departments: [params.departmentId, ...params.jointDepartmentIds],
    },
  };
}

/**
 * ok: the transcript is consistent with its own published inputs. For a redraw, `unanchored` says
 * what could not be checked from this document alone: that its randomness was announced, with
 * the reason, on the draw it replaces — check that with verifyRedrawLink on the replaced transcript.
 */
export type Verdict = { ok: true; unanchored?: string } | { ok: false; difference: string };

/**
 * Recomputes everything from the transcript; reports the first difference found. drand rounds are
 * verified against a known chain: quicknet, or one the verifier was given (never one the transcript names).
 */
export function verifyTranscript(t: Transcript, chains: readonly DrandChain[] = [QUICKNET]): Verdict {
  const fail = (difference: string): Verdict => ({ ok: false, difference });
  if (t.format !== TRANSCRIPT_FORMAT) return fail(`unknown transcript format ${String(t.format)}`);
  if (sha256(t.parametersJson) !== t.parametersHash) return fail('parametersHash does not match the parameters text');
  const params = JSON.parse(t.parametersJson) as FrozenParameters;
  if (params.algorithm !== 'draw-v1') return fail(`unsupported algorithm ${params.algorithm}`);
  if (params.planId !== t.planId) return fail('planId differs from the parameters');
  if (sha256(t.candidates) !== t.candidatePoolHash) return fail('candidatePoolHash does not match the candidate snapshot');
  if (sha256(t.inspectors) !== t.inspectorPoolHash) return fail('inspectorPoolHash does not match the inspector snapshot');
  if (sha256(t.conflicts) !== params.conflictsHash) return fail('conflictsHash does not match the conflict snapshot');

  // A redraw uses the randomness fixed when it was requested (after the replaced draw), not the plan's.
  if (t.redraw) {
    if (typeof t.redraw.replacedDrawId !== 'string' || !t.redraw.replacedDrawId || typeof t.redraw.reason !== 'string' || t.redraw.reason.trim().length < 4) return fail('a redraw must name the draw it replaces and a reason');
    if (!isIsoTime(t.redraw.requestedAt)) return fail('the redraw has no valid requestedAt time');
  }
  const r = t.randomness;
  const fixed = t.redraw ? t.redraw.randomness : params.randomness;
  const chain = fixed.source === 'drand-quicknet' ? chainOf(chains, fixed.chainHash) : undefined;
  if (fixed.source === 'drand-quicknet' && !chain) return fail(`unknown drand chain ${fixed.chainHash} (give the verifier its chain info)`);
  if (t.redraw && fixed.source === 'drand-quicknet' && !(roundTime(chain!, fixed.round) * 1000 > Date.parse(t.redraw.requestedAt))) {
    return fail('the redraw\'s drand round was not in the future when the redraw was requested');
  }
  if (r.source !== fixed.source) return fail(`randomness source ${r.source} is not the published ${fixed.source}`);
  if (r.source === 'drand-quicknet' && fixed.source === 'drand-quicknet') {
    if (r.round !== fixed.round || r.chainHash !== fixed.chainHash) return fail('drand chain or round differs from the published one');
    const check = verifyRound(chain!, r.round, r.signature);
    if (!check.ok) return fail(`drand signature invalid (${check.reason})`);
    if (check.randomness !== r.randomness) return fail('randomness is not SHA-256 of the signature');
  } else if (r.source === 'commit-reveal' && fixed.source === 'commit-reveal') {
    if (typeof r.secret !== 'string' || !/^[0-9a-f]{64}$/.test(r.secret)) return fail('the revealed secret is not 64 lower-case hex characters');
    if (sha256(Buffer.from(r.secret, 'hex')) !== fixed.commitment) return fail('revealed secret does not match the published commitment');
    const committed = fixed.witnesses ?? [];
    const reveals = r.witnessReveals ?? [];
    if (reveals.length !== committed.length) return fail(`${committed.length} witness commitments were published, ${reveals.length} values revealed`);
    for (let i = 0; i < committed.length; i++) {
      if (typeof reveals[i] !== 'string' || witnessCommitment(reveals[i]) !== committed[i].commitment) return fail(`witness ${i + 1} (${committed[i].label}): the revealed value does not match the published commitment`);
    }
    if (commitRevealRandomness(r.secret, r.witnessEntropy, reveals) !== r.randomness) return fail('randomness does not follow from the secret and the witnesses\' entropy');
  }

  let result: DrawResult;
  try {
    result = draw(drawInputFrom(params, t, t, r.randomness));
  } catch (err) {
    return fail(`the published inputs cannot be drawn: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (result.seed !== t.seed) return fail(`seed differs: expected ${result.seed}`);
  const verdict = firstDifference(result, t.result, 'result');
  if (verdict.ok) {
    const subs = t.substitutions ?? [];
    for (let i = 0; i < subs.length; i++) {
      let expected: Substitution;
      try {
        const { uscc, department, leaving, reason, at } = subs[i];
        expected = drawSubstitute(drawInputFrom(params, t, t, r.randomness), result, subs.slice(0, i), { uscc, department, leaving, reason, at });
      } catch (err) {
        return fail(`substitutions[${i}] is not possible: ${err instanceof Error ? err.message : String(err)}`);
      }
      const d = firstDifference(expected, subs[i], `substitutions[${i}]`);
      if (!d.ok) return d;
    }
  }
  if (verdict.ok && t.redraw) {
    return { ok: true, unanchored: `redraw ${t.redraw.id}: its randomness was announced on draw ${t.redraw.replacedDrawId}; verify that draw's transcript and the link (verify-draw does this for a URL)` };
  }
  return verdict;
}

/**
 * A redraw's anchor: the draw it replaces (itself verified) is of the same plan and frozen inputs,
 * and names this very redraw — same id, reason, time and randomness — as what superseded it, and
 * the redraw was requested after that draw.
 */
export function verifyRedrawLink(redrawn: Transcript, replaced: Transcript): Verdict {
  const fail = (difference: string): Verdict => ({ ok: false, difference });
  if (!redrawn.redraw) return fail('not a redraw');
  if (replaced.drawId !== redrawn.redraw.replacedDrawId) return fail(`the replaced transcript is draw ${replaced.drawId}, not ${redrawn.redraw.replacedDrawId}`);
  for (const key of ['planId', 'parametersHash', 'candidatePoolHash', 'inspectorPoolHash'] as const) {
    if (replaced[key] !== redrawn[key]) return fail(`${key} of the replaced draw differs`);
  }
  if (!replaced.supersededBy) return fail('the replaced draw does not record being superseded');
  const link = firstDifference(redrawn.redraw, replaced.supersededBy, 'supersededBy');
  if (!link.ok) return link;
  if (!(Date.parse(redrawn.redraw.requestedAt) > Date.parse(replaced.createdAt))) return fail('the redraw was requested before the draw it replaces');
  return { ok: true };
}

function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) && Number.isFinite(Date.parse(value));
}

/**
 * Walks both values together and names the first path where they differ (keys in sorted order).
 * A direct walk, not a comparison of serialisations: a large draw's result has hundreds of
 * thousands of objects.
 */
function firstDifference(expected: unknown, actual: unknown, path: string): Verdict {
  const differ = (): Verdict => ({ ok: false, difference: `${path}: expected ${JSON.stringify(expected)}, transcript has ${JSON.stringify(actual)}` });
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return differ();
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (!d.ok) return d;
    }
    return { ok: true };
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])].filter((k) => e[k] !== undefined || a[k] !== undefined).sort();
    for (const k of keys) {
      const d = firstDifference(e[k], a[k], `${path}.${k}`);
      if (!d.ok) return d;
    }
    return { ok: true };
  }
  return expected === actual ? { ok: true } : differ();
}
