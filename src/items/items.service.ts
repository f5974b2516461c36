import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser, departmentScope, targetDepartment } from '../auth/roles';
import { ConflictError, NotFoundError } from '../common/errors';
import { Page, pageWindow, toPage } from '../common/http/paging';
import { likeContains } from '../common/sql';
import { CreateItemDto, ItemDto, ItemQueryDto, ItemVersionDto, ReviseItemDto, TargetFilterDto } from './dto/item.dto';
import { InspectionItem, InspectionItemVersion, TargetFilter } from './inspection-item.entity';
import { CATEGORY_LABELS, METHOD_LABELS } from './labels';
import './items.errors';

const CONTENT_KEYS = ['name', 'subItems', 'legalBasis', 'category', 'targetType', 'method', 'enforcementDomain', 'defaultRatios', 'frequency', 'targetFilter'] as const;

function filterOf(dto?: TargetFilterDto): TargetFilter {
  const clean = (xs?: string[]) => [...new Set((xs ?? []).map((x) => x.trim()).filter(Boolean))];
  return { industryCodes: clean(dto?.industryCodes), licenceTypes: clean(dto?.licenceTypes), districts: clean(dto?.districts) };
}

@Injectable()
export class ItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(user: AuthUser, dto: CreateItemDto, createdBy = user.id): Promise<ItemDto> {
    const departmentId = targetDepartment(user, dto.departmentId);
    const id = await this.dataSource.transaction(async (em) => {
      const item = await em.getRepository(InspectionItem).save(em.getRepository(InspectionItem).create({ departmentId, code: dto.code, currentVersion: 1 }));
      await em.getRepository(InspectionItemVersion).insert({
        itemId: item.id,
        version: 1,
        name: dto.name,
        subItems: dto.subItems ?? [],
        legalBasis: dto.legalBasis,
        category: dto.category,
        targetType: dto.targetType,
        method: dto.method,
        enforcementDomain: dto.enforcementDomain,
        defaultRatios: { A: dto.defaultRatios.A, B: dto.defaultRatios.B, C: dto.defaultRatios.C, D: dto.defaultRatios.D },
        frequency: dto.frequency,
        targetFilter: filterOf(dto.targetFilter),
        changeNote: null,
        createdBy,
      });
      await this.audit.append(em, { actorId: user.id, action: 'item.create', subjectType: 'item', subjectId: item.id, after: await em.getRepository(InspectionItemVersion).findOneByOrFail({ itemId: item.id, version: 1 }), details: { code: dto.code, departmentId, version: 1 } });
      return item.id;
    });
    return this.get(user, id);
  }

  /** A change never edits a version: it makes the next one. Plans keep pointing at theirs. */
  async revise(user: AuthUser, id: string, dto: ReviseItemDto): Promise<ItemDto> {
    await this.dataSource.transaction(async (em) => {
      const scope = departmentScope(user);
      const item = await em.getRepository(InspectionItem).findOne({ where: scope ? { id, departmentId: scope } : { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw new NotFoundError('抽查事项', 'ITEM_NOT_FOUND');
      if (item.currentVersion !== dto.baseVersion) {
        throw new ConflictError('VERSION_CONFLICT', `事项已更新至第${item.currentVersion}版，请基于最新版本修改`, [{ field: 'baseVersion', currentVersion: item.currentVersion }]);
      }
      const current = await em.getRepository(InspectionItemVersion).findOneByOrFail({ itemId: id, version: item.currentVersion });
      const next: Partial<InspectionItemVersion> = { itemId: id, version: item.currentVersion + 1, changeNote: dto.changeNote ?? null, createdBy: user.id };
      for (const key of CONTENT_KEYS) (next as Record<string, unknown>)[key] = current[key];
      for (const key of CONTENT_KEYS) {
        if (dto[key] === undefined) continue;
        (next as Record<string, unknown>)[key] = key === 'targetFilter' ? filterOf(dto.targetFilter) : key === 'defaultRatios' ? { ...dto.defaultRatios } : dto[key];
      }
      await em.getRepository(InspectionItemVersion).insert(next);
      await em.getRepository(InspectionItem).update({ id }, { currentVersion: item.currentVersion + 1 });
      await this.audit.append(em, { actorId: user.id, action: 'item.revise', subjectType: 'item', subjectId: id, before: current, after: await em.getRepository(InspectionItemVersion).findOneByOrFail({ itemId: id, version: item.currentVersion + 1 }), details: { code: item.code, version: item.currentVersion + 1, changed: CONTENT_KEYS.filter((k) => dto[k] !== undefined) } });
    });
    return this.get(user, id);
  }

  async list(user: AuthUser, query: ItemQueryDto): Promise<Page<ItemDto>> {
    const scope = departmentScope(user);
    const qb = this.dataSource
      .getRepository(InspectionItem)
      .createQueryBuilder('i')
      .innerJoin(InspectionItemVersion, 'v', 'v.item_id = i.id AND v.version = i.current_version');
    if (scope) qb.andWhere('i.department_id = :scope', { scope });
    if (!scope && query.departmentId) qb.andWhere('i.department_id = :dept', { dept: query.departmentId });
    if (query.q) qb.andWhere(`(v.name ILIKE :q ESCAPE '\\' OR i.code ILIKE :q ESCAPE '\\')`, { q: likeContains(query.q) });
    if (query.category) qb.andWhere('v.category = :category', { category: query.category });
    const [rows, total] = await qb.orderBy('i.code', 'ASC').skip(pageWindow(query).skip).take(query.pageSize).getManyAndCount();
    return toPage(await this.views(rows), total, query);
  }

  async get(user: AuthUser, id: string): Promise<ItemDto> {
    const scope = departmentScope(user);
    const item = await this.dataSource.getRepository(InspectionItem).findOne({ where: scope ? { id, departmentId: scope } : { id } });
    if (!item) throw new NotFoundError('抽查事项', 'ITEM_NOT_FOUND');
    return (await this.views([item]))[0];
  }

  async getVersion(user: AuthUser, id: string, version: number): Promise<ItemVersionDto> {
    const item = await this.get(user, id);
    const row = await this.dataSource.getRepository(InspectionItemVersion).findOne({ where: { itemId: id, version } });
    if (!row) throw new NotFoundError('事项版本', 'ITEM_VERSION_NOT_FOUND');
    return versionView(item.code, row);
  }

  private async views(items: InspectionItem[]): Promise<ItemDto[]> {
    if (!items.length) return [];
    const versions = await this.dataSource.getRepository(InspectionItemVersion).find({ where: { itemId: In(items.map((i) => i.id)) }, order: { version: 'ASC' } });
    return items.map((item) => {
      const mine = versions.filter((v) => v.itemId === item.id);
      const current = mine.find((v) => v.version === item.currentVersion)!;
      return {
        ...versionView(item.code, current),
        id: item.id,
        departmentId: item.departmentId,
        versions: mine.map((v) => ({ version: v.version, changeNote: v.changeNote, createdAt: v.createdAt.toISOString() })),
      };
    });
  }
}

export function versionView(code: string, v: InspectionItemVersion): ItemVersionDto {
  return {
    itemId: v.itemId,
    code,
    version: v.version,
    name: v.name,
    subItems: v.subItems,
    legalBasis: v.legalBasis,
    category: v.category,
    categoryLabel: CATEGORY_LABELS[v.category],
    targetType: v.targetType,
    method: v.method,
    methodLabel: METHOD_LABELS[v.method],
    enforcementDomain: v.enforcementDomain,
    defaultRatios: v.defaultRatios,
    frequency: v.frequency,
    targetFilter: v.targetFilter,
    changeNote: v.changeNote,
    createdAt: v.createdAt.toISOString(),
  };
}
