import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { ConflictError } from '../common/errors';
import { RegimeRules } from '../config/rules';
import type { Stratum } from '../draws/draw-v1';
import { evaluateEligibility, EligibilityInput } from '../inspectors/eligibility';
import { InspectorExam, InspectorStatusChange, InspectorTraining } from '../inspectors/inspector-records.entity';
import { Inspector } from '../inspectors/inspector.entity';
import { InspectionItemVersion } from '../items/inspection-item.entity';
import { LIVE_TASK_SQL } from '../draws/draw.entity';
import { classesInForceSql } from '../regulated-entities/risk-class';
import { Plan, PlanCandidate, PlanInspector, PlanSnapshot, SnapshotKind } from './plan.entity';
import { candidateLine, ConflictRecord, conflictSnapshot, inspectorSnapshot, StratumCounts } from './snapshot';

const PAGE = 10_000;
/** An entity without a recorded credit-risk class is drawn as class B (normal risk). */
export const UNCLASSIFIED_STRATUM: Stratum = 'B';

/**
 * Builds and reads a plan's frozen pools. The candidate pool is written set-based and hashed page
 * by page in byte order of the USCC, so a million entities never sit in memory at once.
 */
@Injectable()
export class PlanPools {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Entities of the lead department matching the plan's filter and every item's target filter;
   * the class in force on the snapshot date is the stratum. Candidates that cannot be drawn stay in
   * the snapshot with the first reason that applies: NOT_ACTIVE (closed, deregistered),
   * RECENTLY_CHECKED (a live task for one of the plan's items in the plan's year, unless the plan
   * waives the repeat window), ANNUAL_CAP (live tasks of any department in the plan's year reached
   * the plan's cap). Tasks are matched by USCC: each department keeps its own directory row for a
   * firm, and the cap is about the firm's burden. A task counts from the moment it is drawn: an entity drawn but not yet visited
   * must not be drawn again. The inspectors of the entity's last live task feed the LAST_INSPECTOR rule.
   */
  async snapshotCandidates(em: EntityManager, plan: Plan, versions: InspectionItemVersion[], snapshotDate: string): Promise<{ hash: string; counts: Record<Stratum, StratumCounts> }> {
    const select = candidateSelect(plan, versions, snapshotDate);
    await em.query(`INSERT INTO plan_candidates (plan_id, uscc, entity_id, stratum, excluded, supervising_unit, last_inspectors) ${select.sql}`, [plan.id, ...select.params]);
    const counts = { A: zero(), B: zero(), C: zero(), D: zero() };
    const rows: { stratum: Stratum; total: number; excluded: number }[] = await em.query(
      `SELECT stratum, count(*)::int AS total, count(excluded)::int AS excluded FROM plan_candidates WHERE plan_id = $1 GROUP BY stratum`,
      [plan.id],
    );
    for (const r of rows) counts[r.stratum] = { candidates: r.total, excluded: r.excluded, eligible: r.total - r.excluded };
    const parts: string[] = [];
    await this.eachCandidatePage(em, plan.id, (page) => parts.push(page));
    const content = parts.join('');
    const hash = createHash('sha256').update(content, 'utf8').digest('hex');
    await em.getRepository(PlanSnapshot).insert({ planId: plan.id, kind: 'candidates', content, sha256: hash });
    return { hash, counts };
  }

  /**
   * The counts the candidate pool would have if published today, per stratum, without writing
   * anything: the same selection as snapshotCandidates (one SQL for both, so the preview cannot drift).
   */
  async previewCounts(em: EntityManager, plan: CandidateScope, versions: InspectionItemVersion[], snapshotDate: string): Promise<Record<Stratum, StratumCounts>> {
    const select = candidateSelect(plan, versions, snapshotDate);
    const rows: { stratum: Stratum; total: number; excluded: number }[] = await em.query(
      `SELECT stratum, count(*)::int AS total, count(excluded)::int AS excluded FROM (${select.sql}) c GROUP BY stratum`,
      [null, ...select.params],
    );
    const counts = { A: zero(), B: zero(), C: zero(), D: zero() };
    for (const r of rows) counts[r.stratum] = { candidates: r.total, excluded: r.excluded, eligible: r.total - r.excluded };
    return counts;
  }

  /**
   * Inspectors of the lead and joint departments, each with their department (its team is drawn
   * from them); eligible only if eligible on every day of the window. Existing tasks are the live
   * tasks whose window overlaps this plan's, counted against the per-inspector cap.
   */
  async snapshotInspectors(em: EntityManager, plan: Plan, rules: RegimeRules): Promise<{ hash: string }> {
    const inspectors = await em.getRepository(Inspector).find({ where: { departmentId: In(planDepartments(plan)) } });
    const ids = inspectors.map((i) => i.id);
    // One after another: a transaction is one connection, and pg queues (deprecated) overlapping queries.
    const where = { where: { inspectorId: In(ids) } };
    const statuses = ids.length ? await em.getRepository(InspectorStatusChange).find(where) : [];
    const trainings = ids.length ? await em.getRepository(InspectorTraining).find(where) : [];
    const exams = ids.length ? await em.getRepository(InspectorExam).find(where) : [];
    const load: { certificateNumber: string; n: number }[] = await em.query(
      `SELECT m->>'certificateNumber' AS "certificateNumber", count(*)::int AS n
         FROM tasks t CROSS JOIN LATERAL jsonb_array_elements(t.team) m
        WHERE ${LIVE_TASK_SQL} AND t.window_start <= $2::date AND t.window_end >= $1::date
        GROUP BY 1`,
      [plan.windowStart, plan.windowEnd],
    );
    const existing = new Map(load.map((l) => [l.certificateNumber, l.n]));
    const group = <T extends { inspectorId: string }>(rows: T[]) => {
      const out = new Map<string, T[]>();
      for (const r of rows) out.set(r.inspectorId, [...(out.get(r.inspectorId) ?? []), r]);
      return out;
    };
    const [statusOf, trainingOf, examOf] = [group(statuses), group(trainings), group(exams)];
    const records = inspectors.map((i) => {
      const input: EligibilityInput = {
        certificateValidFrom: i.certificateValidFrom,
        certificateValidUntil: i.certificateValidUntil,
        statusChanges: (statusOf.get(i.id) ?? []).map((s) => ({ status: s.status, effectiveDate: s.effectiveDate, reason: s.reason })),
        trainings: (trainingOf.get(i.id) ?? []).map((t) => ({ date: t.date, hours: Number(t.hours) })),
        exams: (examOf.get(i.id) ?? []).map((e) => ({ year: e.year, passed: e.passed })),
      };
      // Certificate and status must hold on both ends and no suspension may start inside the window;
      // training and exam are judged at the window's start.
      const eligible =
        evaluateEligibility(input, plan.windowStart, rules).eligible &&
        evaluateEligibility(input, plan.windowEnd, { minTrainingHours: 0, examRequired: false }).eligible &&
        !input.statusChanges.some((s) => s.status !== 'active' && s.effectiveDate > plan.windowStart && s.effectiveDate <= plan.windowEnd);
      return { planId: plan.id, certificateNumber: i.certificateNumber, inspectorId: i.id, departmentId: i.departmentId, eligible, domains: i.domains, unit: i.unit, existingTasks: existing.get(i.certificateNumber) ?? 0 };
    });
    for (let i = 0; i < records.length; i += 1000) await em.getRepository(PlanInspector).insert(records.slice(i, i + 1000));
    const snapshot = inspectorSnapshot(records);
    await em.getRepository(PlanSnapshot).insert({ planId: plan.id, kind: 'inspectors', content: snapshot.text, sha256: snapshot.hash });
    return { hash: snapshot.hash };
  }

  /** Declared conflicts of the plan's departments in force on the window's first day, not revoked. */
  async snapshotConflicts(em: EntityManager, plan: Plan): Promise<{ rows: ConflictRecord[]; hash: string }> {
    const rows: ConflictRecord[] = await em.query(
      `SELECT i.certificate_number AS "certificateNumber", e.uscc, to_char(c.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(c.valid_until, 'YYYY-MM-DD') AS "validUntil"
         FROM declared_conflicts c
         JOIN inspectors i ON i.id = c.inspector_id
         JOIN regulated_entities e ON e.id = c.entity_id
        WHERE c.department_id = ANY($1::uuid[]) AND c.revoked_at IS NULL
          AND c.valid_from <= $2::date AND (c.valid_until IS NULL OR c.valid_until >= $2::date)`,
      [planDepartments(plan), plan.windowStart],
    );
    return { rows, hash: conflictSnapshot(rows).hash };
  }

  /** A frozen snapshot text exactly as published. */
  async snapshotText(planId: string, kind: SnapshotKind, em: EntityManager = this.dataSource.manager): Promise<string> {
    const stored = await em.getRepository(PlanSnapshot).findOne({ where: { planId, kind } });
    // Only a change made directly in the database removes one: the plan cannot be drawn or verified.
    if (!stored) throw new ConflictError('SNAPSHOT_MISSING', `计划发布时冻结的${kind === 'candidates' ? '候选对象名录' : '执法人员名录'}快照（${kind}）缺失，不能抽取或下载；请联系管理员核查`, [{ planId, snapshot: kind }]);
    return stored.content;
  }

  /**
   * Canonical candidate lines, page by page, in byte order of the USCC (the column's collation is
   * "C"), through one cursor: one ordered scan however large the pool (keyset pages re-planned right
   * after a million-row insert, without statistics, sorted the whole pool every page).
   */
  private async eachCandidatePage(em: EntityManager, planId: string, onPage: (text: string) => void): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) return this.dataSource.transaction((tx) => this.eachCandidatePage(tx, planId, onPage));
    const cursor = `plan_candidates_${randomBytes(6).toString('hex')}`;
    await em.query(
      `DECLARE ${cursor} NO SCROLL CURSOR FOR
       SELECT uscc, stratum, excluded, supervising_unit AS "supervisingUnit", last_inspectors AS "lastInspectors"
         FROM plan_candidates WHERE plan_id = $1 ORDER BY uscc COLLATE "C"`,
      [planId],
    );
    for (;;) {
      const rows: Pick<PlanCandidate, 'uscc' | 'stratum' | 'excluded' | 'supervisingUnit' | 'lastInspectors'>[] = await em.query(`FETCH ${PAGE} FROM ${cursor}`);
      if (!rows.length) break;
      onPage(rows.map((r) => candidateLine(r) + '\n').join(''));
    }
    await em.query(`CLOSE ${cursor}`);
  }
}

/** The lead department first, then the joint ones sorted: the order teams are drawn in. */
export function planDepartments(plan: Pick<Plan, 'departmentId' | 'jointDepartmentIds'>): string[] {
  return [plan.departmentId, ...[...plan.jointDepartmentIds].sort()];
}

function zero(): StratumCounts {
  return { candidates: 0, excluded: 0, eligible: 0 };
}

/** What decides a plan's candidate pool (a draft's fields, or a preview's input). */
export type CandidateScope = Pick<Plan, 'departmentId' | 'year' | 'repeatWindow' | 'annualCapPerEntity' | 'windowStart' | 'candidateFilter'>;

/**
 * The candidate pool's rows (plan_id as $1, left to the caller): entities of the lead department
 * matching the plan's filter and every item's, with their stratum and first exclusion reason.
 * Set-based throughout (hash joins, no per-entity probes): a pool can hold a million entities.
 */
function candidateSelect(plan: CandidateScope, versions: InspectionItemVersion[], snapshotDate: string): { sql: string; params: unknown[] } {
  // $1 is the plan id (the caller's); the rest are numbered from $2.
  const params: unknown[] = [plan.departmentId, snapshotDate, [...new Set(versions.map((v) => v.itemId))], `${plan.year}-01-01`, `${plan.year + 1}-01-01`, plan.repeatWindow === 'calendar_year', plan.annualCapPerEntity, plan.windowStart];
  const where: string[] = ['e.department_id = $2'];
  const add = (values: string[], condition: (p: string) => string) => {
    if (!values.length) return;
    params.push(values);
    where.push(condition(`$${params.length + 1}::text[]`));
  };
  for (const filter of [plan.candidateFilter, ...versions.map((v) => v.targetFilter)]) {
    add(filter.industryCodes, (p) => `e.industry_code = ANY(${p})`);
    add(filter.districts, (p) => `e.district = ANY(${p})`);
    if (filter.licenceTypes.length) {
      // A licence counts if it is still valid when the window opens.
      add(filter.licenceTypes, (p) => `EXISTS (SELECT 1 FROM entity_licences l WHERE l.entity_id = e.id AND l.type = ANY(${p}) AND (l.valid_until IS NULL OR l.valid_until >= $9::date))`);
    }
  }
  const inDepartment = 'SELECT id FROM regulated_entities WHERE department_id = $2';
  const sql = `WITH same_item_plans AS (
       SELECT DISTINCT pi.plan_id FROM plan_items pi JOIN inspection_item_versions v ON v.id = pi.item_version_id WHERE v.item_id = ANY($4::uuid[])
     ), this_year AS (
       SELECT t.uscc, count(*)::int AS n, bool_or(t.plan_id IN (SELECT plan_id FROM same_item_plans)) AS same_item
         FROM tasks t
        WHERE ${LIVE_TASK_SQL} AND t.window_start >= $5::date AND t.window_start < $6::date
        GROUP BY t.uscc
     ), last_check AS (
       SELECT DISTINCT ON (t.uscc) t.uscc, ARRAY(SELECT m->>'certificateNumber' FROM jsonb_array_elements(t.team) m) AS inspectors
         FROM tasks t
        WHERE ${LIVE_TASK_SQL} AND t.window_start <= $9::date AND t.uscc IN (SELECT uscc FROM regulated_entities WHERE department_id = $2)
        ORDER BY t.uscc, t.window_start DESC, t.created_at DESC
     ), class AS (${classesInForceSql('$3', inDepartment)})
     SELECT $1::uuid AS plan_id, e.uscc, e.id AS entity_id, COALESCE(class.risk_class, '${UNCLASSIFIED_STRATUM}') AS stratum,
            CASE WHEN e.status <> 'active' THEN 'NOT_ACTIVE'
                 WHEN $7::boolean AND y.same_item THEN 'RECENTLY_CHECKED'
                 WHEN $8::int IS NOT NULL AND y.n >= $8::int THEN 'ANNUAL_CAP' END AS excluded,
            e.supervising_unit,
            COALESCE(last_check.inspectors, '{}') AS last_inspectors
       FROM regulated_entities e
       LEFT JOIN this_year y ON y.uscc = e.uscc
       LEFT JOIN last_check ON last_check.uscc = e.uscc
       LEFT JOIN class ON class.entity_id = e.id
      WHERE ${where.join(' AND ')}`;
  return { sql, params };
}
