import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import { ApiFileResponse } from '../common/http/api-docs';
import type { AuthUser } from '../auth/roles';
import { AnnualReportDto, AnnualReportQueryDto } from './dto/annual-report.dto';
import { ReportFile, ReportsService } from './reports.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('annual report (年度报告)')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('annual')
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'The enforcement figures of a year for a department, and the report paragraph written from them (definitions: docs/annual-report.md)' })
  @ApiOkResponse({ type: AnnualReportDto })
  annual(@CurrentUser() user: AuthUser, @Query() query: AnnualReportQueryDto): Promise<AnnualReportDto> {
    return this.reports.annual(user, query);
  }

  @Get('annual.docx')
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'The annual report as DOCX: heading, the paragraph, the table of figures' })
  @ApiFileResponse('年度报告（DOCX）', DOCX)
  async annualDocx(@CurrentUser() user: AuthUser, @Query() query: AnnualReportQueryDto): Promise<StreamableFile> {
    return download(await this.reports.docx(user, query), DOCX);
  }

  @Get('annual.xlsx')
  @Auth('supervisor', 'admin')
  @ApiOperation({ summary: 'The annual report as XLSX: sheets 统计数据 (figures), 检查对象 (checked entities), 公开情况 (publications)' })
  @ApiFileResponse('年度报告数据（XLSX）', XLSX)
  async annualXlsx(@CurrentUser() user: AuthUser, @Query() query: AnnualReportQueryDto): Promise<StreamableFile> {
    return download(await this.reports.xlsx(user, query), XLSX);
  }
}

function download(file: ReportFile, type: string): StreamableFile {
  return new StreamableFile(file.content, { type, length: file.content.length, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}` });
}
