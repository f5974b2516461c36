import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { PublicationModule } from '../publication/publication.module';
import { LegalReviewsModule } from '../legal-reviews/legal-reviews.module';
import { EvidenceUploadInterceptor } from './evidence-upload.interceptor';
import { EvidenceService } from './evidence.service';
import { IdempotencyService } from './idempotency.service';
import { RecordsController } from './records.controller';
import { RecordsService } from './records.service';
import { RectificationsService } from './rectifications.service';
import { RecordListService } from './record-list.service';
import { LegalQueueController } from './legal-queue.controller';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { CheckCodesService } from './check-codes.service';
import { CheckDocumentsController } from './check-documents.controller';
import { TranscriptService } from './transcript.service';

@Module({
  imports: [AuditModule, LegalReviewsModule, CalendarModule, PublicationModule],
  controllers: [TasksController, RecordsController, LegalQueueController, CheckDocumentsController],
  providers: [TasksService, RecordsService, EvidenceService, RectificationsService, IdempotencyService, EvidenceUploadInterceptor, RecordListService, CheckCodesService, TranscriptService],
  exports: [RecordListService, RectificationsService, RecordsService, CheckCodesService],
})
export class ChecksModule {}
