import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { Page, PageQueryDto } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import { DepartmentsService } from './departments.service';
import { CreateDepartmentDto, DepartmentDto, DepartmentPageDto, UpdateDepartmentDto } from './dto/department.dto';

@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Post()
  @Auth('admin')
  @ApiOperation({ summary: 'Create a department (执法主体)' })
  @ApiCreatedResponse({ type: DepartmentDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.create(dto, user.id);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'List departments: all for admins, one\'s own for everyone else' })
  @ApiOkResponse({ type: DepartmentPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<Page<DepartmentDto>> {
    return this.departments.list(user, query);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One department (another department answers 404)' })
  @ApiOkResponse({ type: DepartmentDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<DepartmentDto> {
    return this.departments.get(user, id);
  }

  @Patch(':id')
  @Auth('admin')
  @ApiOperation({ summary: 'Rename a department' })
  @ApiOkResponse({ type: DepartmentDto })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.update(id, dto, user.id);
  }
}
