import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { ApiFileResponse, ApiTextResponse } from '../common/http/api-docs';
import { UuidPipe } from '../common/http/uuid.pipe';
import { CheckCodesService } from './check-codes.service';
import { PublicCheckCodeDto } from './dto/check-code.dto';
import { TranscriptService } from './transcript.service';

/** The printable 现场检查笔录 and the 检查码 (its QR code for the console, its open JSON). */
@ApiTags('check documents (现场检查笔录、检查码)')
@Controller()
export class CheckDocumentsController {
  constructor(
    private readonly transcripts: TranscriptService,
    private readonly codes: CheckCodesService,
  ) {}

  @Get('records/:id/transcript.pdf')
  @Auth()
  @ApiOperation({ summary: '现场检查笔录 (PDF) of a record: who, when, where, items and check points, findings, result, rectification, signature lines and the 检查码 (whoever may see the record)' })
  @ApiFileResponse('现场检查笔录（PDF）', 'application/pdf')
  async transcript(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    const { bytes, fileName } = await this.transcripts.pdf(user, id);
    return new StreamableFile(bytes, { type: 'application/pdf', length: bytes.length, disposition: `inline; filename*=UTF-8''${encodeURIComponent(fileName)}` });
  }

  @Get('tasks/:id/check-code.svg')
  @Auth()
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @Header('Cache-Control', 'private, max-age=3600')
  @ApiOperation({ summary: "QR code (SVG) of the task's 检查码 URL, to show or print in the console (whoever may see the task)" })
  @ApiTextResponse('二维码（SVG）', 'image/svg+xml')
  checkCodeSvg(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<string> {
    return this.codes.svg(user, id);
  }

  @Get('public/check-codes/:code')
  @Public()
  @ApiOperation({ summary: '检查码 (open data): that the inspection is real — plan, draw, items and legal basis, the team\'s names, certificate numbers and validity, the window; 404 for an unknown code' })
  @ApiOkResponse({ type: PublicCheckCodeDto })
  publicCheckCode(@Param('code') code: string): Promise<PublicCheckCodeDto> {
    return this.codes.publicView(code);
  }
}
