import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser, departmentScope, targetDepartment } from '../auth/roles';
import { BadRequestError, NotFoundError } from '../common/errors';
import { Page, pageWindow, toPage } from '../common/http/paging';
import { Clock } from '../common/clock';
import { RuntimeConfig } from '../config/runtime-config';
import { RegimeRules } from '../config/rules';
import { likeContains, updateIfVersion } from '../common/sql';
import { User } from '../users/user.entity';
import { CreateInspectorDto, EligibilityDto, ExamDto, ExpiringCertificateDto, InspectorDto, InspectorQueryDto, StatusChangeDto, TrainingDto, UpdateInspectorDto } from './dto/inspector.dto';
import { evaluateEligibility, statusOn } from './eligibility';
import { InspectorExam, InspectorStatusChange, InspectorTraining } from './inspector-records.entity';
import { Inspector } from './inspector.entity';
import './inspectors.errors';

const DAY_MS = 86_400_000;

@Injectable()
export class InspectorsService {
  private readonly rules: RegimeRules;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.rules = config.get('rules', { infer: true });
  }

  async create(user: AuthUser, dto: CreateInspectorDto): Promise<InspectorDto> {
    const departmentId = targetDepartment(user, dto.departmentId);
    assertPeriod(dto.certificateValidFrom, dto.certificateValidUntil);
    if (dto.userId) await this.assertLinkable(departmentId, dto.userId);
    const saved = await this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(Inspector).save(
        em.getRepository(Inspector).create({
          departmentId,
          name: dto.name,
          certificateNumber: dto.certificateNumber,
          issuingAuthority: dto.issuingAuthority,
          certificateValidFrom: dto.certificateValidFrom,
          certificateValidUntil: dto.certificateValidUntil,
          domains: dedupe(dto.domains ?? []),
          unit: dto.unit ?? null,
          userId: dto.userId ?? null,
        }),
      );
      await this.audit.append(em, { actorId: user.id, action: 'inspector.create', subjectType: 'inspector', subjectId: row.id, after: await em.getRepository(Inspector).findOneByOrFail({ id: row.id }), details: { certificateNumber: row.certificateNumber } });
      return row;
    });
    return this.get(user, saved.id);
  }

  async list(user: AuthUser, query: InspectorQueryDto): Promise<Page<InspectorDto>> {
    const scope = departmentScope(user);
    const qb = this.dataSource.getRepository(Inspector).createQueryBuilder('i');
    if (scope) qb.andWhere('i.department_id = :scope', { scope });
    if (!scope && query.departmentId) qb.andWhere('i.department_id = :dept', { dept: query.departmentId });
    if (query.q) qb.andWhere(`i.name ILIKE :q ESCAPE '\\'`, { q: likeContains(query.q) });
    if (query.certificateNumber) qb.andWhere('i.certificate_number = :cert', { cert: query.certificateNumber });
    if (query.domain) qb.andWhere(':domain = ANY(i.domains)', { domain: query.domain });
    if (query.hasAccount !== undefined) qb.andWhere(query.hasAccount ? 'i.user_id IS NOT NULL' : 'i.user_id IS NULL');
    const today = this.clock.today();
    if (query.certificate === 'valid') qb.andWhere('i.certificate_valid_from <= :today AND i.certificate_valid_until >= :today', { today });
    if (query.certificate === 'expired') qb.andWhere('i.certificate_valid_until < :today', { today });
    if (query.certificate === 'not_yet_valid') qb.andWhere('i.certificate_valid_from > :today', { today });
    // The same window as the warning list, so its count and this page agree.
    if (query.expiringWithinDays !== undefined) qb.andWhere('i.certificate_valid_until BETWEEN :today AND :until', { today, until: addDays(today, query.expiringWithinDays) });
    const [rows, total] = await qb.orderBy('i.name', 'ASC').addOrderBy('i.id', 'ASC').skip(pageWindow(query).skip).take(query.pageSize).getManyAndCount();
    return toPage(await this.views(rows), total, query);
  }

  async get(user: AuthUser, id: string): Promise<InspectorDto> {
    return (await this.views([await this.findVisible(this.dataSource.manager, user, id)]))[0];
  }

  async update(user: AuthUser, id: string, dto: UpdateInspectorDto): Promise<InspectorDto> {
    const current = await this.findVisible(this.dataSource.manager, user, id);
    assertPeriod(dto.certificateValidFrom ?? current.certificateValidFrom, dto.certificateValidUntil ?? current.certificateValidUntil);
    if (dto.userId) await this.assertLinkable(current.departmentId, dto.userId);
    const changes: Record<string, unknown> = {};
    for (const key of ['name', 'issuingAuthority', 'certificateValidFrom', 'certificateValidUntil', 'unit', 'userId'] as const) {
      if (dto[key] !== undefined) changes[key] = dto[key];
    }
    if (dto.domains) changes.domains = dedupe(dto.domains);
    await this.dataSource.transaction(async (em) => {
      await updateIfVersion(em, Inspector, id, dto.version, changes);
      await this.audit.append(em, { actorId: user.id, action: 'inspector.update', subjectType: 'inspector', subjectId: id, before: current, after: await em.getRepository(Inspector).findOneByOrFail({ id }), details: { changed: Object.keys(changes) } });
    });
    return this.get(user, id);
  }

  async changeStatus(user: AuthUser, id: string, dto: StatusChangeDto): Promise<InspectorDto> {
    await this.findVisible(this.dataSource.manager, user, id);
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(InspectorStatusChange).insert({ inspectorId: id, status: dto.status, reason: dto.reason, effectiveDate: dto.effectiveDate });
      await this.audit.append(em, { actorId: user.id, action: 'inspector.status', subjectType: 'inspector', subjectId: id, details: { status: dto.status, reason: dto.reason, effectiveDate: dto.effectiveDate } });
    });
    return this.get(user, id);
  }

  async addTraining(user: AuthUser, id: string, dto: TrainingDto): Promise<InspectorDto> {
    await this.findVisible(this.dataSource.manager, user, id);
    // A record of what happened: a future date would count towards eligibility in advance.
    if (dto.date > this.clock.today()) throw new BadRequestError('DATE_IN_FUTURE', '培训日期不能晚于今天', [{ field: 'date' }]);
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(InspectorTraining).insert({ inspectorId: id, date: dto.date, hours: String(dto.hours), topic: dto.topic });
      await this.audit.append(em, { actorId: user.id, action: 'inspector.training', subjectType: 'inspector', subjectId: id, details: { date: dto.date, hours: String(dto.hours), topic: dto.topic } });
    });
    return this.get(user, id);
  }

  /** One result per year: recording a year again corrects it. */
  async recordExam(user: AuthUser, id: string, dto: ExamDto): Promise<InspectorDto> {
    await this.findVisible(this.dataSource.manager, user, id);
    if (dto.year > Number(this.clock.today().slice(0, 4))) throw new BadRequestError('DATE_IN_FUTURE', '考试年度不能晚于今年', [{ field: 'year' }]);
    await this.dataSource.transaction(async (em) => {
      const before = await em.getRepository(InspectorExam).findOne({ where: { inspectorId: id, year: dto.year } });
      await em
        .createQueryBuilder()
        .insert()
        .into(InspectorExam)
        .values({ inspectorId: id, year: dto.year, passed: dto.passed, score: dto.score === undefined ? null : String(dto.score) })
        .orUpdate(['passed', 'score'], ['inspector_id', 'year'])
        .execute();
      const score = dto.score === undefined ? null : String(dto.score);
      await this.audit.append(em, { actorId: user.id, action: 'inspector.exam', subjectType: 'inspector', subjectId: id, ...(before ? { before: { year: before.year, passed: before.passed, score: before.score } } : {}), after: { year: dto.year, passed: dto.passed, score }, details: { year: dto.year, passed: dto.passed, score, corrected: before !== null } });
    });
    return this.get(user, id);
  }

  async eligibility(user: AuthUser, id: string, date = this.clock.today()): Promise<EligibilityDto> {
    const inspector = await this.findVisible(this.dataSource.manager, user, id);
    const [statusChanges, trainings, exams] = await this.records([id]);
    const result = evaluateEligibility(
      {
        certificateValidFrom: inspector.certificateValidFrom,
        certificateValidUntil: inspector.certificateValidUntil,
        statusChanges: statusChanges.map((s) => ({ status: s.status, effectiveDate: s.effectiveDate, reason: s.reason })),
        trainings: trainings.map((t) => ({ date: t.date, hours: Number(t.hours) })),
        exams: exams.map((e) => ({ year: e.year, passed: e.passed })),
      },
      date,
      this.rules,
    );
    return {
      inspectorId: id,
      date,
      eligible: result.eligible,
      failures: result.failures,
      status: result.status,
      trainingHours: result.trainingHours,
      requiredTrainingHours: this.rules.minTrainingHours,
      examRequired: this.rules.examRequired,
    };
  }

  /** Certificates expiring within the window (today included), soonest first: the supervisors' warning list. */
  async expiringCertificates(user: AuthUser, withinDays = this.rules.certificateExpiryWarningDays, departmentId?: string): Promise<ExpiringCertificateDto[]> {
    const today = this.clock.today();
    const until = addDays(today, withinDays);
    const scope = departmentScope(user);
    const qb = this.dataSource
      .getRepository(Inspector)
      .createQueryBuilder('i')
      .where('i.certificate_valid_until BETWEEN :today AND :until', { today, until })
      .orderBy('i.certificate_valid_until', 'ASC')
      .addOrderBy('i.name', 'ASC');
    if (scope) qb.andWhere('i.department_id = :scope', { scope });
    if (!scope && departmentId) qb.andWhere('i.department_id = :departmentId', { departmentId });
    const rows = await qb.getMany();
    return rows.map((i) => ({
      inspectorId: i.id,
      name: i.name,
      certificateNumber: i.certificateNumber,
      certificateValidUntil: i.certificateValidUntil,
      daysLeft: Math.round((Date.parse(`${i.certificateValidUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS),
    }));
  }

  /** The to-do count of GET /inspectors/expiring-certificates (same window). null: all departments. */
  async countExpiringCertificates(departmentId: string | null, withinDays = this.rules.certificateExpiryWarningDays): Promise<number> {
    const today = this.clock.today();
    const until = addDays(today, withinDays);
    const qb = this.dataSource.getRepository(Inspector).createQueryBuilder('i').where('i.certificate_valid_until BETWEEN :today AND :until', { today, until });
    if (departmentId) qb.andWhere('i.department_id = :departmentId', { departmentId });
    return qb.getCount();
  }

  /** The warning window of expiring certificates, in days (RULES_CERT_EXPIRY_WARNING_DAYS). */
  certificateWarningDays(): number {
    return this.rules.certificateExpiryWarningDays;
  }

  async findVisible(em: EntityManager, user: AuthUser, id: string): Promise<Inspector> {
    const scope = departmentScope(user);
    const inspector = await em.getRepository(Inspector).findOne({ where: scope ? { id, departmentId: scope } : { id } });
    if (!inspector) throw new NotFoundError('执法人员', 'INSPECTOR_NOT_FOUND');
    return inspector;
  }

  /** Only an inspector account of the same department can be linked; anything else is "not found". */
  private async assertLinkable(departmentId: string, userId: string): Promise<void> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: userId, departmentId, role: 'inspector' } });
    if (!user) throw new NotFoundError('账号', 'USER_NOT_FOUND');
  }

  private records(ids: string[]) {
    return Promise.all([
      this.dataSource.getRepository(InspectorStatusChange).find({ where: { inspectorId: In(ids) }, order: { effectiveDate: 'ASC', createdAt: 'ASC' } }),
      this.dataSource.getRepository(InspectorTraining).find({ where: { inspectorId: In(ids) }, order: { date: 'ASC' } }),
      this.dataSource.getRepository(InspectorExam).find({ where: { inspectorId: In(ids) }, order: { year: 'ASC' } }),
    ]);
  }

  private async views(rows: Inspector[]): Promise<InspectorDto[]> {
    if (!rows.length) return [];
    const [statusChanges, trainings, exams] = await this.records(rows.map((r) => r.id));
    const today = this.clock.today();
    return rows.map((i) => {
      const history = statusChanges.filter((s) => s.inspectorId === i.id).map((s) => ({ status: s.status, reason: s.reason, effectiveDate: s.effectiveDate }));
      return {
        id: i.id,
        departmentId: i.departmentId,
        name: i.name,
        certificateNumber: i.certificateNumber,
        issuingAuthority: i.issuingAuthority,
        certificateValidFrom: i.certificateValidFrom,
        certificateValidUntil: i.certificateValidUntil,
        domains: i.domains,
        unit: i.unit,
        userId: i.userId,
        status: statusOn(history, today)?.status ?? 'active',
        statusHistory: history,
        trainings: trainings.filter((t) => t.inspectorId === i.id).map((t) => ({ id: t.id, date: t.date, hours: Number(t.hours), topic: t.topic })),
        exams: exams.filter((e) => e.inspectorId === i.id).map((e) => ({ id: e.id, year: e.year, passed: e.passed, score: e.score === null ? null : Number(e.score) })),
        version: i.version,
      };
    });
  }
}

function assertPeriod(from: string, until: string): void {
  if (until < from) throw new BadRequestError('CERTIFICATE_PERIOD_INVALID', '执法证有效期止不能早于起始日', [{ field: 'certificateValidUntil' }]);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function dedupe(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}
