/**
 * Fixing the randomness of a draw before it exists: a drand round in the future, or a commitment to
 * a fresh server secret together with the future public event whose result is the entropy (and the
 * witnesses' commitments). Used when a plan is published and when a redraw is requested.
 */
import { createHash, randomBytes } from 'node:crypto';
import { BadRequestError } from '../common/errors';
import { DrandChain, roundAt, roundTime } from './drand';
import { PUBLICATION_MARGIN_SECONDS, randomnessName } from './publication-record';
import type { PublicEvent, RandomnessSpec, WitnessCommitment } from './transcript';

/** How far ahead the default drand round lies, and the least margin for a chosen one (the publication margin). */
export const DEFAULT_ROUND_AHEAD_SECONDS = 15 * 60;
export const MIN_ROUND_AHEAD_SECONDS = PUBLICATION_MARGIN_SECONDS;
/** A round or event further ahead would leave the plan undrawable for months (and such dates overflow). */
export const MAX_ROUND_AHEAD_SECONDS = 90 * 24 * 3600;

export interface RandomnessRequest {
  source: RandomnessSpec['source'];
  round?: number;
  event?: { name: string; at: string; checkUrl?: string };
  witnessCommitments?: WitnessCommitment[];
}

export interface FixedRandomness {
  spec: RandomnessSpec;
  /** What the plan or redraw row stores. */
  columns: { randomnessSource: RandomnessSpec['source']; drandRound: string | null; commitment: string | null; commitSecret: string | null };
}

/**
 * nowMs: the instant of the publication or redraw request (the record states it). used: the
 * randomness the plan already used (a redraw names a new round or event).
 */
export function fixRandomness(req: RandomnessRequest, nowMs: number, chain: DrandChain, used: RandomnessSpec[] = []): FixedRandomness {
  const nowSeconds = Math.ceil(nowMs / 1000);
  if (req.source === 'drand-quicknet') {
    const r = req.round ?? roundAt(chain, nowSeconds + DEFAULT_ROUND_AHEAD_SECONDS);
    if (roundTime(chain, r) > nowSeconds + MAX_ROUND_AHEAD_SECONDS) {
      throw new BadRequestError('ROUND_TOO_FAR', `drand 轮次不能晚于 90 天之后；当前轮次约为 ${roundAt(chain, nowSeconds)}`, [{ field: 'round' }]);
    }
    if (roundTime(chain, r) < nowSeconds + MIN_ROUND_AHEAD_SECONDS) {
      throw new BadRequestError('ROUND_NOT_IN_FUTURE', `drand 轮次必须在未来（至少 ${MIN_ROUND_AHEAD_SECONDS} 秒后）；当前轮次约为 ${roundAt(chain, nowSeconds)}`, [{ field: 'round' }]);
    }
    const spec: RandomnessSpec = { source: 'drand-quicknet', chainHash: chain.chainHash, round: r };
    refuseReuse(spec, used, 'round');
    return { spec, columns: { randomnessSource: 'drand-quicknet', drandRound: String(r), commitment: null, commitSecret: null } };
  }
  if (!req.event) throw new BadRequestError('EVENT_REQUIRED', '委托-揭示方式须在发布时指定一个未来的公开随机事件（如体育彩票某期开奖号码）及其开奖时间', [{ field: 'event' }]);
  const at = Date.parse(req.event.at);
  if (at < nowSeconds * 1000 + PUBLICATION_MARGIN_SECONDS * 1000) {
    throw new BadRequestError('EVENT_NOT_IN_FUTURE', `公开随机事件的开奖时间必须晚于发布时间至少 ${PUBLICATION_MARGIN_SECONDS} 秒`, [{ field: 'event.at' }]);
  }
  if (at > nowMs + MAX_ROUND_AHEAD_SECONDS * 1000) throw new BadRequestError('EVENT_TOO_FAR', '公开随机事件的开奖时间不能晚于 90 天之后', [{ field: 'event.at' }]);
  const event: PublicEvent = { name: req.event.name, at: new Date(at).toISOString(), ...(req.event.checkUrl ? { checkUrl: req.event.checkUrl } : {}) };
  const witnesses = (req.witnessCommitments ?? []).map((w) => ({ label: w.label, commitment: w.commitment.toLowerCase() }));
  const secret = randomBytes(32);
  const commitment = createHash('sha256').update(secret).digest('hex');
  const spec: RandomnessSpec = { source: 'commit-reveal', commitment, event, ...(witnesses.length ? { witnesses } : {}) };
  refuseReuse(spec, used, 'event.name');
  return { spec, columns: { randomnessSource: 'commit-reveal', drandRound: null, commitment, commitSecret: secret.toString('hex') } };
}

function refuseReuse(spec: RandomnessSpec, used: RandomnessSpec[], field: string): void {
  if (used.some((u) => randomnessName(u) === randomnessName(spec))) {
    throw new BadRequestError('RANDOMNESS_REUSED', '重抽须使用新的 drand 轮次或新的公开随机事件，不能沿用本计划已用过的', [{ field }]);
  }
}

/** The public view of fixed randomness (the round's expected time helps people fetch it). */
export function randomnessView(spec: RandomnessSpec, chain: DrandChain | undefined): PublicRandomness {
  return spec.source === 'drand-quicknet' ? { ...spec, ...(chain ? { roundTime: new Date(roundTime(chain, spec.round) * 1000).toISOString() } : {}) } : { ...spec };
}

export type PublicRandomness = {
  source: RandomnessSpec['source'];
  chainHash?: string;
  round?: number;
  roundTime?: string;
  commitment?: string;
  event?: PublicEvent;
  witnesses?: WitnessCommitment[];
};
