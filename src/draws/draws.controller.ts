import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser, Public } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { UuidPipe } from '../common/http/uuid.pipe';
import { DrawsService } from './draws.service';
import { DrawRequestDto, DrawSummaryDto } from './dto/draw.dto';
import type { Transcript } from './transcript';

@ApiTags('draws (双随机抽取)')
@Controller()
export class DrawsController {
  constructor(private readonly draws: DrawsService) {}

  @Post('plans/:id/draw')
  @Auth('admin', 'supervisor')
  @ApiOperation({ summary: 'Draw targets and teams once, with the randomness fixed at publication (drand round + signature, or the witnesses\' entropy)' })
  @ApiCreatedResponse({ type: DrawSummaryDto })
  draw(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: DrawRequestDto): Promise<DrawSummaryDto> {
    return this.draws.draw(user, id, dto);
  }

  @Get('draws/:id')
  @Auth()
  @ApiOperation({ summary: 'A draw: seed, per-class counts and quotas, tasks' })
  @ApiOkResponse({ type: DrawSummaryDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<DrawSummaryDto> {
    return this.draws.summary(user, id);
  }

  @Get('public/draws/:id/transcript')
  @Public()
  @ApiOperation({ summary: 'Public transcript: snapshots, hashes, randomness and proof, seed, every ticket, team and skip — re-run it with `npm run verify-draw`' })
  @ApiOkResponse({ description: 'ssgk-draw-transcript-v1 JSON' })
  transcript(@Param('id', UuidPipe) id: string): Promise<Transcript> {
    return this.draws.transcript(id);
  }
}
