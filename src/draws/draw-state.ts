/**
 * What the audit chain records as a draw's state, and how verify-audit reads it back: the same
 * function at both ends (see audit/audit-states.ts). The draw row with digests of its (large)
 * result and of its tasks' targets and teams; not the tasks' progress, which checks move.
 */
import { EntityManager, MoreThan } from 'typeorm';
import type { StateSource, SubjectState } from '../audit/audit-states';
import { Draw } from './draw.entity';

export function stateOfDraw(d: Draw, digests: { result: string; tasks: string | null }) {
  return {
    id: d.id,
    planId: d.planId,
    algorithm: d.algorithm,
    randomnessProof: d.randomnessProof,
    randomness: d.randomness,
    seed: d.seed,
    resultSha256: digests.result,
    strata: d.strata,
    taskCount: d.taskCount,
    unstaffedTaskCount: d.unstaffedTaskCount,
    tasksSha256: digests.tasks,
    substitutions: d.substitutions,
    supersededAt: d.supersededAt,
    createdBy: d.createdBy,
  };
}

async function statesOf(em: EntityManager, draws: Draw[]): Promise<SubjectState[]> {
  if (!draws.length) return [];
  // The result is json (kept as sent), so its text is stable; hashed in the database to avoid shipping it.
  const digests: { id: string; result: string; tasks: string | null }[] = await em.query(
    `SELECT d.id, encode(sha256(convert_to(d.result::text, 'UTF8')), 'hex') AS result,
            (SELECT encode(sha256(convert_to(string_agg(t.id::text || '|' || t.entity_id::text || '|' || t.uscc || '|' || t.stratum || '|' || t.position::text || '|' || t.team::text, E'\\n' ORDER BY t.position, t.id), 'UTF8')), 'hex')
               FROM tasks t WHERE t.draw_id = d.id) AS tasks
       FROM draws d WHERE d.id = ANY($1::uuid[])`,
    [draws.map((d) => d.id)],
  );
  const byId = new Map(digests.map((x) => [x.id, x]));
  return draws.map((d) => ({ id: d.id, state: stateOfDraw(d, byId.get(d.id)!) }));
}

/** The state to record after a change, read back from the tables inside the change's transaction. */
export async function currentDrawState(em: EntityManager, id: string): Promise<unknown> {
  const [s] = await statesOf(em, [await em.getRepository(Draw).findOneByOrFail({ id })]);
  return s.state;
}

export const DRAW_STATES: StateSource = {
  subjectType: 'draw',
  async page(em, after, limit) {
    return statesOf(em, await em.getRepository(Draw).find({ where: after === null ? {} : { id: MoreThan(after) }, order: { id: 'ASC' }, take: limit }));
  },
};
