import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { CatalogueService } from './catalogue.service';
import { PublicDrawDto, PublicDrawQueryDto, PublicItemListDto, PublicItemsQueryDto, PublicPlanDto, PublicPlanPageDto, PublicPlansQueryDto } from './dto/catalogue.dto';

/** 事前公开: the item list and the plans before any draw, and each draw's summary after it. No account. */
@ApiTags('publication (一公开)')
@Controller('public')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('items')
  @Public()
  @ApiOperation({ summary: '事项清单: every department\'s items (current version, with past versions and their effective dates)' })
  @ApiOkResponse({ type: PublicItemListDto })
  items(@Query() query: PublicItemsQueryDto): Promise<PublicItemListDto> {
    return this.catalogue.items(query);
  }

  @Get('plans')
  @Public()
  @ApiOperation({ summary: 'Published plans (never drafts), newest first; paged (pageSize ≤ 100)' })
  @ApiOkResponse({ type: PublicPlanPageDto })
  plans(@Query() query: PublicPlansQueryDto): Promise<PublicPlanPageDto> {
    return this.catalogue.plans(query);
  }

  @Get('plans/:id')
  @Public()
  @ApiOperation({ summary: 'A published plan: scope, sampling, counts per stratum, pool and parameters hashes, the randomness source, current and superseded draws' })
  @ApiOkResponse({ type: PublicPlanDto })
  plan(@Param('id', UuidPipe) id: string): Promise<PublicPlanDto> {
    return this.catalogue.plan(id);
  }

  @Get('draws/:id')
  @Public()
  @ApiOperation({ summary: 'A draw\'s summary: seed, randomness and proof, counts and quotas per class, redraw links, substitutions, and its targets with their teams (certificate numbers), paged — the full transcript is /public/draws/{id}/transcript' })
  @ApiOkResponse({ type: PublicDrawDto })
  draw(@Param('id', UuidPipe) id: string, @Query() query: PublicDrawQueryDto): Promise<PublicDrawDto> {
    return this.catalogue.draw(id, query);
  }
}
