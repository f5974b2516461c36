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

/** The n-th team draw value for an entity and a department: SHA-256(seed ‖ lp("team") ‖ lp(department) ‖ lp(USCC) ‖ uint32be(n)). */
export function teamDrawValue(seed: string, department: string, uscc: string, n: number): string {
  return sha256hex(Buffer.from(seed, 'hex'), lp('team'), lp(department), lp(uscc), uint32(n));
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
  /** The department whose team the inspector can join (joint plans: each department sends its own). */
  department: string;
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
  /** Departments sending a team to every target: the lead department first, then the joint ones. */
  departments: string[];
}

export interface DrawInput extends SeedInput {
  parameters: DrawParameters;
  /**
   * Read twice (counts, then tickets), so it must be re-iterable (an array, or an object whose
   * [Symbol.iterator] starts afresh): only the selected candidates are ever held, not the pool.
   */
  candidates: Iterable<Candidate>;
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
  department: string;
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
  if (!p.departments.length || new Set(p.departments).size !== p.departments.length) throw new Error('departments must be distinct and not empty');

  // Pass 1: counts per stratum decide the quotas.
  const counts = Object.fromEntries(STRATA.map((s) => [s, { candidates: 0, excluded: 0 }])) as Record<Stratum, { candidates: number; excluded: number }>;
  for (const c of input.candidates) {
    counts[c.stratum].candidates += 1;
    if (c.excluded) counts[c.stratum].excluded += 1;
  }
  const eligible = Object.fromEntries(STRATA.map((s) => [s, counts[s].candidates - counts[s].excluded])) as Record<Stratum, number>;
  const k = quotas(eligible, p.sampling, p.rounding);

  // Pass 2: per stratum, the k smallest tickets among the eligible candidates (a bounded heap each).
  const seedBytes = Buffer.from(seed, 'hex');
  const targetPrefix = createHash('sha256').update(seedBytes).update(TARGET_TAG);
  const heaps = new Map<Stratum, MaxHeap>(STRATA.map((s) => [s, new MaxHeap(k[s])]));
  for (const c of input.candidates) {
    if (c.excluded) continue;
    const heap = heaps.get(c.stratum)!;
    if (heap.capacity === 0) continue;
    heap.offer({ candidate: c, ticket: targetPrefix.copy().update(lp(c.uscc)).digest('hex') });
  }
  const picked = STRATA.flatMap((s) => heaps.get(s)!.items()).sort((x, y) => byTicket(x.ticket, x.candidate.uscc, y.ticket, y.candidate.uscc));
  const selections: Selection[] = picked.map((x) => ({ uscc: x.candidate.uscc, stratum: x.candidate.stratum, ticket: x.ticket }));

  // Teams: for each selected entity in ticket order and each department in order, inspectors are
  // drawn one by one from that department's pool available at that moment (qualified, under the
  // task cap) until its team is full.
  const load = new Map<string, number>();
  for (const i of input.inspectors) load.set(i.certificateNumber, i.existingTasks);
  const atCap = (i: PoolInspector) => p.taskCap !== null && (load.get(i.certificateNumber) ?? 0) >= p.taskCap;
  // Qualified: eligible over the window and competent for the item (published in the snapshot), in
  // certificate-number order (UTF-8 bytes).
  const qualified = input.inspectors.filter((i) => i.eligible && i.domains.includes(p.domain) && !atCap(i)).sort(byCertificate);
  let available = new Map(p.departments.map((d) => [d, qualified.filter((i) => i.department === d)]));
  const conflictsByUscc = new Map<string, RecusalContext['conflicts'][number][]>();
  for (const c of input.conflicts) {
    const list = conflictsByUscc.get(c.uscc) ?? [];
    list.push({ inspectorId: c.certificateNumber, entityId: c.uscc, validFrom: c.validFrom, validUntil: c.validUntil });
    conflictsByUscc.set(c.uscc, list);
  }
  const teams: Team[] = [];
  for (const { candidate: entity } of picked) {
    const conflicts = conflictsByUscc.get(entity.uscc) ?? [];
    const entityTeams = p.departments.map((department) => drawTeam(seedBytes, department, entity, available.get(department)!, p, conflicts));
    // A visit goes ahead only with every department's team; otherwise it takes nobody's time.
    // Whoever reaches the cap leaves the pool for later entities.
    if (entityTeams.every((t) => t.filled)) {
      for (const t of entityTeams) for (const mbr of t.members) load.set(mbr.certificateNumber, (load.get(mbr.certificateNumber) ?? 0) + 1);
      if (p.taskCap !== null) available = new Map([...available].map(([d, pool]) => [d, pool.filter((i) => !atCap(i))]));
    }
    teams.push(...entityTeams);
  }

  return {
    algorithm: ALGORITHM,
    seed,
    strata: STRATA.map((s) => ({ stratum: s, ...counts[s], eligible: eligible[s], quota: k[s], selected: selections.filter((x) => x.stratum === s).length })),
    selections,
    teams,
  };
}

/** One department's team for one entity: draw indexes into the pool until full or exhausted. */
function drawTeam(seedBytes: Buffer, department: string, entity: Candidate, pool: PoolInspector[], p: DrawParameters, conflicts: RecusalContext['conflicts']): Team {
  const m = pool.length;
  const members: Team['members'] = [];
  const skips: Team['skips'] = [];
  const seen = new Set<number>();
  if (m > 0) {
    const prefix = createHash('sha256').update(seedBytes).update(TEAM_TAG).update(lp(department)).update(lp(entity.uscc));
    const limit = (TWO_256 / BigInt(m)) * BigInt(m); // rejection sampling: every index equally likely
    for (let draw = 0; members.length < p.teamSize && seen.size < m; draw++) {
      const value = BigInt('0x' + prefix.copy().update(uint32(draw)).digest('hex'));
      if (value >= limit) continue;
      const index = Number(value % BigInt(m));
      if (seen.has(index)) continue;
      seen.add(index);
      const inspector = pool[index];
      const reasons = recusalReasons({ id: inspector.certificateNumber, unit: inspector.unit }, { id: entity.uscc, supervisingUnit: entity.supervisingUnit }, { date: p.date, conflicts, lastCheckInspectorIds: entity.lastInspectors }, p.recusal);
      if (reasons.length) skips.push({ certificateNumber: inspector.certificateNumber, draw, reasons });
      else members.push({ certificateNumber: inspector.certificateNumber, draw });
    }
  }
  return { uscc: entity.uscc, department, poolSize: m, members, skips, filled: members.length === p.teamSize };
}

interface Ticketed {
  candidate: Candidate;
  ticket: string;
}

/** Keeps the `capacity` smallest (ticket, USCC) pairs seen: the largest kept sits at the root. */
class MaxHeap {
  private readonly heap: Ticketed[] = [];
  constructor(readonly capacity: number) {}

  offer(x: Ticketed): void {
    const h = this.heap;
    if (h.length < this.capacity) {
      h.push(x);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (larger(h[parent], h[i])) break;
        [h[parent], h[i]] = [h[i], h[parent]];
        i = parent;
      }
    } else if (larger(h[0], x)) {
      h[0] = x;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < h.length && larger(h[l], h[top])) top = l;
        if (r < h.length && larger(h[r], h[top])) top = r;
        if (top === i) break;
        [h[top], h[i]] = [h[i], h[top]];
        i = top;
      }
    }
  }

  items(): Ticketed[] {
    return this.heap;
  }
}

const larger = (x: Ticketed, y: Ticketed) => byTicket(x.ticket, x.candidate.uscc, y.ticket, y.candidate.uscc) > 0;

const TARGET_TAG = lp('target');
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

/** Tickets compared as 256-bit integers (= their lower-case hex); ties, which need a collision, by USCC bytes. */
function byTicket(xTicket: string, xUscc: string, yTicket: string, yUscc: string): number {
  return xTicket < yTicket ? -1 : xTicket > yTicket ? 1 : xUscc < yUscc ? -1 : xUscc > yUscc ? 1 : 0;
}
