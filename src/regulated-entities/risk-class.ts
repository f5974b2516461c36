/** The credit-risk class in force on a date: the latest entry effective on or before it. Pure. */
export function classInForce<T extends { effectiveFrom: string }>(history: readonly T[], date: string): T | null {
  let best: T | null = null;
  for (const h of history) if (h.effectiveFrom <= date && (!best || h.effectiveFrom > best.effectiveFrom)) best = h;
  return best;
}

/** SQL for the same rule over many entities (`e` is the regulated_entities alias; `date` a placeholder). */
export function classInForceSql(date: string): string {
  return `(SELECT r.risk_class FROM entity_risk_classes r WHERE r.entity_id = e.id AND r.effective_from <= CAST(${date} AS date) ORDER BY r.effective_from DESC LIMIT 1)`;
}

export const CLASS_IN_FORCE_SQL = classInForceSql(':classDate');

/**
 * The same rule set-based, for a whole directory at once: a query yielding (entity_id, risk_class)
 * for the entities of `entityIds` (a subquery of ids). One sort instead of an index probe per entity.
 */
export function classesInForceSql(date: string, entityIds: string): string {
  return `SELECT DISTINCT ON (r.entity_id) r.entity_id, r.risk_class FROM entity_risk_classes r
           WHERE r.entity_id IN (${entityIds}) AND r.effective_from <= CAST(${date} AS date)
           ORDER BY r.entity_id, r.effective_from DESC`;
}
