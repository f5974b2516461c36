import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlansModule } from '../plans/plans.module';
import { DrawsController } from './draws.controller';
import { DrawsService } from './draws.service';
import { DrawTasksService } from './draw-tasks.service';
import { MergeCandidatesService } from './merge-candidates.service';

@Module({
  imports: [AuditModule, PlansModule],
  controllers: [DrawsController],
  providers: [DrawsService, MergeCandidatesService, DrawTasksService],
  exports: [DrawTasksService],
})
export class DrawsModule {}
