import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { PublicReadPool } from '../database/public-read-pool';
import { CatalogueController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';
import { PublicService } from './public.service';
import { PublicationController } from './publication.controller';
import { PublicationService } from './publication.service';

@Module({
  imports: [AuditModule, CalendarModule],
  controllers: [PublicationController, CatalogueController],
  providers: [PublicationService, PublicService, CatalogueService, PublicReadPool],
  exports: [PublicationService, PublicService, CatalogueService],
})
export class PublicationModule {}
