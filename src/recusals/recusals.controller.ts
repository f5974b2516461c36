import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { Page } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import { CreateRecusalDto, RecusalDto, RecusalPageDto, RecusalQueryDto, RevokeRecusalDto, UpdateRecusalDto } from './dto/recusal.dto';
import { RecusalsService } from './recusals.service';

@ApiTags('recusals (回避)')
@Controller('recusals')
export class RecusalsController {
  constructor(private readonly recusals: RecusalsService) {}

  @Post()
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'Declare a conflict between an inspector and an entity for a period' })
  @ApiCreatedResponse({ type: RecusalDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateRecusalDto): Promise<RecusalDto> {
    return this.recusals.create(user, dto);
  }

  @Get()
  @Auth('admin', 'supervisor', 'legal_reviewer')
  @ApiOperation({ summary: 'List declared conflicts (filter by inspector, entity, date in force)' })
  @ApiOkResponse({ type: RecusalPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: RecusalQueryDto): Promise<Page<RecusalDto>> {
    return this.recusals.list(user, query);
  }

  @Get(':id')
  @Auth('admin', 'supervisor', 'legal_reviewer')
  @ApiOperation({ summary: 'One declared conflict' })
  @ApiOkResponse({ type: RecusalDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<RecusalDto> {
    return this.recusals.get(user, id);
  }

  @Patch(':id')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'Change the reason or period of a declared conflict' })
  @ApiOkResponse({ type: RecusalDto })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateRecusalDto): Promise<RecusalDto> {
    return this.recusals.update(user, id, dto);
  }

  @Post(':id/revoke')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'Revoke a declared conflict (kept, with the reason)' })
  @ApiCreatedResponse({ type: RecusalDto })
  revoke(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: RevokeRecusalDto): Promise<RecusalDto> {
    return this.recusals.revoke(user, id, dto);
  }
}
