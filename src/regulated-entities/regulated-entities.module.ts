import { Module } from '@nestjs/common';
import { RegulatedEntitiesController } from './regulated-entities.controller';
import { RegulatedEntitiesService } from './regulated-entities.service';

@Module({
  controllers: [RegulatedEntitiesController],
  providers: [RegulatedEntitiesService],
  exports: [RegulatedEntitiesService],
})
export class RegulatedEntitiesModule {}
