import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import multer from 'multer';
import * as path from 'node:path';
import { Observable } from 'rxjs';
import { handleSingleFile } from '../common/http/single-file-upload';
import { RuntimeConfig } from '../config/runtime-config';
import { importStorage } from './upload-storage';

/**
 * Receives the single `file` field with our streaming storage; multer's own errors become domain
 * errors (413 for a file over IMPORT_MAX_FILE_MB, 400 otherwise).
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<typeof multer>;

  constructor(config: ConfigService<RuntimeConfig, true>) {
    const dir = path.resolve(config.get('DATA_DIR', { infer: true }), 'imports');
    const maxBytes = config.get('IMPORT_MAX_FILE_MB', { infer: true }) * 1024 * 1024;
    this.upload = multer({ storage: importStorage(dir), limits: { fileSize: maxBytes, files: 1, fields: 10 }, defParamCharset: 'utf8' });
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    return handleSingleFile(this.upload, context.switchToHttp().getRequest<Request>(), context.switchToHttp().getResponse<Response>(), next, 'IMPORT_MAX_FILE_MB');
  }
}
