/**
 * What the audit chain records as a plan's state, and how verify-audit reads it back: the same
 * function at both ends (see audit/audit-states.ts). Everything that decides a draw; not the
 * lifecycle column (state, version, updatedAt), which draws and redraws move on their own.
 */
import { EntityManager, In, MoreThan } from 'typeorm';
import type { StateSource, SubjectState } from '../audit/audit-states';
import { Plan, PlanItem } from './plan.entity';

export function stateOfPlan(p: Plan, itemVersionIds: string[]) {
  return {
    id: p.id,
    departmentId: p.departmentId,
    jointDepartmentIds: p.jointDepartmentIds,
    year: p.year,
    name: p.name,
    itemVersionIds: [...itemVersionIds].sort(),
    candidateFilter: p.candidateFilter,
    sampling: p.sampling,
    rounding: p.rounding,
    teamSize: p.teamSize,
    repeatWindow: p.repeatWindow,
    annualCapPerEntity: p.annualCapPerEntity,
    taskCapPerInspector: p.taskCapPerInspector,
    windowStart: p.windowStart,
    windowEnd: p.windowEnd,
    recusalRules: p.recusalRules,
    randomnessSource: p.randomnessSource,
    drandRound: p.drandRound,
    commitment: p.commitment,
    candidatePoolHash: p.candidatePoolHash,
    inspectorPoolHash: p.inspectorPoolHash,
    parametersHash: p.parametersHash,
    parametersJson: p.parametersJson,
    stratumCounts: p.stratumCounts,
    conflicts: p.conflicts,
    publishedAt: p.publishedAt,
    // Only when set: the states recorded before publication records existed stay the same.
    ...(p.publicationJson ? { publicationJson: p.publicationJson } : {}),
  };
}

async function statesOf(em: EntityManager, plans: Plan[]): Promise<SubjectState[]> {
  const links = plans.length ? await em.getRepository(PlanItem).find({ where: { planId: In(plans.map((p) => p.id)) } }) : [];
  return plans.map((p) => ({ id: p.id, state: stateOfPlan(p, links.filter((l) => l.planId === p.id).map((l) => l.itemVersionId)) }));
}

/** The state to record after a change, read back from the tables inside the change's transaction. */
export async function currentPlanState(em: EntityManager, id: string): Promise<unknown> {
  const [s] = await statesOf(em, [await em.getRepository(Plan).findOneByOrFail({ id })]);
  return s.state;
}

export const PLAN_STATES: StateSource = {
  subjectType: 'plan',
  async page(em, after, limit) {
    return statesOf(em, await em.getRepository(Plan).find({ where: after === null ? {} : { id: MoreThan(after) }, order: { id: 'ASC' }, take: limit }));
  },
};
