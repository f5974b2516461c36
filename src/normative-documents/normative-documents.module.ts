import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LegalReviewsModule } from '../legal-reviews/legal-reviews.module';
import { NormativeDocumentsController } from './normative-documents.controller';
import { NormativeDocumentsService } from './normative-documents.service';

@Module({
  imports: [AuditModule, LegalReviewsModule],
  controllers: [NormativeDocumentsController],
  providers: [NormativeDocumentsService],
})
export class NormativeDocumentsModule {}
