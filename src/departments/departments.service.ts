import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser, departmentScope } from '../auth/roles';
import { NotFoundError } from '../common/errors';
import { Page, PageQueryDto, pageWindow, toPage } from '../common/http/paging';
import { Department } from './department.entity';
import { CreateDepartmentDto, DepartmentDto, UpdateDepartmentDto } from './dto/department.dto';
import './departments.errors';

@Injectable()
export class DepartmentsService {
  constructor(
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    private readonly audit: AuditService,
  ) {}

  /** actorId: the admin; null for the system (imports of a department list, tests' factories). */
  async create(dto: CreateDepartmentDto, actorId: string | null = null): Promise<DepartmentDto> {
    return this.departments.manager.transaction(async (em) => {
      const saved = await em.getRepository(Department).save(em.getRepository(Department).create({ code: dto.code, name: dto.name }));
      await this.audit.append(em, { actorId, action: 'department.create', subjectType: 'department', subjectId: saved.id, after: { code: saved.code, name: saved.name } });
      return DepartmentDto.from(saved);
    });
  }

  async list(user: AuthUser, query: PageQueryDto): Promise<Page<DepartmentDto>> {
    const scope = departmentScope(user);
    const [rows, total] = await this.departments.findAndCount({
      where: scope ? { id: scope } : {},
      order: { code: 'ASC' },
      ...pageWindow(query),
    });
    return toPage(rows.map(DepartmentDto.from), total, query);
  }

  async get(user: AuthUser, id: string): Promise<DepartmentDto> {
    return DepartmentDto.from(await this.findVisible(user, id));
  }

  async update(id: string, dto: UpdateDepartmentDto, actorId: string | null = null): Promise<DepartmentDto> {
    return this.departments.manager.transaction(async (em) => {
      const department = await em.getRepository(Department).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!department) throw new NotFoundError('部门', 'DEPARTMENT_NOT_FOUND');
      const before = { code: department.code, name: department.name };
      if (dto.name !== undefined) department.name = dto.name;
      const saved = await em.getRepository(Department).save(department);
      await this.audit.append(em, { actorId, action: 'department.update', subjectType: 'department', subjectId: id, before, after: { code: saved.code, name: saved.name } });
      return DepartmentDto.from(saved);
    });
  }

  async findByCode(code: string): Promise<DepartmentDto | undefined> {
    const department = await this.departments.findOne({ where: { code } });
    return department ? DepartmentDto.from(department) : undefined;
  }

  /** Another department's record is reported as missing, so ids do not leak across departments. */
  private async findVisible(user: AuthUser, id: string): Promise<Department> {
    const scope = departmentScope(user);
    const department = scope && scope !== id ? null : await this.departments.findOne({ where: { id } });
    if (!department) throw new NotFoundError('部门', 'DEPARTMENT_NOT_FOUND');
    return department;
  }
}
