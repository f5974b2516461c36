import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser, departmentScope } from '../auth/roles';
import { NotFoundError } from '../common/errors';
import { Page, PageQueryDto, pageWindow, toPage } from '../common/http/paging';
import { Department } from './department.entity';
import { CreateDepartmentDto, DepartmentDto, UpdateDepartmentDto } from './dto/department.dto';
import './departments.errors';

@Injectable()
export class DepartmentsService {
  constructor(@InjectRepository(Department) private readonly departments: Repository<Department>) {}

  async create(dto: CreateDepartmentDto): Promise<DepartmentDto> {
    const saved = await this.departments.save(this.departments.create({ code: dto.code, name: dto.name }));
    return DepartmentDto.from(saved);
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

  async update(id: string, dto: UpdateDepartmentDto): Promise<DepartmentDto> {
    const department = await this.departments.findOne({ where: { id } });
    if (!department) throw new NotFoundError('部门', 'DEPARTMENT_NOT_FOUND');
    if (dto.name !== undefined) department.name = dto.name;
    return DepartmentDto.from(await this.departments.save(department));
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
