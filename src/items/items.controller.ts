import { Body, Controller, Get, Param, Patch, PipeTransform, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { BadRequestError } from '../common/errors';
import { Page } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import { CreateItemDto, ItemDto, ItemPageDto, ItemQueryDto, ItemVersionDto, ReviseItemDto } from './dto/item.dto';
import { ItemsService } from './items.service';

/** A version number: a positive int4. */
const VersionPipe: PipeTransform<string, number> = {
  transform(value: string): number {
    const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= 2_147_483_647)) throw new BadRequestError('INVALID_VERSION', '版本号必须是正整数');
    return n;
  },
};

@ApiTags('inspection items (随机抽查事项清单)')
@Controller('items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Post()
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'Add an item to the department\'s list (version 1)' })
  @ApiCreatedResponse({ type: ItemDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateItemDto): Promise<ItemDto> {
    return this.items.create(user, dto);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'List the department\'s items (current versions)' })
  @ApiOkResponse({ type: ItemPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ItemQueryDto): Promise<Page<ItemDto>> {
    return this.items.list(user, query);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One item: its current version and the list of versions' })
  @ApiOkResponse({ type: ItemDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<ItemDto> {
    return this.items.get(user, id);
  }

  @Patch(':id')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'Change an item: makes a new version (send baseVersion; a stale one answers 409)' })
  @ApiOkResponse({ type: ItemDto })
  revise(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ReviseItemDto): Promise<ItemDto> {
    return this.items.revise(user, id, dto);
  }

  @Get(':id/versions/:version')
  @Auth()
  @ApiOperation({ summary: 'One past or current version of an item, as it was' })
  @ApiOkResponse({ type: ItemVersionDto })
  getVersion(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('version', VersionPipe) version: number): Promise<ItemVersionDto> {
    return this.items.getVersion(user, id, version);
  }
}
