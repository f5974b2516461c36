import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InspectorsModule } from '../inspectors/inspectors.module';
import { RegulatedEntitiesModule } from '../regulated-entities/regulated-entities.module';
import { RecusalsController } from './recusals.controller';
import { RecusalsService } from './recusals.service';

@Module({
  imports: [InspectorsModule, RegulatedEntitiesModule, AuditModule],
  controllers: [RecusalsController],
  providers: [RecusalsService],
})
export class RecusalsModule {}
