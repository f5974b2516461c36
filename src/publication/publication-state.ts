/**
 * What the audit chain records as a publication's state, and how verify-audit reads it back: the
 * same function at both ends (see audit/audit-states.ts). An allow-list of what the public sees or
 * what decides it (not the deadline, which a calendar notice may legitimately recompute while pending).
 */
import { EntityManager, MoreThan } from 'typeorm';
import type { StateSource, SubjectState } from '../audit/audit-states';
import { Publication } from './publication.entity';

export function stateOfPublication(p: Publication) {
  return {
    id: p.id,
    recordId: p.recordId,
    version: p.version,
    current: p.current,
    state: p.state,
    resultType: p.resultType,
    departmentId: p.departmentId,
    planId: p.planId,
    drawId: p.drawId,
    taskId: p.taskId,
    checkDate: p.checkDate,
    publishedAt: p.publishedAt,
    entityName: p.entityName,
    uscc: p.uscc,
    itemCodes: p.itemCodes,
    resultCodes: p.resultCodes,
    payload: p.payload,
    correctionReason: p.correctionReason,
    withdrawnReason: p.withdrawnReason,
    withdrawnAt: p.withdrawnAt,
  };
}

/** The state to record after a change, read back from the table inside the change's transaction. */
export async function currentPublicationState(em: EntityManager, id: string): Promise<ReturnType<typeof stateOfPublication>> {
  return stateOfPublication(await em.getRepository(Publication).findOneByOrFail({ id }));
}

export const PUBLICATION_STATES: StateSource = {
  subjectType: 'publication',
  async page(em, after, limit): Promise<SubjectState[]> {
    const rows = await em.getRepository(Publication).find({ where: after === null ? {} : { id: MoreThan(after) }, order: { id: 'ASC' }, take: limit });
    // Events written before states were recorded hashed the public payload alone.
    return rows.map((p) => ({ id: p.id, state: stateOfPublication(p), legacyState: p.payload }));
  },
};
