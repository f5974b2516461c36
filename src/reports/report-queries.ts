/**
 * The annual report's SQL: one set-based statement per figure family (docs/annual-report.md gives
 * each figure's definition in words; keep the two in step). Parameters, everywhere:
 *   $1 department id, $2 first day of the year, $3 first day of the next year, $4 the year (only
 *   where used: PostgreSQL refuses parameters a statement does not use).
 * Dates are `date` columns compared with half-open ranges, so the indexes on them apply.
 */
import { LIVE_TASK_SQL } from '../draws/draw.entity';
import { ENTITY_ORDER_SQL, EntityNameOrder } from './report-settings';

/** Approved or published check records of the department dated in the year. */
const RECORDS_OF_YEAR = `
  FROM check_records r
 WHERE r.department_id = $1 AND r.state IN ('approved', 'published') AND r.check_date >= $2::date AND r.check_date < $3::date`;

/** A finding recorded as non-compliant (the partial index ix_check_records_report_problems has this predicate). */
const PROBLEM = `r.findings @> '[{"compliant": false}]'`;

export interface InspectionRow {
  plans: number;
  draws: number;
  entities_drawn: number;
  checks: number;
  entities_checked: number;
  more_than_once: number;
  problems: number;
  names: string[];
  by_result: Record<string, number>;
  by_month: number[];
  orders: number;
  on_time: number;
  late: number;
  not_rectified: number;
}

/**
 * Random inspections, rectification and repeat checks. $5: how many names to list. One pass over
 * the department's tasks with their records of the year gives, per entity, whether it was drawn by
 * the year's plans and its checks. The tasks read are those whose window ends in the year or later,
 * or later than the first of the year's plans ends (ix_tasks_report): a record's check date lies in
 * its task's window (checked at submission), and a task has its plan's window.
 */
export function inspectionSql(order: EntityNameOrder): string {
  const { orderBy, cut } = ENTITY_ORDER_SQL[order];
  // Names are read for the entities that can be among the first $5 only (ENTITY_ORDER_SQL.cut), one
  // index lookup each (OFFSET 0 keeps the lookup a nested loop); without a cut, every name is joined.
  const named = cut
    ? `FROM (SELECT * FROM per_entity WHERE checks > 0 AND ${cut} <= (SELECT max(c) FROM (SELECT ${cut} AS c FROM per_entity WHERE checks > 0 ORDER BY 1 LIMIT $5) x)) pe
        CROSS JOIN LATERAL (SELECT e.name, e.uscc FROM regulated_entities e WHERE e.id = pe.entity_id OFFSET 0) e`
    : 'FROM per_entity pe JOIN regulated_entities e ON e.id = pe.entity_id WHERE pe.checks > 0';
  return `
    WITH plans_y AS (
      SELECT id, window_end FROM plans WHERE department_id = $1 AND year = $4 AND state <> 'draft'
    ), rec AS (
      SELECT r.task_id, r.check_date, r.result_codes ${RECORDS_OF_YEAR}
    ), per_entity AS (
      SELECT t.entity_id,
             bool_or(t.plan_id IN (SELECT id FROM plans_y) AND t.state <> 'cancelled') AS drawn,
             min(rec.check_date) AS first_check,
             count(rec.task_id)::int AS checks
        FROM tasks t
        LEFT JOIN rec ON rec.task_id = t.id
       WHERE t.department_id = $1 AND t.window_end >= LEAST($2::date, (SELECT min(window_end) FROM plans_y))
         AND (rec.task_id IS NOT NULL OR t.plan_id IN (SELECT id FROM plans_y))
       GROUP BY t.entity_id
    ), named AS (
      SELECT pe.first_check, pe.checks, e.name, e.uscc
        ${named}
       ORDER BY ${orderBy}
       LIMIT $5
    ), orders AS (
      SELECT count(*)::int AS orders,
             count(*) FILTER (WHERE o.rectified AND o.followed_up_on <= o.due_on)::int AS on_time,
             count(*) FILTER (WHERE o.rectified AND o.followed_up_on > o.due_on)::int AS late,
             count(*) FILTER (WHERE o.followed_up_on IS NOT NULL AND NOT o.rectified)::int AS not_rectified
        FROM rectification_orders o
       WHERE o.department_id = $1 AND o.issued_on >= $2::date AND o.issued_on < $3::date
    ), sums AS (
      SELECT count(*) FILTER (WHERE drawn)::int AS entities_drawn,
             count(*) FILTER (WHERE checks > 0)::int AS entities_checked,
             count(*) FILTER (WHERE checks >= 2)::int AS more_than_once
        FROM per_entity
    )
    SELECT (SELECT count(*) FROM plans_y)::int AS plans,
           (SELECT count(*) FROM draws d WHERE d.plan_id IN (SELECT id FROM plans_y) AND d.superseded_at IS NULL)::int AS draws,
           sums.*,
           (SELECT count(*) FROM rec)::int AS checks,
           (SELECT count(*) ${RECORDS_OF_YEAR} AND ${PROBLEM})::int AS problems,
           (SELECT COALESCE(json_object_agg(code, n), '{}'::json) FROM (SELECT code, count(*)::int AS n FROM (SELECT unnest(rec.result_codes) AS code FROM rec) c GROUP BY code) x) AS by_result,
           (SELECT COALESCE(json_agg(name ORDER BY ${orderBy}), '[]'::json) FROM named) AS names,
           (SELECT json_agg(n ORDER BY m) FROM (SELECT m, (SELECT count(*) FROM rec WHERE extract(month FROM rec.check_date) = m)::int AS n FROM generate_series(1, 12) m) x) AS by_month,
           orders.*
      FROM sums, orders`;
}

export interface PublicationRowRaw {
  published: number;
  on_time: number;
  pending: number;
  delivered: number;
  failed: number;
  push_pending: number;
  results_pushed: number;
  platforms: { name: string; results: number }[];
}

/**
 * Publication: the original version (1) of each result of the year's checks — a correction is a
 * new version of the same result and must not count twice. Platform pushes come from the outbox
 * when its tables exist (every event about those results, every endpoint).
 */
export function publicationSql(outbox: boolean): string {
  // Two index-only scans of ix_publications_report: cheaper than materializing the year's rows once.
  const ofYear = 'p.department_id = $1 AND p.check_date >= $2::date AND p.check_date < $3::date';
  const push = outbox
    ? `WITH rows AS (
         SELECT d.state, d.endpoint, p.record_id
           FROM outbox_deliveries d
           JOIN outbox_events e ON e.id = d.event_id
           JOIN publications p ON p.id = e.publication_id
          WHERE ${ofYear})
       SELECT count(*) FILTER (WHERE state = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE state = 'dead')::int AS failed,
              count(*) FILTER (WHERE state = 'pending')::int AS push_pending,
              count(DISTINCT record_id) FILTER (WHERE state = 'delivered')::int AS results_pushed,
              (SELECT COALESCE(json_agg(json_build_object('name', endpoint, 'results', n) ORDER BY endpoint COLLATE "C"), '[]'::json)
                 FROM (SELECT endpoint, count(DISTINCT record_id)::int AS n FROM rows WHERE state = 'delivered' GROUP BY endpoint) x) AS platforms
         FROM rows`
    : `SELECT 0 AS delivered, 0 AS failed, 0 AS push_pending, 0 AS results_pushed, '[]'::json AS platforms`;
  return `
    WITH v1 AS (
      SELECT count(*) FILTER (WHERE p.state IN ('published', 'withdrawn') AND p.published_at IS NOT NULL)::int AS published,
             count(*) FILTER (WHERE p.state IN ('published', 'withdrawn') AND p.published_at IS NOT NULL
                                AND (p.published_at AT TIME ZONE 'Asia/Shanghai')::date <= p.deadline)::int AS on_time,
             count(*) FILTER (WHERE p.state = 'pending')::int AS pending
        FROM publications p
       WHERE ${ofYear} AND p.version = 1
    ), push AS (${push})
    SELECT v1.published, v1.on_time, v1.pending, push.delivered::int, push.failed::int, push.push_pending::int, push.results_pushed::int, push.platforms FROM v1, push`;
}

/** Both outbox tables exist (they arrive with their own migration). */
export const OUTBOX_EXISTS_SQL = `SELECT to_regclass('public.outbox_deliveries') IS NOT NULL AND to_regclass('public.outbox_events') IS NOT NULL AS exists`;

export interface LegalReviewRow {
  kind: string;
  n: number;
  returned: number;
}

/** The legal review register, by kind. */
export const LEGAL_REVIEW_SQL = `
  SELECT kind, count(*)::int AS n, count(*) FILTER (WHERE decision = 'return')::int AS returned
    FROM legal_reviews
   WHERE department_id = $1 AND reviewed_on >= $2::date AND reviewed_on < $3::date
   GROUP BY kind`;

export interface InspectorRow {
  certified: number;
  in_service: number;
  valid_at_year_end: number;
  hours_total: number;
  meeting: number;
  exams_taken: number;
  exams_passed: number;
  trained_and_passed: number;
  issued: number;
  expired: number;
  revoked: number;
}

/** The status in force on a date: the latest change effective on or before it (none: active). */
const statusOn = (inspector: string, date: string) =>
  `COALESCE((SELECT s.status FROM inspector_status_changes s WHERE s.inspector_id = ${inspector} AND s.effective_date <= ${date}
              ORDER BY s.effective_date DESC, s.created_at DESC LIMIT 1), 'active')`;

/**
 * Inspectors of the department. $5 the year's last day, $6 the training threshold in hours; `meets`
 * is the comparison of RULES_TRAINING_HOURS_COMPARISON (a fixed operator, never user input). In
 * service: certified and neither suspended nor revoked on the last day of the certificate's validity
 * in the year — the "N名" of the paragraph, whose exclusion it states.
 */
export function inspectorSql(meets: '>' | '>='): string {
  return `
  WITH ins AS (
    SELECT i.id, i.certificate_valid_from AS vf, i.certificate_valid_until AS vu FROM inspectors i WHERE i.department_id = $1
  ), cert AS (
    -- Valid on some day of the year: the certificate's period meets the year, and it was not
    -- revoked when that overlap began.
    SELECT ins.id, ins.vu FROM ins
     WHERE ins.vf < $3::date AND ins.vu >= $2::date
       AND ${statusOn('ins.id', 'greatest(ins.vf, $2::date)')} <> 'revoked'
  ), serving AS (
    SELECT cert.id FROM cert WHERE ${statusOn('cert.id', 'least(cert.vu, $5::date)')} = 'active'
  ), hours AS (
    SELECT t.inspector_id, sum(t.hours) AS h
      FROM inspector_trainings t
     WHERE t.inspector_id IN (SELECT id FROM cert) AND t.date >= $2::date AND t.date < $3::date
     GROUP BY t.inspector_id
  ), exams AS (
    SELECT x.inspector_id, x.passed FROM inspector_exams x WHERE x.year = $4 AND x.inspector_id IN (SELECT id FROM ins)
  )
  SELECT (SELECT count(*) FROM cert)::int AS certified,
         (SELECT count(*) FROM serving)::int AS in_service,
         (SELECT count(*) FROM ins WHERE ins.vf <= $5::date AND ins.vu >= $5::date AND ${statusOn('ins.id', '$5::date')} = 'active')::int AS valid_at_year_end,
         (SELECT COALESCE(sum(h), 0) FROM hours)::float8 AS hours_total,
         (SELECT count(*) FROM hours WHERE h ${meets} $6::numeric)::int AS meeting,
         (SELECT count(*) FROM exams)::int AS exams_taken,
         (SELECT count(*) FROM exams WHERE passed)::int AS exams_passed,
         (SELECT count(*) FROM hours JOIN exams USING (inspector_id)
           WHERE hours.h ${meets} $6::numeric AND exams.passed AND hours.inspector_id IN (SELECT id FROM serving))::int AS trained_and_passed,
         (SELECT count(*) FROM ins WHERE ins.vf >= $2::date AND ins.vf < $3::date)::int AS issued,
         (SELECT count(*) FROM ins WHERE ins.vu >= $2::date AND ins.vu < $3::date)::int AS expired,
         (SELECT count(DISTINCT s.inspector_id) FROM inspector_status_changes s
           WHERE s.status = 'revoked' AND s.effective_date >= $2::date AND s.effective_date < $3::date AND s.inspector_id IN (SELECT id FROM ins))::int AS revoked`;
}

export interface OnDutyRow {
  on_checks: number;
  certified_on_checks: number;
}

/**
 * 持证上岗: the inspectors present at the year's checks, and those whose certificate was valid and
 * status active on every check date they were present (submission already refuses otherwise; this
 * reports it).
 */
export const ON_DUTY_SQL = `
  WITH present AS (
    SELECT DISTINCT (p->>'inspectorId')::uuid AS inspector_id, r.check_date
      ${RECORDS_OF_YEAR.replace('FROM check_records r', 'FROM check_records r CROSS JOIN LATERAL jsonb_array_elements(r.inspectors_present) p')}
  ), judged AS (
    SELECT pr.inspector_id,
           bool_and(i.certificate_valid_from <= pr.check_date AND i.certificate_valid_until >= pr.check_date
                    AND ${statusOn('i.id', 'pr.check_date')} = 'active') AS valid
      FROM present pr JOIN inspectors i ON i.id = pr.inspector_id
     GROUP BY pr.inspector_id
  )
  SELECT count(*)::int AS on_checks, count(*) FILTER (WHERE valid)::int AS certified_on_checks FROM judged`;

export interface MethodRow {
  method: string;
  n: number;
}

/** Checks per method of their plan's items (a check whose items use two methods counts under each). */
export const METHODS_SQL = `
  SELECT v.method, count(DISTINCT r.id)::int AS n
    FROM (SELECT r.id, r.task_id ${RECORDS_OF_YEAR}) r
    JOIN tasks t ON t.id = r.task_id
    JOIN plan_items pi ON pi.plan_id = t.plan_id
    JOIN inspection_item_versions v ON v.id = pi.item_version_id
   GROUP BY v.method`;

/** The entities the supervisor chose to name ($4: USCCs), among those checked in the year. */
export const CHOSEN_NAMES_SQL = `
  SELECT DISTINCT e.uscc, e.name
    FROM (SELECT r.task_id ${RECORDS_OF_YEAR}) r
    JOIN tasks t ON t.id = r.task_id
    JOIN regulated_entities e ON e.id = t.entity_id
   WHERE e.uscc = ANY($4::text[])`;

export interface JointRow {
  joint_tasks: number;
  merged_visits: number;
}

/**
 * Joint plans and 综合查一次. Merged visits follow the merge-candidate rule of
 * src/draws/merge-candidates.service.ts: a USCC with live tasks of two or more departments whose
 * windows start in the same quarter — counted per (USCC, quarter), this department among them.
 */
export const JOINT_SQL = `
  WITH joint AS (
    SELECT count(*)::int AS n
      FROM tasks t
     WHERE t.plan_id IN (SELECT p.id FROM plans p
                          WHERE p.year = $4 AND p.state <> 'draft' AND cardinality(p.joint_department_ids) > 0
                            AND (p.department_id = $1 OR $1 = ANY(p.joint_department_ids)))
       AND ${LIVE_TASK_SQL}
  ), theirs AS (
    SELECT DISTINCT t.uscc, date_trunc('quarter', t.window_start::timestamp) AS quarter
      FROM tasks t
     WHERE t.department_id <> $1 AND ${LIVE_TASK_SQL} AND t.window_start >= $2::date AND t.window_start < $3::date
  ), merged AS (
    -- window_end >= the year's first day is implied, and lets the index range (ix_tasks_report) start there.
    SELECT DISTINCT t.uscc, date_trunc('quarter', t.window_start::timestamp) AS quarter
      FROM tasks t
     WHERE t.department_id = $1 AND t.window_end >= $2::date AND ${LIVE_TASK_SQL} AND t.window_start >= $2::date AND t.window_start < $3::date
       AND (t.uscc, date_trunc('quarter', t.window_start::timestamp)) IN (SELECT uscc, quarter FROM theirs)
  )
  SELECT (SELECT n FROM joint) AS joint_tasks, (SELECT count(*) FROM merged)::int AS merged_visits`;

/** Every checked entity, in the configured order (the 检查对象 sheet). */
export function checkedEntitiesSql(order: EntityNameOrder): string {
  return `
    WITH per_entity AS (
      SELECT t.entity_id, min(r.check_date) AS first_check, count(*)::int AS checks, bool_or(${PROBLEM}) AS problem
        FROM (SELECT r.task_id, r.check_date, r.findings ${RECORDS_OF_YEAR}) r
        JOIN tasks t ON t.id = r.task_id
       GROUP BY t.entity_id
    )
    SELECT e.name, e.uscc, to_char(pe.first_check, 'YYYY-MM-DD') AS "firstCheckDate", pe.checks, pe.problem AS "problemFound"
      FROM per_entity pe JOIN regulated_entities e ON e.id = pe.entity_id
     ORDER BY ${ENTITY_ORDER_SQL[order].orderBy}`;
}

/** Every result of the year's checks: its original publication and the current version's state. */
export const PUBLICATION_LIST_SQL = `
  SELECT p.entity_name AS "entityName", p.uscc, to_char(p.check_date, 'YYYY-MM-DD') AS "checkDate", to_char(p.deadline, 'YYYY-MM-DD') AS deadline,
         p.published_at AS "publishedAt",
         CASE WHEN p.published_at IS NULL OR p.state = 'pending' THEN NULL ELSE (p.published_at AT TIME ZONE 'Asia/Shanghai')::date <= p.deadline END AS "onTime",
         cur.state AS "currentState", cur.version AS "currentVersion"
    FROM publications p
    JOIN publications cur ON cur.record_id = p.record_id AND cur.current
   WHERE p.department_id = $1 AND p.version = 1 AND p.check_date >= $2::date AND p.check_date < $3::date
   ORDER BY p.check_date, p.entity_name COLLATE "C", p.uscc`;
