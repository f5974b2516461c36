import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { RegimeRules } from '../config/rules';
import type { Stratum } from '../draws/draw-v1';
import { evaluateEligibility, EligibilityInput } from '../inspectors/eligibility';
import { InspectorExam, InspectorStatusChange, InspectorTraining } from '../inspectors/inspector-records.entity';
import { Inspector } from '../inspectors/inspector.entity';
import { InspectionItemVersion } from '../items/inspection-item.entity';
import { classInForceSql } from '../regulated-entities/risk-class';
import { Plan, PlanCandidate, PlanInspector } from './plan.entity';
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
   * the class in force on the snapshot date is the stratum. Not-active entities stay in the snapshot,
   * marked NOT_ACTIVE. (Repeat-check and annual-cap exclusions need check records: issue 5.)
   */
  async snapshotCandidates(em: EntityManager, plan: Plan, versions: InspectionItemVersion[], snapshotDate: string): Promise<{ hash: string; counts: Record<Stratum, StratumCounts> }> {
    const params: unknown[] = [plan.id, plan.departmentId, snapshotDate];
    const where: string[] = ['e.department_id = $2'];
    const add = (values: string[], condition: (p: string) => string) => {
      if (!values.length) return;
      params.push(values);
      where.push(condition(`$${params.length}::text[]`));
    };
    for (const filter of [plan.candidateFilter, ...versions.map((v) => v.targetFilter)]) {
      add(filter.industryCodes, (p) => `e.industry_code = ANY(${p})`);
      add(filter.districts, (p) => `e.district = ANY(${p})`);
      if (filter.licenceTypes.length) {
        // A licence counts if it is still valid when the window opens.
        params.push(plan.windowStart);
        const start = `$${params.length}::date`;
        add(filter.licenceTypes, (p) => `EXISTS (SELECT 1 FROM entity_licences l WHERE l.entity_id = e.id AND l.type = ANY(${p}) AND (l.valid_until IS NULL OR l.valid_until >= ${start}))`);
      }
    }
    await em.query(
      `INSERT INTO plan_candidates (plan_id, uscc, entity_id, stratum, excluded, supervising_unit, last_inspectors)
       SELECT $1, e.uscc, e.id, COALESCE(${classInForceSql('$3')}, '${UNCLASSIFIED_STRATUM}'),
              CASE WHEN e.status <> 'active' THEN 'NOT_ACTIVE' END, e.supervising_unit, '{}'
         FROM regulated_entities e
        WHERE ${where.join(' AND ')}`,
      params,
    );
    const counts = { A: zero(), B: zero(), C: zero(), D: zero() };
    const rows: { stratum: Stratum; total: number; excluded: number }[] = await em.query(
      `SELECT stratum, count(*)::int AS total, count(excluded)::int AS excluded FROM plan_candidates WHERE plan_id = $1 GROUP BY stratum`,
      [plan.id],
    );
    for (const r of rows) counts[r.stratum] = { candidates: r.total, excluded: r.excluded, eligible: r.total - r.excluded };
    const hash = createHash('sha256');
    await this.eachCandidatePage(em, plan.id, (page) => hash.update(page, 'utf8'));
    return { hash: hash.digest('hex'), counts };
  }

  /** Inspectors of the lead department; eligible only if eligible on every day of the window. */
  async snapshotInspectors(em: EntityManager, plan: Plan, rules: RegimeRules): Promise<{ hash: string }> {
    const inspectors = await em.getRepository(Inspector).find({ where: { departmentId: plan.departmentId } });
    const ids = inspectors.map((i) => i.id);
    const [statuses, trainings, exams] = ids.length
      ? await Promise.all([
          em.getRepository(InspectorStatusChange).find({ where: { inspectorId: In(ids) } }),
          em.getRepository(InspectorTraining).find({ where: { inspectorId: In(ids) } }),
          em.getRepository(InspectorExam).find({ where: { inspectorId: In(ids) } }),
        ])
      : [[], [], []];
    const records = inspectors.map((i) => {
      const input: EligibilityInput = {
        certificateValidFrom: i.certificateValidFrom,
        certificateValidUntil: i.certificateValidUntil,
        statusChanges: statuses.filter((s) => s.inspectorId === i.id).map((s) => ({ status: s.status, effectiveDate: s.effectiveDate, reason: s.reason })),
        trainings: trainings.filter((t) => t.inspectorId === i.id).map((t) => ({ date: t.date, hours: Number(t.hours) })),
        exams: exams.filter((e) => e.inspectorId === i.id).map((e) => ({ year: e.year, passed: e.passed })),
      };
      // Certificate and status must hold on both ends and no suspension may start inside the window;
      // training and exam are judged at the window's start.
      const eligible =
        evaluateEligibility(input, plan.windowStart, rules).eligible &&
        evaluateEligibility(input, plan.windowEnd, { minTrainingHours: 0, examRequired: false }).eligible &&
        !input.statusChanges.some((s) => s.status !== 'active' && s.effectiveDate > plan.windowStart && s.effectiveDate <= plan.windowEnd);
      return { planId: plan.id, certificateNumber: i.certificateNumber, inspectorId: i.id, eligible, domains: i.domains, unit: i.unit, existingTasks: 0 };
    });
    if (records.length) await em.getRepository(PlanInspector).insert(records);
    return { hash: inspectorSnapshot(records).hash };
  }

  /** Declared conflicts of the department in force on the window's first day, not revoked. */
  async snapshotConflicts(em: EntityManager, plan: Plan): Promise<{ rows: ConflictRecord[]; hash: string }> {
    const rows: ConflictRecord[] = await em.query(
      `SELECT i.certificate_number AS "certificateNumber", e.uscc, to_char(c.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(c.valid_until, 'YYYY-MM-DD') AS "validUntil"
         FROM declared_conflicts c
         JOIN inspectors i ON i.id = c.inspector_id
         JOIN regulated_entities e ON e.id = c.entity_id
        WHERE c.department_id = $1 AND c.revoked_at IS NULL
          AND c.valid_from <= $2::date AND (c.valid_until IS NULL OR c.valid_until >= $2::date)`,
      [plan.departmentId, plan.windowStart],
    );
    return { rows, hash: conflictSnapshot(rows).hash };
  }

  async candidateText(planId: string, em: EntityManager = this.dataSource.manager): Promise<string> {
    const parts: string[] = [];
    await this.eachCandidatePage(em, planId, (page) => parts.push(page));
    return parts.join('');
  }

  async inspectorText(planId: string, em: EntityManager = this.dataSource.manager): Promise<string> {
    const rows = await em.getRepository(PlanInspector).find({ where: { planId } });
    return inspectorSnapshot(rows).text;
  }

  /** Canonical candidate lines, page by page, in byte order of the USCC (ASCII: "C" collation). */
  private async eachCandidatePage(em: EntityManager, planId: string, onPage: (text: string) => void): Promise<void> {
    let after = '';
    for (;;) {
      const rows: Pick<PlanCandidate, 'uscc' | 'stratum' | 'excluded' | 'supervisingUnit' | 'lastInspectors'>[] = await em.query(
        `SELECT uscc, stratum, excluded, supervising_unit AS "supervisingUnit", last_inspectors AS "lastInspectors"
           FROM plan_candidates WHERE plan_id = $1 AND uscc COLLATE "C" > $2 ORDER BY uscc COLLATE "C" LIMIT $3`,
        [planId, after, PAGE],
      );
      if (!rows.length) return;
      onPage(rows.map((r) => candidateLine({ uscc: r.uscc, stratum: r.stratum, excluded: r.excluded, supervisingUnit: r.supervisingUnit, lastInspectors: r.lastInspectors }) + '\n').join(''));
      after = rows[rows.length - 1].uscc;
    }
  }
}

function zero(): StratumCounts {
  return { candidates: 0, excluded: 0, eligible: 0 };
}
