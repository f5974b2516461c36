/**
 * Canonical snapshots of a plan's pools and parameters, frozen at publication. Pure: anyone can
 * rebuild these texts from the published records and check their SHA-256.
 *
 * Text format: UTF-8, one record per line, fields separated by TAB, every line ending in LF,
 * records sorted by their first field compared as UTF-8 bytes. Lists inside a field are sorted and
 * joined with ",". Empty values are empty strings. (",", TAB, CR and LF never occur in the values:
 * snapshotSafeText refuses them at entry, in the API and in the imports.)
 */
import { createHash } from 'node:crypto';
import type { Stratum } from '../draws/draw-v1';

export interface CandidateRecord {
  uscc: string;
  stratum: Stratum;
  /** null when the entity can be drawn, else why not (e.g. NOT_ACTIVE). */
  excluded: string | null;
  supervisingUnit: string | null;
  lastInspectors: string[];
}

export interface InspectorRecord {
  certificateNumber: string;
  departmentId: string;
  eligible: boolean;
  domains: string[];
  unit: string | null;
  existingTasks: number;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
/** The characters the snapshot format reserves: field, record and list separators. */
const SNAPSHOT_RESERVED = /[\t\n\r,]/;
// Defensive only: the writers refuse these characters (snapshotSafeText), so nothing is rewritten.
const clean = (v: string | null) => (v ?? '').replace(new RegExp(SNAPSHOT_RESERVED.source, 'g'), ' ');

/**
 * The one rule for values a snapshot stores (enforcement domains, units, supervising units): they must
 * not contain "," TAB CR or LF, else the snapshot would rewrite them and the draw would compare a value
 * the parameters do not hold (issue 15). Returns the Chinese reason, or null when the value is fine.
 */
export function snapshotSafeText(value: string): string | null {
  const m = SNAPSHOT_RESERVED.exec(value);
  if (!m) return null;
  return m[0] === ',' ? '不能含有英文逗号“,”（多个值请分别填写）' : '不能含有制表符或换行';
}
const list = (xs: string[]) => [...xs].map(clean).sort(byBytes).join(',');

export function candidateLine(c: CandidateRecord): string {
  return [c.uscc, c.stratum, c.excluded ?? '', clean(c.supervisingUnit), list(c.lastInspectors)].join('\t');
}

export function inspectorLine(i: InspectorRecord): string {
  return [i.certificateNumber, i.eligible ? '1' : '0', list(i.domains), clean(i.unit), String(i.existingTasks), i.departmentId].join('\t');
}

function canonical<T>(rows: T[], key: (r: T) => string, line: (r: T) => string): { text: string; hash: string } {
  const text = [...rows].sort((a, b) => byBytes(key(a), key(b))).map((r) => line(r) + '\n').join('');
  return { text, hash: sha256(text) };
}

export function candidateSnapshot(rows: CandidateRecord[]) {
  return canonical(rows, (r) => r.uscc, candidateLine);
}

export function inspectorSnapshot(rows: InspectorRecord[]) {
  return canonical(rows, (r) => r.certificateNumber, inspectorLine);
}

/** JSON with object keys sorted at every level and no white space (RFC 8785 style for our values). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => byBytes(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function parametersSnapshot(parameters: object): { json: string; hash: string } {
  const json = canonicalJson(parameters);
  return { json, hash: sha256(json) };
}

export interface StratumCounts {
  candidates: number;
  excluded: number;
  eligible: number;
}

export function stratumCounts(rows: CandidateRecord[]): Record<Stratum, StratumCounts> {
  const out = { A: zero(), B: zero(), C: zero(), D: zero() };
  for (const r of rows) {
    out[r.stratum].candidates += 1;
    if (r.excluded) out[r.stratum].excluded += 1;
    else out[r.stratum].eligible += 1;
  }
  return out;
}

function zero(): StratumCounts {
  return { candidates: 0, excluded: 0, eligible: 0 };
}

export interface ConflictRecord {
  certificateNumber: string;
  uscc: string;
  validFrom: string;
  validUntil: string | null;
}

/** Declared conflicts: certificate number, USCC, valid from, valid until (empty: open-ended). */
export function conflictSnapshot(rows: ConflictRecord[]) {
  return canonical(
    rows,
    (r) => `${r.certificateNumber}\t${r.uscc}\t${r.validFrom}`,
    (r) => [clean(r.certificateNumber), r.uscc, r.validFrom, r.validUntil ?? ''].join('\t'),
  );
}
