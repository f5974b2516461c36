import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { ApiErrors } from '../common/http/api-docs';
import { Page } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import { MergeCandidateDto, MergeCandidatePageDto, MergeCandidatesQueryDto } from './dto/merge-candidates.dto';
import { MergeCandidatesService } from './merge-candidates.service';
import { DrawsService } from './draws.service';
import { DrawTasksService } from './draw-tasks.service';
import { DrawTaskDto, DrawTaskPageDto, DrawTasksQueryDto } from './dto/draw-tasks.dto';
import { DrawRequestDto, DrawSummaryDto, RedrawDto, RedrawRequestDto, SubstitutionDto, SubstitutionRequestDto } from './dto/draw.dto';
import type { Transcript } from './transcript';
import { AnchorDto, TranscriptDto } from './dto/transcript.dto';

@ApiTags('draws (双随机抽取)')
@Controller()
export class DrawsController {
  constructor(
    private readonly draws: DrawsService,
    private readonly merge: MergeCandidatesService,
    private readonly drawTasks: DrawTasksService,
  ) {}

  @Post('plans/:id/draw')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'Draw targets and teams once, with the randomness fixed at publication (drand round + signature, or the witnesses\' entropy)' })
  @ApiCreatedResponse({ type: DrawSummaryDto })
  draw(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: DrawRequestDto): Promise<DrawSummaryDto> {
    return this.draws.draw(user, id, dto);
  }

  @Post('draws/:id/redraw')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'Request a redraw (reason required, public): supersedes the draw, cancels its tasks, fixes fresh randomness; then draw the plan again' })
  @ApiCreatedResponse({ type: RedrawDto })
  redraw(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: RedrawRequestDto): Promise<RedrawDto> {
    return this.draws.requestRedraw(user, id, dto);
  }

  @Get('tasks/merge-candidates')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: '综合查一次: targets drawn by several departments in the same quarter, for one joint visit' })
  @ApiOkResponse({ type: MergeCandidatePageDto })
  mergeCandidates(@CurrentUser() user: AuthUser, @Query() query: MergeCandidatesQueryDto): Promise<Page<MergeCandidateDto>> {
    return this.merge.list(user, query);
  }

  @Post('tasks/:id/substitutions')
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: '换人: replace a team member who cannot attend by the next inspector of the team\'s published draw sequence (public, on the transcript)' })
  @ApiCreatedResponse({ type: SubstitutionDto })
  substitute(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: SubstitutionRequestDto): Promise<SubstitutionDto> {
    return this.draws.substitute(user, id, dto);
  }

  @Get('plans/:id/draws')
  @Auth()
  @ApiOperation({ summary: 'The draws of a plan, oldest first (a redraw adds one; the replaced draw stays, superseded)' })
  @ApiOkResponse({ type: [DrawSummaryDto] })
  @ApiErrors(404)
  ofPlan(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<DrawSummaryDto[]> {
    return this.draws.drawsOfPlan(user, id);
  }

  @Get('draws/:id')
  @Auth()
  @ApiOperation({ summary: 'A draw: seed, per-class counts and quotas, tasks' })
  @ApiOkResponse({ type: DrawSummaryDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<DrawSummaryDto> {
    return this.draws.summary(user, id);
  }

  @Get('draws/:id/tasks')
  @Auth('admin', 'supervisor', 'legal_reviewer')
  @ApiOperation({ summary: 'The tasks of a draw in ticket order: target, team, record state; paged, filtered by state or staffed (the plan\'s lead and joint departments)' })
  @ApiOkResponse({ type: DrawTaskPageDto })
  tasks(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query() query: DrawTasksQueryDto): Promise<Page<DrawTaskDto>> {
    return this.drawTasks.tasksOfDraw(user, id, query);
  }

  @Get('public/plans/:id/publication')
  @Public()
  @ApiOperation({ summary: 'A published plan\'s publication record (fixed at publication) and its redraw announcements — keep them, then `npm run verify-draw -- --publication <file>`' })
  @ApiOkResponse({ type: AnchorDto })
  @ApiErrors([404, '计划不存在、尚未发布，或发布于发布记录启用之前'])
  anchor(@Param('id', UuidPipe) id: string): Promise<AnchorDto> {
    return this.draws.anchor(id);
  }

  @Get('public/draws/:id/transcript')
  @Public()
  @ApiOperation({ summary: 'Public transcript: snapshots, hashes, randomness and proof, seed, every ticket, team and skip — re-run it with `npm run verify-draw`' })
  @ApiOkResponse({ type: TranscriptDto, description: 'ssgk-draw-transcript-v1 JSON' })
  transcript(@Param('id', UuidPipe) id: string): Promise<Transcript> {
    return this.draws.transcript(id);
  }
}
