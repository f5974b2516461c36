import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, departmentScope } from '../auth/roles';
import { CalendarService } from '../calendar/calendar.service';
import { WorkingCalendar } from '../calendar/working-days';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { Page, toPage } from '../common/http/paging';
import type { RuntimeConfig } from '../config/runtime-config';
import type { RegimeRules } from '../config/rules';
import { LegalReviewsService } from '../legal-reviews/legal-reviews.service';
import { DUE_SOON_WORKING_DAYS } from '../publication/publication.service';
import { CASE_SOURCE_LABELS, CASE_STATE_LABELS, fenToYuan, isMajorCaseDecision, licenceMeasureText, needsPublication, OUTCOME_LABELS, PENALTY_KIND_LABELS } from './case-rules';
import { Case, CaseNote } from './case.entity';
import { CaseDto, CaseQueryDto, PublicPenaltyDecisionDto, PublicPenaltyDecisionPageDto, PublicPenaltyDecisionQueryDto } from './dto/case.dto';

/** SQL (alias `c`): a penalty decision awaiting publication. */
const UNPUBLISHED_PENALTY = `c.state IN ('decided', 'closed') AND c.publication_deadline IS NOT NULL AND c.published_at IS NULL`;
/** SQL (alias `c`): a penalty decision the public sees. */
const PUBLIC_PENALTY = `c.publication_deadline IS NOT NULL AND c.published_at IS NOT NULL AND c.published_at <= now()`;

/** Reading cases: one case, the department's list with its filters, the to-do counts and the public summaries. */
@Injectable()
export class CaseViews {
  private readonly rules: RegimeRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly legalReviews: LegalReviewsService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.rules = config.get('rules', { infer: true });
  }

  async get(user: AuthUser, id: string): Promise<CaseDto> {
    const c = await this.dataSource.getRepository(Case).findOneBy({ id });
    const scope = departmentScope(user);
    if (!c || (scope && c.departmentId !== scope)) throw new NotFoundError('案件', 'CASE_NOT_FOUND');
    return this.view(this.dataSource.manager, c);
  }

  async list(user: AuthUser, query: CaseQueryDto): Promise<Page<CaseDto>> {
    const scope = departmentScope(user);
    const today = this.clock.today();
    const cal = await this.calendar.calendar();
    const qb = this.dataSource.getRepository(Case).createQueryBuilder('c');
    if (scope) qb.andWhere('c.department_id = :scope', { scope });
    if (query.departmentId) qb.andWhere('c.department_id = :departmentId', { departmentId: query.departmentId });
    if (query.state) qb.andWhere('c.state = :state', { state: query.state });
    if (query.recordId) qb.andWhere('c.record_id = :recordId', { recordId: query.recordId });
    if (query.year) qb.andWhere('c.year = :year', { year: query.year });
    if (query.q) qb.andWhere(`(c.party_name ILIKE :q ESCAPE '\\' OR c.party_uscc = :exact OR c.number = :exact)`, { q: `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`, exact: query.q.toUpperCase() });
    if (query.publication === 'pending') qb.andWhere(UNPUBLISHED_PENALTY);
    if (query.publication === 'due_soon') qb.andWhere(`${UNPUBLISHED_PENALTY} AND c.publication_deadline >= :today AND c.publication_deadline <= :soon`, { today, soon: safeAdd(cal, today, DUE_SOON_WORKING_DAYS) });
    if (query.publication === 'overdue') qb.andWhere(`${UNPUBLISHED_PENALTY} AND c.publication_deadline < :today`, { today });
    if (query.publication === 'published') qb.andWhere('c.published_at IS NOT NULL');
    if (query.publication) qb.orderBy('c.publication_deadline', 'ASC');
    else qb.orderBy('c.opened_on', 'DESC').addOrderBy('c.seq', 'DESC');
    const [rows, total] = await qb.addOrderBy('c.id').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const items: CaseDto[] = [];
    for (const c of rows) items.push(await this.view(this.dataSource.manager, c, cal));
    return toPage(items, total, query);
  }

  /** The to-do counts: cases awaiting 立案 approval, penalty decisions due soon or overdue for publication (same conditions as the list's filters). null: all departments. */
  async countTodo(departmentId: string | null): Promise<{ awaitingApproval: number; dueSoon: number; overdue: number; dueSoonWorkingDays: number }> {
    const today = this.clock.today();
    const soon = safeAdd(await this.calendar.calendar(), today, DUE_SOON_WORKING_DAYS);
    const [row]: { awaiting: number; soon: number; overdue: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE c.state = 'pending_approval')::int AS awaiting,
              count(*) FILTER (WHERE ${UNPUBLISHED_PENALTY} AND c.publication_deadline >= $2::date AND c.publication_deadline <= $3::date)::int AS soon,
              count(*) FILTER (WHERE ${UNPUBLISHED_PENALTY} AND c.publication_deadline < $2::date)::int AS overdue
         FROM cases c WHERE ($1::uuid IS NULL OR c.department_id = $1::uuid)`,
      [departmentId, today, soon],
    );
    return { awaitingApproval: row.awaiting, dueSoon: row.soon, overdue: row.overdue, dueSoonWorkingDays: DUE_SOON_WORKING_DAYS };
  }

  async publicList(query: PublicPenaltyDecisionQueryDto): Promise<PublicPenaltyDecisionPageDto> {
    const qb = this.dataSource.getRepository(Case).createQueryBuilder('c').where(PUBLIC_PENALTY);
    if (query.year) qb.andWhere('c.decided_on >= :from AND c.decided_on < :to', { from: `${query.year}-01-01`, to: `${query.year + 1}-01-01` });
    if (query.q) qb.andWhere(`(c.party_name ILIKE :q ESCAPE '\\' OR c.party_uscc = :exact)`, { q: `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`, exact: query.q.toUpperCase() });
    const [rows, total] = await qb.orderBy('c.decided_on', 'DESC').addOrderBy('c.id').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const names = await this.departmentNames(rows.map((r) => r.departmentId));
    return toPage(rows.map((c) => publicView(c, names.get(c.departmentId) ?? '')), total, query);
  }

  async publicGet(id: string): Promise<PublicPenaltyDecisionDto> {
    const c = await this.dataSource.getRepository(Case).createQueryBuilder('c').where(PUBLIC_PENALTY).andWhere('c.id = :id', { id }).getOne();
    if (!c) throw new NotFoundError('行政处罚决定', 'PENALTY_DECISION_NOT_FOUND');
    return publicView(c, (await this.departmentNames([c.departmentId])).get(c.departmentId) ?? '');
  }

  async view(em: EntityManager, c: Case, cal?: WorkingCalendar): Promise<CaseDto> {
    const notes = await em.getRepository(CaseNote).find({ where: { caseId: c.id }, order: { notedOn: 'ASC', createdAt: 'ASC' } });
    const major = isMajorCaseDecision(c.decision, this.rules.majorPenaltyYuan);
    const passed = major && c.state === 'proposed' ? (await this.legalReviews.passedCaseReview(em, c.id, c.version)) !== null : false;
    const calendar = c.publicationDeadline ? (cal ?? (await this.calendar.calendar(em))) : null;
    const d = c.decision;
    let left: number | null = null;
    if (calendar && c.publicationDeadline && !c.publishedAt) {
      const today = this.clock.today();
      left = safeBetween(calendar, today, c.publicationDeadline);
    }
    return {
      id: c.id,
      departmentId: c.departmentId,
      number: c.number,
      state: c.state,
      stateLabel: CASE_STATE_LABELS[c.state],
      source: c.source,
      sourceLabel: CASE_SOURCE_LABELS[c.source],
      sourceDescription: c.sourceDescription,
      recordId: c.recordId,
      partyName: c.partyName,
      partyUscc: c.partyUscc,
      title: c.title,
      legalProvisions: c.legalProvisions,
      openedOn: c.openedOn,
      openedBy: c.openedBy,
      filedOn: c.filedOn,
      approvedBy: c.approvedBy,
      rejectionReason: c.rejectionReason,
      decision: d
        ? {
            outcome: d.outcome,
            outcomeLabel: OUTCOME_LABELS[d.outcome],
            penalties: d.penalties.map((code) => ({ code, label: PENALTY_KIND_LABELS[code] })),
            fineFen: d.fineFen,
            confiscationFen: d.confiscationFen,
            licenceMeasures: d.licenceMeasures.map((m) => ({ ...m, label: PENALTY_KIND_LABELS[m.kind] })),
            facts: d.facts,
            markedMajor: d.markedMajor,
          }
        : null,
      major,
      legalReviewPassed: passed,
      decidedOn: c.decidedOn,
      publicationRequired: needsPublication(d) && c.decidedOn !== null,
      publicationDeadline: c.publicationDeadline,
      publicationDeadlineProvisional: calendar && c.decidedOn && c.publicationDeadline ? calendar.provisionalYearsBetween(c.decidedOn, c.publicationDeadline).length > 0 : false,
      publicationWorkingDaysLeft: left,
      publishedAt: c.publishedAt?.toISOString() ?? null,
      closedOn: c.closedOn,
      closingNote: c.closingNote,
      notes: notes.map((n) => ({ id: n.id, notedOn: n.notedOn, content: n.content, authorId: n.authorId })),
      version: c.version,
    };
  }

  private async departmentNames(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query('SELECT id, name FROM departments WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

/** The public summary: built field by field from an allow-list (no notes, source, people or internal remarks). */
function publicView(c: Case, department: string): PublicPenaltyDecisionDto {
  const d = c.decision!;
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    partyName: c.partyName,
    partyUscc: c.partyUscc,
    facts: d.facts,
    legalProvisions: c.legalProvisions,
    penalties: d.penalties.map((k) => PENALTY_KIND_LABELS[k]),
    fineYuan: fenToYuan(d.fineFen),
    confiscationYuan: fenToYuan(d.confiscationFen),
    licenceMeasures: d.licenceMeasures.map(licenceMeasureText),
    decidedOn: c.decidedOn!,
    department,
    publishedAt: c.publishedAt!.toISOString(),
  };
}

function safeAdd(cal: WorkingCalendar, date: string, days: number): string {
  try {
    return cal.addWorkingDays(date, days);
  } catch {
    return date;
  }
}

/** Working days from today to the deadline; negative once past it; null outside the calendar. */
function safeBetween(cal: WorkingCalendar, today: string, deadline: string): number | null {
  try {
    return deadline >= today ? cal.workingDaysBetween(today, deadline) : -cal.workingDaysBetween(deadline, today);
  } catch {
    return null;
  }
}
