import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { constraintError } from '../errors/constraint-errors';
import { DATABASE_UNAVAILABLE, isDatabaseUnavailable } from '../errors/database-unavailable';
import { DomainError, KIND_STATUS, QUERY_TIMEOUT } from '../errors/domain-error';

/** The one error shape of the API. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
}

const HTTP_CODES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求无效'],
  401: ['UNAUTHENTICATED', '未登录或登录已过期'],
  403: ['FORBIDDEN', '无权执行此操作'],
  404: ['NOT_FOUND', '资源不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持该请求方法'],
  409: ['CONFLICT', '与现有数据冲突'],
  413: ['PAYLOAD_TOO_LARGE', '请求体过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
};

/** Maps every failure — domain, HTTP, body parser, database, unexpected — to ErrorBody. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const requestId = String(req.id ?? res.getHeader('x-request-id') ?? '');
    const body = { ...this.toBody(exception, req), requestId };
    if (body.statusCode >= 500) {
      // Database errors carry the statement's parameters and the failing row (password hashes,
      // phones): log only what identifies the failure, never the error object.
      const err = describeDbError(exception);
      this.logger.error({ err, requestId, path: req.path }, 'unhandled error');
    }
    if (res.headersSent) return;
    // A file route (.tsv, errors.csv) has labelled its answer already: an error is JSON, not a file.
    res.removeHeader('Content-Disposition');
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (body.code === DATABASE_UNAVAILABLE.code) res.setHeader('Retry-After', String(DATABASE_UNAVAILABLE.retryAfterSeconds));
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request): Omit<ErrorBody, 'requestId'> {
    if (exception instanceof DomainError) {
      const body: Omit<ErrorBody, 'requestId'> = { statusCode: KIND_STATUS[exception.kind], code: exception.code, message: exception.message };
      if (exception.details !== undefined) body.details = exception.details;
      return body;
    }
    // Before the driver's codes: a connection lost mid-statement also arrives as a QueryFailedError.
    if (isDatabaseUnavailable(exception)) return { statusCode: DATABASE_UNAVAILABLE.status, code: DATABASE_UNAVAILABLE.code, message: DATABASE_UNAVAILABLE.message };
    if (exception instanceof QueryFailedError) return this.fromDatabase(exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(exception.message)) {
        return { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: `接口不存在：${req.method} ${req.path}` };
      }
      if (status < 500) return { statusCode: status, ...this.named(status) };
    }
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，请凭 requestId 联系管理员' };
  }

  private fromDatabase(error: QueryFailedError): Omit<ErrorBody, 'requestId'> {
    const driver = error.driverError as { code?: string; constraint?: string };
    const known = constraintError(driver.constraint);
    if (known) {
      const body: Omit<ErrorBody, 'requestId'> = { statusCode: known.status, code: known.code, message: known.message };
      if (known.field) body.details = [{ field: known.field }];
      return body;
    }
    switch (driver.code) {
      case '23505':
        return { statusCode: 409, code: 'CONFLICT', message: '与现有数据冲突' };
      case '23503':
        return { statusCode: 409, code: 'REFERENCE_CONFLICT', message: '引用的数据不存在或仍被引用' };
      case '40001':
      case '40P01':
        return { statusCode: 409, code: 'CONCURRENT_UPDATE', message: '数据正被同时修改，请重试' };
      case '23502':
        return { statusCode: 400, code: 'VALUE_REQUIRED', message: '必填字段不能为空', details: [{ field: (driver as { column?: string }).column ?? null }] };
      case '23514':
        return { statusCode: 400, code: 'CHECK_VIOLATION', message: '数据不符合约束条件' };
      case QUERY_TIMEOUT.sqlState:
        return { statusCode: QUERY_TIMEOUT.status, code: QUERY_TIMEOUT.code, message: QUERY_TIMEOUT.message };
      default:
        // Class 22: data exceptions (value out of range, invalid characters such as NUL, bad dates).
        if (driver.code?.startsWith('22')) return { statusCode: 400, code: 'INVALID_VALUE', message: '参数值无效或超出范围' };
        return { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误，请凭 requestId 联系管理员' };
    }
  }

  private named(status: number): { code: string; message: string } {
    const [code, message] = HTTP_CODES[status] ?? ['HTTP_' + status, '请求无效'];
    return { code, message };
  }
}

/**
 * What may be logged of a database error (TypeORM's QueryFailedError or pg's own): codes and names,
 * not values — the parameters, `detail` and `where` hold row data. Other errors pass through.
 */
export function describeDbError(e: unknown): unknown {
  const d = (e instanceof QueryFailedError ? e.driverError : e) as { code?: string; severity?: string; constraint?: string; table?: string; column?: string; routine?: string };
  if (!(e instanceof QueryFailedError) && typeof d?.severity !== 'string') return e;
  return { type: 'DatabaseError', code: d.code, constraint: d.constraint, table: d.table, column: d.column, routine: d.routine };
}
