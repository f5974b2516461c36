import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { UuidPipe } from '../common/http/uuid.pipe';
import { CreateNormativeDocumentDto, NormativeDocumentDto, NormativeDocumentPageDto, NormativeDocumentQueryDto, PublishNormativeDocumentDto } from './dto/normative-document.dto';
import { NormativeDocumentsService } from './normative-documents.service';

/** Who may do what: as the register of legal reviews (legal reviewers and admins write; supervisors read too). */
@ApiTags('normative documents (行政规范性文件)')
@Controller('normative-documents')
export class NormativeDocumentsController {
  constructor(private readonly documents: NormativeDocumentsService) {}

  @Post()
  @Auth('legal_reviewer', 'admin')
  @ApiOperation({ summary: 'Register a 行政规范性文件: title, 文号, dates, the passed 法制审核 that cleared it, its publication if already published' })
  @ApiCreatedResponse({ type: NormativeDocumentDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateNormativeDocumentDto): Promise<NormativeDocumentDto> {
    return this.documents.create(user, dto);
  }

  @Get()
  @Auth('supervisor', 'legal_reviewer', 'admin')
  @ApiOperation({ summary: 'The department\'s register of 行政规范性文件, newest issue first' })
  @ApiOkResponse({ type: NormativeDocumentPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: NormativeDocumentQueryDto): Promise<NormativeDocumentPageDto> {
    return this.documents.list(user, query);
  }

  @Get(':id')
  @Auth('supervisor', 'legal_reviewer', 'admin')
  @ApiOperation({ summary: 'One registered document' })
  @ApiOkResponse({ type: NormativeDocumentDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<NormativeDocumentDto> {
    return this.documents.get(user, id);
  }

  @Post(':id/publication')
  @Auth('legal_reviewer', 'admin')
  @ApiOperation({ summary: 'Record the publication (date, channel) of a document registered before it was published' })
  @ApiCreatedResponse({ type: NormativeDocumentDto })
  publish(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: PublishNormativeDocumentDto): Promise<NormativeDocumentDto> {
    return this.documents.publish(user, id, dto);
  }
}
