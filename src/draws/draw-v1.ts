/**
 * The double-random draw, algorithm "draw-v1". Pure: no framework or database imports, so anyone
 * can read it and re-implement it from docs/draw-algorithm.md. Every input is published before the
 * draw except the randomness, which nobody can know in advance (a future drand round).
 *
 * Byte encoding: lp(x) = uint32 big-endian length of x ‖ x; strings are UTF-8; hashes and the
 * randomness enter as their raw bytes (hex-decoded). Hash outputs are compared as 256-bit
 * big-endian unsigned integers, which is the same as comparing their lower-case hex strings.
 */
import { createHash } from 'node:crypto';
import { RecusalContext, RecusalReason, recusalReasons, RecusalRuleSet } from '../recusals/recusal-rules';

export const ALGORITHM = 'draw-v1';
export const DOMAIN_TAG = 'ssgk-draw';
export const STRATA = ['A', 'B', 'C', 'D'] as const;
export type Stratum = (typeof STRATA)[number];

export function lp(value: string | Buffer): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

function hex32(name: string, hex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${name} must be 64 lower-case hex characters`);
  return Buffer.from(hex, 'hex');
}

export const sha256hex = (...parts: Buffer[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

export interface SeedInput {
  planId: string;
  candidatePoolHash: string;
  inspectorPoolHash: string;
  parametersHash: string;
  randomness: string;
}

/** seed = SHA-256(lp(tag) ‖ lp(algorithm) ‖ lp(planId) ‖ lp(pool hashes) ‖ lp(params hash) ‖ lp(randomness)). */
export function computeSeed(s: SeedInput): string {
  return sha256hex(
    lp(DOMAIN_TAG),
    lp(ALGORITHM),
    lp(s.planId),
    lp(hex32('candidatePoolHash', s.candidatePoolHash)),
    lp(hex32('inspectorPoolHash', s.inspectorPoolHash)),
    lp(hex32('parametersHash', s.parametersHash)),
    lp(hex32('randomness', s.randomness)),
  );
}

/** ticket(USCC) = SHA-256(seed ‖ lp("target") ‖ lp(USCC)). */
export function targetTicket(seed: string, uscc: string): string {
  return sha256hex(Buffer.from(seed, 'hex'), lp('target'), lp(uscc));
}

/** The n-th team draw value for an entity: SHA-256(seed ‖ lp("team") ‖ lp(USCC) ‖ uint32be(n)). */
export function teamDrawValue(seed: string, uscc: string, n: number): string {
  return sha256hex(Buffer.from(seed, 'hex'), lp('team'), lp(uscc), uint32(n));
}

/** Per stratum: a ratio in basis points (1% = 100) or a fixed count. */
export type StratumRule = { ratioBasisPoints: number } | { count: number };

export type RoundingRule = 'largest-remainder-min1';

/**
 * How many to draw from each stratum.
 * - count rules: min(count, eligible).
 * - ratio rules ("largest-remainder-min1"): exact quota q = n·b/10000. Each stratum first gets ⌊q⌋;
 *   the total over ratio strata is ⌊Σq + ½⌋; the units still missing go one each to the strata with
 *   the largest remainders (n·b mod 10000), ties to the earlier letter. Finally a stratum with b > 0
 *   and n > 0 gets at least 1. Never more than n.
 */
export function quotas(eligible: Record<Stratum, number>, rules: Record<Stratum, StratumRule>, rounding: RoundingRule = 'largest-remainder-min1'): Record<Stratum, number> {
  if (rounding !== 'largest-remainder-min1') throw new Error(`unknown rounding rule ${String(rounding)}`);
  const out = { A: 0, B: 0, C: 0, D: 0 } as Record<Stratum, number>;
  const ratio: { s: Stratum; num: number }[] = [];
  for (const s of STRATA) {
    const rule = rules[s];
    const n = eligible[s];
    if ('count' in rule) out[s] = Math.min(rule.count, n);
    else {
      const num = n * rule.ratioBasisPoints; // exact integer numerator over 10000
      out[s] = Math.floor(num / 10000);
      ratio.push({ s, num });
    }
  }
  const totalNum = ratio.reduce((sum, r) => sum + r.num, 0);
  const target = Math.floor((totalNum + 5000) / 10000);
  let missing = target - ratio.reduce((sum, r) => sum + out[r.s], 0);
  const byRemainder = [...ratio].sort((x, y) => (y.num % 10000) - (x.num % 10000) || STRATA.indexOf(x.s) - STRATA.indexOf(y.s));
  for (const r of byRemainder) {
    if (missing <= 0) break;
    if (r.num % 10000 === 0) continue;
    out[r.s] += 1;
    missing -= 1;
  }
  for (const r of ratio) {
    const rule = rules[r.s] as { ratioBasisPoints: number };
    if (rule.ratioBasisPoints > 0 && eligible[r.s] > 0 && out[r.s] === 0) out[r.s] = 1;
    out[r.s] = Math.min(out[r.s], eligible[r.s]);
  }
  return out;
}

export interface Candidate {
  uscc: string;
  stratum: Stratum;
  /** Why the candidate cannot be drawn (recently checked, at the annual cap, not active), or null. */
  excluded: string | null;
  supervisingUnit: string | null;
  /** Certificate numbers of the inspectors of the entity's last check. */
  lastInspectors: string[];
}

export interface PoolInspector {
  certificateNumber: string;
  /** Eligible over the whole inspection window (certificate, status, training, exam). */
  eligible: boolean;
  domains: string[];
  unit: string | null;
  /** Tasks already assigned in the window, counted against the cap. */
  existingTasks: number;
}

export interface DrawParameters {
  sampling: Record<Stratum, StratumRule>;
  rounding: RoundingRule;
  teamSize: number;
  /** The enforcement domain the item needs. */
  domain: string;
  recusal: RecusalRuleSet;
  /** Most tasks per inspector in the window (existing + this draw); null: no cap. */
  taskCap: number | null;
  /** The date recusal periods are checked against (the window's first day). */
  date: string;
}

export interface DrawInput extends SeedInput {
  parameters: DrawParameters;
  candidates: Candidate[];
  inspectors: PoolInspector[];
  /** Declared conflicts (certificate number × USCC) with their periods. */
  conflicts: { certificateNumber: string; uscc: string; validFrom: string; validUntil: string | null }[];
}

/** Why a drawn inspector was passed over for this entity (pool-level rules never reach a team). */
export type SkipReason = RecusalReason;

export interface Selection {
  uscc: string;
  stratum: Stratum;
  ticket: string;
}

export interface Team {
  uscc: string;
  /** Inspectors available when this team was drawn (qualified and under the cap). */
  poolSize: number;
  /** In draw order; the first is the team leader. `draw` is the counter that picked them. */
  members: { certificateNumber: string; draw: number }[];
  /** Inspectors drawn but passed over (recusal), with every reason, in draw order. */
  skips: { certificateNumber: string; draw: number; reasons: SkipReason[] }[];
  filled: boolean;
}

export interface DrawResult {
  algorithm: typeof ALGORITHM;
  seed: string;
  strata: { stratum: Stratum; candidates: number; excluded: number; eligible: number; quota: number; selected: number }[];
  selections: Selection[];
  teams: Team[];
}

export function draw(input: DrawInput): DrawResult {
  const seed = computeSeed(input);
  const p = input.parameters;
  if (!Number.isInteger(p.teamSize) || p.teamSize < 2) throw new Error('teamSize must be an integer ≥ 2');

  // Targets: per stratum, the k smallest tickets among the eligible candidates.
  const byStratum = new Map<Stratum, Selection[]>(STRATA.map((s) => [s, []]));
  const counts = Object.fromEntries(STRATA.map((s) => [s, { candidates: 0, excluded: 0 }])) as Record<Stratum, { candidates: number; excluded: number }>;
  for (const c of input.candidates) {
    counts[c.stratum].candidates += 1;
    if (c.excluded) counts[c.stratum].excluded += 1;
    else byStratum.get(c.stratum)!.push({ uscc: c.uscc, stratum: c.stratum, ticket: targetTicket(seed, c.uscc) });
  }
  const eligible = Object.fromEntries(STRATA.map((s) => [s, byStratum.get(s)!.length])) as Record<Stratum, number>;
  const k = quotas(eligible, p.sampling, p.rounding);
  const selections: Selection[] = [];
  for (const s of STRATA) {
    const ranked = byStratum.get(s)!.sort(byTicket);
    selections.push(...ranked.slice(0, k[s]));
  }
  selections.sort(byTicket);

  // Teams: for each selected entity in ticket order, inspectors are drawn one by one from the pool
  // available at that moment (qualified, under the task cap) until the team is full.
  const candidateByUscc = new Map(input.candidates.map((c) => [c.uscc, c]));
  const load = new Map(input.inspectors.map((i) => [i.certificateNumber, i.existingTasks]));
  const atCap = (i: PoolInspector) => p.taskCap !== null && (load.get(i.certificateNumber) ?? 0) >= p.taskCap;
  // Qualified: eligible over the window and competent for the item (published in the snapshot), in
  // certificate-number order (UTF-8 bytes).
  let available = input.inspectors.filter((i) => i.eligible && i.domains.includes(p.domain) && !atCap(i)).sort(byCertificate);
  const conflictsByUscc = new Map<string, RecusalContext['conflicts'][number][]>();
  for (const c of input.conflicts) {
    const list = conflictsByUscc.get(c.uscc) ?? [];
    list.push({ inspectorId: c.certificateNumber, entityId: c.uscc, validFrom: c.validFrom, validUntil: c.validUntil });
    conflictsByUscc.set(c.uscc, list);
  }
  const seedBytes = Buffer.from(seed, 'hex');
  const teams: Team[] = [];
  for (const sel of selections) {
    const entity = candidateByUscc.get(sel.uscc)!;
    const conflicts = conflictsByUscc.get(sel.uscc) ?? [];
    const m = available.length;
    const members: Team['members'] = [];
    const skips: Team['skips'] = [];
    const seen = new Set<number>();
    if (m > 0) {
      const prefix = createHash('sha256').update(seedBytes).update(TEAM_TAG).update(lp(sel.uscc));
      const limit = (TWO_256 / BigInt(m)) * BigInt(m); // rejection sampling: every index equally likely
      for (let draw = 0; members.length < p.teamSize && seen.size < m; draw++) {
        const value = BigInt('0x' + prefix.copy().update(uint32(draw)).digest('hex'));
        if (value >= limit) continue;
        const index = Number(value % BigInt(m));
        if (seen.has(index)) continue;
        seen.add(index);
        const inspector = available[index];
        const reasons = recusalReasons({ id: inspector.certificateNumber, unit: inspector.unit }, { id: entity.uscc, supervisingUnit: entity.supervisingUnit }, { date: p.date, conflicts, lastCheckInspectorIds: entity.lastInspectors }, p.recusal);
        if (reasons.length) skips.push({ certificateNumber: inspector.certificateNumber, draw, reasons });
        else members.push({ certificateNumber: inspector.certificateNumber, draw });
      }
    }
    const filled = members.length === p.teamSize;
    // An unfilled team takes nobody's time. Whoever reaches the cap leaves the pool for later teams.
    if (filled) {
      for (const mbr of members) load.set(mbr.certificateNumber, (load.get(mbr.certificateNumber) ?? 0) + 1);
      if (p.taskCap !== null) available = available.filter((i) => !atCap(i));
    }
    teams.push({ uscc: sel.uscc, poolSize: m, members, skips, filled });
  }

  return {
    algorithm: ALGORITHM,
    seed,
    strata: STRATA.map((s) => ({ stratum: s, ...counts[s], eligible: eligible[s], quota: k[s], selected: selections.filter((x) => x.stratum === s).length })),
    selections,
    teams,
  };
}

const TEAM_TAG = lp('team');
const TWO_256 = 1n << 256n;

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** Certificate numbers compared as UTF-8 bytes (the same in every language). */
function byCertificate(x: PoolInspector, y: PoolInspector): number {
  return Buffer.compare(Buffer.from(x.certificateNumber, 'utf8'), Buffer.from(y.certificateNumber, 'utf8'));
}

function byTicket(x: Selection, y: Selection): number {
  return x.ticket < y.ticket ? -1 : x.ticket > y.ticket ? 1 : x.uscc < y.uscc ? -1 : x.uscc > y.uscc ? 1 : 0;
}
