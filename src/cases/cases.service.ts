import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser, departmentScope, targetDepartment } from '../auth/roles';
import { CalendarService, NoticeEntered } from '../calendar/calendar.service';
import { WorkingCalendar } from '../calendar/working-days';
import { RecordsService } from '../checks/records.service';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors';
import { findPersonalData } from '../common/personal-data';
import type { RuntimeConfig } from '../config/runtime-config';
import type { RegimeRules } from '../config/rules';
import { LegalReviewDto, ReviewCaseDto } from '../legal-reviews/dto/legal-review.dto';
import { LegalReviewsService } from '../legal-reviews/legal-reviews.service';
import { PublicationService } from '../publication/publication.service';
import { ALLOWED_FROM as ALLOWED, CaseAction, caseNumber, decisionViolations, isMajorCaseDecision, needsPublication } from './case-rules';
import { Case, CaseNote } from './case.entity';
import { CaseViews } from './case-views.service';
import { caseErrors } from './cases.errors';
import { CaseDto, CaseNoteDto, CloseCaseDto, DecideCaseDto, OpenCaseDto, ProposeDecisionDto, RejectCaseDto, VersionedDto } from './dto/case.dto';

/**
 * A case's life (立案 → 调查 → 处理意见 → 法制审核 when major → 决定 → 公示 → 结案). Every step
 * locks the case, checks the version read and the state it may start from, and is audited.
 */
@Injectable()
export class CasesService implements OnModuleInit {
  private readonly rules: RegimeRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RecordsService,
    private readonly legalReviews: LegalReviewsService,
    private readonly publications: PublicationService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly views: CaseViews,
    private readonly clock: Clock,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.rules = config.get('rules', { infer: true });
  }

  onModuleInit(): void {
    this.calendar.onNoticeEntered('cases', (em, cal, notice) => this.recomputeDeadlines(em, cal, notice));
  }

  /** A year's notice is in: unpublished decisions whose deadline counted days of that year follow it. */
  private async recomputeDeadlines(em: EntityManager, cal: WorkingCalendar, notice: NoticeEntered): Promise<number> {
    const rows = await em
      .getRepository(Case)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.published_at IS NULL AND c.publication_deadline >= :first AND c.decided_on <= :last', { first: `${notice.year}-01-01`, last: `${notice.year}-12-31` })
      .orderBy('c.id')
      .getMany();
    let changed = 0;
    for (const c of rows) {
      const { deadline } = this.publications.decisionDeadline(cal, c.decidedOn!);
      if (deadline === c.publicationDeadline) continue;
      await em.getRepository(Case).update({ id: c.id }, { publicationDeadline: deadline, version: c.version + 1 });
      await this.audit.append(em, { actorId: notice.actorId, action: 'case.deadline_recompute', subjectType: 'case', subjectId: c.id, before: { publicationDeadline: c.publicationDeadline }, after: { publicationDeadline: deadline }, details: { year: notice.year, source: notice.source } });
      changed += 1;
    }
    return changed;
  }

  async open(user: AuthUser, dto: OpenCaseDto): Promise<CaseDto> {
    return this.dataSource.transaction(async (em) => {
      let departmentId: string;
      let party: { partyName: string; partyUscc: string | null };
      if (dto.source === 'check_record') {
        const src = await this.records.caseSource(em, user, dto.recordId!);
        if (user.role !== 'admin' && src.departmentId !== user.departmentId) throw caseErrors.notOwnDepartment();
        departmentId = src.departmentId;
        party = { partyName: src.partyName, partyUscc: src.partyUscc };
      } else {
        departmentId = targetDepartment(user, dto.departmentId);
        party = { partyName: dto.partyName!, partyUscc: dto.partyUscc ?? null };
      }
      const [dept]: { code: string }[] = await em.query('SELECT code FROM departments WHERE id = $1', [departmentId]);
      if (!dept) throw caseErrors.departmentNotFound();
      const today = this.clock.today();
      const year = Number(today.slice(0, 4));
      // The counter row serialises concurrent openings of one department and year; a rollback returns the number.
      const [{ seq }]: { seq: number }[] = await em.query(
        `INSERT INTO case_number_counters (department_id, year, last_seq) VALUES ($1, $2, 1)
         ON CONFLICT (department_id, year) DO UPDATE SET last_seq = case_number_counters.last_seq + 1
         RETURNING last_seq AS seq`,
        [departmentId, year],
      );
      const saved = await em.getRepository(Case).save(
        em.getRepository(Case).create({
          departmentId,
          number: caseNumber(dept.code, year, seq),
          year,
          seq,
          source: dto.source,
          sourceDescription: dto.sourceDescription ?? null,
          recordId: dto.source === 'check_record' ? dto.recordId! : null,
          ...party,
          title: dto.title,
          legalProvisions: dto.legalProvisions,
          state: 'pending_approval',
          openedOn: today,
          openedBy: user.id,
        }),
      );
      await this.log(em, user, 'case.open', null, saved);
      return this.views.view(em, saved);
    });
  }

  /** 立案审批: a supervisor of the department other than the opener. */
  async approve(user: AuthUser, id: string, dto: VersionedDto): Promise<CaseDto> {
    return this.step(user, id, dto.version, 'approve', 'case.approve', async (c) => {
      if (c.openedBy === user.id) throw caseErrors.openerCannotApprove();
      Object.assign(c, { state: 'investigating', filedOn: this.clock.today(), approvedBy: user.id });
    });
  }

  async reject(user: AuthUser, id: string, dto: RejectCaseDto): Promise<CaseDto> {
    return this.step(user, id, dto.version, 'reject', 'case.reject', async (c) => {
      if (c.openedBy === user.id) throw caseErrors.openerCannotApprove();
      Object.assign(c, { state: 'not_filed', approvedBy: user.id, rejectionReason: dto.reason });
    });
  }

  async addNote(user: AuthUser, id: string, dto: CaseNoteDto): Promise<CaseDto> {
    return this.step(user, id, dto.version, 'note', 'case.note', async (c, em) => {
      this.checkDate(dto.notedOn, c.filedOn, 'notedOn');
      const note = await em.getRepository(CaseNote).save(em.getRepository(CaseNote).create({ caseId: c.id, notedOn: dto.notedOn, content: dto.content, authorId: user.id }));
      // A note is part of what a reviewer and the decision read: it makes a new version of the case.
      c.updatedAt = new Date();
      return { noteId: note.id };
    });
  }

  /** 处理意见: the proposed decision; revised until decided (a major one then needs a new review). */
  async propose(user: AuthUser, id: string, dto: ProposeDecisionDto): Promise<CaseDto> {
    return this.step(user, id, dto.version, 'propose', 'case.propose', async (c) => {
      const decision = {
        outcome: dto.outcome,
        penalties: dto.penalties,
        fineFen: dto.fineFen,
        confiscationFen: dto.confiscationFen,
        licenceMeasures: dto.licenceMeasures.map((m) => ({ kind: m.kind, licenceName: m.licenceName, durationMonths: m.durationMonths ?? null })),
        facts: dto.facts,
        markedMajor: dto.markedMajor ?? false,
      };
      const violations = decisionViolations(decision);
      if (violations.length) throw caseErrors.decisionInvalid(violations);
      if (findPersonalData(dto.facts).length) throw caseErrors.personalData('facts');
      Object.assign(c, { state: 'proposed', decision });
      return { major: isMajorCaseDecision(decision, this.rules.majorPenaltyYuan) };
    });
  }

  /** 法制审核 of a major proposed decision, through the legal-reviews module; "return" sends it back to investigation. */
  async legalReview(user: AuthUser, id: string, dto: ReviewCaseDto): Promise<LegalReviewDto> {
    return this.dataSource.transaction(async (em) => {
      const c = await this.lock(em, user, id);
      this.guard(c, 'legal_review');
      if (!isMajorCaseDecision(c.decision, this.rules.majorPenaltyYuan)) throw caseErrors.notMajor();
      const review = await this.legalReviews.reviewCase(em, user, { id: c.id, departmentId: c.departmentId, version: c.version, notBefore: c.filedOn }, `${c.number} ${c.partyName}（重大执法决定）`, dto);
      const before = { ...c };
      if (review.decision === 'return') {
        c.state = 'investigating';
        await em.getRepository(Case).save(c);
      }
      await this.audit.append(em, { actorId: user.id, action: 'legal_review.case', subjectType: 'case', subjectId: id, before, after: c, details: { reviewId: review.id, decision: review.decision, caseVersion: dto.version } });
      return review;
    });
  }

  async decide(user: AuthUser, id: string, dto: DecideCaseDto): Promise<CaseDto> {
    return this.step(user, id, dto.version, 'decide', 'case.decide', async (c, em) => {
      this.checkDate(dto.decidedOn, c.filedOn, 'decidedOn');
      if (isMajorCaseDecision(c.decision, this.rules.majorPenaltyYuan)) {
        // A pass of exactly the version decided (a revision or a note since makes a new version).
        const review = await this.legalReviews.passedCaseReview(em, c.id, c.version);
        if (!review) throw caseErrors.legalReviewRequired();
        if (review.reviewerId === user.id) throw caseErrors.sameReviewer();
      }
      Object.assign(c, { state: 'decided', decidedOn: dto.decidedOn, decidedBy: user.id, publicationDeadline: null });
      if (needsPublication(c.decision)) c.publicationDeadline = this.publications.decisionDeadline(await this.calendar.calendar(em), dto.decidedOn, 'decidedOn').deadline;
      return { publicationDeadline: c.publicationDeadline };
    });
  }

  /** 行政处罚决定公示: the allow-listed summary becomes public (GET /public/penalty-decisions). */
  async publish(user: AuthUser, id: string, dto: VersionedDto): Promise<CaseDto> {
    return this.step(user, id, dto.version, 'publish', 'case.publish', async (c) => {
      if (!needsPublication(c.decision)) throw caseErrors.noPublicationNeeded();
      if (c.publishedAt) throw caseErrors.alreadyPublished();
      c.publishedAt = this.clock.now();
      return { publishedAt: c.publishedAt.toISOString(), deadline: c.publicationDeadline, onTime: this.clock.today() <= c.publicationDeadline! };
    });
  }

  async close(user: AuthUser, id: string, dto: CloseCaseDto): Promise<CaseDto> {
    return this.step(user, id, dto.version, 'close', 'case.close', async (c) => {
      if (needsPublication(c.decision) && !c.publishedAt) throw caseErrors.notPublished();
      Object.assign(c, { state: 'closed', closedOn: this.clock.today(), closedBy: user.id, closingNote: dto.note ?? null });
    });
  }

  /** One step: lock, check version and state, change, save (a new version), audit, answer the new view. */
  private async step(user: AuthUser, id: string, version: number, action: CaseAction, auditAction: string, change: (c: Case, em: EntityManager) => Promise<Record<string, unknown> | void>): Promise<CaseDto> {
    return this.dataSource.transaction(async (em) => {
      const c = await this.lock(em, user, id);
      if (c.version !== version) throw caseErrors.versionConflict();
      this.guard(c, action);
      const before = { ...c };
      const details = (await change(c, em)) ?? {};
      const saved = await em.getRepository(Case).save(c);
      await this.log(em, user, auditAction, before, saved, details);
      return this.views.view(em, saved);
    });
  }

  private guard(c: Case, action: CaseAction): void {
    if (!ALLOWED[action].includes(c.state)) throw caseErrors.illegalTransition(c.state, action);
  }

  private async lock(em: EntityManager, user: AuthUser, id: string): Promise<Case> {
    const c = await em.getRepository(Case).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    const scope = departmentScope(user);
    if (!c || (scope && c.departmentId !== scope)) throw new NotFoundError('案件', 'CASE_NOT_FOUND');
    return c;
  }

  private checkDate(date: string, filedOn: string | null, field: string): void {
    if (date > this.clock.today()) throw caseErrors.dateInFuture(field);
    if (filedOn && date < filedOn) throw caseErrors.dateBeforeFiling(field);
  }

  private async log(em: EntityManager, user: AuthUser, action: string, before: Case | null, after: Case, details: Record<string, unknown> = {}): Promise<void> {
    await this.audit.append(em, { actorId: user.id, action, subjectType: 'case', subjectId: after.id, ...(before ? { before } : {}), after, details: { number: after.number, state: after.state, ...details } });
  }
}
