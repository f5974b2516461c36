import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '../auth/auth.decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { BackfillDto, BackfillResultDto, DeliveryDto, OutboxPageDto, OutboxQueryDto } from './dto/outbox.dto';
import { OutboxService } from './outbox.service';

@ApiTags('outbox (推送监督平台)')
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @Auth('admin')
  @ApiOperation({ summary: 'Deliveries to the supervision platforms: pending, delivered, dead (with counts and the last error)' })
  @ApiOkResponse({ type: OutboxPageDto })
  list(@Query() query: OutboxQueryDto): Promise<OutboxPageDto> {
    return this.outbox.list(query);
  }

  @Post('backfill')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ summary: 'Queue for each configured platform (or one) every event it has not received, oldest first; idempotent by event id (also: npm run cli -- outbox-backfill)' })
  @ApiOkResponse({ type: BackfillResultDto })
  backfill(@Body() dto: BackfillDto): Promise<BackfillResultDto> {
    return this.outbox.backfill(dto);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Auth('admin')
  @ApiOperation({ summary: 'Send a dead delivery again (after the platform is fixed)' })
  @ApiOkResponse({ type: DeliveryDto })
  retry(@Param('id', UuidPipe) id: string): Promise<DeliveryDto> {
    return this.outbox.retry(id);
  }
}
