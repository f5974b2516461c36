import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { Page } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Auth('admin')
  @ApiOperation({ summary: 'Create a staff account' })
  @ApiCreatedResponse({ type: UserDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(dto, user.id);
  }

  @Get()
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'List accounts: all for admins, the own department for supervisors' })
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: UserQueryDto): Promise<Page<UserDto>> {
    return this.users.list(user, query);
  }

  @Get(':id')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'One account (another department answers 404)' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse()
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<UserDto> {
    return this.users.get(user, id);
  }

  @Patch(':id')
  @Auth('admin')
  @ApiOperation({ summary: 'Change role, department, status or password of an account' })
  @ApiOkResponse({ type: UserDto })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(user, id, dto);
  }
}
