import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser, departmentScope, targetDepartment } from '../auth/roles';
import { Clock } from '../common/clock';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors';
import { pageWindow, toPage } from '../common/http/paging';
import { LegalReviewsService } from '../legal-reviews/legal-reviews.service';
import { CreateNormativeDocumentDto, NormativeDocumentDto, NormativeDocumentPageDto, NormativeDocumentQueryDto, PublishNormativeDocumentDto } from './dto/normative-document.dto';
import { NormativeDocument } from './normative-document.entity';
import { documentDateProblem, documentStatus } from './normative-document-rules';
import './normative-documents.errors';

/** The register of 行政规范性文件: each document with the 法制审核 that cleared it and its publication. */
@Injectable()
export class NormativeDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reviews: LegalReviewsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, dto: CreateNormativeDocumentDto): Promise<NormativeDocumentDto> {
    const departmentId = targetDepartment(user, dto.departmentId);
    if ((dto.publishedOn ?? null) !== null && !dto.publicationChannel) throw new BadRequestError('PUBLICATION_CHANNEL_REQUIRED', '填写公布日期时须填写公布载体', [{ field: 'publicationChannel' }]);
    const id = await this.dataSource.transaction(async (em) => {
      const review = await this.reviews.normativeDocumentReview(em, departmentId, dto.legalReviewId);
      if (!review) throw new NotFoundError('行政规范性文件的法制审核记录', 'LEGAL_REVIEW_NOT_FOUND');
      const problem = documentDateProblem({ ...dto, expiresOn: dto.expiresOn ?? null, publishedOn: dto.publishedOn ?? null }, review, this.clock.today());
      if (problem) throw new BadRequestError(problem.code, problem.message, [{ field: problem.field }]);
      const saved = await em.getRepository(NormativeDocument).save(
        em.getRepository(NormativeDocument).create({
          departmentId,
          title: dto.title,
          documentNumber: dto.documentNumber,
          issuedOn: dto.issuedOn,
          effectiveFrom: dto.effectiveFrom,
          expiresOn: dto.expiresOn ?? null,
          legalReviewId: review.id,
          publishedOn: dto.publishedOn ?? null,
          publicationChannel: dto.publishedOn ? dto.publicationChannel! : null,
          createdBy: user.id,
        }),
      );
      await this.audit.append(em, { actorId: user.id, action: 'normative_document.create', subjectType: 'normative_document', subjectId: saved.id, after: saved });
      return saved.id;
    });
    return this.get(user, id);
  }

  /** Records the publication of a document registered before it was published (once: a published document is not re-dated). */
  async publish(user: AuthUser, id: string, dto: PublishNormativeDocumentDto): Promise<NormativeDocumentDto> {
    await this.dataSource.transaction(async (em) => {
      const doc = await this.lock(em, user, id);
      if (doc.version !== dto.version) throw new ConflictError('VERSION_CONFLICT', '该文件已被他人修改，请刷新后重试', [{ field: 'version' }]);
      if (doc.publishedOn) throw new ConflictError('DOCUMENT_ALREADY_PUBLISHED', `该文件已于${doc.publishedOn}公布`);
      const review = (await this.reviews.normativeDocumentReview(em, doc.departmentId, doc.legalReviewId))!;
      const problem = documentDateProblem({ ...doc, publishedOn: dto.publishedOn }, review, this.clock.today());
      if (problem) throw new BadRequestError(problem.code, problem.message, [{ field: problem.field }]);
      await em.getRepository(NormativeDocument).update({ id }, { publishedOn: dto.publishedOn, publicationChannel: dto.publicationChannel, version: doc.version + 1 });
      await this.audit.append(em, { actorId: user.id, action: 'normative_document.publish', subjectType: 'normative_document', subjectId: id, before: doc, details: { publishedOn: dto.publishedOn, publicationChannel: dto.publicationChannel } });
    });
    return this.get(user, id);
  }

  async list(user: AuthUser, query: NormativeDocumentQueryDto): Promise<NormativeDocumentPageDto> {
    const scope = departmentScope(user);
    const qb = this.dataSource.getRepository(NormativeDocument).createQueryBuilder('d');
    if (scope) qb.andWhere('d.department_id = :scope', { scope });
    if (query.year) qb.andWhere('d.issued_on >= :from AND d.issued_on < :to', { from: `${query.year}-01-01`, to: `${query.year + 1}-01-01` });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.orderBy('d.issued_on', 'DESC').addOrderBy('d.document_number', 'ASC').skip(skip).take(take).getManyAndCount();
    return toPage(await Promise.all(rows.map((d) => this.view(d))), total, query);
  }

  async get(user: AuthUser, id: string): Promise<NormativeDocumentDto> {
    const scope = departmentScope(user);
    const doc = await this.dataSource.getRepository(NormativeDocument).findOneBy(scope ? { id, departmentId: scope } : { id });
    if (!doc) throw new NotFoundError('行政规范性文件', 'DOCUMENT_NOT_FOUND');
    return this.view(doc);
  }

  private async lock(em: EntityManager, user: AuthUser, id: string): Promise<NormativeDocument> {
    const scope = departmentScope(user);
    const doc = await em.getRepository(NormativeDocument).findOne({ where: scope ? { id, departmentId: scope } : { id }, lock: { mode: 'pessimistic_write' } });
    if (!doc) throw new NotFoundError('行政规范性文件', 'DOCUMENT_NOT_FOUND');
    return doc;
  }

  private async view(d: NormativeDocument): Promise<NormativeDocumentDto> {
    const review = (await this.reviews.normativeDocumentReview(this.dataSource.manager, d.departmentId, d.legalReviewId))!;
    return {
      id: d.id,
      departmentId: d.departmentId,
      title: d.title,
      documentNumber: d.documentNumber,
      issuedOn: d.issuedOn,
      effectiveFrom: d.effectiveFrom,
      expiresOn: d.expiresOn,
      legalReview: { id: review.id, title: review.title, reviewedOn: review.reviewedOn, reviewerName: review.reviewerName },
      publishedOn: d.publishedOn,
      publicationChannel: d.publicationChannel,
      status: documentStatus(d, this.clock.today()),
      version: d.version,
    };
  }
}
