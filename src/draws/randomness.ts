/**
 * Fixing the randomness of a draw before it exists: a drand round in the future, or a commitment to
 * a fresh server secret (commit-reveal). Used when a plan is published and when a redraw is requested.
 */
import { createHash, randomBytes } from 'node:crypto';
import { BadRequestError } from '../common/errors';
import { QUICKNET, roundAt, roundTime } from './drand';
import type { RandomnessSpec } from './transcript';

/** How far ahead the default drand round lies, and the least margin for a chosen one. */
export const DEFAULT_ROUND_AHEAD_SECONDS = 15 * 60;
export const MIN_ROUND_AHEAD_SECONDS = 60;
/** A round further ahead would leave the plan undrawable for months (and such dates overflow). */
export const MAX_ROUND_AHEAD_SECONDS = 90 * 24 * 3600;

export interface FixedRandomness {
  spec: RandomnessSpec;
  /** What the plan or redraw row stores. */
  columns: { randomnessSource: RandomnessSpec['source']; drandRound: string | null; commitment: string | null; commitSecret: string | null };
}

export function fixRandomness(source: RandomnessSpec['source'], round: number | undefined, nowSeconds = Math.floor(Date.now() / 1000)): FixedRandomness {
  if (source === 'drand-quicknet') {
    const r = round ?? roundAt(QUICKNET, nowSeconds + DEFAULT_ROUND_AHEAD_SECONDS);
    if (roundTime(QUICKNET, r) > nowSeconds + MAX_ROUND_AHEAD_SECONDS) {
      throw new BadRequestError('ROUND_TOO_FAR', `drand 轮次不能晚于 90 天之后；当前轮次约为 ${roundAt(QUICKNET, nowSeconds)}`, [{ field: 'round' }]);
    }
    if (roundTime(QUICKNET, r) < nowSeconds + MIN_ROUND_AHEAD_SECONDS) {
      throw new BadRequestError('ROUND_NOT_IN_FUTURE', `drand 轮次必须在未来（至少 ${MIN_ROUND_AHEAD_SECONDS} 秒后）；当前轮次约为 ${roundAt(QUICKNET, nowSeconds)}`, [{ field: 'round' }]);
    }
    return { spec: { source, chainHash: QUICKNET.chainHash, round: r }, columns: { randomnessSource: source, drandRound: String(r), commitment: null, commitSecret: null } };
  }
  const secret = randomBytes(32);
  const commitment = createHash('sha256').update(secret).digest('hex');
  return { spec: { source, commitment }, columns: { randomnessSource: source, drandRound: null, commitment, commitSecret: secret.toString('hex') } };
}

/** The public view of fixed randomness (the round's expected time helps people fetch it). */
export function randomnessView(spec: RandomnessSpec): { source: RandomnessSpec['source']; chainHash?: string; round?: number; roundTime?: string; commitment?: string } {
  return spec.source === 'drand-quicknet' ? { ...spec, roundTime: new Date(roundTime(QUICKNET, spec.round) * 1000).toISOString() } : { ...spec };
}
