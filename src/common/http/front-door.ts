import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger as Pino } from 'pino';
import type { RuntimeConfig } from '../../config/runtime-config';
import { DomainError } from '../errors/domain-error';
import { bodyParsers } from './body-parsers';
import type { CorsHandler } from './cors';
import { logRequest } from './logger';
import { requestId } from './request-id';
import { headerKind, securityHeaders } from './security-headers';

/**
 * Everything every request goes through before routing, as one middleware: the request id, the
 * access log, the security headers, and the JSON and form parsers — these only when the request
 * has a body (the rule body-parser itself applies). Each Express middleware is a router layer with
 * its own bookkeeping; five of them cost the busiest public route a tenth of its CPU (bench:public).
 */
export function frontDoor(config: Pick<RuntimeConfig, 'NODE_ENV' | 'BODY_LIMIT'>, logger: Pino, cors: CorsHandler = () => false): RequestHandler {
  const headers = securityHeaders(config);
  const [json, form] = bodyParsers(config.BODY_LIMIT);
  return (req: Request, res: Response, next: NextFunction): void => {
    requestId(req, res);
    logRequest(logger, req, res);
    for (const [name, value] of headers[headerKind(req.path)]) res.setHeader(name, value);
    if (cors(req, res)) return; // a preflight, answered
    if (!hasBody(req)) return next();
    json(req, res, (err?: unknown) => (err === undefined ? form(req, res, (e?: unknown) => next(e ?? unreadBody(req))) : next(err)));
  };
}

/**
 * A body neither parser took (text/plain, XML, none declared…) was read as no body at all: a PATCH
 * became a 200 no-op. Refused (415) unless it is multipart, which upload routes read themselves.
 */
function unreadBody(req: Request): DomainError | undefined {
  if (req.body !== undefined || req.headers['content-length'] === '0' || /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) return undefined;
  return new DomainError('unsupported_media_type', 'UNSUPPORTED_MEDIA_TYPE', '不支持的请求体类型：请以 application/json 发送');
}

/** As type-is's hasBody (used by body-parser): a Transfer-Encoding header or a numeric Content-Length. */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number.parseInt(req.headers['content-length'] ?? '', 10));
}
