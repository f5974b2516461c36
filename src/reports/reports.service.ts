import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { RESULT_CODE_LIST, resultLabel } from '../checks/result-codes';
import { BadRequestError, NotFoundError } from '../common/errors';
import { todayInChina } from '../common/validation';
import type { RuntimeConfig } from '../config/runtime-config';
import type { RegimeRules } from '../config/rules';
import { annualCaseFigures } from '../cases/case-report';
import { METHOD_LABELS } from '../items/labels';
import { ITEM_METHODS } from '../items/inspection-item.entity';
import { REVIEW_KIND_LABELS, REVIEW_KINDS } from '../legal-reviews/legal-review.entity';
import { AnnualReportDto, AnnualReportQueryDto } from './dto/annual-report.dto';
import { annualParagraph } from './paragraph';
import { annualDocx, annualXlsx, CheckedEntityRow, PublicationRow, reportFileName } from './report-files';
import { AnnualFigures, oneDecimal, percent, ReportInputs } from './report-figures';
import {
  checkedEntitiesSql,
  CHOSEN_NAMES_SQL,
  inspectorSql,
  InspectorRow,
  METHODS_SQL,
  MethodRow,
  ON_DUTY_SQL,
  OnDutyRow,
  inspectionSql,
  InspectionRow,
  JOINT_SQL,
  JointRow,
  LEGAL_REVIEW_SQL,
  LegalReviewRow,
  OUTBOX_EXISTS_SQL,
  PUBLICATION_LIST_SQL,
  publicationSql,
  PublicationRowRaw,
} from './report-queries';
import { REPORT_SETTINGS } from './report-settings';
import { SnapshotQuery, withSharedSnapshot } from './shared-snapshot';

export interface ReportFile {
  content: Buffer;
  fileName: string;
}

/**
 * The annual report of a department: its enforcement figures computed from the records (one
 * statement per figure family, run in parallel on one read-only snapshot so the families agree
 * with each other), the paragraph written from them, and the DOCX/XLSX files.
 */
@Injectable()
export class ReportsService {
  private readonly rules: RegimeRules;
  /** Connections a report reads with in parallel (never all of the pool). */
  private readonly width: number;
  /** Set once the outbox tables are seen: tables do not disappear, so the probe stops then. */
  private outboxSeen = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.rules = config.get('rules', { infer: true });
    this.width = Math.max(1, Math.min(2, config.get('DB_POOL_SIZE', { infer: true }) - 1));
  }

  async annual(user: AuthUser, query: AnnualReportQueryDto): Promise<AnnualReportDto> {
    const figures = await this.snapshot(user, query, (q) => this.figures(q, user, query));
    return { ...figures, paragraph: annualParagraph(figures) };
  }

  async docx(user: AuthUser, query: AnnualReportQueryDto): Promise<ReportFile> {
    const figures = await this.snapshot(user, query, (q) => this.figures(q, user, query));
    return { content: await annualDocx(figures, annualParagraph(figures)), fileName: `${reportFileName(figures)}.docx` };
  }

  async xlsx(user: AuthUser, query: AnnualReportQueryDto): Promise<ReportFile> {
    const { figures, entities, publications } = await this.snapshot(user, query, async (q) => {
      const f = await this.figures(q, user, query);
      const params = [f.department.id, ...yearBounds(f.year)];
      const [e, p] = await Promise.all([
        q<CheckedEntityRow>(checkedEntitiesSql(REPORT_SETTINGS.entityNameOrder), params),
        q<Omit<PublicationRow, 'publishedAt'> & { publishedAt: Date | null }>(PUBLICATION_LIST_SQL, params),
      ]);
      return { figures: f, entities: e, publications: p.map((r) => ({ ...r, publishedAt: r.publishedAt?.toISOString() ?? null })) };
    });
    return { content: await annualXlsx(figures, annualParagraph(figures), { entities, publications }), fileName: `${reportFileName(figures)}.xlsx` };
  }

  /** Every figure is read from one snapshot of the data, on up to `width` connections at once. */
  private snapshot<T>(user: AuthUser, query: AnnualReportQueryDto, work: (q: SnapshotQuery) => Promise<T>): Promise<T> {
    // Bad requests are refused before any connection is taken.
    const thisYear = Number(todayInChina().slice(0, 4));
    if (query.year > thisYear) throw new BadRequestError('REPORT_YEAR_IN_FUTURE', `年度报告的年份不能晚于今年（${thisYear}年）`, [{ field: 'year' }]);
    departmentId(user, query.department);
    return withSharedSnapshot(this.dataSource, this.width, work);
  }

  private async figures(q: SnapshotQuery, user: AuthUser, query: AnnualReportQueryDto): Promise<AnnualFigures> {
    const asOf = todayInChina();
    const department = await this.department(q, user, query.department);
    const [from, to] = yearBounds(query.year);
    const range = [department.id, from, to];
    const base = [...range, query.year];
    const outbox = await this.outboxExists(q);
    const chosen = namedUsccs(query.named);
    const inputs: ReportInputs = {
      year: query.year,
      departmentId: department.id,
      namedEntities: chosen,
      nameOrder: REPORT_SETTINGS.entityNameOrder,
      namesListed: REPORT_SETTINGS.namesListed,
      trainingThresholdHours: this.rules.minTrainingHours,
      trainingThresholdComparison: this.rules.trainingHoursComparison,
    };
    const meets = this.rules.trainingHoursComparison === 'above' ? '>' : '>=';
    // The heaviest first: each takes the next free connection.
    const [[ins], [pub], [joint], [insp], legal, methods, [duty], picked, cases] = await Promise.all([
      q<InspectionRow>(inspectionSql(REPORT_SETTINGS.entityNameOrder), [...base, REPORT_SETTINGS.namesListed]),
      q<PublicationRowRaw>(publicationSql(outbox), range),
      q<JointRow>(JOINT_SQL, base),
      q<InspectorRow>(inspectorSql(meets), [...base, `${query.year}-12-31`, this.rules.minTrainingHours]),
      q<LegalReviewRow>(LEGAL_REVIEW_SQL, range),
      q<MethodRow>(METHODS_SQL, range),
      q<OnDutyRow>(ON_DUTY_SQL, range),
      chosen ? q<{ uscc: string; name: string }>(CHOSEN_NAMES_SQL, [...range, chosen]) : Promise.resolve(null),
      annualCaseFigures(q, department.id, from, to),
    ]);
    const names = picked ? chosenNames(chosen!, picked) : ins.names;

    const kind = (k: string) => legal.find((r) => r.kind === k);
    return {
      inputs,
      inputsHash: createHash('sha256').update(JSON.stringify(inputs)).digest('hex'),
      year: query.year,
      department,
      asOf,
      randomInspections: {
        plans: ins.plans,
        draws: ins.draws,
        entitiesDrawn: ins.entities_drawn,
        checks: ins.checks,
        entitiesChecked: ins.entities_checked,
        checkedEntityNames: names,
        nameOrder: REPORT_SETTINGS.entityNameOrder,
        checksByResult: RESULT_CODE_LIST.map((code) => ({ code, label: resultLabel(code), count: ins.by_result[code] ?? 0 })),
        checksByMethod: ITEM_METHODS.map((code) => ({ code, label: METHOD_LABELS[code], count: methods.find((m) => m.method === code)?.n ?? 0 })),
        checksByMonth: ins.by_month,
        problemsFound: ins.problems,
        rectification: {
          orders: ins.orders,
          rectifiedOnTime: ins.on_time,
          rectifiedLate: ins.late,
          open: ins.orders - ins.on_time - ins.late,
          notRectifiedAtFollowUp: ins.not_rectified,
        },
        casesOpened: cases.opened,
        casesTracked: true,
      },
      publication: {
        published: pub.published,
        onTime: pub.on_time,
        late: pub.published - pub.on_time,
        pending: pub.pending,
        onTimeRate: percent(pub.on_time, pub.published),
        platformPush: { available: outbox, resultsPushed: pub.results_pushed, platforms: pub.platforms, delivered: pub.delivered, failed: pub.failed, pending: pub.push_pending },
      },
      legalReview: {
        total: legal.reduce((s, r) => s + r.n, 0),
        byKind: REVIEW_KINDS.map((k) => ({ code: k, label: REVIEW_KIND_LABELS[k], count: kind(k)?.n ?? 0 })),
        returned: legal.reduce((s, r) => s + r.returned, 0),
      },
      inspectors: {
        certified: insp.certified,
        validAtYearEnd: insp.valid_at_year_end,
        trainingHoursTotal: oneDecimal(insp.hours_total),
        trainingHoursAverage: insp.certified ? oneDecimal(insp.hours_total / insp.certified) : 0,
        trainingThresholdHours: this.rules.minTrainingHours,
        trainingThresholdComparison: this.rules.trainingHoursComparison,
        meetingThreshold: insp.meeting,
        inService: insp.in_service,
        suspendedOrRevoked: insp.certified - insp.in_service,
        examsTaken: insp.exams_taken,
        examsPassed: insp.exams_passed,
        trainedAndPassed: insp.trained_and_passed,
        onChecks: duty.on_checks,
        certifiedOnChecks: duty.certified_on_checks,
        certificatesIssued: insp.issued,
        certificatesExpired: insp.expired,
        certificatesRevoked: insp.revoked,
      },
      jointInspections: { jointTasks: joint.joint_tasks, mergedVisits: joint.merged_visits, entitiesCheckedMoreThanOnce: ins.more_than_once },
      cases,
    };
  }

  private async department(q: SnapshotQuery, user: AuthUser, requested: string | undefined): Promise<{ id: string; name: string }> {
    const [row] = await q<{ id: string; name: string }>('SELECT id, name FROM departments WHERE id = $1', [departmentId(user, requested)]);
    if (!row) throw new NotFoundError('部门', 'DEPARTMENT_NOT_FOUND');
    return row;
  }

  private async outboxExists(q: SnapshotQuery): Promise<boolean> {
    if (!this.outboxSeen) this.outboxSeen = (await q<{ exists: boolean }>(OUTBOX_EXISTS_SQL))[0].exists;
    return this.outboxSeen;
  }
}

/**
 * The department reported on (roles.ts `targetDepartment` rules): an admin must name one; a
 * supervisor gets their own, and naming another is refused with the same answer whether or not it
 * exists.
 */
function departmentId(user: AuthUser, requested: string | undefined): string {
  if (user.role === 'admin') {
    if (!requested) throw new BadRequestError('DEPARTMENT_REQUIRED', '管理员查看年度报告须指定部门（department）', [{ field: 'department' }]);
    return requested;
  }
  if (requested && requested !== user.departmentId) throw new BadRequestError('DEPARTMENT_NOT_ALLOWED', '只能查看本部门的年度报告；department 仅供管理员指定', [{ field: 'department' }]);
  return user.departmentId!;
}

/** `named`: comma-separated USCCs, in the order the paragraph names them; duplicates are refused. */
function namedUsccs(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  const usccs = raw.split(',');
  if (new Set(usccs).size !== usccs.length) throw new BadRequestError('NAMED_ENTITY_DUPLICATE', '点名列举的检查对象重复', [{ field: 'named' }]);
  return usccs;
}

/** The chosen names in the chosen order; a USCC not checked in the year by the department is refused. */
function chosenNames(usccs: string[], rows: { uscc: string; name: string }[]): string[] {
  return usccs.map((u) => {
    const row = rows.find((r) => r.uscc === u);
    if (!row) throw new BadRequestError('NAMED_ENTITY_NOT_CHECKED', `统一社会信用代码为${u}的单位不是本部门本年度已检查的对象，不能在报告中列举`, [{ field: 'named' }]);
    return row.name;
  });
}

function yearBounds(year: number): [string, string] {
  return [`${year}-01-01`, `${year + 1}-01-01`];
}
