import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Page, pageWindow, toPage } from '../../common/http/paging';
import { RuntimeConfig } from '../../config/runtime-config';
import { SECURITY } from '../../config/security';
import { LockEventDto, LockEventQueryDto } from './login-throttle.dto';
import { backoffSeconds } from './throttle-rules';

/** Who is trying: the username as typed (normalised) and, when it exists, the account. */
export interface LoginAttempt {
  username: string;
  address: string;
  user: { id: string; role: string } | null;
}

/** A slot taken for one attempt; null when the attempt is refused unanswered (throttled). */
export interface LoginSlot {
  failures: number;
  blockedUntil: Date | null;
}

/**
 * Brute-force defence of the login (OWASP authentication cheat sheet; modelled on Keycloak's
 * brute-force detection), owner of login_throttles, login_known_addresses and login_lock_events.
 *
 * - Per (username, address): the first LOGIN_FREE_FAILURES failures cost nothing, then each
 *   further one blocks that pair for a doubling delay up to LOGIN_BACKOFF_MAX_SECONDS. An attacker
 *   elsewhere therefore never blocks the owner's own address.
 * - Per username over all addresses (guessing from many addresses): after LOGIN_ACCOUNT_FAILURES
 *   failures, addresses not known for the account are refused — but never an address the owner
 *   logged in from in the last KNOWN_ADDRESS_DAYS, and never for an admin unless LOGIN_LOCK_ADMINS.
 * - Unknown usernames go through exactly the same steps, and a refused attempt answers like a
 *   wrong password, so nothing here tells which usernames exist.
 *
 * The slot is taken (and the next delay set) before the password is checked, in one statement,
 * so parallel guesses cannot slip past the counter.
 */
@Injectable()
export class LoginThrottleService {
  private readonly freeFailures: number;
  private readonly accountFailures: number;
  private readonly lockAdmins: boolean;
  /** Delay after the n-th failure at index n-1, up to the cap; later failures use the cap. */
  private readonly delays: number[];
  private readonly maxDelay: number;
  private lastSweep = 0;
  private readonly logger = new Logger('LoginThrottle');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.freeFailures = config.get('LOGIN_FREE_FAILURES', { infer: true });
    this.accountFailures = config.get('LOGIN_ACCOUNT_FAILURES', { infer: true });
    this.lockAdmins = config.get('LOGIN_LOCK_ADMINS', { infer: true });
    this.maxDelay = config.get('LOGIN_BACKOFF_MAX_SECONDS', { infer: true });
    this.delays = [];
    for (let n = 1; n === 1 || this.delays[n - 2] < this.maxDelay; n++) {
      this.delays.push(backoffSeconds(n, this.freeFailures, SECURITY.loginBackoffBaseSeconds, this.maxDelay));
    }
  }

  /**
   * Takes a slot for one attempt, or returns null when the attempt must be refused unanswered.
   * Refusals are counted on the pair (for the administrators' view), not as failures.
   */
  async begin(attempt: LoginAttempt): Promise<LoginSlot | null> {
    const { username, address, user } = attempt;
    const exempt = user !== null && ((user.role === 'admin' && !this.lockAdmins) || (await this.isKnownAddress(user.id, address)));
    if (!exempt && (await this.accountFailuresNow(username)) >= this.accountFailures) {
      await this.refuse(username, address);
      if (user && (await this.recordAccountEvent(username, address))) this.logger.warn({ kind: 'account', address }, 'login throttle started for unknown addresses of an account');
      return null;
    }
    const rows: { failures: number; blocked_until: Date | null }[] = await this.dataSource.query(
      `INSERT INTO login_throttles AS t (username, address, failures, refused, last_failure_at, blocked_until)
       VALUES ($1, $2, 1, 0, now(), ${this.blockAfter('1')})
       ON CONFLICT (username, address) DO UPDATE
          SET failures = ${this.nextFailures},
              last_failure_at = now(),
              blocked_until = ${this.blockAfter(this.nextFailures)}
        WHERE t.blocked_until IS NULL OR t.blocked_until <= now()
       RETURNING failures, blocked_until`,
      [username, address, this.delays, this.maxDelay, SECURITY.loginFailureMemoryHours],
    );
    if (rows.length === 0) {
      await this.refuse(username, address);
      return null;
    }
    return { failures: rows[0].failures, blockedUntil: rows[0].blocked_until };
  }

  /** The attempt of `slot` failed: the slot stays counted; a delay it started is logged. */
  async failed(attempt: LoginAttempt, slot: LoginSlot): Promise<void> {
    if (!slot.blockedUntil) return;
    this.logger.warn({ kind: 'address', address: attempt.address, failures: slot.failures, blockedUntil: slot.blockedUntil }, 'login throttle started');
    await this.dataSource.query(`INSERT INTO login_lock_events (kind, username, address, failures, blocked_until) VALUES ('address', $1, $2, $3, $4)`, [
      attempt.user ? attempt.username : null,
      attempt.address,
      slot.failures,
      slot.blockedUntil,
    ]);
  }

  /** The owner got in: this pair starts afresh and the address becomes known for the account. */
  async succeeded(attempt: LoginAttempt & { user: { id: string } }): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttles WHERE username = $1 AND address = $2`, [attempt.username, attempt.address]);
    await this.dataSource.query(
      `INSERT INTO login_known_addresses (user_id, address, last_success_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id, address) DO UPDATE SET last_success_at = now()`,
      [attempt.user.id, attempt.address],
    );
    await this.sweep();
  }

  /** An administrator's unlock (re-activation or password reset): every throttle of the username ends. */
  async releaseAccount(username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttles WHERE username = $1`, [username]);
  }

  async listEvents(query: LockEventQueryDto): Promise<Page<LockEventDto>> {
    const { skip, take } = pageWindow(query);
    const params: unknown[] = [take, skip];
    const where = query.username ? `WHERE username = $${params.push(query.username.trim().toLowerCase())}` : '';
    const rows: (LockEventDto & { total: number })[] = await this.dataSource.query(
      `SELECT id, kind, username, address, failures, blocked_until AS "blockedUntil", created_at AS "createdAt", count(*) OVER ()::int AS total
         FROM login_lock_events ${where}
        ORDER BY created_at DESC, id
        LIMIT $1 OFFSET $2`,
      params,
    );
    const items = rows.map(({ total: _total, ...e }) => ({
      ...e,
      blockedUntil: e.blockedUntil ? new Date(e.blockedUntil).toISOString() : null,
      createdAt: new Date(e.createdAt).toISOString(),
    }));
    const total = rows[0]?.total ?? (skip > 0 ? await this.countEvents(query.username) : 0);
    return toPage(items, total, query);
  }

  private async countEvents(username: string | undefined): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM login_lock_events WHERE $1::text IS NULL OR username = $1`, [
      username?.trim().toLowerCase() ?? null,
    ]);
    return count as number;
  }

  /** Failures counted now as SQL: reset when the last one is older than the memory. */
  private readonly nextFailures = `CASE WHEN t.last_failure_at < now() - make_interval(hours => $5) THEN 1 ELSE t.failures + 1 END`;

  /** blocked_until after the given failure count ($3: delays by count, $4: the cap); NULL for no delay. */
  private blockAfter(failures: string): string {
    return `now() + nullif(make_interval(secs => coalesce(($3::int[])[${failures}], $4)), interval '0')`;
  }

  private async isKnownAddress(userId: string, address: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM login_known_addresses WHERE user_id = $1 AND address = $2 AND last_success_at > now() - make_interval(days => $3)`,
      [userId, address, SECURITY.loginKnownAddressDays],
    );
    return rows.length > 0;
  }

  private async accountFailuresNow(username: string): Promise<number> {
    const [{ failures }] = await this.dataSource.query(
      `SELECT coalesce(sum(failures), 0)::int AS failures FROM login_throttles WHERE username = $1 AND last_failure_at > now() - make_interval(hours => $2)`,
      [username, SECURITY.loginFailureMemoryHours],
    );
    return failures as number;
  }

  private async refuse(username: string, address: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_throttles AS t (username, address, refused) VALUES ($1, $2, 1)
       ON CONFLICT (username, address) DO UPDATE SET refused = t.refused + 1`,
      [username, address],
    );
  }

  /** Once per username and memory window: the moment unknown addresses started being refused. */
  private async recordAccountEvent(username: string, address: string): Promise<boolean> {
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO login_lock_events (kind, username, address, failures)
       SELECT 'account', $1::varchar, $2::varchar, (SELECT coalesce(sum(failures), 0)::int FROM login_throttles WHERE username = $1::varchar AND last_failure_at > now() - make_interval(hours => $3))
        WHERE NOT EXISTS (SELECT 1 FROM login_lock_events WHERE kind = 'account' AND username = $1::varchar AND created_at > now() - make_interval(hours => $3))
       RETURNING id`,
      [username, address, SECURITY.loginFailureMemoryHours],
    );
    return inserted.length > 0;
  }

  /** Forgets pairs whose failures have expired, at most every ten minutes per instance. */
  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < 600_000) return;
    this.lastSweep = Date.now();
    await this.dataSource.query(
      `DELETE FROM login_throttles WHERE (last_failure_at IS NULL OR last_failure_at < now() - make_interval(hours => $1)) AND (blocked_until IS NULL OR blocked_until <= now())`,
      [SECURITY.loginFailureMemoryHours],
    );
  }
}
