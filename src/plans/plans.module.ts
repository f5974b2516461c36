import { Module } from '@nestjs/common';
import { PlanPools } from './plan-pools';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

@Module({
  controllers: [PlansController],
  providers: [PlansService, PlanPools],
  exports: [PlansService],
})
export class PlansModule {}
