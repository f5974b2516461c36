import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { UuidPipe } from '../common/http/uuid.pipe';
import { CompletenessDto, PublicEntityDto, PublicResultPageDto, PublicResultsQueryDto, UsccParamDto } from './dto/public.dto';
import { CorrectionDto, PublicationDto, PublicationPageDto, PublicationQueryDto, PublishDto, WithdrawDto } from './dto/publication.dto';
import { PublicService } from './public.service';
import { PublicationService } from './publication.service';

@ApiTags('publication (一公开)')
@Controller()
export class PublicationController {
  constructor(
    private readonly publications: PublicationService,
    private readonly publicSide: PublicService,
  ) {}

  @Get('publications')
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'Results to publish and published, by deadline (status=due_soon|overdue|…), with the on-time rate' })
  @ApiOkResponse({ type: PublicationPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: PublicationQueryDto): Promise<PublicationPageDto> {
    return this.publications.list(user, query);
  }

  @Post('publications/:id/publish')
  @HttpCode(200)
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'Publish an approved result now, or at a set time (publishAt)' })
  @ApiOkResponse({ type: PublicationDto })
  publish(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: PublishDto): Promise<PublicationDto> {
    return this.publications.publish(user, id, dto);
  }

  @Post('publications/:id/corrections')
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'Correct a published result: a new version with the reason; the old one stays visible' })
  @ApiCreatedResponse({ type: PublicationDto })
  correct(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: CorrectionDto): Promise<PublicationDto> {
    return this.publications.correct(user, id, dto);
  }

  @Post('publications/:id/withdraw')
  @HttpCode(200)
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'Withdraw a published result (e.g. after a court decision): a recorded state with the reason, never a delete' })
  @ApiOkResponse({ type: PublicationDto })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: WithdrawDto): Promise<PublicationDto> {
    return this.publications.withdraw(user, id, dto);
  }

  @Get('public/results')
  @Public()
  @ApiOperation({ summary: 'Published check results: search by entity name, USCC, department, item, year, result code, dates; paged (pageSize ≤ 100)' })
  @ApiOkResponse({ type: PublicResultPageDto })
  results(@Query() query: PublicResultsQueryDto): Promise<PublicResultPageDto> {
    return this.publicSide.results(query);
  }

  @Get('public/entities/:uscc')
  @Public()
  @ApiOperation({ summary: 'All published checks of one entity, with corrected versions' })
  @ApiOkResponse({ type: PublicEntityDto })
  entity(@Param() params: UsccParamDto): Promise<PublicEntityDto> {
    return this.publicSide.entity(params.uscc);
  }

  @Get('public/draws/:id/completeness')
  @Public()
  @ApiOperation({ summary: 'Completeness of a draw: every target and where its result stands (published, pending and why, overdue)' })
  @ApiOkResponse({ type: CompletenessDto })
  completeness(@Param('id', UuidPipe) id: string): Promise<CompletenessDto> {
    return this.publicSide.completeness(id);
  }
}
