import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { PublicService } from './public.service';
import { PublicationController } from './publication.controller';
import { PublicationService } from './publication.service';

@Module({
  imports: [AuditModule, CalendarModule],
  controllers: [PublicationController],
  providers: [PublicationService, PublicService],
  exports: [PublicationService],
})
export class PublicationModule {}
