import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import multer from 'multer';
import { rmSync } from 'node:fs';
import { finalize, Observable } from 'rxjs';
import { BadRequestError, DomainError } from '../common/errors';
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
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    await new Promise<void>((resolve, reject) =>
      this.upload.single('file')(req, res, (err: unknown) => {
        if (!err) return resolve();
        const e = err as { code?: string };
        if (e.code === 'LIMIT_FILE_SIZE') return reject(new DomainError('payload_too_large', 'FILE_TOO_LARGE', '文件超过大小上限（EVIDENCE_MAX_FILE_MB）'));
        if (e.code?.startsWith('LIMIT_')) return reject(new BadRequestError('BAD_UPLOAD', '请只用 file 字段上传一个文件'));
        reject(new BadRequestError('BAD_UPLOAD', '上传的 multipart 内容无效'));
      }),
    );
    const stored = (req as Request & { file?: { path?: string } }).file?.path;
    return next.handle().pipe(finalize(() => stored && rmSync(stored, { force: true })));
  }
}
