import { TextDecoder } from 'node:util';
import { json, NextFunction, Request, RequestHandler, Response, urlencoded } from 'express';
import { BadRequestError, DomainError } from '../errors/domain-error';
import { JSON_MAX_DEPTH, jsonTextProblem } from './json-guard';

/**
 * JSON and form body parsers whose failures become domain errors. Nest would turn a JSON
 * SyntaxError into a generic BadRequestException; this keeps a stable code for each case.
 */
export function bodyParsers(limit: string): RequestHandler[] {
  return [json({ limit, verify: verifyJson }), urlencoded({ limit, extended: false, verify: refuseNul })].map(
    (parser): RequestHandler =>
      (req: Request, res: Response, next: NextFunction) =>
        parser(req, res, (err?: unknown) => next(err === undefined ? undefined : toDomainError(err))),
  );
}

/** PostgreSQL text cannot hold U+0000: refuse it at the door (400), not as a database error. */
function refuseNul(_req: unknown, _res: unknown, buf: Buffer): void {
  if (buf.includes('\\u0000') || buf.includes('%00') || buf.includes(0)) throw new Error('NUL');
}

/**
 * Before JSON.parse: NUL, then the text must be valid Unicode (invalid UTF-8 bytes were stored as
 * U+FFFD) and not nested past JSON_MAX_DEPTH (see json-guard.ts).
 */
function verifyJson(req: unknown, res: unknown, buf: Buffer, encoding: string): void {
  refuseNul(req, res, buf);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw Object.assign(new Error('charset'), { type: 'charset.unsupported' }); // e.g. utf-32: iconv knows it, the decoder does not
  }
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    throw Object.assign(new Error('invalid text'), { type: 'entity.text.invalid' });
  }
  const problem = jsonTextProblem(text);
  if (problem) throw Object.assign(new Error(problem), { type: problem === 'too_deep' ? 'entity.too.deep' : 'entity.text.invalid' });
}

function toDomainError(err: unknown): unknown {
  const type = (err as { type?: string }).type;
  switch (type) {
    case 'entity.too.deep':
      return new BadRequestError('JSON_TOO_DEEP', `请求体嵌套过深（最多 ${JSON_MAX_DEPTH} 层）`);
    case 'entity.text.invalid':
      return new BadRequestError('INVALID_UNICODE', '请求体含有无效的字符编码（无效的 UTF-8 字节或不成对的代理项）');
    case 'entity.parse.failed':
      return new BadRequestError('MALFORMED_JSON', '请求体不是有效的 JSON');
    case 'entity.verify.failed':
      return new BadRequestError('INVALID_CHARACTER', '请求中含有无效字符（NUL）');
    case 'entity.too.large':
      return new DomainError('payload_too_large', 'PAYLOAD_TOO_LARGE', '请求体过大');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new DomainError('unsupported_media_type', 'UNSUPPORTED_ENCODING', '不支持的字符编码');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new BadRequestError('BAD_BODY', '请求体不完整或无效');
    default:
      // A body that cannot be read, e.g. gzip or br that does not inflate (zlib's error, status 400 from body-parser).
      if ((err as { status?: number }).status === 400) return new BadRequestError('BAD_BODY', '请求体不完整或无效');
      return err;
  }
}
