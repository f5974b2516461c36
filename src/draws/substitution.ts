/**
 * Substitution (换人): when a drawn inspector cannot attend, the replacement is the next inspector of
 * the same published team sequence — the draw counters continue where the team's draw stopped, over
 * the pool that team was drawn from, skipping everyone already drawn for it and anyone a recusal
 * rule excludes. So a substitute is as verifiable as the draw itself. Pure.
 */
import { Candidate, computeSeed, continueTeam, draw, DrawInput, DrawResult, PoolInspector, SkipReason } from './draw-v1';

export interface Substitution {
  uscc: string;
  department: string;
  /** Certificate number of the member who cannot attend. */
  leaving: string;
  /** The substitute, or null when nobody is left (the task then lacks a member). */
  joining: string | null;
  /** The draw counter that picked the substitute. */
  draw: number | null;
  skips: { certificateNumber: string; draw: number; reasons: SkipReason[] }[];
  /** Public: why (no personal data). */
  reason: string;
  at: string;
}

export type SubstitutionRequest = Pick<Substitution, 'uscc' | 'department' | 'leaving' | 'reason' | 'at'>;

/**
 * The substitute for `request`, given the draw's input and result and the substitutions made
 * before it (in order). Throws if the leaving inspector is not a current member of that team.
 */
export function drawSubstitute(input: DrawInput, result: DrawResult, prior: readonly Substitution[], request: SubstitutionRequest): Substitution {
  const team = result.teams.find((t) => t.uscc === request.uscc && t.department === request.department);
  if (!team || !team.filled) throw new Error(`no staffed team of ${request.department} for ${request.uscc}`);
  const earlier = prior.filter((s) => s.uscc === request.uscc && s.department === request.department);
  const current = new Set(team.members.map((m) => m.certificateNumber));
  for (const s of earlier) {
    current.delete(s.leaving);
    if (s.joining) current.add(s.joining);
  }
  if (!current.has(request.leaving)) throw new Error(`${request.leaving} is not on the team of ${request.uscc}`);

  let pool: PoolInspector[] | null = null;
  let entity: Candidate | null = null;
  draw(input, {
    onTeam(e, department, p) {
      if (e.uscc === request.uscc && department === request.department) {
        pool = [...p];
        entity = e;
      }
    },
  });
  if (!pool || !entity) throw new Error(`${request.uscc} was not drawn`);
  const teamPool: PoolInspector[] = pool;
  const index = new Map(teamPool.map((i, n) => [i.certificateNumber, n]));
  const drawn = [...team.members, ...team.skips, ...earlier.flatMap((s) => [...s.skips, ...(s.joining ? [{ certificateNumber: s.joining, draw: s.draw! }] : [])])];
  const seen = new Set(drawn.map((d) => index.get(d.certificateNumber)!));
  const from = Math.max(...drawn.map((d) => d.draw)) + 1;
  const conflicts = input.conflicts.filter((c) => c.uscc === request.uscc).map((c) => ({ inspectorId: c.certificateNumber, entityId: c.uscc, validFrom: c.validFrom, validUntil: c.validUntil }));
  const seedBytes = Buffer.from(computeSeed(input), 'hex');
  const next = continueTeam(seedBytes, request.department, entity, teamPool, input.parameters, conflicts, seen, from, 1);
  const joined = next.members[0] ?? null;
  return { ...request, joining: joined?.certificateNumber ?? null, draw: joined?.draw ?? null, skips: next.skips };
}
