import { QueryFailedError } from 'typeorm';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './database-unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['admin shutdown (57P01)', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown (57P02)', pgError('57P02')],
    ['starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['too many connections (53300)', pgError('53300')],
    ['connection exception class 08', pgError('08006')],
    ['connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped by TypeORM', new QueryFailedError('SELECT 1', [], pgError('57P01'))],
    ['the readiness probe', new DatabaseUnavailableError()],
  ])('%s: unavailable', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['statement timeout (its own answer)', new QueryFailedError('SELECT', [], pgError('57014'))],
    ['a bug', new TypeError('x is undefined')],
    ['a message that only looks alike, with a code', pgError('XX000', 'Connection terminated')],
    ['not an error', 'Connection terminated'],
    ['nothing', undefined],
  ])('%s: not', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
