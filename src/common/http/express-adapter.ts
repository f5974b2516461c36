import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

/**
 * Nest's Express adapter with a leaner reply for object bodies, the answer of nearly every route.
 * It does what `res.json` does — UTF-8 JSON, Content-Length, Express's ETag and a 304 when the
 * client's copy is fresh, no body for HEAD — without re-parsing the Content-Type it has just set
 * and looking it up in the MIME table on every response (bench:public). Anything else (strings,
 * buffers, streams, errors — which Nest reduces to their status and message —, an explicit
 * Content-Type, 204 and 205) goes to Nest's own reply.
 */
export class AppExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    const status = statusCode ?? response.statusCode;
    if (body === null || typeof body !== 'object' || body instanceof StreamableFile || body instanceof Error || ArrayBuffer.isView(body) || response.hasHeader('content-type') || status === 204 || status === 205) {
      return super.reply(response, body, statusCode);
    }
    response.statusCode = status;
    const chunk = Buffer.from(JSON.stringify(body), 'utf8');
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Length', chunk.length);
    const etag: unknown = response.app.get('etag fn');
    if (typeof etag === 'function' && !response.hasHeader('etag')) response.setHeader('ETag', (etag as (body: Buffer) => string)(chunk));
    if (response.req.fresh) {
      response.statusCode = 304;
      response.removeHeader('Content-Type');
      response.removeHeader('Content-Length');
      return response.end();
    }
    return response.req.method === 'HEAD' ? response.end() : response.end(chunk);
  }
}
