import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PoolClient } from 'pg';
import { NotFoundError } from '../common/errors';
import { DRAW_STATES } from '../draws/draw-state';
import { PLAN_STATES } from '../plans/plan-state';
import { PUBLICATION_STATES } from '../publication/publication-state';
import { AuditRow, canonicalJson, ChainVerdict, ChainVerifier, eventHash, GENESIS_HASH, KeptHead, KeptHeadVerdict, stateHash } from './audit-chain';
import { STATE_FORMAT, STATE_FORMAT_KEY, StateSource, StatesVerdict, verifyStates } from './audit-states';
import { AuditHeadDto } from './dto/audit.dto';

/**
 * Arbitrary constant, taken by every append. Outside the int4 range on purpose: the other
 * transaction locks are pg_advisory_xact_lock(hashtext(…)), whose keys are int4, so they never meet it.
 */
export const AUDIT_LOCK_KEY = 7_301_020_151;

/** Rows per page when verifying: the table is streamed, never loaded whole. */
export const AUDIT_VERIFY_PAGE_SIZE = 5_000;

export interface AuditEntry {
  /** null for the system itself. */
  actorId: string | null;
  /** e.g. 'plan.publish'. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** The subject's state before / after the action; only its stateHash is kept. Omit when there is none. */
  before?: unknown;
  after?: unknown;
  /**
   * Instead of `after`: the subject's state as its owner's StateSource defines it (currentPublicationState
   * and the like), which verify-audit compares with the row. Marked in details so the verifier knows.
   */
  state?: unknown;
  details?: Record<string, unknown>;
}

/** The tables whose current rows must match the last state the chain recorded (see audit-states.ts). */
export const STATE_SOURCES: StateSource[] = [PUBLICATION_STATES, PLAN_STATES, DRAW_STATES];

export interface FullVerdict {
  chain: ChainVerdict;
  states: StatesVerdict & { mismatchCount: number };
  kept: KeptHeadVerdict | null;
  /** The chain verifies, every row matches its recorded state, and the kept head (if any) is extended. */
  ok: boolean;
}

export interface AppendedHead {
  seq: number;
  hash: string;
  at: string;
}

/**
 * `at` as text in the hashed form (ISO-8601 UTC), independent of pg's date parsing and the session
 * time zone. Read with microseconds: appends store whole milliseconds, so any sub-millisecond digit
 * means the row was edited, and it is kept (see isoAt) so the hash no longer matches.
 */
const atText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
const isoAt = (micros: string) => (micros.endsWith('000') ? micros.slice(0, -3) : micros) + 'Z';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RawRow {
  seq: string;
  at: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before_hash: string | null;
  after_hash: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

// Not `seq::text AS seq`: ORDER BY seq would then sort the text.
const SELECT_ROWS = `SELECT seq, ${atText('at')} AS at, actor_id, action, subject_type, subject_id, before_hash, after_hash, details, prev_hash, hash FROM audit_events`;

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one event to the chain inside the caller's transaction, so the event exists exactly
   * when the change it records commits. The advisory lock serialises appenders until commit (call
   * this late in the transaction): without it two writers would read the same last row and fork
   * the chain. Assumes READ COMMITTED (the default); under REPEATABLE READ a concurrent append
   * makes this transaction fail on pk_audit_events instead of forking.
   */
  async append(em: EntityManager, e: AuditEntry): Promise<AppendedHead> {
    // Outside a transaction the xact lock would be released at once and each query could use another connection.
    if (!em.queryRunner?.isTransactionActive) throw new Error('AuditService.append must run inside the caller\'s transaction (dataSource.transaction(em => …))');
    return this.appendVia((sql, params) => em.query(sql, params), e);
  }

  /**
   * The same, for a job that holds its own pg client in a transaction it began itself (the import
   * runner): the caller guarantees BEGIN was sent on this client.
   */
  async appendInClient(client: PoolClient, e: AuditEntry): Promise<AppendedHead> {
    return this.appendVia(async (sql, params) => (await client.query(sql, params)).rows, e);
  }

  private async appendVia(query: (sql: string, params?: unknown[]) => Promise<unknown[]>, e: AuditEntry): Promise<AppendedHead> {
    if (e.actorId !== null && !UUID.test(e.actorId)) throw new TypeError(`AuditService.append: actorId is not a UUID: ${e.actorId}`);
    if (e.state !== undefined && e.after !== undefined) throw new TypeError('AuditService.append: give after or state, not both');
    const details = plainDetails(e.state === undefined ? e.details : { ...e.details, [STATE_FORMAT_KEY]: STATE_FORMAT });

    await query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_LOCK_KEY]);
    // After the lock, in a new statement: READ COMMITTED then sees the previous appender's commit.
    // clock_timestamp(), not now(): now() is the transaction's start, which can be long before the lock.
    const [state] = (await query(
      `SELECT last.seq, last.hash, ${atText(`date_trunc('milliseconds', clock_timestamp())`)} AS at
         FROM (VALUES (1)) AS one
         LEFT JOIN (SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1) AS last ON true`,
    )) as { seq: string | null; hash: string | null; at: string }[];
    const prevHash = state.hash ?? GENESIS_HASH;
    const event = {
      seq: state.seq === null ? 1 : Number(state.seq) + 1,
      at: isoAt(state.at),
      // uuid columns read back lower-case: hash what will be read.
      actorId: e.actorId === null ? null : e.actorId.toLowerCase(),
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      beforeHash: e.before === undefined ? null : stateHash(e.before),
      afterHash: e.state !== undefined ? stateHash(e.state) : e.after === undefined ? null : stateHash(e.after),
      details,
    };
    const hash = eventHash(prevHash, event);
    await query(
      `INSERT INTO audit_events (seq, at, actor_id, action, subject_type, subject_id, before_hash, after_hash, details, prev_hash, hash)
       VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
      [event.seq, event.at, event.actorId, event.action, event.subjectType, event.subjectId, event.beforeHash, event.afterHash, JSON.stringify(event.details), prevHash, hash],
    );
    return { seq: event.seq, hash, at: event.at };
  }

  /**
   * Everything verify-audit checks: the chain, the current rows of publications, plans and draws
   * against the last state the chain recorded for each, and (when given) that the chain extends a
   * head kept from an earlier publication.
   */
  async verifyAll(kept?: KeptHead): Promise<FullVerdict> {
    const { chain, kept: keptVerdict } = await this.verifyChain(kept);
    // One snapshot: a change committing meanwhile is seen with its event or not at all.
    const states = await this.dataSource.transaction('REPEATABLE READ', (em) => verifyStates(em, STATE_SOURCES));
    return { chain, states, kept: keptVerdict, ok: chain.ok && states.mismatchCount === 0 && (keptVerdict?.extended ?? true) };
  }

  /** Re-checks the whole chain, streamed in seq order a page at a time; stops at the first broken link. */
  async verify(): Promise<ChainVerdict> {
    return (await this.verifyChain()).chain;
  }

  private async verifyChain(kept?: KeptHead): Promise<{ chain: ChainVerdict; kept: KeptHeadVerdict | null }> {
    const verifier = new ChainVerifier(kept);
    const done = () => ({ chain: verifier.verdict(), kept: verifier.keptVerdict() });
    let after: string | null = null;
    for (;;) {
      // Keyset on seq, with no lower bound for the first page: a forged row with seq ≤ 0 must be seen too.
      const rows: RawRow[] =
        after === null
          ? await this.dataSource.query(`${SELECT_ROWS} ORDER BY seq LIMIT $1`, [AUDIT_VERIFY_PAGE_SIZE])
          : await this.dataSource.query(`${SELECT_ROWS} WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, AUDIT_VERIFY_PAGE_SIZE]);
      for (const raw of rows) if (!verifier.push(toRow(raw))) return done();
      if (rows.length < AUDIT_VERIFY_PAGE_SIZE) return done();
      after = rows[rows.length - 1].seq;
    }
  }

  /** The last event, or null when the log is empty. */
  async head(em: EntityManager = this.dataSource.manager): Promise<{ seq: number; hash: string; at: string } | null> {
    const [row] = await em.query<{ seq: string; hash: string; at: string }[]>(`SELECT seq, hash, ${atText('at')} AS at FROM audit_events ORDER BY seq DESC LIMIT 1`);
    return row ? { seq: Number(row.seq), hash: row.hash, at: isoAt(row.at) } : null;
  }

  /** The published head: 404 while the log is empty. */
  async requireHead(): Promise<AuditHeadDto> {
    const head = await this.head();
    if (!head) throw new NotFoundError('审计记录', 'AUDIT_LOG_EMPTY');
    return head;
  }
}

/**
 * details as jsonb will return them: plain JSON (Dates as ISO strings, undefined dropped), so the
 * hash computed now is the hash recomputed from the stored row.
 */
function plainDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  const plain: unknown = JSON.parse(canonicalJson(details ?? {}));
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) throw new TypeError('AuditService.append: details must be a JSON object');
  return plain as Record<string, unknown>;
}

function toRow(r: RawRow): AuditRow {
  return {
    seq: Number(r.seq),
    at: isoAt(r.at),
    actorId: r.actor_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    beforeHash: r.before_hash,
    afterHash: r.after_hash,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
