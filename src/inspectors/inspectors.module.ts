import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { InspectorsController } from './inspectors.controller';
import { InspectorsService } from './inspectors.service';

@Module({
  imports: [AuditModule],
  controllers: [InspectorsController],
  providers: [InspectorsService],
  exports: [InspectorsService],
})
export class InspectorsModule {}
