/**
 * 回避 (recusal) rules applied when teams are drawn (《行政处罚法》第43条). Pure: no framework imports.
 * Which rules apply is part of each plan; a hit excludes the inspector for that entity only.
 */
export interface RecusalRuleSet {
  /** A declared conflict (by a supervisor or on the entity's application) active on the date. */
  declaredConflict: boolean;
  /** 所所交叉: the inspector works in the unit that supervises the entity. */
  sameSupervisingUnit: boolean;
  /** The inspector took part in the entity's last check. */
  lastInspector: boolean;
}

export const DEFAULT_RECUSAL_RULES: RecusalRuleSet = Object.freeze({ declaredConflict: true, sameSupervisingUnit: true, lastInspector: true });

export type RecusalReason = 'DECLARED_CONFLICT' | 'SAME_SUPERVISING_UNIT' | 'LAST_INSPECTOR';

export interface ConflictPeriod {
  inspectorId: string;
  entityId: string;
  validFrom: string;
  validUntil: string | null;
}

export interface RecusalContext {
  date: string;
  conflicts: readonly ConflictPeriod[];
  /** Inspectors of the entity's most recent check, if any. */
  lastCheckInspectorIds: readonly string[];
}

export function recusalReasons(
  inspector: { id: string; unit: string | null },
  entity: { id: string; supervisingUnit: string | null },
  context: RecusalContext,
  rules: RecusalRuleSet,
): RecusalReason[] {
  const reasons: RecusalReason[] = [];
  if (
    rules.declaredConflict &&
    context.conflicts.some((c) => c.inspectorId === inspector.id && c.entityId === entity.id && c.validFrom <= context.date && (c.validUntil === null || context.date <= c.validUntil))
  ) {
    reasons.push('DECLARED_CONFLICT');
  }
  const unit = normaliseUnit(inspector.unit);
  if (rules.sameSupervisingUnit && unit !== '' && unit === normaliseUnit(entity.supervisingUnit)) reasons.push('SAME_SUPERVISING_UNIT');
  if (rules.lastInspector && context.lastCheckInspectorIds.includes(inspector.id)) reasons.push('LAST_INSPECTOR');
  return reasons;
}

/** Unit names are typed by hand: ignore spacing and full-width/half-width differences. */
function normaliseUnit(unit: string | null): string {
  return (unit ?? '').normalize('NFKC').replace(/\s+/g, '');
}
