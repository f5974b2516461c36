import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DATABASE_UNAVAILABLE, DomainError, isDatabaseUnavailable, KIND_STATUS, QUERY_TIMEOUT } from '../common/errors';
import { describeDbError } from '../common/http/all-exceptions.filter';
import { errorPage, ErrorView } from './pages/error.page';

/**
 * The portal's errors as Chinese HTML pages with the right status (the API keeps its JSON shape):
 * bad input 400, unknown or unpublished records 404, anything unexpected 500 with the request id
 * and nothing internal. Bound to the portal's controller only.
 */
@Catch()
export class PortalErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Portal');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request & { id?: string }>();
    const res = host.switchToHttp().getResponse<Response>();
    const requestId = String(req.id ?? res.getHeader('x-request-id') ?? '');
    const view = toView(exception, requestId);
    // As the API's filter does: database errors carry row data, so only their codes are logged.
    if (view.status >= 500) this.logger.error({ err: describeDbError(exception), requestId, path: req.path }, 'unhandled error');
    if (res.headersSent) return;
    if (isDatabaseUnavailable(exception)) res.setHeader('Retry-After', String(DATABASE_UNAVAILABLE.retryAfterSeconds));
    res.status(view.status).type('text/html; charset=utf-8').send(errorPage(view));
  }
}

function toView(exception: unknown, requestId: string): ErrorView {
  if (exception instanceof DomainError) {
    return { status: KIND_STATUS[exception.kind], message: exception.message, fields: fieldsOf(exception.details), requestId };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    return { status, message: status === 404 ? '页面不存在' : '请求无效', fields: [], requestId };
  }
  if (isDatabaseUnavailable(exception)) return { status: DATABASE_UNAVAILABLE.status, message: DATABASE_UNAVAILABLE.message, fields: [], requestId };
  // Class 22: a value PostgreSQL cannot take (out of range, NUL): the visitor's input, not our fault.
  if (exception instanceof QueryFailedError && String((exception.driverError as { code?: string }).code ?? '').startsWith('22')) {
    return { status: 400, message: '参数值无效或超出范围', fields: [], requestId };
  }
  if (exception instanceof QueryFailedError && (exception.driverError as { code?: string }).code === QUERY_TIMEOUT.sqlState) {
    return { status: QUERY_TIMEOUT.status, message: QUERY_TIMEOUT.message, fields: [], requestId };
  }
  return { status: 500, message: '服务器内部错误，请稍后再试', fields: [], requestId };
}

/** Validation details ({ field, constraints }) as field → Chinese messages; other details are not shown. */
function fieldsOf(details: unknown): ErrorView['fields'] {
  if (!Array.isArray(details)) return [];
  return details
    .filter((d): d is { field: string; constraints?: Record<string, string> } => typeof (d as { field?: unknown })?.field === 'string')
    .map((d) => ({ field: d.field, messages: Object.values(d.constraints ?? {}).map((m) => (/[\u4e00-\u9fff]/.test(m) ? m : '格式不正确')) }));
}
