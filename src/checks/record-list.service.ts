import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, departmentScope } from '../auth/roles';
import { CalendarService } from '../calendar/calendar.service';
import { WorkingCalendar } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { Page, pageWindow, toPage } from '../common/http/paging';
import type { RuntimeConfig } from '../config/runtime-config';
import type { RegimeRules } from '../config/rules';
import { passedReviewOfCurrentVersionSql } from '../legal-reviews/legal-review-queries';
import { LegalQueueItemDto, LegalQueueQueryDto, RecordListItemDto, RecordListQueryDto, RecordStage } from './dto/record-list.dto';
import { majorDecisionSql } from './record-rules';

interface Row {
  id: string;
  taskId: string;
  drawId: string;
  planId: string;
  planName: string;
  departmentId: string;
  entityId: string;
  entityName: string;
  uscc: string;
  state: string;
  major: boolean;
  passed: boolean;
  checkDate: string | null;
  submittedAt: Date | null;
  submittedOn: string | null;
  approvedAt: Date | null;
  version: number;
}

/**
 * The records lists of the console (by state or stage, for a department) and the legal reviewer's
 * queue, filtered and paged in the database; plus the counts the to-do page shows.
 */
@Injectable()
export class RecordListService {
  private readonly rules: RegimeRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.rules = config.get('rules', { infer: true });
  }

  async list(user: AuthUser, query: RecordListQueryDto): Promise<Page<RecordListItemDto>> {
    const q = this.where(user, query.departmentId);
    if (query.state) q.add(this.stageCondition(query.state));
    if (query.checkDateFrom) q.add(`r.check_date >= ${q.param(query.checkDateFrom)}::date`);
    if (query.checkDateTo) q.add(`r.check_date <= ${q.param(query.checkDateTo)}::date`);
    if (query.planId) q.add(`t.plan_id = ${q.param(query.planId)}::uuid`);
    if (query.entityId) q.add(`t.entity_id = ${q.param(query.entityId)}::uuid`);
    if (query.itemId) {
      q.add(`EXISTS (SELECT 1 FROM plan_items pi JOIN inspection_item_versions v ON v.id = pi.item_version_id WHERE pi.plan_id = t.plan_id AND v.item_id = ${q.param(query.itemId)}::uuid)`);
    }
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    const { rows, total } = await this.page(q, `COALESCE(r.submitted_at, r.created_at) ${direction}, r.id ${direction}`, query);
    return toPage(rows.map((r) => this.view(r)), total, query);
  }

  /** Records waiting for 法制审核, oldest submission first, with the deadline and the working days left. */
  async legalQueue(user: AuthUser, query: LegalQueueQueryDto): Promise<Page<LegalQueueItemDto>> {
    const q = this.where(user, query.departmentId);
    q.add(this.stageCondition('awaiting_legal_review'));
    const { rows, total } = await this.page(q, 'r.submitted_at ASC, r.id ASC', query);
    const cal = await this.calendar.calendar();
    const today = this.clock.today();
    return toPage(rows.map((r) => ({ ...this.view(r), ...this.reviewDeadline(cal, r.submittedOn!, today) })), total, query);
  }

  /** The to-do counts of records: submitted results waiting for approval, and for 法制审核. null: all departments. */
  async countAwaiting(departmentId: string | null): Promise<{ awaitingApproval: number; awaitingLegalReview: number }> {
    const major = majorDecisionSql('r', '$2');
    const passed = passedReviewOfCurrentVersionSql('r');
    const [row]: { approval: number; review: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE NOT ${major} OR ${passed})::int AS approval,
              count(*) FILTER (WHERE ${major} AND NOT ${passed})::int AS review
         FROM check_records r
        WHERE r.state = 'submitted' AND ($1::uuid IS NULL OR r.department_id = $1::uuid)`,
      [departmentId, this.rules.majorPenaltyYuan],
    );
    return { awaitingApproval: row.approval, awaitingLegalReview: row.review };
  }

  /** Deadline of a review: counted from the submission date in working days (holidays and 调休). */
  private reviewDeadline(cal: WorkingCalendar, submittedOn: string, today: string): Pick<LegalQueueItemDto, 'submittedOn' | 'deadline' | 'workingDaysLeft' | 'overdue' | 'deadlineProvisional'> {
    try {
      const deadline = cal.addWorkingDays(submittedOn, this.rules.legalReviewWorkingDays);
      const left = deadline >= today ? cal.workingDaysBetween(today, deadline) : -cal.workingDaysBetween(deadline, today);
      return { submittedOn, deadline, workingDaysLeft: left, overdue: deadline < today, deadlineProvisional: cal.provisionalYearsBetween(submittedOn, deadline).length > 0 };
    } catch {
      // A year the calendar does not cover yet: shown without a deadline rather than failing the whole queue.
      return { submittedOn, deadline: null, workingDaysLeft: null, overdue: false, deadlineProvisional: true };
    }
  }

  /** Scope: a non-admin sees the records their department leads; a departmentId filter narrows (another department's: nothing). */
  private where(user: AuthUser, departmentId: string | undefined): Where {
    const q = new Where([this.rules.majorPenaltyYuan]);
    const scope = departmentScope(user);
    if (scope) q.add(`r.department_id = ${q.param(scope)}::uuid`);
    if (departmentId) q.add(`r.department_id = ${q.param(departmentId)}::uuid`);
    return q;
  }

  private stageCondition(state: string): string {
    const major = majorDecisionSql('r', '$1');
    const passed = passedReviewOfCurrentVersionSql('r');
    if (state === 'awaiting_legal_review') return `r.state = 'submitted' AND ${major} AND NOT ${passed}`;
    if (state === 'awaiting_approval') return `r.state = 'submitted' AND (NOT ${major} OR ${passed})`;
    if (!/^[a-z_]+$/.test(state)) throw new Error(`unexpected record state ${state}`);
    return `r.state = '${state}'`;
  }

  private async page(q: Where, orderBy: string, query: { page: number; pageSize: number }): Promise<{ rows: Row[]; total: number }> {
    const from = 'check_records r JOIN tasks t ON t.id = r.task_id';
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${from} WHERE ${q.sql()}`, q.params);
    const { skip, take } = pageWindow(query);
    const rows: Row[] = await this.dataSource.query(
      `SELECT r.id, r.task_id AS "taskId", t.draw_id AS "drawId", t.plan_id AS "planId", p.name AS "planName", r.department_id AS "departmentId",
              t.entity_id AS "entityId", e.name AS "entityName", t.uscc, r.state,
              ${majorDecisionSql('r', '$1')} AS major, ${passedReviewOfCurrentVersionSql('r')} AS passed,
              to_char(r.check_date, 'YYYY-MM-DD') AS "checkDate", r.submitted_at AS "submittedAt",
              to_char(r.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "submittedOn", r.approved_at AS "approvedAt", r.version
         FROM ${from}
         JOIN plans p ON p.id = t.plan_id
         JOIN regulated_entities e ON e.id = t.entity_id
        WHERE ${q.sql()}
        ORDER BY ${orderBy}
        LIMIT ${q.param(take)} OFFSET ${q.param(skip)}`,
      q.params,
    );
    return { rows, total: n };
  }

  private view(r: Row): RecordListItemDto {
    const stage: RecordStage = r.state === 'submitted' ? (r.major && !r.passed ? 'awaiting_legal_review' : 'awaiting_approval') : (r.state as RecordStage);
    return {
      id: r.id,
      taskId: r.taskId,
      drawId: r.drawId,
      planId: r.planId,
      planName: r.planName,
      departmentId: r.departmentId,
      entity: { id: r.entityId, name: r.entityName, uscc: r.uscc },
      state: r.state,
      stage,
      major: r.major,
      checkDate: r.checkDate,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      version: r.version,
    };
  }
}

/** A WHERE clause with numbered parameters ($1 is always the major-decision threshold). */
class Where {
  // Names $1 even when no condition uses it: PostgreSQL refuses a parameter it cannot type.
  private readonly conditions: string[] = ['$1::numeric IS NOT NULL'];
  constructor(readonly params: unknown[]) {}
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  add(condition: string): void {
    this.conditions.push(`(${condition})`);
  }
  sql(): string {
    return this.conditions.join(' AND ');
  }
}
