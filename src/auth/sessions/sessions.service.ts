import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { RuntimeConfig } from '../../config/runtime-config';
import { SECURITY } from '../../config/security';
import { User } from '../../users/user.entity';
import { RefreshToken } from './refresh-token.entity';
import { refreshRefusal, Refusal, revokesFamily, SessionLimits } from './session-rules';
import { refusalError, SESSION_MISSING } from './sessions.errors';

const SWEEP_EVERY_MS = 3_600_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Browser sessions: rotating refresh tokens (owner of refresh_tokens). A login starts a family;
 * each refresh exchanges the presented token for the next one. See ADR 0014.
 */
@Injectable()
export class SessionsService {
  private readonly limits: SessionLimits;
  private readonly maxMs: number;
  private lastSweep = 0;
  private readonly logger = new Logger('Sessions');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.limits = { idleMs: config.get('SESSION_IDLE_MINUTES', { infer: true }) * 60_000, reuseGraceMs: SECURITY.refreshReuseGraceSeconds * 1000 };
    this.maxMs = config.get('SESSION_MAX_HOURS', { infer: true }) * 3_600_000;
  }

  /** Starts a session (a new family) for an account that just logged in; returns its first token. */
  async start(user: Pick<User, 'id' | 'tokenVersion'>): Promise<string> {
    const now = this.clock.now();
    await this.sweep();
    return this.insert(this.dataSource.manager, { userId: user.id, familyId: randomUUID(), tokenVersion: user.tokenVersion, expiresAt: new Date(now.getTime() + this.maxMs) }, now);
  }

  /**
   * Exchanges a refresh token for the next one of its family and returns it with the account as
   * it is now. A refusal that ends the session revokes the family, committed before the error.
   */
  async rotate(token: string | undefined): Promise<{ user: User; token: string }> {
    if (!token) throw SESSION_MISSING();
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (em): Promise<{ refusal: Refusal | 'unknown' } | { user: User; token: string }> => {
      // Locked: two refreshes with the same token are serialised, the second sees it used.
      const row = await em.getRepository(RefreshToken).findOne({ where: { tokenHash: hashOf(token) }, lock: { mode: 'pessimistic_write' } });
      if (!row) return { refusal: 'unknown' };
      const user = await em.getRepository(User).findOne({ where: { id: row.userId } });
      const refusal = refreshRefusal(row, user, now, this.limits);
      if (refusal) {
        if (revokesFamily(refusal)) await this.revokeFamily(em, row.familyId, now);
        if (refusal === 'reused') this.logger.warn({ familyId: row.familyId, userId: row.userId }, 'a rotated refresh token was presented again: session revoked');
        return { refusal };
      }
      await em.getRepository(RefreshToken).update({ id: row.id }, { usedAt: now, lastUsedAt: now });
      const next = await this.insert(em, { userId: row.userId, familyId: row.familyId, tokenVersion: row.tokenVersion, expiresAt: row.expiresAt }, now);
      return { user: user!, token: next };
    });
    if ('refusal' in outcome) throw refusalError(outcome.refusal);
    return outcome;
  }

  /** Logout: revokes the session the token belongs to (any token of it, used or not). Unknown: nothing to do. */
  async revoke(token: string | undefined): Promise<void> {
    if (!token) return;
    const now = this.clock.now();
    await this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(RefreshToken).findOne({ where: { tokenHash: hashOf(token) } });
      if (row) await this.revokeFamily(em, row.familyId, now);
    });
  }

  /**
   * Adds a token to a family. Its row is kept until a day after the family's end (so late reuse is
   * still recognised), counted in the database's time (purge_after, see the entity).
   */
  private async insert(em: EntityManager, fields: Pick<RefreshToken, 'userId' | 'familyId' | 'tokenVersion' | 'expiresAt'>, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await em.query(
      `INSERT INTO refresh_tokens (token_hash, user_id, family_id, token_version, created_at, last_used_at, expires_at, purge_after)
       VALUES ($1, $2, $3, $4, $5, $5, $6, now() + ($6::timestamptz - $5::timestamptz) + interval '1 day')`,
      [hashOf(token), fields.userId, fields.familyId, fields.tokenVersion, now, fields.expiresAt],
    );
    return token;
  }

  private async revokeFamily(em: EntityManager, familyId: string, now: Date): Promise<void> {
    await em.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`, [familyId, now]);
  }

  /** Deletes tokens of sessions long over, at most once an hour (every API login adds a row). */
  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = Date.now();
    await this.dataSource.query(`DELETE FROM refresh_tokens WHERE purge_after < now()`);
  }
}
