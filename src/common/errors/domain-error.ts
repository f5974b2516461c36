/**
 * A failure the caller can act on, with a stable machine-readable code. Services throw these;
 * the one exception filter maps them to HTTP. Messages are shown to bureau staff, so they are Chinese.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'too_many_requests';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Not found, and also "exists in another department": both answer 404 so ids do not leak. */
export class NotFoundError extends DomainError {
  constructor(what: string, code = 'NOT_FOUND') {
    super('not_found', code, `${what}不存在`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('conflict', code, message, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'FORBIDDEN', message = '无权执行此操作') {
    super('forbidden', code, message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(code = 'UNAUTHENTICATED', message = '未登录或登录已过期') {
    super('unauthenticated', code, message);
  }
}

export class BadRequestError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super('bad_request', code, message, details);
  }
}
