import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { EncodingProbe } from './file-checks';

/** What the storage engine learned while the upload streamed to disk. */
export interface StoredUpload {
  path: string;
  size: number;
  sha256: string;
  head: Buffer;
  encodingProbe: EncodingProbe;
}

/**
 * Multer storage that streams the upload to DATA_DIR/imports/incoming, hashing it and probing its
 * text encoding on the way, so a large file is never held in memory and never read twice to check.
 */
export function importStorage(dir: string): StorageEngine {
  return {
    _handleFile(_req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<Express.Multer.File>) => void) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const target = path.join(dir, `incoming-${randomBytes(8).toString('hex')}`);
      const hash = createHash('sha256');
      const probe = new EncodingProbe();
      const headChunks: Buffer[] = [];
      let headBytes = 0;
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback) {
          hash.update(chunk);
          probe.push(chunk);
          size += chunk.length;
          if (headBytes < 8192) {
            headChunks.push(chunk);
            headBytes += chunk.length;
          }
          done(null, chunk);
        },
      });
      pipeline(file.stream, tap, createWriteStream(target, { mode: 0o600 }))
        .then(() => {
          const upload: StoredUpload = { path: target, size, sha256: hash.digest('hex'), head: Buffer.concat(headChunks).subarray(0, 8192), encodingProbe: probe };
          cb(null, { path: target, size, ...({ upload } as object) });
        })
        .catch((err: unknown) => {
          rmSync(target, { force: true });
          cb(err);
        });
    },
    _removeFile(_req: Request, file: Express.Multer.File, cb: (error: Error | null) => void) {
      rmSync(file.path, { force: true });
      cb(null);
    },
  };
}
