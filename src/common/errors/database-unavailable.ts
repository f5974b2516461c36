import { QueryFailedError } from 'typeorm';

/**
 * The database cannot be reached or is not accepting work (stopped, restarting, crashed, network
 * gone, no connection free in time): 503 with Retry-After, for the API and the portal. Not the
 * caller's fault and not a bug; the pool reconnects by itself once PostgreSQL is back.
 */
export const DATABASE_UNAVAILABLE = {
  status: 503,
  code: 'DATABASE_UNAVAILABLE',
  message: '数据库暂时不可用（可能正在重启或维护），请稍后重试',
  /** Seconds a client should wait before retrying (a restart takes a few seconds). */
  retryAfterSeconds: 5,
} as const;

/** Thrown where the database's absence is found without a driver error (the readiness probe). */
export class DatabaseUnavailableError extends Error {
  constructor(reason = 'database unavailable') {
    super(reason);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Socket-level failures of reaching the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/**
 * SQLSTATEs of a server going away or not accepting connections: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up), 53300 too_many_connections.
 */
const SERVER_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** pg's own errors, which carry no code: a connection lost mid-query, a pool connect timeout, a closed pool. */
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end/i;

/** True for a failure to reach or keep the database (TypeORM's QueryFailedError is unwrapped). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const e = (error instanceof QueryFailedError ? error.driverError : error) as { code?: unknown; message?: unknown } | null | undefined;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || SERVER_STATES.has(code) || code.startsWith('08')) return true;
  return !code && typeof e.message === 'string' && DRIVER_MESSAGES.test(e.message);
}
