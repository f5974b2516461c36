import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ImportRunner } from './import-runner.service';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  imports: [AuditModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner, ImportUploadInterceptor],
})
export class ImportsModule {}
