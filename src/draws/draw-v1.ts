/**
 * The double-random draw, algorithm "draw-v1". Pure: no framework or database imports, so anyone
 * can read it and re-implement it from docs/draw-algorithm.md. Every input is published before the
 * draw except the randomness, which nobody can know in advance (a future drand round).
 *
 * Byte encoding: lp(x) = uint32 big-endian length of x ‖ x; strings are UTF-8; hashes and the
 * randomness enter as their raw bytes (hex-decoded). Hash outputs are compared as 256-bit
 * big-endian unsigned integers, which is the same as comparing their lower-case hex strings.
 */
import { createHash, hash as oneShotHash } from 'node:crypto';
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
   * Read twice (keys, then picks), so it must be re-iterable in the same order (an array, or an
   * object whose [Symbol.iterator] starts afresh): only the selected candidates are ever held.
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

/** Optional observer of a draw: sees the pool each team was drawn from (substitutions need it). */
export interface DrawObserver {
  onTeam?(entity: Candidate, department: string, pool: PoolInspector[]): void;
}

export function draw(input: DrawInput, observer: DrawObserver = {}): DrawResult {
  const seed = computeSeed(input);
  const p = input.parameters;
  if (!Number.isInteger(p.teamSize) || p.teamSize < 2) throw new Error('teamSize must be an integer ≥ 2');
  if (!p.departments.length || new Set(p.departments).size !== p.departments.length) throw new Error('departments must be distinct and not empty');

  // Pass 1: counts per stratum (they decide the quotas) and each eligible ticket's first 48 bits,
  // kept in typed arrays (8 bytes a candidate, no objects).
  const seedBytes = Buffer.from(seed, 'hex');
  const ticket = ticketer(seedBytes);
  const counts = Object.fromEntries(STRATA.map((s) => [s, { candidates: 0, excluded: 0 }])) as Record<Stratum, { candidates: number; excluded: number }>;
  const keysOf = new Map(STRATA.map((s) => [s, new GrowingKeys()]));
  const order = new GrowingKeys(); // the key of every candidate in iteration order (−1: excluded)
  for (const c of input.candidates) {
    if (!(STRATA as readonly string[]).includes(c.stratum)) throw new Error(`unknown stratum ${String(c.stratum)}`);
    const n = counts[c.stratum];
    n.candidates += 1;
    if (c.excluded) {
      n.excluded += 1;
      order.push(-1);
    } else {
      const key = parseInt(ticket(c.uscc, 'hex').slice(0, 12), 16);
      keysOf.get(c.stratum)!.push(key);
      order.push(key);
    }
  }
  const eligible = Object.fromEntries(STRATA.map((s) => [s, counts[s].candidates - counts[s].excluded])) as Record<Stratum, number>;
  const k = quotas(eligible, p.sampling, p.rounding);
  // The k-th smallest key per stratum: every candidate at or below it is a possible pick.
  const threshold = Object.fromEntries(STRATA.map((s) => [s, k[s] === 0 ? -1 : keysOf.get(s)!.sorted()[k[s] - 1]])) as Record<Stratum, number>;
  keysOf.clear();

  // Pass 2: full tickets for the possible picks only; per stratum the k smallest (ties on the 48
  // bits, if any, are settled by the full ticket, then the USCC).
  const possible = new Map<Stratum, Ticketed[]>(STRATA.map((s) => [s, []]));
  let i = 0;
  for (const c of input.candidates) {
    const key = order.at(i++);
    if (key >= 0 && key <= threshold[c.stratum]) possible.get(c.stratum)!.push({ candidate: c, ticket: ticket(c.uscc, 'hex'), key });
  }
  if (i !== order.length) throw new Error('candidates must be re-iterable in the same order');
  const picked = STRATA.flatMap((s) => possible.get(s)!.sort(byPick).slice(0, k[s])).sort(byPick);
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
    const entityTeams = p.departments.map((department) => {
      observer.onTeam?.(entity, department, available.get(department)!);
      return drawTeam(seedBytes, department, entity, available.get(department)!, p, conflicts);
    });
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
  const { members, skips } = continueTeam(seedBytes, department, entity, pool, p, conflicts, new Set(), 0, p.teamSize);
  return { uscc: entity.uscc, department, poolSize: pool.length, members, skips, filled: members.length === p.teamSize };
}

/**
 * Draws `wanted` more members for an entity's team from `pool`, with draw counters from `fromDraw`,
 * never taking an index in `seen` (it adds what it draws). The team draw and a later substitution
 * both use it, so a substitute is simply the next inspector of the same published sequence.
 */
export function continueTeam(
  seedBytes: Buffer,
  department: string,
  entity: Candidate,
  pool: PoolInspector[],
  p: Pick<DrawParameters, 'date' | 'recusal'>,
  conflicts: RecusalContext['conflicts'],
  seen: Set<number>,
  fromDraw: number,
  wanted: number,
): { members: Team['members']; skips: Team['skips'] } {
  const m = pool.length;
  const members: Team['members'] = [];
  const skips: Team['skips'] = [];
  if (m === 0) return { members, skips };
  // seed ‖ lp("team") ‖ lp(department) ‖ lp(USCC) ‖ uint32be(n), hashed in one shot with n written in place.
  const message = Buffer.concat([seedBytes, TEAM_TAG, lp(department), lp(entity.uscc), Buffer.alloc(4)]);
  const uniform = uniformIndex(m); // rejection sampling: every index equally likely
  for (let draw = fromDraw; members.length < wanted && seen.size < m; draw++) {
    message.writeUInt32BE(draw, message.length - 4);
    const index = uniform(oneShotHash('sha256', message, 'hex'));
    if (index < 0) continue;
    if (seen.has(index)) continue;
    seen.add(index);
    const inspector = pool[index];
    const reasons = recusalReasons({ id: inspector.certificateNumber, unit: inspector.unit }, { id: entity.uscc, supervisingUnit: entity.supervisingUnit }, { date: p.date, conflicts, lastCheckInspectorIds: entity.lastInspectors }, p.recusal);
    if (reasons.length) skips.push({ certificateNumber: inspector.certificateNumber, draw, reasons });
    else members.push({ certificateNumber: inspector.certificateNumber, draw });
  }
  return { members, skips };
}

/**
 * For a pool of m: v (a 256-bit hash as hex) → v mod m, or −1 when v ≥ ⌊2²⁵⁶/m⌋·m (rejected).
 * Exact, but with Number arithmetic on 32-bit words (m < 2²¹) instead of BigInt; v is rejected only
 * if 2²⁵⁶ − 1 − v < 2²⁵⁶ mod m, which needs v's first 224 bits all set, so BigInt decides only then.
 */
export function uniformIndex(m: number): (hex: string) => number {
  const M = BigInt(m);
  const limit = (TWO_256 / M) * M;
  const big = (hex: string) => {
    const v = BigInt('0x' + hex);
    return v >= limit ? -1 : Number(v % M);
  };
  if (m >= 1 << 21) return big;
  return (hex) => {
    if (hex.startsWith(ALL_SET_224)) return big(hex);
    let r = 0;
    for (let i = 0; i < 64; i += 8) r = (r * 0x1_0000_0000 + parseInt(hex.slice(i, i + 8), 16)) % m;
    return r;
  };
}

const ALL_SET_224 = 'f'.repeat(56);

interface Ticketed {
  candidate: Candidate;
  ticket: string;
  /** The ticket's first 48 bits: most comparisons end here. */
  key: number;
}

/**
 * ticket(USCC) = SHA-256(seed ‖ lp("target") ‖ lp(USCC)), the same as targetTicket; one reused buffer
 * and a one-shot hash, because this runs once per candidate (a million times in a large plan).
 */
function ticketer(seedBytes: Buffer): { (uscc: string, as: 'hex'): string; (uscc: string, as: 'buffer'): Buffer } {
  const head = Buffer.concat([seedBytes, TARGET_TAG]);
  let buf = Buffer.alloc(head.length + 4 + 64);
  head.copy(buf);
  return ((uscc: string, as: 'hex' | 'buffer') => {
    const len = Buffer.byteLength(uscc, 'utf8');
    if (head.length + 4 + len > buf.length) {
      buf = Buffer.alloc(head.length + 4 + len);
      head.copy(buf);
    }
    buf.writeUInt32BE(len, head.length);
    buf.write(uscc, head.length + 4, 'utf8');
    const message = buf.subarray(0, head.length + 4 + len);
    return as === 'hex' ? oneShotHash('sha256', message, 'hex') : oneShotHash('sha256', message, 'buffer');
  }) as { (uscc: string, as: 'hex'): string; (uscc: string, as: 'buffer'): Buffer };
}

/** A growable Float64Array (48-bit keys are exact in a double). */
class GrowingKeys {
  private data = new Float64Array(1024);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }

  at(i: number): number {
    return this.data[i];
  }

  sorted(): Float64Array {
    return this.data.subarray(0, this.length).sort();
  }
}

const byPick = (x: Ticketed, y: Ticketed) => x.key - y.key || byTicket(x.ticket, x.candidate.uscc, y.ticket, y.candidate.uscc);

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
