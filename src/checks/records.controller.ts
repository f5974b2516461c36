import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import { ApiFileResponse } from '../common/http/api-docs';
import type { AuthUser } from '../auth/roles';
import { Page } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import type { StoredUpload } from '../imports/upload-storage';
import { LegalReviewDto, ReviewRecordDto } from '../legal-reviews/dto/legal-review.dto';
import { EvidenceDto, EvidenceUploadDto } from './dto/evidence.dto';
import { RecordDto, ReturnRecordDto, UpdateRecordDto, VersionDto } from './dto/record.dto';
import { RecordListItemDto, RecordListPageDto, RecordListQueryDto } from './dto/record-list.dto';
import { RecordListService } from './record-list.service';
import { CreateRectificationDto, FollowUpDto, RectificationDto, RectificationPageDto, RectificationQueryDto } from './dto/rectification.dto';
import { EvidenceUploadInterceptor } from './evidence-upload.interceptor';
import { EvidenceService } from './evidence.service';
import { RecordsService } from './records.service';
import { RectificationsService } from './rectifications.service';

@ApiTags('check records (现场检查记录)')
@Controller()
export class RecordsController {
  constructor(
    private readonly records: RecordsService,
    private readonly evidence: EvidenceService,
    private readonly rectifications: RectificationsService,
    private readonly recordList: RecordListService,
  ) {}

  @Get('records')
  @Auth('supervisor', 'legal_reviewer', 'admin')
  @ApiOperation({ summary: 'Check records of the department by state or stage (awaiting_approval, awaiting_legal_review, …), check dates, item, plan, entity; oldest first; paged' })
  @ApiOkResponse({ type: RecordListPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: RecordListQueryDto): Promise<Page<RecordListItemDto>> {
    return this.recordList.list(user, query);
  }

  @Get('records/:id')
  @Auth()
  @ApiOperation({ summary: 'A check record (whoever may see its task)' })
  @ApiOkResponse({ type: RecordDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<RecordDto> {
    return this.records.get(user, id);
  }

  @Patch('records/:id')
  @Auth('inspector')
  @ApiOperation({ summary: 'Edit a record in progress or returned (team members; the version read, else 409)' })
  @ApiOkResponse({ type: RecordDto })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateRecordDto): Promise<RecordDto> {
    return this.records.update(user, id, dto);
  }

  @Post('records/:id/submit')
  @HttpCode(200)
  @Auth('inspector')
  @ApiOperation({ summary: 'Submit a complete record (every missing or invalid field named at once); retry-safe with Idempotency-Key' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: RecordDto })
  submit(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Headers('idempotency-key') key: string | undefined, @Body() dto: VersionDto): Promise<RecordDto> {
    return this.records.submit(user, id, key, dto);
  }

  @Post('records/:id/approve')
  @HttpCode(200)
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'Approve a submitted record (lead department; a major enforcement decision needs a passed legal review first)' })
  @ApiOkResponse({ type: RecordDto })
  approve(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: VersionDto): Promise<RecordDto> {
    return this.records.approve(user, id, dto);
  }

  @Post('records/:id/mark-major')
  @HttpCode(200)
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'Mark a result a 重大执法决定 whatever the amount: it then needs a legal review before approval' })
  @ApiOkResponse({ type: RecordDto })
  markMajor(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: VersionDto): Promise<RecordDto> {
    return this.records.markMajor(user, id, dto);
  }

  @Post('records/:id/return')
  @HttpCode(200)
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'Return a submitted record to the team with what to correct' })
  @ApiOkResponse({ type: RecordDto })
  return(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ReturnRecordDto): Promise<RecordDto> {
    return this.records.return(user, id, dto);
  }

  @Post('records/:id/legal-reviews')
  @Auth('legal_reviewer', 'admin')
  @ApiOperation({ summary: '法制审核 of a submitted major enforcement decision (pass, or return with reasons)' })
  @ApiCreatedResponse({ type: LegalReviewDto })
  legalReview(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ReviewRecordDto): Promise<LegalReviewDto> {
    return this.records.legalReview(user, id, dto);
  }

  @Post('records/:id/evidence')
  @Auth('inspector')
  @UseInterceptors(EvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Attach evidence (photo, PDF, audio/video): type from the bytes, extension must agree; stored by SHA-256; never public' })
  @ApiCreatedResponse({ type: EvidenceUploadDto })
  addEvidence(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @UploadedFile() file: Express.Multer.File & { upload?: StoredUpload }): Promise<EvidenceUploadDto> {
    return this.evidence.add(user, id, file);
  }

  @Get('records/:id/evidence')
  @Auth()
  @ApiOperation({ summary: 'The evidence of a record (metadata)' })
  @ApiOkResponse({ type: [EvidenceDto] })
  listEvidence(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<EvidenceDto[]> {
    return this.evidence.list(user, id);
  }

  @Get('evidence/:id/content')
  @Auth()
  @ApiOperation({ summary: 'Download an evidence file (whoever may see its record)' })
  @ApiFileResponse('证据文件（原始格式）', 'image/jpeg', 'image/png', 'image/heic', 'application/pdf')
  async evidenceContent(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    const f = await this.evidence.open(user, id);
    return new StreamableFile(f.stream as never, { type: f.mediaType, length: f.size, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}` });
  }

  @Post('records/:id/rectifications')
  @Auth('inspector', 'supervisor', 'admin')
  @ApiOperation({ summary: '责令改正: an order with a deadline in working days (holiday calendar with 调休 make-up days)' })
  @ApiCreatedResponse({ type: RectificationDto })
  addRectification(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: CreateRectificationDto): Promise<RectificationDto> {
    return this.rectifications.create(user, id, dto);
  }

  @Post('rectifications/:id/follow-up')
  @HttpCode(200)
  @Auth('inspector', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Record the follow-up check of a rectification order' })
  @ApiOkResponse({ type: RectificationDto })
  followUp(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: FollowUpDto): Promise<RectificationDto> {
    return this.rectifications.followUp(user, id, dto);
  }

  @Get('rectifications')
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'Rectification orders of the department, by deadline; overdue=true lists those past due without a follow-up' })
  @ApiOkResponse({ type: RectificationPageDto })
  listRectifications(@CurrentUser() user: AuthUser, @Query() query: RectificationQueryDto): Promise<Page<RectificationDto>> {
    return this.rectifications.list(user, query);
  }
}
