import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser, departmentScope, targetDepartment } from '../auth/roles';
import { NotFoundError } from '../common/errors';
import { Page, pageWindow, toPage } from '../common/http/paging';
import { cappedCountSql, cappedTotal, nameContainsNamed } from '../common/name-search';
import { updateIfVersion } from '../common/sql';
import { todayInChina } from '../common/validation';
import { Clock } from '../common/clock';
import { validateUscc } from './uscc';
import { AddRiskClassDto, CreateEntityDto, EntityDto, EntityQueryDto, LicenceDto, RiskClassOnDateDto, UpdateEntityDto } from './dto/entity.dto';
import { EntityLicence } from './entity-licence.entity';
import { EntityRiskClass } from './entity-risk-class.entity';
import { RegulatedEntity } from './regulated-entity.entity';
import { CLASS_IN_FORCE_SQL, classInForce } from './risk-class';
import './regulated-entities.errors';

const UPDATABLE = ['name', 'legalRepresentative', 'registeredAddress', 'district', 'industryCode', 'status', 'contactPerson', 'contactPhone', 'supervisingUnit'] as const;

@Injectable()
export class RegulatedEntitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(user: AuthUser, dto: CreateEntityDto): Promise<EntityDto> {
    const departmentId = targetDepartment(user, dto.departmentId);
    const id = await this.dataSource.transaction(async (em) => {
      const entity = await em.getRepository(RegulatedEntity).save(
        em.getRepository(RegulatedEntity).create({
          departmentId,
          uscc: dto.uscc,
          name: dto.name,
          legalRepresentative: dto.legalRepresentative ?? null,
          registeredAddress: dto.registeredAddress ?? null,
          district: dto.district ?? null,
          industryCode: dto.industryCode ?? null,
          status: dto.status ?? 'active',
          contactPerson: dto.contactPerson ?? null,
          contactPhone: dto.contactPhone ?? null,
          supervisingUnit: dto.supervisingUnit ?? null,
          ...this.usccOverride(user, dto),
        }),
      );
      if (dto.riskClass) {
        await em.getRepository(EntityRiskClass).insert({ entityId: entity.id, riskClass: dto.riskClass, effectiveFrom: dto.riskClassEffectiveFrom ?? todayInChina() });
      }
      for (const licence of dto.licences ?? []) await this.insertLicence(em, entity.id, licence);
      if (entity.usccCheckOverrideReason) {
        await this.audit.append(em, { actorId: user.id, action: 'entity.uscc_check_override', subjectType: 'entity', subjectId: entity.id, details: { uscc: entity.uscc, failure: entity.usccCheckFailure, reason: entity.usccCheckOverrideReason } });
      }
      // Hashes and non-personal facts only: the row holds contact phones.
      await this.audit.append(em, { actorId: user.id, action: 'entity.create', subjectType: 'entity', subjectId: entity.id, after: entity, details: { uscc: entity.uscc, departmentId, riskClass: dto.riskClass ?? null, licences: (dto.licences ?? []).map((l) => l.type) } });
      return entity.id;
    });
    return this.get(user, id);
  }

  async list(user: AuthUser, query: EntityQueryDto): Promise<Page<EntityDto>> {
    const scope = departmentScope(user);
    const qb = this.dataSource.getRepository(RegulatedEntity).createQueryBuilder('e');
    if (scope) qb.andWhere('e.department_id = :scope', { scope });
    if (!scope && query.departmentId) qb.andWhere('e.department_id = :dept', { dept: query.departmentId });
    if (query.q) {
      const name = nameContainsNamed('e.name', query.q);
      qb.andWhere(name.sql, name.params);
    }
    if (query.uscc) qb.andWhere('e.uscc = :uscc', { uscc: query.uscc });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.industryCode) qb.andWhere('e.industry_code = :industry', { industry: query.industryCode });
    if (query.district) qb.andWhere('e.district = :district', { district: query.district });
    if (query.licenceType) qb.andWhere('EXISTS (SELECT 1 FROM entity_licences l WHERE l.entity_id = e.id AND l.type = :licenceType)', { licenceType: query.licenceType });
    if (query.riskClass) qb.andWhere(`${CLASS_IN_FORCE_SQL} = :riskClass`, { riskClass: query.riskClass, classDate: query.riskClassOn ?? todayInChina() });
    if (!query.q) {
      const [rows, total] = await qb.orderBy('e.name', 'ASC').addOrderBy('e.id', 'ASC').skip(pageWindow(query).skip).take(query.pageSize).getManyAndCount();
      return toPage(await this.views(rows), total, query);
    }
    // A name search counts up to the cap (「有限公司」 is in nearly every name), page and count in parallel.
    const [count, countParams] = qb.clone().select('1', 'one').getQueryAndParameters();
    const [rows, [{ n }]] = await Promise.all([
      qb.orderBy('e.name', 'ASC').addOrderBy('e.id', 'ASC').skip(pageWindow(query).skip).take(query.pageSize).getMany(),
      this.dataSource.query<{ n: number }[]>(cappedCountSql(count), countParams),
    ]);
    const total = cappedTotal(n);
    return toPage(await this.views(rows), total.totalCount, query, total.totalCountCapped);
  }

  async get(user: AuthUser, id: string): Promise<EntityDto> {
    return (await this.views([await this.findVisible(this.dataSource.manager, user, id)]))[0];
  }

  async update(user: AuthUser, id: string, dto: UpdateEntityDto): Promise<EntityDto> {
    const before = await this.findVisible(this.dataSource.manager, user, id);
    const changes: Record<string, unknown> = {};
    for (const key of UPDATABLE) if (dto[key] !== undefined) changes[key] = dto[key];
    await this.dataSource.transaction(async (em) => {
      await updateIfVersion(em, RegulatedEntity, id, dto.version, changes);
      await this.audit.append(em, { actorId: user.id, action: 'entity.update', subjectType: 'entity', subjectId: id, before, after: await em.getRepository(RegulatedEntity).findOneByOrFail({ id }), details: { uscc: before.uscc, changed: Object.keys(changes) } });
    });
    return this.get(user, id);
  }

  async addRiskClass(user: AuthUser, id: string, dto: AddRiskClassDto): Promise<EntityDto> {
    const entity = await this.findVisible(this.dataSource.manager, user, id);
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(EntityRiskClass).insert({ entityId: id, riskClass: dto.riskClass, effectiveFrom: dto.effectiveFrom });
      await this.audit.append(em, { actorId: user.id, action: 'entity.risk_class', subjectType: 'entity', subjectId: id, details: { uscc: entity.uscc, riskClass: dto.riskClass, effectiveFrom: dto.effectiveFrom } });
    });
    return this.get(user, id);
  }

  async riskClassOn(user: AuthUser, id: string, date = todayInChina()): Promise<RiskClassOnDateDto> {
    await this.findVisible(this.dataSource.manager, user, id);
    const history = await this.dataSource.getRepository(EntityRiskClass).find({ where: { entityId: id } });
    const hit = classInForce(history, date);
    return { date, riskClass: hit?.riskClass ?? null, effectiveFrom: hit?.effectiveFrom ?? null };
  }

  async addLicence(user: AuthUser, id: string, dto: LicenceDto): Promise<EntityDto> {
    const entity = await this.findVisible(this.dataSource.manager, user, id);
    await this.dataSource.transaction(async (em) => {
      await this.insertLicence(em, id, dto);
      await this.audit.append(em, { actorId: user.id, action: 'entity.licence_add', subjectType: 'entity', subjectId: id, details: { uscc: entity.uscc, type: dto.type, number: dto.number, validFrom: dto.validFrom ?? null, validUntil: dto.validUntil ?? null } });
    });
    return this.get(user, id);
  }

  async removeLicence(user: AuthUser, id: string, licenceId: string): Promise<EntityDto> {
    const entity = await this.findVisible(this.dataSource.manager, user, id);
    await this.dataSource.transaction(async (em) => {
      const licence = await em.getRepository(EntityLicence).findOne({ where: { id: licenceId, entityId: id } });
      const result = await em.getRepository(EntityLicence).delete({ id: licenceId, entityId: id });
      if (!licence || !result.affected) throw new NotFoundError('许可证', 'LICENCE_NOT_FOUND');
      await this.audit.append(em, { actorId: user.id, action: 'entity.licence_remove', subjectType: 'entity', subjectId: id, before: licence, details: { uscc: entity.uscc, licenceId, type: licence.type, number: licence.number } });
    });
    return this.get(user, id);
  }

  /** For other modules (recusals, draws): the entity if the caller may see it, else 404. */
  async findVisible(em: EntityManager, user: AuthUser, id: string): Promise<RegulatedEntity> {
    const scope = departmentScope(user);
    const entity = await em.getRepository(RegulatedEntity).findOne({ where: scope ? { id, departmentId: scope } : { id } });
    if (!entity) throw new NotFoundError('检查对象', 'ENTITY_NOT_FOUND');
    return entity;
  }

  /** The override's columns when the code fails its check character (the DTO let it through only with a reason); none for a valid code. */
  private usccOverride(user: AuthUser, dto: CreateEntityDto): Partial<RegulatedEntity> {
    const error = validateUscc(dto.uscc);
    if (!error) return {};
    return { usccCheckOverrideReason: dto.usccCheckOverrideReason!.trim(), usccCheckOverrideBy: user.id, usccCheckOverrideAt: this.clock.now(), usccCheckFailure: error.message };
  }

  private async insertLicence(em: EntityManager, entityId: string, dto: LicenceDto): Promise<void> {
    await em.getRepository(EntityLicence).insert({ entityId, type: dto.type, number: dto.number, validFrom: dto.validFrom ?? null, validUntil: dto.validUntil ?? null });
  }

  private async views(rows: RegulatedEntity[]): Promise<EntityDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [licences, classes] = await Promise.all([
      this.dataSource.getRepository(EntityLicence).find({ where: { entityId: In(ids) }, order: { type: 'ASC', number: 'ASC' } }),
      this.dataSource.getRepository(EntityRiskClass).find({ where: { entityId: In(ids) }, order: { effectiveFrom: 'ASC' } }),
    ]);
    const today = todayInChina();
    return rows.map((e) => {
      const history = classes.filter((c) => c.entityId === e.id).map((c) => ({ riskClass: c.riskClass, effectiveFrom: c.effectiveFrom }));
      return {
        id: e.id,
        departmentId: e.departmentId,
        uscc: e.uscc,
        name: e.name,
        legalRepresentative: e.legalRepresentative,
        registeredAddress: e.registeredAddress,
        district: e.district,
        industryCode: e.industryCode,
        status: e.status,
        contactPerson: e.contactPerson,
        contactPhone: e.contactPhone,
        supervisingUnit: e.supervisingUnit,
        currentRiskClass: classInForce(history, today),
        riskClassHistory: history,
        licences: licences.filter((l) => l.entityId === e.id).map((l) => ({ id: l.id, type: l.type, number: l.number, validFrom: l.validFrom, validUntil: l.validUntil })),
        usccCheckOverride: e.usccCheckOverrideReason ? { failure: e.usccCheckFailure ?? '', reason: e.usccCheckOverrideReason, by: e.usccCheckOverrideBy, at: e.usccCheckOverrideAt!.toISOString() } : null,
        version: e.version,
        createdAt: e.createdAt.toISOString(),
        updatedAt: e.updatedAt.toISOString(),
      };
    });
  }
}
