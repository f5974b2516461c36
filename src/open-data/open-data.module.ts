import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OpenDataController } from './open-data.controller';
import { OpenDataService } from './open-data.service';

/** Open data and the Atom feed of published results (一公开). */
@Module({
  imports: [AuditModule],
  controllers: [OpenDataController],
  providers: [OpenDataService],
})
export class OpenDataModule {}
