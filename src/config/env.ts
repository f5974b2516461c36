import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { parseOutboxEndpoints } from './outbox-endpoints';
import { drandChainProblem } from './drand-chains';

/**
 * Every environment variable the service reads, validated once at boot.
 * Documented in .env.example and the README; a bad value stops the process with a message naming it.
 */
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase()) ? true : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase()) ? false : value;
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value);
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsString() @MinLength(1)
  DATA_DIR = './.data';

  @Transform(toInt) @IsOptional() @IsInt() @Min(1) @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 10;

  @Transform(toBool) @IsBoolean()
  MIGRATIONS_RUN = true;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt) @IsInt() @Min(60) @Max(86400)
  JWT_EXPIRES_IN_SECONDS = 900;

  /**
   * A browser session (refresh cookie) ends after this many minutes without a refresh. The console
   * refreshes when its access token runs out, so keep it above JWT_EXPIRES_IN_SECONDS.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_080)
  SESSION_IDLE_MINUTES = 30;

  /** A browser session ends this many hours after its login, however active (then log in again). */
  @Transform(toInt) @IsInt() @Min(1) @Max(720)
  SESSION_MAX_HOURS = 12;

  @IsString() @Matches(/^[a-z0-9_.-]{3,64}$/, { message: 'ADMIN_USERNAME must be 3-64 characters of a-z, 0-9, _ . -' })
  ADMIN_USERNAME = 'admin';

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Matches(/^\d+(kb|mb)$/i, { message: "BODY_LIMIT must look like '1mb' or '512kb'" })
  BODY_LIMIT = '1mb';

  @Transform(toBool) @IsBoolean()
  TRUST_PROXY = false;

  /** Largest import file accepted, in MiB (CSV or XLSX). */
  @Transform(toInt) @IsInt() @Min(1) @Max(4096)
  IMPORT_MAX_FILE_MB = 300;

  /** Largest evidence file accepted (photo, PDF, audio/video), in MiB. */
  @Transform(toInt) @IsInt() @Min(1) @Max(4096)
  EVIDENCE_MAX_FILE_MB = 200;

  /** Largest photo accepted, in MiB (the phone client downscales before upload; an original is refused). */
  @Transform(toInt) @IsInt() @Min(1) @Max(4096)
  EVIDENCE_MAX_PHOTO_MB = 20;

  /** Longest edge (pixels) the phone client downscales a photo to before queueing it (a 4000 px photo is 3–8 MB; 1600 px keeps text on a licence legible). */
  @Transform(toInt) @IsInt() @Min(320) @Max(10000)
  EVIDENCE_PHOTO_MAX_EDGE_PX = 1600;

  /** Most evidence files (of any type) on one check record. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  EVIDENCE_MAX_FILES_PER_RECORD = 200;

  /** Where evidence files are stored, content-addressed by SHA-256 (default: DATA_DIR/evidence). */
  @IsOptional() @IsString()
  EVIDENCE_DIR?: string;

  /**
   * Supervision platforms that receive publication events (行政执法监督平台, 市监管平台): a JSON array
   * of {"name", "url", "secret"} (HMAC-SHA256 key). Empty: nothing is pushed.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  OUTBOX_ENDPOINTS?: string;

  /** Attempts per delivery before it is dead-lettered. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  OUTBOX_MAX_ATTEMPTS = 8;

  /** First retry delay in ms; doubles each attempt, capped at one hour. */
  @Transform(toInt) @IsInt() @Min(10) @Max(3_600_000)
  OUTBOX_RETRY_BASE_MS = 30_000;

  /** Requests a minute per client address on routes without an account (public API, portal, login); 0: off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000)
  PUBLIC_RATE_LIMIT_PER_MINUTE = 300;

  /** Login attempts a minute per client address: its own bucket, apart from the public one (a bureau's NAT). 0: off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 120;

  /** Failed logins per (username, address) that cost nothing; each further one doubles the wait. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  LOGIN_FREE_FAILURES = 5;

  /** Longest wait the login throttle imposes on one (username, address), in seconds. */
  @Transform(toInt) @IsInt() @Min(1) @Max(86_400)
  LOGIN_BACKOFF_MAX_SECONDS = 900;

  /** Failed logins of one username over all addresses after which addresses not known for it are refused. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1_000_000)
  LOGIN_ACCOUNT_FAILURES = 30;

  /** Whether that account-wide refusal also applies to admins (off: an attacker cannot lock the administrators out). */
  @Transform(toBool) @IsBoolean()
  LOGIN_LOCK_ADMINS = false;

  /** Longest wait for a request's headers, in ms (slow-header connections are closed). */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  HTTP_HEADERS_TIMEOUT_MS = 20_000;

  /** Longest wait for a request's body, in ms, except file uploads (then 408 and the connection is closed). */
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000)
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /** The same for an authorised file upload (imports, evidence), in ms: the largest file on a slow link. */
  @Transform(toInt) @IsInt() @Min(100) @Max(86_400_000)
  HTTP_UPLOAD_TIMEOUT_MS = 1_800_000;

  /** How long an idle keep-alive connection is kept, in ms (above a reverse proxy's own idle timeout, if it reuses connections). */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 5_000;

  /** Connections of the public search's own pool (read-only), apart from DB_POOL_SIZE: public load cannot take the staff's. */
  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  PUBLIC_DB_POOL_SIZE = 10;

  /** Longest a public search statement may run before PostgreSQL cancels it (503 QUERY_TIMEOUT), in ms. */
  @Transform(toInt) @IsInt() @Min(1) @Max(600_000)
  PUBLIC_QUERY_TIMEOUT_MS = 5_000;

  /**
   * Longest a statement of the app's own pool (staff routes, workers) may run before PostgreSQL
   * cancels it (503 QUERY_TIMEOUT), in ms; 0: no limit. Long jobs (imports, publishing and drawing a
   * plan, reports, migrations) lift it for their own transaction.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000)
  STAFF_STATEMENT_TIMEOUT_MS = 30_000;

  /** How often the delivery worker looks for due deliveries, in ms. */
  @Transform(toInt) @IsInt() @Min(20) @Max(600_000)
  OUTBOX_POLL_MS = 2_000;

  /**
   * The site's public address (scheme, host, optional port), for absolute links in
   * the Atom feed and the portal — never taken from the Host header, which is the client's word.
   * Default: http://127.0.0.1:PORT.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  PUBLIC_BASE_URL?: string;

  /**
   * A drand chain other than quicknet (a network's own beacon, or a test beacon): its /info JSON
   * (public_key, period, genesis_time, hash, schemeID bls-unchained-g1-rfc9380). New plans then use it;
   * quicknet stays known for the plans already published. Default: quicknet only.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DRAND_CHAIN_INFO?: string;
}

export type Env = Readonly<EnvironmentVariables & { PUBLIC_BASE_URL: string }>;

export class ConfigError extends Error {}

/** Validates raw env; throws ConfigError whose message names every bad variable. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const known = Object.keys(new EnvironmentVariables());
  const picked: Record<string, unknown> = {};
  // Optional variables without a default are not own keys of the instance: listed here.
  for (const key of [...known, 'DATABASE_URL', 'EMBEDDED_PG_PORT', 'JWT_SECRET', 'ADMIN_PASSWORD', 'EVIDENCE_DIR', 'OUTBOX_ENDPOINTS', 'PUBLIC_BASE_URL', 'DRAND_CHAIN_INFO']) {
    if (raw[key] !== undefined) picked[key] = raw[key];
  }
  const env = plainToInstance(EnvironmentVariables, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new ConfigError('Invalid configuration:\n  - JWT_SECRET is required when NODE_ENV=production');
  }
  const outbox = parseOutboxEndpoints(env.OUTBOX_ENDPOINTS);
  const baseUrl = publicBaseUrl(env.PUBLIC_BASE_URL, env.PORT);
  const drand = drandChainProblem(env.DRAND_CHAIN_INFO);
  if (errors.length > 0 || outbox.problems.length > 0 || baseUrl.problem || drand) {
    const lines = errors.map((e) => `  - ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${JSON.stringify(e.value)})`);
    if (drand) lines.push(`  - DRAND_CHAIN_INFO: ${drand}`);
    if (baseUrl.problem) lines.push(`  - PUBLIC_BASE_URL: ${baseUrl.problem} (got ${JSON.stringify(env.PUBLIC_BASE_URL)})`);
    // Never echo the value: it holds the platforms' secrets.
    lines.push(...outbox.problems.map((p) => `  - OUTBOX_ENDPOINTS${p.startsWith('[') ? '' : ': '}${p}`));
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  env.PUBLIC_BASE_URL = baseUrl.value;
  return Object.freeze(env as EnvironmentVariables & { PUBLIC_BASE_URL: string });
}

/**
 * PUBLIC_BASE_URL normalised (no trailing slash), or why it is refused: an http(s) origin, so that
 * `${base}/portal/…` is always a plain link to this site.
 */
export function publicBaseUrl(raw: string | undefined, port: number): { value: string; problem?: string } {
  const fallback = `http://127.0.0.1:${port}`;
  if (raw === undefined) return { value: fallback };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { value: fallback, problem: 'must be an absolute http:// or https:// URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { value: fallback, problem: 'must be an http:// or https:// URL' };
  // Only an origin: the portal's own links are absolute paths (/portal/…), so a path prefix could not work.
  if (url.username || url.password || url.pathname !== '/' || raw.includes('?') || raw.includes('#')) return { value: fallback, problem: 'must be an origin only: scheme, host and optional port (no path, credentials, query or fragment)' };
  return { value: url.origin };
}
