import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CalendarModule } from '../calendar/calendar.module';
import { PlanPools } from './plan-pools';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';
import { PublicSnapshotsController } from './public-snapshots.controller';

@Module({
  imports: [AuditModule, CalendarModule],
  controllers: [PlansController, PublicSnapshotsController],
  providers: [PlansService, PlanPools],
  exports: [PlansService],
})
export class PlansModule {}
