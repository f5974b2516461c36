import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RegulatedEntitiesController } from './regulated-entities.controller';
import { RegulatedEntitiesService } from './regulated-entities.service';

@Module({
  imports: [AuditModule],
  controllers: [RegulatedEntitiesController],
  providers: [RegulatedEntitiesService],
  exports: [RegulatedEntitiesService],
})
export class RegulatedEntitiesModule {}
