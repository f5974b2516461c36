/**
 * The cases' figures of the annual report, for src/reports: one statement on this module's table,
 * run by the report on its shared snapshot (so the figures agree with the rest of the report).
 * Definitions (docs/cases.md, docs/annual-report.md): opened = filed (立案 approved) in the year;
 * decided and closed by their dates in the year; the penalty totals over the decisions of the year.
 */
import { PENALTY_KIND_LABELS, PENALTY_KINDS, PenaltyKind } from './case-rules';

export interface CaseFigures {
  opened: number;
  decided: number;
  /** Of the decided: penalty decisions (the others decided not to penalise). */
  penaltyDecisions: number;
  closed: number;
  /** 罚款 and 没收违法所得 of the year's decisions, in fen. */
  fineFen: number;
  confiscationFen: number;
  byPenaltyKind: { code: PenaltyKind; label: string; count: number }[];
}

export type ReportQuery = <R>(sql: string, params?: unknown[]) => Promise<R[]>;

const CASE_FIGURES_SQL = `
  SELECT count(*) FILTER (WHERE c.filed_on >= $2::date AND c.filed_on < $3::date)::int AS opened,
         count(*) FILTER (WHERE c.decided_on >= $2::date AND c.decided_on < $3::date)::int AS decided,
         count(*) FILTER (WHERE c.decided_on >= $2::date AND c.decided_on < $3::date AND c.decision->>'outcome' = 'penalty')::int AS penalty,
         count(*) FILTER (WHERE c.closed_on >= $2::date AND c.closed_on < $3::date)::int AS closed,
         COALESCE(sum((c.decision->>'fineFen')::bigint) FILTER (WHERE c.decided_on >= $2::date AND c.decided_on < $3::date), 0)::text AS fine,
         COALESCE(sum((c.decision->>'confiscationFen')::bigint) FILTER (WHERE c.decided_on >= $2::date AND c.decided_on < $3::date), 0)::text AS confiscation,
         COALESCE((SELECT jsonb_object_agg(k, n) FROM (
            SELECT k, count(*)::int AS n FROM cases d, jsonb_array_elements_text(d.decision->'penalties') k
             WHERE d.department_id = $1 AND d.decided_on >= $2::date AND d.decided_on < $3::date GROUP BY k) x), '{}'::jsonb) AS kinds
    FROM cases c WHERE c.department_id = $1`;

/** The department's case figures of [from, to) (dates, `to` exclusive). */
export async function annualCaseFigures(query: ReportQuery, departmentId: string, from: string, to: string): Promise<CaseFigures> {
  const [r] = await query<{ opened: number; decided: number; penalty: number; closed: number; fine: string; confiscation: string; kinds: Record<string, number> }>(CASE_FIGURES_SQL, [departmentId, from, to]);
  return {
    opened: r.opened,
    decided: r.decided,
    penaltyDecisions: r.penalty,
    closed: r.closed,
    fineFen: Number(r.fine),
    confiscationFen: Number(r.confiscation),
    byPenaltyKind: PENALTY_KINDS.map((code) => ({ code, label: PENALTY_KIND_LABELS[code], count: r.kinds[code] ?? 0 })),
  };
}
