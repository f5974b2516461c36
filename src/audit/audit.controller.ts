import { Controller, Get } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Public } from '../auth/auth.decorators';
import { AuditService } from './audit.service';
import { AuditHeadDto, AuditVerifyDto } from './dto/audit.dto';

@ApiTags('audit (执法全过程记录)')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('admin/audit/verify')
  @Auth('admin')
  @ApiOperation({ summary: 'Re-verify the whole audit hash chain (seq continuity, links, hashes): the head, or the first broken link' })
  @ApiOkResponse({ type: AuditVerifyDto })
  async verify(): Promise<AuditVerifyDto> {
    return AuditVerifyDto.from(await this.audit.verify());
  }

  @Get('public/audit/head')
  @Public()
  @ApiOperation({ summary: 'Public head of the audit chain (last seq and hash): anyone who keeps it can later detect a rewritten history' })
  @ApiOkResponse({ type: AuditHeadDto })
  @ApiNotFoundResponse({ description: 'AUDIT_LOG_EMPTY: no event recorded yet' })
  head(): Promise<AuditHeadDto> {
    return this.audit.requireHead();
  }
}
