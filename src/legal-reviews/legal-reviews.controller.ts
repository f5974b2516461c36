import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { CreateLegalReviewDto, LegalReviewDto, LegalReviewPageDto, LegalReviewQueryDto } from './dto/legal-review.dto';
import { LegalReviewsService } from './legal-reviews.service';

@ApiTags('legal reviews (法制审核)')
@Controller('legal-reviews')
export class LegalReviewsController {
  constructor(private readonly reviews: LegalReviewsService) {}

  @Post()
  @Auth('legal_reviewer', 'admin')
  @ApiOperation({ summary: 'Enter a review into the register by hand (重大行政决策, 行政规范性文件, or a 重大执法决定 outside checks)' })
  @ApiCreatedResponse({ type: LegalReviewDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateLegalReviewDto): Promise<LegalReviewDto> {
    return this.reviews.create(user, dto);
  }

  @Get()
  @Auth('supervisor', 'legal_reviewer', 'admin')
  @ApiOperation({ summary: 'The department\'s register of legal reviews, with the count per kind (the annual report\'s figure)' })
  @ApiOkResponse({ type: LegalReviewPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: LegalReviewQueryDto): Promise<LegalReviewPageDto> {
    return this.reviews.list(user, query);
  }
}
