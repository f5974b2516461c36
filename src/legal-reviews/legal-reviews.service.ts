import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser, departmentScope, targetDepartment } from '../auth/roles';
import { BadRequestError, ConflictError } from '../common/errors';
import { toPage } from '../common/http/paging';
import { Clock } from '../common/clock';
import { AuditService } from '../audit/audit.service';
import { CheckRecord } from '../checks/check-record.entity';
import { CreateLegalReviewDto, LegalReviewDto, LegalReviewPageDto, LegalReviewQueryDto, ReviewCaseDto, ReviewRecordDto } from './dto/legal-review.dto';
import { LegalReview, REVIEW_KIND_LABELS, REVIEW_KINDS, ReviewDecision, ReviewKind } from './legal-review.entity';

/**
 * 法制审核: reviews of check results that lead to a major enforcement decision (a "return" sends the
 * record back to the team), and the department's register of every review, hand entries included.
 */
@Injectable()
export class LegalReviewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Called with the record locked and visible to the reviewer (checked by the caller). */
  async reviewRecord(em: EntityManager, user: AuthUser, record: CheckRecord, title: string, dto: ReviewRecordDto): Promise<LegalReviewDto> {
    if (record.state !== 'submitted') throw new ConflictError('RECORD_NOT_SUBMITTED', '只能审核已提交的检查记录');
    if (record.departmentId !== user.departmentId && user.role !== 'admin') throw new ConflictError('NOT_OWN_DEPARTMENT', '只能审核本部门的检查记录');
    if (record.version !== dto.version) throw new ConflictError('VERSION_CONFLICT', '检查记录已有更新，请审核最新版本', [{ field: 'version' }]);
    this.checkDate(dto.reviewedOn);
    if (record.checkDate && dto.reviewedOn < record.checkDate) throw new BadRequestError('REVIEW_DATE_BEFORE_CHECK', '审核日期不能早于检查日期', [{ field: 'reviewedOn' }]);
    const { version: recordVersion, ...fields } = dto;
    const saved = await this.save(em, user, record.departmentId, { kind: 'major_enforcement_decision', recordId: record.id, recordVersion, title, ...fields });
    if (dto.decision === 'return') {
      await em.getRepository(CheckRecord).update({ id: record.id }, { state: 'returned', returnReason: `法制审核退回：${dto.reasons}`, version: record.version + 1 });
    }
    return saved;
  }

  /**
   * 法制审核 of a case's proposed major decision. Called by the cases module with the case locked, in
   * its state for review and visible to the reviewer; it moves the case itself (a "return" goes back
   * to the investigation). `notBefore`: the filing date, which a review cannot precede.
   */
  async reviewCase(em: EntityManager, user: AuthUser, subject: { id: string; departmentId: string; version: number; notBefore: string | null }, title: string, dto: ReviewCaseDto): Promise<LegalReviewDto> {
    if (subject.departmentId !== user.departmentId && user.role !== 'admin') throw new ConflictError('NOT_OWN_DEPARTMENT', '只能审核本部门的案件');
    if (subject.version !== dto.version) throw new ConflictError('VERSION_CONFLICT', '案件已有更新，请审核最新版本', [{ field: 'version' }]);
    this.checkDate(dto.reviewedOn);
    if (subject.notBefore && dto.reviewedOn < subject.notBefore) throw new BadRequestError('REVIEW_DATE_BEFORE_FILING', '审核日期不能早于立案日期', [{ field: 'reviewedOn' }]);
    const { version: caseVersion, ...fields } = dto;
    return this.save(em, user, subject.departmentId, { kind: 'major_enforcement_decision', recordId: null, caseId: subject.id, caseVersion, title, ...fields });
  }

  /** The latest pass of exactly this version of a case (what its major decision needs), or null. */
  async passedCaseReview(em: EntityManager, caseId: string, caseVersion: number): Promise<{ id: string; reviewerId: string | null } | null> {
    const review = await em.getRepository(LegalReview).findOne({ where: { caseId, caseVersion, decision: 'pass' }, order: { createdAt: 'DESC' } });
    return review ? { id: review.id, reviewerId: review.reviewerId } : null;
  }

  async create(user: AuthUser, dto: CreateLegalReviewDto): Promise<LegalReviewDto> {
    const departmentId = targetDepartment(user, dto.departmentId);
    this.checkDate(dto.reviewedOn);
    return this.dataSource.transaction(async (em) => {
      const saved = await this.save(em, user, departmentId, { kind: dto.kind, recordId: null, title: dto.title, decision: dto.decision, opinion: dto.opinion, reasons: dto.reasons, reviewedOn: dto.reviewedOn });
      await this.audit.append(em, { actorId: user.id, action: 'legal_review.create', subjectType: 'legal_review', subjectId: saved.id, after: saved });
      return saved;
    });
  }

  async list(user: AuthUser, query: LegalReviewQueryDto): Promise<LegalReviewPageDto> {
    const scope = departmentScope(user);
    const qb = this.dataSource.getRepository(LegalReview).createQueryBuilder('r');
    if (scope) qb.andWhere('r.department_id = :scope', { scope });
    if (query.year) qb.andWhere('r.reviewed_on >= :from AND r.reviewed_on < :to', { from: `${query.year}-01-01`, to: `${query.year + 1}-01-01` });
    const counts: { kind: ReviewKind; n: number }[] = await qb.clone().select('r.kind', 'kind').addSelect('count(*)::int', 'n').groupBy('r.kind').getRawMany();
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    const [rows, total] = await qb.orderBy('r.reviewed_on', 'DESC').addOrderBy('r.created_at', 'DESC').skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const countByKind = Object.fromEntries(REVIEW_KINDS.map((k) => [k, counts.find((c) => c.kind === k)?.n ?? 0])) as Record<ReviewKind, number>;
    return { ...toPage(rows.map(view), total, query), countByKind };
  }

  /**
   * For the register of 行政规范性文件 (another module): a review of this department, of kind normative_document,
   * with what the register checks (its decision and date); null if there is none.
   */
  async normativeDocumentReview(em: EntityManager, departmentId: string, id: string): Promise<{ id: string; title: string; decision: ReviewDecision; reviewedOn: string; reviewerName: string } | null> {
    const r = await em.getRepository(LegalReview).findOneBy({ id, departmentId, kind: 'normative_document' });
    return r ? { id: r.id, title: r.title, decision: r.decision, reviewedOn: r.reviewedOn, reviewerName: r.reviewerName } : null;
  }

  private checkDate(date: string): void {
    if (date < '2000-01-01') throw new BadRequestError('REVIEW_DATE_INVALID', '审核日期无效', [{ field: 'reviewedOn' }]);
    if (date > this.clock.today()) throw new BadRequestError('REVIEW_DATE_IN_FUTURE', '审核日期不能晚于今天', [{ field: 'reviewedOn' }]);
  }

  private async save(em: EntityManager, user: AuthUser, departmentId: string, f: { kind: ReviewKind; recordId: string | null; recordVersion?: number; caseId?: string; caseVersion?: number; title: string; decision: LegalReview['decision']; opinion: string; reasons?: string; reviewedOn: string }): Promise<LegalReviewDto> {
    const reviewer: { display_name: string }[] = await em.query('SELECT display_name FROM users WHERE id = $1', [user.id]);
    const saved = await em.getRepository(LegalReview).save(
      em.getRepository(LegalReview).create({ departmentId, kind: f.kind, recordId: f.recordId, recordVersion: f.recordVersion ?? null, caseId: f.caseId ?? null, caseVersion: f.caseVersion ?? null, title: f.title, reviewerId: user.id, reviewerName: reviewer[0]?.display_name ?? user.username, opinion: f.opinion, decision: f.decision, reasons: f.reasons ?? null, reviewedOn: f.reviewedOn }),
    );
    return view(saved);
  }
}

function view(r: LegalReview): LegalReviewDto {
  return { id: r.id, departmentId: r.departmentId, kind: r.kind, kindLabel: REVIEW_KIND_LABELS[r.kind], recordId: r.recordId, caseId: r.caseId, title: r.title, reviewerName: r.reviewerName, opinion: r.opinion, decision: r.decision, reasons: r.reasons, reviewedOn: r.reviewedOn };
}
