import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import { ApiErrors, ApiFileResponse } from '../common/http/api-docs';
import type { AuthUser } from '../auth/roles';
import { Page } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import { CreatePlanDto, PlanDto, PlanPageDto, PlanQueryDto, PublishPlanDto, SamplingPreviewDto, SamplingPreviewRequestDto, UpdatePlanDto } from './dto/plan.dto';
import { PlansService } from './plans.service';

const WRITE = ['admin', 'supervisor'] as const;

@ApiTags('plans (抽查计划)')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Create a draft plan (items, sampling per credit-risk class, team size, window, recusal rules)' })
  @ApiCreatedResponse({ type: PlanDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePlanDto): Promise<PlanDto> {
    return this.plans.create(user, dto);
  }

  @Post('sampling-preview')
  @HttpCode(200)
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Preview a draft\'s counts per risk class (candidates, excluded, eligible, to be drawn) as if published today; writes nothing' })
  @ApiOkResponse({ type: SamplingPreviewDto })
  @ApiErrors(400, 404)
  previewSampling(@CurrentUser() user: AuthUser, @Body() dto: SamplingPreviewRequestDto): Promise<SamplingPreviewDto> {
    return this.plans.previewSampling(user, dto);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'List plans of the department' })
  @ApiOkResponse({ type: PlanPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: PlanQueryDto): Promise<Page<PlanDto>> {
    return this.plans.list(user, query);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One plan, with its snapshot hashes and randomness once published' })
  @ApiOkResponse({ type: PlanDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<PlanDto> {
    return this.plans.get(user, id);
  }

  @Patch(':id')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Replace a draft plan\'s content (send the version you read); a published plan cannot change' })
  @ApiOkResponse({ type: PlanDto })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdatePlanDto): Promise<PlanDto> {
    return this.plans.update(user, id, dto);
  }

  @Post(':id/publish')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Publish: freeze the pools (canonical snapshots + SHA-256), the parameters and the randomness source' })
  @ApiCreatedResponse({ type: PlanDto })
  publish(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: PublishPlanDto): Promise<PlanDto> {
    return this.plans.publish(user, id, dto);
  }

  @Get(':id/snapshots/candidates.tsv')
  @Auth()
  @Header('Content-Type', 'text/tab-separated-values; charset=utf-8')
  @ApiOperation({ summary: 'The frozen candidate pool, canonical text (its SHA-256 is candidatePoolHash)' })
  @ApiFileResponse('候选对象名录快照（TSV）', 'text/tab-separated-values')
  candidates(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.plans.snapshot(user, id, 'candidates');
  }

  @Get(':id/snapshots/inspectors.tsv')
  @Auth()
  @Header('Content-Type', 'text/tab-separated-values; charset=utf-8')
  @ApiOperation({ summary: 'The frozen inspector pool, canonical text (its SHA-256 is inspectorPoolHash)' })
  @ApiFileResponse('执法人员名录快照（TSV）', 'text/tab-separated-values')
  inspectors(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.plans.snapshot(user, id, 'inspectors');
  }

  @Get(':id/snapshots/conflicts.tsv')
  @Auth()
  @Header('Content-Type', 'text/tab-separated-values; charset=utf-8')
  @ApiOperation({ summary: 'The frozen declared conflicts (certificate × USCC × period); its SHA-256 is in the parameters' })
  @ApiFileResponse('回避关系快照（TSV）', 'text/tab-separated-values')
  conflicts(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.plans.snapshot(user, id, 'conflicts');
  }

  @Get(':id/snapshots/parameters.json')
  @Auth()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'The frozen parameters, canonical JSON (its SHA-256 is parametersHash)' })
  @ApiFileResponse('抽查参数快照（规范化 JSON，按原样保存以核对哈希）', 'application/json')
  parameters(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.plans.snapshot(user, id, 'parameters');
  }
}
