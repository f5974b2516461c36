/**
 * 执法全过程记录: the audit log as a hash chain. Pure (no Nest, no TypeORM), so a verifier can be
 * built from this file alone.
 *
 *   hash(n) = SHA-256( raw 32 bytes of hash(n-1)  ‖  UTF-8 of canonicalJson(event n) )
 *   hash(0) = GENESIS_HASH (64 zeros)
 *
 * Editing, inserting, deleting or reordering any event breaks every later link; only a rewrite of
 * the whole tail keeps the chain valid, and that changes the head, which is published.
 */
import { createHash } from 'node:crypto';

export interface AuditEvent {
  seq: number;
  /** ISO-8601 UTC with milliseconds, e.g. 2025-03-01T08:00:00.000Z. */
  at: string;
  actorId: string | null;
  /** e.g. 'plan.publish'. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** stateHash of the subject before / after the action, when it has a state. */
  beforeHash: string | null;
  afterHash: string | null;
  details: Record<string, unknown>;
}

export type AuditRow = AuditEvent & { prevHash: string; hash: string };

export type ChainVerdict = { ok: true; count: number; head: string } | { ok: false; seq: number; reason: string };

export const GENESIS_HASH = '0'.repeat(64);

/** A head published earlier (feed_info, audit_heads, an outbox push) and kept by someone outside. */
export interface KeptHead {
  seq: number;
  hash: string;
}

export interface KeptHeadVerdict extends KeptHead {
  extended: boolean;
  reason: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * The value as JSON.stringify sees it (toJSON honoured, so Dates become ISO strings; undefined and
 * functions dropped from objects, null in arrays; NaN/Infinity null; bigint refused), then written
 * with object keys sorted by UTF-8 bytes at every level and no white space. Its own copy rather than
 * plans/snapshot's: the chain's format must never move when another format does. For plain JSON data
 * both give the same text.
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return write(JSON.parse(text));
}

function write(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => byBytes(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`).join(',')}}`;
}

/** SHA-256 hex of the canonical JSON of a subject's state (the before/after hashes). */
export function stateHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

/** The fields that are hashed, and only those: extra properties (prevHash, hash, …) never count. */
function hashedFields(e: AuditEvent): AuditEvent {
  return {
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    beforeHash: e.beforeHash,
    afterHash: e.afterHash,
    details: e.details,
  };
}

export function eventHash(prevHash: string, event: AuditEvent): string {
  // Buffer.from(…, 'hex') silently stops at the first bad character: check first.
  if (!HEX64.test(prevHash)) throw new TypeError(`eventHash: prevHash must be 64 lowercase hex characters, got ${JSON.stringify(prevHash)}`);
  return createHash('sha256')
    .update(Buffer.from(prevHash, 'hex'))
    .update(canonicalJson(hashedFields(event)), 'utf8')
    .digest('hex');
}

/**
 * Checks rows one at a time (the service streams the table through it page by page): seq goes up
 * by exactly 1 from the first row, each prevHash is the previous row's hash (GENESIS for the
 * first), each hash recomputes. Stops at the first broken link.
 */
export class ChainVerifier {
  private count = 0;
  private lastSeq: number | null = null;
  private last = GENESIS_HASH;
  private broken: { seq: number; reason: string } | null = null;
  /** The hash found at the kept head's seq, once the chain reached it intact. */
  private atKeptSeq: string | null = null;

  /** `kept`: a head published earlier (and kept by someone else) that the chain must extend. */
  constructor(private readonly kept?: KeptHead) {}

  /** false once the chain is broken (this row or an earlier one); further rows are ignored. */
  push(row: AuditRow): boolean {
    if (this.broken) return false;
    const reason = this.check(row);
    if (reason) {
      this.broken = { seq: row.seq, reason };
      return false;
    }
    this.count += 1;
    this.lastSeq = row.seq;
    this.last = row.hash;
    if (this.kept && row.seq === this.kept.seq) this.atKeptSeq = row.hash;
    return true;
  }

  /**
   * Whether the current chain extends the kept head: the event at its seq still has its hash and
   * the chain from there verifies to the current head. Call after the last row.
   */
  keptVerdict(): KeptHeadVerdict | null {
    if (!this.kept) return null;
    const { seq, hash } = this.kept;
    const no = (reason: string): KeptHeadVerdict => ({ seq, hash, extended: false, reason });
    if (this.broken) return no(`the chain does not verify (broken at seq ${this.broken.seq}), so it cannot be shown to extend the kept head`);
    if (this.atKeptSeq === null) {
      return no(this.lastSeq === null || this.lastSeq < seq
        ? `the chain ends at seq ${this.lastSeq ?? 0}, before the kept head's seq ${seq}: events recorded since were removed (the tail was truncated)`
        : `the chain has no event with seq ${seq}`);
    }
    if (this.atKeptSeq !== hash) return no(`the event at seq ${seq} has hash ${this.atKeptSeq}, not the kept ${hash}: the history up to the kept head was rewritten`);
    return { seq, hash, extended: true, reason: `the chain (head seq ${this.lastSeq}) extends the kept head seq ${seq}` };
  }

  verdict(): ChainVerdict {
    if (this.broken) return { ok: false, ...this.broken };
    return { ok: true, count: this.count, head: this.last };
  }

  private check(row: AuditRow): string | null {
    if (!Number.isSafeInteger(row.seq)) return `seq ${String(row.seq)} is not an integer`;
    if (this.lastSeq !== null && row.seq !== this.lastSeq + 1) {
      return `seq ${row.seq} follows seq ${this.lastSeq}: expected seq ${this.lastSeq + 1} (a row is missing, inserted or out of order)`;
    }
    if (row.prevHash !== this.last) {
      const previous = this.lastSeq === null ? 'the genesis hash (first row)' : `the hash of seq ${this.lastSeq}`;
      return `prevHash ${row.prevHash} does not equal ${previous}, ${this.last}`;
    }
    let recomputed: string;
    try {
      recomputed = eventHash(row.prevHash, row);
    } catch (err) {
      return `cannot hash the event: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (row.hash !== recomputed) return `stored hash ${row.hash} does not match the recomputed ${recomputed}: the event was altered`;
    return null;
  }
}

/** Rows in seq order; the first broken link, or the count and the head hash (GENESIS when empty). */
export function verifyChain(rows: Iterable<AuditRow>): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const row of rows) if (!verifier.push(row)) break;
  return verifier.verdict();
}

/**
 * A kept head as people keep it: `<seq>:<hash>`, or JSON — {seq, hash}, an audit_heads row or the
 * feed_info record ({audit_head_seq, audit_head_hash}), or a one-element array of either (the
 * .json files). Throws a TypeError saying what is expected.
 */
export function parseKeptHead(text: string): KeptHead {
  const trimmed = text.trim();
  const plain = /^(\d+):([0-9a-fA-F]{64})$/.exec(trimmed);
  let seq: unknown;
  let hash: unknown;
  if (plain) [seq, hash] = [Number(plain[1]), plain[2]];
  else {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new TypeError('a kept head is <seq>:<64 hex characters>, or JSON with seq and hash (or audit_head_seq and audit_head_hash)');
    }
    if (Array.isArray(value) && value.length === 1) value = value[0];
    if (typeof value !== 'object') throw new TypeError('a kept head is <seq>:<64 hex characters>, or JSON with seq and hash (or audit_head_seq and audit_head_hash)');
    const o = (value ?? {}) as Record<string, unknown>;
    seq = o.seq ?? o.audit_head_seq;
    hash = o.hash ?? o.audit_head_hash;
  }
  if (typeof seq === 'string' && /^\d+$/.test(seq)) seq = Number(seq);
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw new TypeError('the kept head\'s seq must be a positive integer');
  if (typeof hash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hash)) throw new TypeError('the kept head\'s hash must be 64 hex characters');
  return { seq, hash: hash.toLowerCase() };
}
