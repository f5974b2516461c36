import type { CallHandler } from '@nestjs/common';
import type { Request, Response } from 'express';
import type multer from 'multer';
import { rmSync } from 'node:fs';
import { finalize, Observable } from 'rxjs';
import { BadRequestError, DomainError } from '../errors';
import { allowSlowUpload } from './request-deadlines';

/**
 * Receives the single `file` field with the given multer instance; multer's own errors become
 * domain errors (413 naming the size setting, 400 otherwise), and the stored upload is removed
 * whatever happens next (an accepted file has been moved away by then).
 */
export async function handleSingleFile(upload: ReturnType<typeof multer>, req: Request, res: Response, next: CallHandler, sizeSetting: string): Promise<Observable<unknown>> {
  allowSlowUpload(req); // the guards have let the caller through: a large file may take its time
  await new Promise<void>((resolve, reject) =>
    upload.single('file')(req, res, (err: unknown) => {
      if (!err) return resolve();
      const e = err as { code?: string };
      if (e.code === 'LIMIT_FILE_SIZE') return reject(new DomainError('payload_too_large', 'FILE_TOO_LARGE', `文件超过大小上限（${sizeSetting}）`));
      if (e.code === 'LIMIT_UNEXPECTED_FILE' || e.code === 'LIMIT_FILE_COUNT') return reject(new BadRequestError('BAD_UPLOAD', '请只用 file 字段上传一个文件'));
      if (e.code?.startsWith('LIMIT_')) return reject(new BadRequestError('BAD_UPLOAD', '上传的表单字段过多或过大'));
      reject(new BadRequestError('BAD_UPLOAD', '上传的 multipart 内容无效'));
    }),
  );
  const stored = (req as Request & { file?: { path?: string } }).file?.path;
  return next.handle().pipe(finalize(() => stored && rmSync(stored, { force: true })));
}
