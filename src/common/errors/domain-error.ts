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

/** The HTTP status of each kind, for the API's error filter and the portal's error pages. */
export const KIND_STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_requests: 429,
};

/** PostgreSQL cancelled a statement (statement_timeout of the public search's pool, or a cancel): 503. */
export const QUERY_TIMEOUT = { sqlState: '57014', status: 503, code: 'QUERY_TIMEOUT', message: '查询用时过长，已中止；请缩小检索范围（如输入更完整的名称）后重试' } as const;

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
