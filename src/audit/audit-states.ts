/**
 * The second half of verify-audit: the current rows of the tables the public relies on (published
 * results, plans, draws) must still be in the last state the chain recorded for them. The chain
 * alone cannot see a row edited in its own table; this compares the two.
 *
 * Each kind's state is defined and read by the module that owns its table (a StateSource); the
 * audit module only pages through the sources and reads its own table. The recorded hash and the
 * hash compared here come from the same function (the source's loader, then stateHash).
 */
import type { EntityManager } from 'typeorm';
import { stateHash } from './audit-chain';

/** details key marking an event whose afterHash is the subject's state as its StateSource defines it. */
export const STATE_FORMAT_KEY = 'stateFormat';
export const STATE_FORMAT = 1;

export interface SubjectState {
  id: string;
  /** What the chain records as the subject's state (hashed with stateHash). */
  state: unknown;
  /** What events written before states were recorded hashed, when the kind had one (publications: the public payload). */
  legacyState?: unknown;
}

export interface StateSource {
  /** subject_type of its events, e.g. 'publication'. */
  subjectType: string;
  /** Rows with id > after (all when null), in id order, at most `limit`. */
  page(em: EntityManager, after: string | null, limit: number): Promise<SubjectState[]>;
}

export interface StateMismatch {
  subjectType: string;
  subjectId: string;
  /** seq of the event whose state is expected; null when no event records the row at all. */
  seq: number | null;
  expected: string | null;
  found: string;
  reason: string;
}

export interface StatesVerdict {
  /** Rows compared with a recorded state. */
  checked: number;
  /** Rows whose events predate state recording (no state to compare yet; checked from their next change). */
  unrecorded: number;
  mismatches: StateMismatch[];
}

const PAGE = 500;
/** Enough to name the problem; the count says how many more there were. */
export const MAX_MISMATCHES_LISTED = 100;

interface LastEvent {
  subject_id: string;
  seq: string;
  after_hash: string | null;
  marked: boolean;
}

export async function verifyStates(em: EntityManager, sources: StateSource[]): Promise<StatesVerdict & { mismatchCount: number }> {
  const verdict: StatesVerdict & { mismatchCount: number } = { checked: 0, unrecorded: 0, mismatches: [], mismatchCount: 0 };
  const add = (m: StateMismatch) => {
    verdict.mismatchCount += 1;
    if (verdict.mismatches.length < MAX_MISMATCHES_LISTED) verdict.mismatches.push(m);
  };
  for (const source of sources) {
    let after: string | null = null;
    for (;;) {
      const rows = await source.page(em, after, PAGE);
      if (!rows.length) break;
      const last = await lastStates(em, source.subjectType, rows.map((r) => r.id));
      for (const row of rows) {
        const found = stateHash(row.state);
        const event = last.get(row.id);
        if (!event) {
          add({ subjectType: source.subjectType, subjectId: row.id, seq: null, expected: null, found, reason: `no audit event records ${source.subjectType} ${row.id}: the row was written outside the application` });
          continue;
        }
        if (event.after_hash === null) {
          verdict.unrecorded += 1;
          continue;
        }
        const seq = Number(event.seq);
        if (event.marked) {
          verdict.checked += 1;
          if (event.after_hash !== found) add({ subjectType: source.subjectType, subjectId: row.id, seq, expected: event.after_hash, found, reason: `${source.subjectType} ${row.id} differs from the state recorded at seq ${seq}: the row was changed outside the application` });
        } else if (row.legacyState !== undefined) {
          verdict.checked += 1;
          const legacy = stateHash(row.legacyState);
          if (event.after_hash !== legacy) add({ subjectType: source.subjectType, subjectId: row.id, seq, expected: event.after_hash, found: legacy, reason: `${source.subjectType} ${row.id} differs from the state recorded at seq ${seq}: the row was changed outside the application` });
        } else {
          verdict.unrecorded += 1;
        }
      }
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].id;
    }
  }
  return verdict;
}

/**
 * Per subject: its last event that records a state (afterHash), or, when none does, its last event
 * (afterHash null: unrecorded). Subjects without any event are absent.
 */
async function lastStates(em: EntityManager, subjectType: string, ids: string[]): Promise<Map<string, LastEvent>> {
  const rows: LastEvent[] = await em.query(
    `SELECT DISTINCT ON (subject_id) subject_id, seq, after_hash, details ? $3 AS marked
       FROM audit_events WHERE subject_type = $1 AND subject_id = ANY($2::text[])
      ORDER BY subject_id, (after_hash IS NOT NULL) DESC, seq DESC`,
    [subjectType, ids, STATE_FORMAT_KEY],
  );
  return new Map(rows.map((r) => [r.subject_id, r]));
}
