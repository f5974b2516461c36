import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import { AppLogger, logRequest } from './logger';

/** A pino logger writing into an array of parsed lines (synchronously). */
function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

describe('AppLogger (Nest over pino)', () => {
  it('takes the last parameter as the context and merges an object first argument', () => {
    const { logger, lines } = capture();
    const app = new AppLogger(logger);
    app.log('started', 'Bootstrap');
    app.error({ err: { code: '23505' }, requestId: 'r-1', path: '/x' }, 'unhandled error', 'Errors');
    app.warn('no context');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'Bootstrap', msg: 'started' }),
      expect.objectContaining({ level: 50, context: 'Errors', msg: 'unhandled error', requestId: 'r-1', path: '/x', err: { code: '23505' } }),
      expect.objectContaining({ level: 40, msg: 'no context' }),
    ]);
    expect(lines[2]).not.toHaveProperty('context');
  });

  it("reads Nest's own error(message, stack, context) as an error with its stack", () => {
    const { logger, lines } = capture();
    new AppLogger(logger).error('boom', 'Error: boom\n    at somewhere (file.js:1:1)', 'ExceptionHandler');
    expect(lines[0]).toMatchObject({ level: 50, context: 'ExceptionHandler', msg: 'boom', err: { message: 'boom', stack: expect.stringContaining('at somewhere') } });
  });

  it('logs an Error with its message and skips levels that are off', () => {
    const { logger, lines } = capture('warn');
    const app = new AppLogger(logger);
    app.log('quiet');
    app.debug('quieter');
    app.error(new Error('loud'), 'Ctx');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'loud', context: 'Ctx', err: expect.objectContaining({ message: 'loud' }) });
  });
});

describe('logRequest', () => {
  const request = (url: string) => ({ id: 'rid-1', method: 'GET', url, originalUrl: url }) as never;
  const response = (finished: boolean) => Object.assign(new EventEmitter(), { statusCode: 200, writableFinished: finished });

  it('writes one line when the response closes: id, method, URL, status and time — nothing else of the request', () => {
    const { logger, lines } = capture();
    const res = response(true);
    logRequest(logger, request('/public/results?q=康希诺'), res as never);
    expect(lines).toHaveLength(0);
    res.emit('close');
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'request completed', requestId: 'rid-1', req: { method: 'GET', url: '/public/results?q=康希诺' }, res: { statusCode: 200 }, responseTime: expect.any(Number) })]);
  });

  it('warns of an aborted request, and skips health probes and disabled levels', () => {
    const { logger, lines } = capture();
    const aborted = response(false);
    logRequest(logger, request('/x'), aborted as never);
    aborted.emit('close');
    expect(lines[0]).toMatchObject({ level: 40, msg: 'request aborted' });
    const probe = response(true);
    logRequest(logger, request('/health/ready'), probe as never);
    probe.emit('close');
    const quiet = capture('warn');
    const res = response(true);
    logRequest(quiet.logger, request('/x'), res as never);
    res.emit('close');
    expect(lines).toHaveLength(1);
    expect(quiet.lines).toHaveLength(0);
  });
});
