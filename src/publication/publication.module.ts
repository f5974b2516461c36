import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { CatalogueController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';
import { PublicService } from './public.service';
import { PublicationController } from './publication.controller';
import { PublicationService } from './publication.service';

@Module({
  imports: [AuditModule, CalendarModule],
  controllers: [PublicationController, CatalogueController],
  providers: [PublicationService, PublicService, CatalogueService],
  exports: [PublicationService, PublicService, CatalogueService],
})
export class PublicationModule {}
