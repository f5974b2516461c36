import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { Page } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import { LegalReviewDto, ReviewCaseDto } from '../legal-reviews/dto/legal-review.dto';
import { CaseViews } from './case-views.service';
import { CasesService } from './cases.service';
import { CaseDto, CaseNoteDto, CasePageDto, CaseQueryDto, CloseCaseDto, DecideCaseDto, OpenCaseDto, ProposeDecisionDto, PublicPenaltyDecisionDto, PublicPenaltyDecisionPageDto, PublicPenaltyDecisionQueryDto, RejectCaseDto, VersionedDto } from './dto/case.dto';

@ApiTags('cases (立案)')
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly views: CaseViews,
  ) {}

  @Post('cases')
  @Auth('supervisor', 'inspector', 'admin')
  @ApiOperation({ summary: 'Open a case (立案申请) from a check record with a problem found, or directly with its source described; numbered per department and year' })
  @ApiCreatedResponse({ type: CaseDto })
  open(@CurrentUser() user: AuthUser, @Body() dto: OpenCaseDto): Promise<CaseDto> {
    return this.cases.open(user, dto);
  }

  @Get('cases')
  @Auth('supervisor', 'inspector', 'legal_reviewer', 'admin')
  @ApiOperation({ summary: 'The department\'s cases by state, publication (pending, due_soon, overdue, published), record, year, party; paged' })
  @ApiOkResponse({ type: CasePageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: CaseQueryDto): Promise<Page<CaseDto>> {
    return this.views.list(user, query);
  }

  @Get('cases/:id')
  @Auth('supervisor', 'inspector', 'legal_reviewer', 'admin')
  @ApiOperation({ summary: 'A case of the department, with its investigation notes' })
  @ApiOkResponse({ type: CaseDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<CaseDto> {
    return this.views.get(user, id);
  }

  @Post('cases/:id/approve')
  @HttpCode(200)
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: '立案审批: a supervisor other than the opener files the case' })
  @ApiOkResponse({ type: CaseDto })
  approve(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: VersionedDto): Promise<CaseDto> {
    return this.cases.approve(user, id, dto);
  }

  @Post('cases/:id/reject')
  @HttpCode(200)
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: '不予立案, with the reason (a supervisor other than the opener)' })
  @ApiOkResponse({ type: CaseDto })
  reject(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: RejectCaseDto): Promise<CaseDto> {
    return this.cases.reject(user, id, dto);
  }

  @Post('cases/:id/notes')
  @HttpCode(200)
  @Auth('supervisor', 'inspector', 'admin')
  @ApiOperation({ summary: 'Record what the investigation found (internal)' })
  @ApiOkResponse({ type: CaseDto })
  note(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: CaseNoteDto): Promise<CaseDto> {
    return this.cases.addNote(user, id, dto);
  }

  @Post('cases/:id/proposal')
  @HttpCode(200)
  @Auth('supervisor', 'inspector', 'admin')
  @ApiOperation({ summary: '处理意见: the proposed decision (penalty kinds, amounts in fen, licence measures, facts); revisable until decided' })
  @ApiOkResponse({ type: CaseDto })
  propose(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ProposeDecisionDto): Promise<CaseDto> {
    return this.cases.propose(user, id, dto);
  }

  @Post('cases/:id/legal-reviews')
  @Auth('legal_reviewer', 'admin')
  @ApiOperation({ summary: '法制审核 of a major proposed decision (pass, or return to investigation with reasons)' })
  @ApiCreatedResponse({ type: LegalReviewDto })
  legalReview(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ReviewCaseDto): Promise<LegalReviewDto> {
    return this.cases.legalReview(user, id, dto);
  }

  @Post('cases/:id/decide')
  @HttpCode(200)
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'Make the decision (a major one needs a passed 法制审核 of this version); a penalty decision gets its publication deadline' })
  @ApiOkResponse({ type: CaseDto })
  decide(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: DecideCaseDto): Promise<CaseDto> {
    return this.cases.decide(user, id, dto);
  }

  @Post('cases/:id/publish')
  @HttpCode(200)
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: '行政处罚决定公示: the allow-listed summary becomes public' })
  @ApiOkResponse({ type: CaseDto })
  publish(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: VersionedDto): Promise<CaseDto> {
    return this.cases.publish(user, id, dto);
  }

  @Post('cases/:id/close')
  @HttpCode(200)
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: '结案 (a penalty decision must have been published)' })
  @ApiOkResponse({ type: CaseDto })
  close(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: CloseCaseDto): Promise<CaseDto> {
    return this.cases.close(user, id, dto);
  }

  @Get('public/penalty-decisions')
  @Public()
  @ApiOperation({ summary: '行政处罚决定公示: published penalty decisions, newest first (no personal data)' })
  @ApiOkResponse({ type: PublicPenaltyDecisionPageDto })
  publicList(@Query() query: PublicPenaltyDecisionQueryDto): Promise<PublicPenaltyDecisionPageDto> {
    return this.views.publicList(query);
  }

  @Get('public/penalty-decisions/:id')
  @Public()
  @ApiOperation({ summary: 'One published penalty decision' })
  @ApiOkResponse({ type: PublicPenaltyDecisionDto })
  publicGet(@Param('id', UuidPipe) id: string): Promise<PublicPenaltyDecisionDto> {
    return this.views.publicGet(id);
  }
}
