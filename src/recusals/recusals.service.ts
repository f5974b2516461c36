import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser, departmentScope } from '../auth/roles';
import { BadRequestError, ConflictError, NotFoundError } from '../common/errors';
import { Page, pageWindow, toPage } from '../common/http/paging';
import { InspectorsService } from '../inspectors/inspectors.service';
import { RegulatedEntitiesService } from '../regulated-entities/regulated-entities.service';
import { DeclaredConflict } from './declared-conflict.entity';
import { CreateRecusalDto, RecusalDto, RecusalQueryDto, RevokeRecusalDto, UpdateRecusalDto } from './dto/recusal.dto';
import './recusals.errors';

@Injectable()
export class RecusalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inspectors: InspectorsService,
    private readonly entities: RegulatedEntitiesService,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, dto: CreateRecusalDto): Promise<RecusalDto> {
    const em = this.dataSource.manager;
    const inspector = await this.inspectors.findVisible(em, user, dto.inspectorId);
    const entity = await this.entities.findVisible(em, user, dto.entityId);
    if (inspector.departmentId !== entity.departmentId) {
      throw new BadRequestError('DEPARTMENT_MISMATCH', '执法人员与检查对象不属于同一部门', [{ field: 'entityId' }]);
    }
    if (dto.validUntil && dto.validUntil < dto.validFrom) throw new BadRequestError('CONFLICT_PERIOD_INVALID', '回避期限止不能早于起始日', [{ field: 'validUntil' }]);
    const saved = await this.dataSource.transaction(async (tx) => {
      const row = await tx.getRepository(DeclaredConflict).save(
        tx.getRepository(DeclaredConflict).create({
          departmentId: entity.departmentId,
          inspectorId: inspector.id,
          entityId: entity.id,
          reason: dto.reason,
          source: dto.source,
          validFrom: dto.validFrom,
          validUntil: dto.validUntil ?? null,
          createdBy: user.id,
        }),
      );
      // The reason (possibly a family tie) only as part of the state hash.
      await this.audit.append(tx, { actorId: user.id, action: 'recusal.create', subjectType: 'recusal', subjectId: row.id, after: stateOf(row), details: { inspectorId: row.inspectorId, entityId: row.entityId, source: row.source, validFrom: row.validFrom, validUntil: row.validUntil } });
      return row;
    });
    return this.get(user, saved.id);
  }

  async list(user: AuthUser, query: RecusalQueryDto): Promise<Page<RecusalDto>> {
    const qb = this.baseQuery(user);
    if (query.inspectorId) qb.andWhere('c.inspector_id = :inspectorId', { inspectorId: query.inspectorId });
    if (query.entityId) qb.andWhere('c.entity_id = :entityId', { entityId: query.entityId });
    if (query.activeOn) qb.andWhere('c.valid_from <= :on AND (c.valid_until IS NULL OR c.valid_until >= :on)', { on: query.activeOn });
    if (!query.includeRevoked) qb.andWhere('c.revoked_at IS NULL');
    const [rows, total] = await qb.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'ASC').skip(pageWindow(query).skip).take(query.pageSize).getManyAndCount();
    return toPage(rows.map(view), total, query);
  }

  async get(user: AuthUser, id: string): Promise<RecusalDto> {
    return view(await this.findVisible(user, id));
  }

  async update(user: AuthUser, id: string, dto: UpdateRecusalDto): Promise<RecusalDto> {
    const conflict = await this.findVisible(user, id);
    if (conflict.revokedAt) throw new ConflictError('RECUSAL_REVOKED', '已撤销的回避记录不能修改');
    const validFrom = dto.validFrom ?? conflict.validFrom;
    const validUntil = dto.validUntil === undefined ? conflict.validUntil : dto.validUntil;
    if (validUntil && validUntil < validFrom) throw new BadRequestError('CONFLICT_PERIOD_INVALID', '回避期限止不能早于起始日', [{ field: 'validUntil' }]);
    await this.dataSource.transaction(async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(DeclaredConflict)
        .set({ reason: dto.reason ?? conflict.reason, validFrom, validUntil })
        .where('id = :id AND revoked_at IS NULL', { id }) // a revoke in between wins
        .execute();
      if (!result.affected) throw new ConflictError('RECUSAL_REVOKED', '已撤销的回避记录不能修改');
      const after = await em.getRepository(DeclaredConflict).findOneByOrFail({ id });
      await this.audit.append(em, { actorId: user.id, action: 'recusal.update', subjectType: 'recusal', subjectId: id, before: stateOf(conflict), after: stateOf(after), details: { inspectorId: after.inspectorId, entityId: after.entityId, validFrom, validUntil } });
    });
    return this.get(user, id);
  }

  /** Revoked, never deleted: the record of who was recused stays checkable. */
  async revoke(user: AuthUser, id: string, dto: RevokeRecusalDto): Promise<RecusalDto> {
    const conflict = await this.findVisible(user, id);
    await this.dataSource.transaction(async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(DeclaredConflict)
        .set({ revokedAt: () => 'now()', revokedReason: dto.reason })
        .where('id = :id AND revoked_at IS NULL', { id })
        .execute();
      if (!result.affected) throw new ConflictError('RECUSAL_REVOKED', '该回避记录已撤销');
      const after = await em.getRepository(DeclaredConflict).findOneByOrFail({ id });
      await this.audit.append(em, { actorId: user.id, action: 'recusal.revoke', subjectType: 'recusal', subjectId: id, before: stateOf(conflict), after: stateOf(after), details: { inspectorId: after.inspectorId, entityId: after.entityId } });
    });
    return this.get(user, id);
  }

  private baseQuery(user: AuthUser) {
    const scope = departmentScope(user);
    const qb = this.dataSource.getRepository(DeclaredConflict).createQueryBuilder('c').leftJoinAndSelect('c.inspector', 'i').leftJoinAndSelect('c.entity', 'e');
    if (scope) qb.andWhere('c.department_id = :scope', { scope });
    return qb;
  }

  private async findVisible(user: AuthUser, id: string): Promise<DeclaredConflict> {
    const conflict = await this.baseQuery(user).andWhere('c.id = :id', { id }).getOne();
    if (!conflict) throw new NotFoundError('回避记录', 'RECUSAL_NOT_FOUND');
    return conflict;
  }
}

/** The recorded columns, without the joined inspector and entity. */
function stateOf(c: DeclaredConflict) {
  return { id: c.id, departmentId: c.departmentId, inspectorId: c.inspectorId, entityId: c.entityId, reason: c.reason, source: c.source, validFrom: c.validFrom, validUntil: c.validUntil, revokedAt: c.revokedAt, revokedReason: c.revokedReason };
}

function view(c: DeclaredConflict): RecusalDto {
  return {
    id: c.id,
    departmentId: c.departmentId,
    inspectorId: c.inspectorId,
    inspectorName: c.inspector!.name,
    entityId: c.entityId,
    entityName: c.entity!.name,
    reason: c.reason,
    source: c.source,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokedReason: c.revokedReason,
    createdAt: c.createdAt.toISOString(),
  };
}
