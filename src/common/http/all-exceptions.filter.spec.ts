import { ArgumentsHost, ForbiddenException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { registerConstraintErrors } from '../errors/constraint-errors';
import { BadRequestError, NotFoundError } from '../errors/domain-error';
import { AllExceptionsFilter } from './all-exceptions.filter';

function run(exception: unknown, headers: Record<string, string> = {}) {
  const sent: { status?: number; body?: Record<string, unknown> } = {};
  const res = {
    headersSent: false,
    getHeader: () => 'rid-123',
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ id: 'rid-123', method: 'GET', path: '/x', originalUrl: '/x' }), getResponse: () => res }) } as unknown as ArgumentsHost;
  const filter = new AllExceptionsFilter();
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
  filter.catch(exception, host);
  return sent;
}

const dbError = (code: string, constraint?: string) => new QueryFailedError('INSERT ... secret', [], Object.assign(new Error('db says'), { code, constraint }));

describe('AllExceptionsFilter', () => {
  it('labels the error JSON even where a file route set its own type and attachment name', () => {
    const headers = { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="import-errors.csv"' };
    expect(run(new NotFoundError('导入任务'), headers).status).toBe(404);
    expect(headers).toEqual({ 'content-type': 'application/json; charset=utf-8' });
  });

  it('maps domain errors with their code, message and details', () => {
    expect(run(new BadRequestError('X_BAD', '坏', [{ field: 'a' }]))).toEqual({
      status: 400,
      body: { statusCode: 400, code: 'X_BAD', message: '坏', details: [{ field: 'a' }], requestId: 'rid-123' },
    });
    expect(run(new NotFoundError('部门')).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: '部门不存在' });
  });

  it('hides unexpected errors behind a 500 with no stack or SQL', () => {
    const { status, body } = run(new Error('column "password_hash" at /srv/app.js:12'));
    expect(status).toBe(500);
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: expect.any(String), requestId: 'rid-123' });
    expect(JSON.stringify(body)).not.toMatch(/password_hash|app\.js/);
    expect(run(dbError('42P01')).body).toMatchObject({ statusCode: 500 });
    expect(JSON.stringify(run(dbError('42P01')).body)).not.toContain('INSERT');
  });

  it('maps unique violations by constraint name, with a generic 409 for unregistered ones', () => {
    registerConstraintErrors({ uq_spec_thing: { status: 409, code: 'THING_TAKEN', message: '已存在', field: 'thing' } });
    expect(run(dbError('23505', 'uq_spec_thing')).body).toMatchObject({ statusCode: 409, code: 'THING_TAKEN', details: [{ field: 'thing' }] });
    expect(run(dbError('23505', 'uq_other')).body).toMatchObject({ statusCode: 409, code: 'CONFLICT' });
    expect(run(dbError('40001')).body).toMatchObject({ statusCode: 409, code: 'CONCURRENT_UPDATE' });
  });

  it('maps framework HTTP errors, naming unknown routes', () => {
    expect(run(new NotFoundException('Cannot GET /nowhere')).body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(run(new ForbiddenException()).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });
});
