import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LegalReviewsController } from './legal-reviews.controller';
import { LegalReviewsService } from './legal-reviews.service';

@Module({
  imports: [AuditModule],
  controllers: [LegalReviewsController],
  providers: [LegalReviewsService],
  exports: [LegalReviewsService],
})
export class LegalReviewsModule {}
