import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Observable } from 'rxjs';
import { handleSingleFile } from '../common/http/single-file-upload';
import type { RuntimeConfig } from '../config/runtime-config';
import { importStorage } from '../imports/upload-storage';
import { evidenceDir } from './evidence.service';

/**
 * Receives one `file` field, streamed to disk and hashed on the way (the same storage engine as
 * imports); 413 above EVIDENCE_MAX_FILE_MB. A file not accepted is removed whatever happens.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<typeof multer>;

  constructor(config: ConfigService<RuntimeConfig, true>) {
    const maxBytes = config.get('EVIDENCE_MAX_FILE_MB', { infer: true }) * 1024 * 1024;
    this.upload = multer({ storage: importStorage(evidenceDir(config, 'incoming')), limits: { fileSize: maxBytes, files: 1, fields: 5 }, defParamCharset: 'utf8' });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    return handleSingleFile(this.upload, context.switchToHttp().getRequest<Request>(), context.switchToHttp().getResponse<Response>(), next, 'EVIDENCE_MAX_FILE_MB');
  }
}
