import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ChecksModule } from '../checks/checks.module';
import { DrawsModule } from '../draws/draws.module';
import { InspectorsModule } from '../inspectors/inspectors.module';
import { PlansModule } from '../plans/plans.module';
import { PublicationModule } from '../publication/publication.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** The to-do page: calls other modules' count functions only (it owns no table). */
@Module({
  imports: [CasesModule, ChecksModule, DrawsModule, InspectorsModule, PlansModule, PublicationModule],
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class DashboardModule {}
