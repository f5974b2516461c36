import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { Page } from '../common/http/paging';
import { LegalQueueItemDto, LegalQueuePageDto, LegalQueueQueryDto } from './dto/record-list.dto';
import { RecordListService } from './record-list.service';

/** The legal reviewer's queue: a list of check records, so it lives here (legal-reviews cannot import checks: see ADR 0011). */
@ApiTags('legal reviews (法制审核)')
@Controller('legal-reviews')
export class LegalQueueController {
  constructor(private readonly recordList: RecordListService) {}

  @Get('queue')
  @Auth('legal_reviewer', 'admin')
  @ApiOperation({ summary: '法制审核 queue: the department\'s major enforcement decisions waiting for review, oldest first, with the deadline and working days left' })
  @ApiOkResponse({ type: LegalQueuePageDto })
  queue(@CurrentUser() user: AuthUser, @Query() query: LegalQueueQueryDto): Promise<Page<LegalQueueItemDto>> {
    return this.recordList.legalQueue(user, query);
  }
}
