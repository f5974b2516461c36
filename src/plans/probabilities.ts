/**
 * Every candidate's probability of selection, known at publication: in its credit-risk class, the
 * draw-v1 quota over the eligible candidates (an excluded candidate: 0). Pure; the same quotas as
 * the draw (draw-v1's `quotas`), computed from the frozen candidate snapshot and parameters.
 */
import { quotas, Stratum, STRATA } from '../draws/draw-v1';
import { FrozenParameters, parseCandidates } from '../draws/transcript';

/** TSV, one line per candidate in snapshot order: uscc, stratum, excluded reason (empty if eligible), quota/eligible, probability (6 decimals). */
export function selectionProbabilities(params: FrozenParameters, candidatesText: string): string {
  const eligible = Object.fromEntries(STRATA.map((s) => [s, 0])) as Record<Stratum, number>;
  for (const c of parseCandidates(candidatesText)) if (!c.excluded) eligible[c.stratum] += 1;
  const k = quotas(eligible, params.sampling, params.rounding);
  const lines: string[] = [];
  for (const c of parseCandidates(candidatesText)) {
    const [num, den] = c.excluded ? [0, eligible[c.stratum]] : [k[c.stratum], eligible[c.stratum]];
    lines.push([c.uscc, c.stratum, c.excluded ?? '', `${num}/${den}`, den ? (num / den).toFixed(6) : '0.000000'].join('\t') + '\n');
  }
  return lines.join('');
}
