import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PlanPools } from './plan-pools';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

@Module({
  imports: [AuditModule],
  controllers: [PlansController],
  providers: [PlansService, PlanPools],
  exports: [PlansService],
})
export class PlansModule {}
