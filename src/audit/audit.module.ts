import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditHeadsService } from './audit-heads.service';
import { AuditService } from './audit.service';

/** The full-process audit log (执法全过程记录). Modules that record events import this and call AuditService.append in their transactions. */
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditHeadsService],
  exports: [AuditService, AuditHeadsService],
})
export class AuditModule {}
