import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Public } from '../auth/auth.decorators';
import { parseKeptHead } from './audit-chain';
import { AuditService } from './audit.service';
import { AuditHeadDto, AuditVerifyDto, AuditVerifyQueryDto } from './dto/audit.dto';

@ApiTags('audit (执法全过程记录)')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('admin/audit/verify')
  @Auth('admin')
  @ApiOperation({ summary: 'Re-verify the audit log: the hash chain (seq continuity, links, hashes), the current published results, plans and draws against their last recorded state, and (with ?head=<seq>:<hash>) that the chain extends a head kept earlier' })
  @ApiOkResponse({ type: AuditVerifyDto })
  async verify(@Query() query: AuditVerifyQueryDto): Promise<AuditVerifyDto> {
    return AuditVerifyDto.from(await this.audit.verifyAll(query.head === undefined ? undefined : parseKeptHead(query.head)));
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
