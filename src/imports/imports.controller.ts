import { Controller, Get, Header, HttpCode, Param, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import { ApiFileResponse } from '../common/http/api-docs';
import type { AuthUser } from '../auth/roles';
import { Page } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import { ImportErrorDto, ImportJobDto, ImportJobPageDto, ImportJobQueryDto, ImportKindParamDto, StartImportQueryDto, TemplateQueryDto } from './dto/import.dto';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ImportsService } from './imports.service';
import type { UploadedImportFile } from './imports.service';

@ApiTags('bulk import (批量导入)')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post(':kind')
  @Auth('admin', 'supervisor')
  @HttpCode(202)
  @UseInterceptors(ImportUploadInterceptor)
  @ApiOperation({ summary: 'Upload a CSV or XLSX to import (entities, inspectors, inspector-trainings, inspector-exams, items); runs as a job' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAcceptedResponse({ type: ImportJobDto, description: 'Queued or running; poll GET /imports/jobs/{id}' })
  @ApiOkResponse({ type: ImportJobDto, description: 'With wait=true: the finished job' })
  async start(
    @CurrentUser() user: AuthUser,
    @Param() params: ImportKindParamDto,
    @Query() query: StartImportQueryDto,
    @Res({ passthrough: true }) res: Response,
    @UploadedFile() file?: UploadedImportFile,
  ): Promise<ImportJobDto> {
    const job = await this.imports.start(user, params.kind, query, file);
    if (job.finishedAt) res.status(200); // waited for (wait=true): the outcome, not an acceptance
    return job;
  }

  @Get()
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'List import jobs of the department, newest first' })
  @ApiOkResponse({ type: ImportJobPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ImportJobQueryDto): Promise<Page<ImportJobDto>> {
    return this.imports.list(user, query);
  }

  @Get('templates/:kind')
  @Auth()
  @ApiOperation({ summary: 'Download the import template (Chinese headers, an example row, and a notes sheet in XLSX)' })
  @ApiFileResponse('导入模板（CSV 或 XLSX）', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async template(@Param() params: ImportKindParamDto, @Query() query: TemplateQueryDto): Promise<StreamableFile> {
    const t = await this.imports.template(params.kind, query.format);
    return new StreamableFile(t.body, { type: t.contentType, disposition: `attachment; filename="${t.fileName}"` });
  }

  // A job's routes are under /imports/jobs/: /imports/{id} was the same path as the upload's
  // /imports/{kind} (OpenAPI tools refuse such a document). The old paths still answer, left out
  // of the document (the *AtOldPath handlers below); docs/adr/0011-openapi-document.md.
  @Get('jobs/:id')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'Progress and outcome of an import job (also at the older /imports/{id})' })
  @ApiOkResponse({ type: ImportJobDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<ImportJobDto> {
    return this.imports.get(user, id);
  }

  @Get('jobs/:id/errors')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'The error report of an import job (row, column, value, message); also at the older /imports/{id}/errors' })
  @ApiOkResponse({ type: [ImportErrorDto] })
  errors(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<ImportErrorDto[]> {
    return this.imports.errors(user, id);
  }

  @Get('jobs/:id/errors.csv')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'The error report as CSV (UTF-8 with BOM, Chinese headers) for Excel' })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="import-errors.csv"')
  @ApiFileResponse('错误报告（CSV，UTF-8 带 BOM）', 'text/csv')
  async errorsCsv(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.imports.errorsCsv(user, id));
  }

  @Get(':id')
  @Auth('admin', 'supervisor')
  @ApiExcludeEndpoint()
  getAtOldPath(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<ImportJobDto> {
    return this.imports.get(user, id);
  }

  @Get(':id/errors')
  @Auth('admin', 'supervisor')
  @ApiExcludeEndpoint()
  errorsAtOldPath(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<ImportErrorDto[]> {
    return this.imports.errors(user, id);
  }

  @Get(':id/errors.csv')
  @Auth('admin', 'supervisor')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="import-errors.csv"')
  @ApiExcludeEndpoint()
  async errorsCsvAtOldPath(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    return new StreamableFile(await this.imports.errorsCsv(user, id));
  }
}
