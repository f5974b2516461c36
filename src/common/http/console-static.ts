import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import * as express from 'express';

/** The built console (web/dist, written by `npm run build:console`), from src/ or dist/src/. */
export function consoleDir(from = __dirname): string {
  const root = fs.existsSync(path.join(from, 'package.json')) || path.dirname(from) === from ? from : undefined;
  return root ? path.join(root, 'web', 'dist') : consoleDir(path.dirname(from));
}

/**
 * Serves the staff console at /console/: hashed assets cached for a year (their name changes with
 * their content), everything else revalidated, and any other path under /console/ answered with
 * index.html so that a bookmarked inner page (/console/plans/…) loads the app, which routes it.
 */
export function consoleStatic(dir = consoleDir()): RequestHandler {
  const assets = express.static(dir, {
    index: false,
    fallthrough: true,
    redirect: false,
    setHeaders: (res, file) => {
      const hashed = file.startsWith(path.join(dir, 'assets') + path.sep);
      res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (file.endsWith('.webmanifest')) res.setHeader('Content-Type', 'application/manifest+json');
    },
  });
  const index = path.join(dir, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.originalUrl === '/console' || req.originalUrl.startsWith('/console?')) return res.redirect(301, '/console/' + req.originalUrl.slice('/console'.length));
    if (gzipped(dir, req, res)) return;
    assets(req, res, () => {
      // A missing hashed asset is a 404, never index.html (a stale tab must not get HTML as JS).
      if (req.path.startsWith('/assets/') || path.extname(req.path) !== '') {
        res.status(404).type('text/plain; charset=utf-8').send('未找到该文件');
        return;
      }
      if (!fs.existsSync(index)) {
        res.status(503).type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>工作台未构建</title><p>工作台尚未构建：请运行 <code>npm start</code>（或 <code>npm run build:console</code>）。</p>');
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  };
}

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** A hashed asset's gzip twin (written by web/build.mjs), for clients that accept gzip. */
function gzipped(dir: string, req: Request, res: Response): boolean {
  if (!req.path.startsWith('/assets/') || !req.acceptsEncodings('gzip')) return false;
  const file = path.join(dir, path.normalize(req.path));
  const type = TYPES[path.extname(file)];
  if (!type || !file.startsWith(path.join(dir, 'assets') + path.sep) || !fs.existsSync(`${file}.gz`)) return false;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  res.sendFile(`${file}.gz`);
  return true;
}
