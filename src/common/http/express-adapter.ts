import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';

/**
 * Nest's Express adapter with a leaner reply for object bodies, the answer of nearly every route:
 * UTF-8 JSON with its Content-Length, no body for HEAD — without `res.json` re-parsing the
 * Content-Type it has just set and looking it up in the MIME table on every response, and without
 * an ETag: public answers carry their extract time to the second, so a conditional request would
 * never match, and hashing every body cost more than the rest of the reply (bench:public). Pages,
 * files and exports keep Express's ETag. Anything but a plain JSON answer (strings, buffers,
 * streams, errors — which Nest reduces to their status and message —, an explicit Content-Type,
 * 204 and 205) goes to Nest's own reply.
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
    return response.req.method === 'HEAD' ? response.end() : response.end(chunk);
  }
}
