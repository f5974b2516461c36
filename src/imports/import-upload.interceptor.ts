import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import multer from 'multer';
import * as path from 'node:path';
import { rmSync } from 'node:fs';
import { finalize, Observable } from 'rxjs';
import { BadRequestError, DomainError } from '../common/errors';
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
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    await new Promise<void>((resolve, reject) =>
      this.upload.single('file')(req, res, (err: unknown) => {
        if (!err) return resolve();
        const e = err as { code?: string; message?: string };
        if (e.code === 'LIMIT_FILE_SIZE') return reject(new DomainError('payload_too_large', 'FILE_TOO_LARGE', '文件超过大小上限（IMPORT_MAX_FILE_MB）'));
        if (e.code === 'LIMIT_UNEXPECTED_FILE' || e.code === 'LIMIT_FILE_COUNT') return reject(new BadRequestError('BAD_UPLOAD', '请只用 file 字段上传一个文件'));
        if (e.code?.startsWith('LIMIT_')) return reject(new BadRequestError('BAD_UPLOAD', '上传的表单字段过多或过大'));
        reject(new BadRequestError('BAD_UPLOAD', '上传的 multipart 内容无效'));
      }),
    );
    // Whatever happens next (validation of kind or query, a refused file), no stray upload is left:
    // an accepted file has been moved away by then.
    const stored = (req as Request & { file?: { path?: string } }).file?.path;
    return next.handle().pipe(finalize(() => stored && rmSync(stored, { force: true })));
  }
}
