import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Env } from './env';
import { RegimeRules } from './rules';

/** Validated environment plus values resolved at boot (database URL, JWT secret). */
export interface RuntimeConfig extends Env {
  databaseUrl: string;
  jwtSecret: string;
  rules: RegimeRules;
  /** Tests only (never read from the environment): the instant the Clock reports, e.g. '2026-12-20T02:00:00Z'. */
  clockFixedAt?: string;
}

/**
 * JWT_SECRET when set (required in production); otherwise a random secret kept in DATA_DIR so
 * that tokens survive a restart of a development instance.
 */
export function resolveJwtSecret(env: Env): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  const file = path.resolve(env.DATA_DIR, 'jwt-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
