import { DEFAULT_RECUSAL_RULES } from '../recusals/recusal-rules';
import { completeUscc } from '../regulated-entities/uscc';
import { randomBytes } from 'node:crypto';
import { Candidate, computeSeed, draw, DrawInput, lp, PoolInspector, quotas, Stratum, targetTicket, teamDrawValue, uniformIndex } from './draw-v1';

// Test vectors, cross-checked with an independent Python (hashlib) implementation of docs/draw-algorithm.md.
const SEED_INPUT = {
  planId: 'plan-2024-q1',
  candidatePoolHash: '11'.repeat(32),
  inspectorPoolHash: '22'.repeat(32),
  parametersHash: '33'.repeat(32),
  randomness: 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd', // quicknet round 1000
};
const SEED = '1f9fb0c9d421753a1466f3ce1c0854f5ac96bb27ebeef6c7004ec91f7f78cca4';
const LEAD = '00000000-0000-4000-8000-000000000001';
const JOINT = '00000000-0000-4000-8000-000000000002';

describe('draw-v1 encodings', () => {
  it('length-prefixes UTF-8 bytes', () => {
    expect(lp('康').toString('hex')).toBe('00000003e5bab7');
    expect(lp(Buffer.alloc(0)).toString('hex')).toBe('00000000');
  });

  it('derives the seed, tickets and rank keys of the test vectors', () => {
    expect(computeSeed(SEED_INPUT)).toBe(SEED);
    expect(targetTicket(SEED, '91350100M000100Y43')).toBe('687ae0b77e6fea26d4097389adc8823314d38466d3976302b51b8bf98bb902ab');
    expect(teamDrawValue(SEED, LEAD, '91350100M000100Y43', 0)).toBe('68ecdc0453177ac6e931c589440f53c8260daa4f0b6a5eefaecae57ed7edc228');
    expect(teamDrawValue(SEED, LEAD, '91350100M000100Y43', 1)).toBe('55d74d81e23222ac852a43a8f5d71ccf6ce6ea5d2b220ae80ac6bc051928e8f4');
  });

  it('changes the seed when any input changes', () => {
    for (const key of Object.keys(SEED_INPUT) as (keyof typeof SEED_INPUT)[]) {
      const changed = { ...SEED_INPUT, [key]: key === 'planId' ? 'plan-2024-q2' : 'ab'.repeat(32) };
      expect(computeSeed(changed)).not.toBe(SEED);
    }
    expect(() => computeSeed({ ...SEED_INPUT, randomness: 'XYZ' })).toThrow();
  });
});

describe('quotas (largest remainder, at least 1)', () => {
  const ratio = (a: number, b: number, c: number, d: number) => ({ A: { ratioBasisPoints: a }, B: { ratioBasisPoints: b }, C: { ratioBasisPoints: c }, D: { ratioBasisPoints: d } });

  it('gives floors, then the missing units by largest remainder, ties to the earlier class', () => {
    // exact: A 0.3, B 2.5, C 4.5, D 6 → total 13.3 → 13; floors 0+2+4+6 = 12; B and C tie at .5 → B.
    expect(quotas({ A: 10, B: 50, C: 45, D: 12 }, ratio(300, 500, 1000, 5000))).toEqual({ A: 1, B: 3, C: 4, D: 6 });
  });

  it('never gives a zero-ratio stratum anything, and an empty stratum nothing', () => {
    expect(quotas({ A: 1000, B: 0, C: 7, D: 3 }, ratio(0, 500, 2000, 10000))).toEqual({ A: 0, B: 0, C: 1, D: 3 }); // exact 0 + 0 + 1.4 + 3 = 4.4 → 4
  });

  it('honours fixed counts, capped by the stratum', () => {
    expect(quotas({ A: 5, B: 100, C: 2, D: 0 }, { A: { count: 2 }, B: { ratioBasisPoints: 300 }, C: { count: 10 }, D: { count: 1 } })).toEqual({ A: 2, B: 3, C: 2, D: 0 });
  });

  it('uses exact integer arithmetic (no floating-point drift)', () => {
    // 1,000,000 × 1% = 10,000 exactly; 333 × 3% = 9.99 → floor 9, total rounds to 10,010.
    expect(quotas({ A: 1_000_000, B: 333, C: 0, D: 0 }, ratio(100, 300, 0, 0))).toEqual({ A: 10_000, B: 10, C: 0, D: 0 });
  });
});

type ArrayInput = DrawInput & { candidates: Candidate[] };

function makeInput(n: number, overrides: Partial<DrawInput['parameters']> = {}): ArrayInput {
  const strata: Stratum[] = ['A', 'B', 'C', 'D'];
  const candidates: Candidate[] = Array.from({ length: n }, (_, i) => ({
    uscc: completeUscc(`91120116${String(i).padStart(8, '0')}`.slice(0, 16)),
    stratum: strata[i % 4],
    excluded: i % 17 === 0 ? 'CHECKED_THIS_YEAR' : null,
    supervisingUnit: `第${(i % 3) + 1}监管所`,
    lastInspectors: [],
  }));
  const inspectors: PoolInspector[] = Array.from({ length: 12 }, (_, i) => ({
    certificateNumber: `1201${String(i).padStart(6, '0')}`,
    department: LEAD,
    eligible: i !== 3,
    domains: i === 5 ? ['药品'] : ['科技'],
    unit: `第${(i % 4) + 1}监管所`,
    existingTasks: 0,
  }));
  return {
    ...SEED_INPUT,
    candidates,
    inspectors,
    conflicts: [],
    parameters: {
      sampling: { A: { ratioBasisPoints: 100 }, B: { ratioBasisPoints: 500 }, C: { ratioBasisPoints: 2000 }, D: { ratioBasisPoints: 5000 } },
      rounding: 'largest-remainder-min1',
      teamSize: 2,
      domain: '科技',
      recusal: DEFAULT_RECUSAL_RULES,
      taskCap: null,
      date: '2024-04-01',
      departments: [LEAD],
      ...overrides,
    },
  };
}

describe('draw-v1', () => {
  it('is deterministic and independent of input order', () => {
    const input = makeInput(400);
    const a = draw(input);
    const b = draw({ ...input, candidates: [...input.candidates].reverse(), inspectors: [...input.inspectors].reverse() });
    expect(b).toEqual(a);
    expect(a.seed).toBe(SEED);
  });

  it('takes, per stratum, the smallest tickets among the non-excluded candidates', () => {
    const input = makeInput(400);
    const result = draw(input);
    for (const s of result.strata) {
      const pool = input.candidates.filter((c) => c.stratum === s.stratum && !c.excluded).map((c) => targetTicket(SEED, c.uscc)).sort();
      const picked = result.selections.filter((x) => x.stratum === s.stratum).map((x) => x.ticket);
      expect(picked).toEqual(pool.slice(0, s.quota));
      expect(s.candidates - s.excluded).toBe(s.eligible);
    }
    expect(result.selections.some((x) => input.candidates.find((c) => c.uscc === x.uscc)!.excluded)).toBe(false);
  });

  it('is consistent: a smaller pool selects the same entities where it overlaps (Rivest sampling)', () => {
    const full = draw(makeInput(400)).selections.map((s) => s.ticket);
    const D = makeInput(400);
    const onlyD = { ...D, candidates: D.candidates.filter((c) => c.stratum === 'D') };
    const dFromFull = draw(D).selections.filter((s) => s.stratum === 'D');
    expect(draw(onlyD).selections.filter((s) => s.stratum === 'D')).toEqual(dFromFull);
    expect(full).toEqual([...full].sort());
  });

  it('draws teams from the qualified pool only, logging every recused inspector it drew', () => {
    const input = makeInput(200);
    input.conflicts = [{ certificateNumber: '1201000000', uscc: input.candidates[1].uscc, validFrom: '2024-01-01', validUntil: null }];
    input.candidates[1].lastInspectors = ['1201000001'];
    const result = draw(input);
    const qualified = input.inspectors.filter((i) => i.eligible && i.domains.includes('科技'));
    for (const team of result.teams) {
      const entity = input.candidates.find((c) => c.uscc === team.uscc)!;
      expect(team).toMatchObject({ filled: true, poolSize: qualified.length });
      expect(team.members).toHaveLength(2);
      for (const m of team.members) {
        const i = input.inspectors.find((x) => x.certificateNumber === m.certificateNumber)!;
        expect(i.eligible && i.domains.includes('科技') && i.unit !== entity.supervisingUnit).toBe(true);
      }
      const draws = [...team.members, ...team.skips].map((x) => x.draw).sort((x, y) => x - y);
      expect(new Set([...team.members, ...team.skips].map((x) => x.certificateNumber)).size).toBe(draws.length); // nobody twice
      for (const s of team.skips) {
        expect(s.reasons.length).toBeGreaterThan(0);
        expect(s.draw).toBeLessThan(Math.max(...team.members.map((m) => m.draw)));
      }
    }
    const all = result.teams.flatMap((t) => [...t.members, ...t.skips]);
    expect(all.some((x) => x.certificateNumber === '1201000003' || x.certificateNumber === '1201000005')).toBe(false); // not qualified
    const recused = result.teams.find((t) => t.uscc === input.candidates[1].uscc);
    if (recused) {
      for (const s of recused.skips) expect(s.reasons.length).toBeGreaterThan(0);
      expect(recused.members.map((m) => m.certificateNumber)).not.toContain('1201000000');
      expect(recused.members.map((m) => m.certificateNumber)).not.toContain('1201000001');
    }
  });

  it('picks each member by the published draw values (independent replay of the first draw)', () => {
    const input = makeInput(60);
    const result = draw(input);
    const pool = input.inspectors.filter((i) => i.eligible && i.domains.includes('科技')).map((i) => i.certificateNumber).sort();
    const team = result.teams[0];
    const m = BigInt(pool.length);
    const limit = ((1n << 256n) / m) * m;
    const first = [...team.members, ...team.skips].sort((x, y) => x.draw - y.draw)[0];
    let n = 0;
    let value = BigInt('0x' + teamDrawValue(result.seed, LEAD, team.uscc, n));
    while (value >= limit) value = BigInt('0x' + teamDrawValue(result.seed, LEAD, team.uscc, ++n));
    expect(first.draw).toBe(n);
    expect(first.certificateNumber).toBe(pool[Number(value % m)]);
  });

  it('records an unfillable team instead of failing', () => {
    const input = makeInput(40, { domain: '海关' }); // nobody covers it
    const result = draw(input);
    expect(result.teams.length).toBeGreaterThan(0);
    for (const t of result.teams) expect(t).toEqual({ uscc: t.uscc, department: LEAD, poolSize: 0, members: [], skips: [], filled: false });
  });

  it('respects the per-inspector task cap across the draw: those at the cap leave the pool', () => {
    const result = draw(makeInput(400, { taskCap: 3 }));
    const load = new Map<string, number>();
    for (const t of result.teams.filter((x) => x.filled)) for (const m of t.members) load.set(m.certificateNumber, (load.get(m.certificateNumber) ?? 0) + 1);
    expect(Math.max(...load.values())).toBeLessThanOrEqual(3);
    expect(result.teams.some((t) => !t.filled)).toBe(true); // capacity ran out: recorded, not thrown
    const pools = result.teams.map((t) => t.poolSize);
    expect(pools).toEqual([...pools].sort((x, y) => y - x)); // the pool only shrinks
  });

  it('reads the candidates twice from a re-iterable source and keeps only the selected ones', () => {
    const input = makeInput(400);
    let passes = 0;
    const lazy = { *[Symbol.iterator]() { passes += 1; yield* input.candidates; } };
    expect(draw({ ...input, candidates: lazy })).toEqual(draw(input));
    expect(passes).toBe(2);
  });

  it('joint plans: every target gets a team from each department, drawn from its own inspectors', () => {
    const input = makeInput(200, { departments: [LEAD, JOINT] });
    input.inspectors.push(...Array.from({ length: 4 }, (_, i) => ({ certificateNumber: `1301${i}`, department: JOINT, eligible: true, domains: ['科技'], unit: '联合部门', existingTasks: 0 })));
    const result = draw(input);
    expect(result.teams).toHaveLength(result.selections.length * 2);
    result.selections.forEach((sel, n) => {
      const [lead, joint] = result.teams.slice(2 * n, 2 * n + 2);
      expect([lead.uscc, lead.department, joint.uscc, joint.department]).toEqual([sel.uscc, LEAD, sel.uscc, JOINT]);
      expect(lead.members.every((m) => m.certificateNumber.startsWith('1201'))).toBe(true);
      expect(joint.members.every((m) => m.certificateNumber.startsWith('1301'))).toBe(true);
      expect(joint.poolSize).toBe(4);
    });
    // The lead department's teams are those of a plan without the joint department (per-department draw values).
    expect(result.teams.filter((t) => t.department === LEAD)).toEqual(draw(makeInput(200)).teams);
  });

  it('joint plans: a visit one department cannot staff takes nobody\'s time', () => {
    const input = makeInput(200, { departments: [LEAD, JOINT], taskCap: 1 });
    input.inspectors.push({ certificateNumber: '13010', department: JOINT, eligible: true, domains: ['科技'], unit: null, existingTasks: 0 });
    const result = draw(input);
    const byEntity = result.selections.map((s) => result.teams.filter((t) => t.uscc === s.uscc));
    for (const teams of byEntity) expect(teams.map((t) => t.filled)).toEqual([true, false]); // one joint inspector never makes a team of 2
    expect(result.teams.filter((t) => t.department === LEAD).map((t) => t.poolSize)).toEqual(byEntity.map(() => 10)); // nobody's load went up
  });

  it('replays every team exactly with BigInt rejection sampling (the specification, literally)', () => {
    const input = makeInput(400, { taskCap: 4 });
    const result = draw(input);
    const load = new Map<string, number>();
    const pool = () => input.inspectors.filter((i) => i.eligible && i.domains.includes('科技') && (load.get(i.certificateNumber) ?? 0) < 4).map((i) => i.certificateNumber).sort();
    for (const team of result.teams) {
      const P = pool();
      expect(team.poolSize).toBe(P.length);
      if (P.length === 0) {
        expect(team).toMatchObject({ members: [], skips: [], filled: false });
        continue;
      }
      const m = BigInt(P.length);
      const limit = ((1n << 256n) / m) * m;
      const picks: { certificateNumber: string; draw: number }[] = [];
      const seen = new Set<string>();
      const wanted = team.members.length + team.skips.length;
      for (let n = 0; picks.length < wanted; n++) {
        const v = BigInt('0x' + teamDrawValue(result.seed, LEAD, team.uscc, n));
        if (v >= limit) continue;
        const cert = P[Number(v % m)];
        if (seen.has(cert)) continue;
        seen.add(cert);
        picks.push({ certificateNumber: cert, draw: n });
      }
      expect([...team.members, ...team.skips].map(({ certificateNumber, draw: n }) => ({ certificateNumber, draw: n })).sort((x, y) => x.draw - y.draw)).toEqual(picks);
      if (team.filled) for (const mbr of team.members) load.set(mbr.certificateNumber, (load.get(mbr.certificateNumber) ?? 0) + 1);
    }
  });

  it('computes v mod m and the rejection exactly as BigInt does, including values in the rejected range', () => {
    for (const m of [1, 2, 3, 7, 10, 255, 3000, 65_537, (1 << 21) - 1, 1 << 21, 5_000_000]) {
      const M = BigInt(m);
      const limit = ((1n << 256n) / M) * M;
      const fast = uniformIndex(m);
      const values = Array.from({ length: 300 }, () => randomBytes(32).toString('hex'));
      // Values at the very top: the only place rejection can happen.
      for (let d = 0n; d < 3n * M && d < 50n; d++) values.push(((1n << 256n) - 1n - d).toString(16));
      values.push(limit.toString(16).padStart(64, '0'), (limit - 1n).toString(16).padStart(64, '0'), 'f'.repeat(56) + '00000000', '0'.repeat(64));
      for (const hex of values.filter((h) => h.length === 64)) {
        const v = BigInt('0x' + hex);
        expect([hex, fast(hex)]).toEqual([hex, v >= limit ? -1 : Number(v % M)]);
      }
    }
  });

  it('selects by the full ticket even when the 48-bit prefixes tie', () => {
    // Quota 1 of 2 in stratum D: whichever prefix order, the smaller full ticket wins.
    const input = makeInput(8, { sampling: { A: { count: 0 }, B: { count: 0 }, C: { count: 0 }, D: { count: 1 } } });
    const eligibleD = input.candidates.filter((c) => c.stratum === 'D' && !c.excluded);
    const best = eligibleD.map((c) => targetTicket(SEED, c.uscc)).sort()[0];
    expect(draw(input).selections.map((s) => s.ticket)).toEqual([best]);
  });

  it('refuses a team size below two', () => {
    expect(() => draw(makeInput(10, { teamSize: 1 }))).toThrow('teamSize');
  });
});
