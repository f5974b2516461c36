import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { ChecksModule } from '../checks/checks.module';
import { LegalReviewsModule } from '../legal-reviews/legal-reviews.module';
import { PublicationModule } from '../publication/publication.module';
import { CaseViews } from './case-views.service';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

/** 立案: owns cases, case_notes and case_number_counters. */
@Module({
  imports: [AuditModule, CalendarModule, ChecksModule, LegalReviewsModule, PublicationModule],
  controllers: [CasesController],
  providers: [CasesService, CaseViews],
  exports: [CaseViews],
})
export class CasesModule {}
