/**
 * Anchoring a transcript to what was published before the draw. verifyTranscript shows a transcript
 * is consistent with itself — which a forger can also achieve by recomputing everything. This
 * compares it with the publication record (and redraw records) taken from elsewhere: a file kept
 * at publication, or the open-data file of the publishing site. Pure: no framework imports.
 */
import { chainOf, DrandChain, roundTime } from './drand';
import { FrozenParameters, RandomnessSpec, Transcript, Verdict } from './transcript';
import { PUBLICATION_MARGIN_SECONDS, PUBLICATION_RECORD_FORMAT, PublicationRecord, randomnessName, REDRAW_RECORD_FORMAT, RedrawAnnouncement } from './publication-record';
import { canonicalJson } from '../plans/snapshot';

export interface Anchor {
  publication: PublicationRecord;
  redraws: RedrawAnnouncement[];
}

/**
 * The anchor of a plan from a document in one of three shapes: a publication record; `{ publication,
 * redraws }`; or the open-data file publication_records.json (rows with the record as JSON text).
 * null when the document holds no publication record of the plan.
 */
export function anchorFrom(doc: unknown, planId: string): Anchor | null {
  const records: unknown[] = [];
  if (Array.isArray(doc)) {
    for (const row of doc as { record?: unknown }[]) records.push(typeof row?.record === 'string' ? JSON.parse(row.record) : row);
  } else if (doc && typeof doc === 'object' && 'publication' in doc) {
    const d = doc as { publication: unknown; redraws?: unknown[] };
    records.push(d.publication, ...(d.redraws ?? []));
  } else records.push(doc);
  const ofPlan = records.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object' && (r as { planId?: unknown }).planId === planId);
  const publication = ofPlan.find((r) => r.format === PUBLICATION_RECORD_FORMAT) as PublicationRecord | undefined;
  if (!publication) return null;
  return { publication, redraws: ofPlan.filter((r) => r.format === REDRAW_RECORD_FORMAT) as unknown as RedrawAnnouncement[] };
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const ms = (iso: string) => Date.parse(iso);

/**
 * Checks, for a transcript that verifyTranscript accepted: its inputs and randomness rule are those
 * published; the drand round / named event lies at least the margin after the publication (or redraw
 * request) and the draw after it; a redraw was announced, after the publication, naming a new round
 * or event. The first failed check is named.
 */
export function verifyAnchor(t: Transcript, anchor: Anchor, chains: readonly DrandChain[]): Verdict {
  const fail = (difference: string): Verdict => ({ ok: false, difference });
  const p = anchor.publication;
  if (p.format !== PUBLICATION_RECORD_FORMAT) return fail(`unknown publication record format ${String(p.format)}`);
  if (p.planId !== t.planId) return fail(`the publication record is of plan ${p.planId}, not ${t.planId}`);
  if (!Number.isFinite(ms(p.publishedAt))) return fail('the publication record has no valid publishedAt');
  const params = JSON.parse(t.parametersJson) as FrozenParameters;
  const inputs: [keyof PublicationRecord, string][] = [
    ['parametersHash', t.parametersHash],
    ['candidatePoolHash', t.candidatePoolHash],
    ['inspectorPoolHash', t.inspectorPoolHash],
    ['conflictsHash', params.conflictsHash],
  ];
  for (const [key, actual] of inputs) {
    if (p[key] !== actual) return fail(`${key}: published ${String(p[key])}, transcript has ${actual} — the inputs are not those published`);
  }
  if (!same(p.randomness, params.randomness)) return fail(`randomness rule: published ${canonicalJson(p.randomness)}, the parameters have ${canonicalJson(params.randomness)}`);
  if (t.publishedAt !== undefined && t.publishedAt !== p.publishedAt) return fail(`publishedAt: published ${p.publishedAt}, transcript has ${t.publishedAt}`);
  if (t.publication !== undefined && !same(t.publication, p)) return fail('the transcript\'s publication record differs from the one kept elsewhere');

  const timing = checkTiming(p.randomness, p.publishedAt, 'publication', chains);
  if (typeof timing === 'string') return fail(timing);
  let notBefore = timing;
  if (t.redraw) {
    const announced = anchor.redraws.find((r) => r.id === t.redraw!.id);
    if (!announced) return fail(`redraw ${t.redraw.id} was not announced in the records kept elsewhere`);
    const { id, replacedDrawId, reason, requestedAt, randomness } = announced;
    if (!same({ id, replacedDrawId, reason, requestedAt, randomness }, t.redraw)) return fail(`redraw ${t.redraw.id}: the transcript's record differs from the one announced`);
    if (!(ms(requestedAt) > ms(p.publishedAt))) return fail('the redraw was requested before the plan was published');
    const used = [p.randomness, ...anchor.redraws.filter((r) => r.id !== id && ms(r.requestedAt) < ms(requestedAt)).map((r) => r.randomness)].map(randomnessName);
    if (used.includes(randomnessName(randomness))) return fail(`redraw ${id} reuses ${randomnessName(randomness)}: a redraw must name a new round or event`);
    const redrawTiming = checkTiming(randomness, requestedAt, 'redraw request', chains);
    if (typeof redrawTiming === 'string') return fail(redrawTiming);
    notBefore = redrawTiming;
  }
  if (!(ms(t.createdAt) >= notBefore)) return fail(`the draw (${t.createdAt}) happened before its randomness existed (${new Date(notBefore).toISOString()})`);
  return { ok: true };
}

/** The time the randomness became known (ms), or why it does not lie the margin after `fixedAt`. */
function checkTiming(spec: RandomnessSpec, fixedAt: string, what: string, chains: readonly DrandChain[]): number | string {
  const earliest = ms(fixedAt) + PUBLICATION_MARGIN_SECONDS * 1000;
  if (spec.source === 'drand-quicknet') {
    const chain = chainOf(chains, spec.chainHash);
    if (!chain) return `unknown drand chain ${spec.chainHash}`;
    const at = roundTime(chain, spec.round) * 1000;
    if (at < earliest) return `drand round ${spec.round} (${new Date(at).toISOString()}) does not lie ${PUBLICATION_MARGIN_SECONDS} s after the ${what} (${fixedAt}): its value could be known in advance`;
    return at;
  }
  if (!spec.event) return `commit-reveal without a public event named at the ${what}: the entropy was not bound in advance`;
  const at = ms(spec.event.at);
  if (!Number.isFinite(at)) return 'the named event has no valid time';
  if (at < earliest) return `the named event (${spec.event.at}) does not lie ${PUBLICATION_MARGIN_SECONDS} s after the ${what} (${fixedAt})`;
  return at;
}
