import { DEFAULT_RECUSAL_RULES } from '../recusals/recusal-rules';
import { completeUscc } from '../regulated-entities/uscc';
import { Candidate, draw, DrawInput, PoolInspector, teamDrawValue } from './draw-v1';
import { drawSubstitute, Substitution } from './substitution';

const D = '00000000-0000-4000-8000-000000000001';

function input(inspectors: number): DrawInput & { candidates: Candidate[]; inspectors: PoolInspector[] } {
  return {
    planId: 'plan-sub',
    candidatePoolHash: '11'.repeat(32),
    inspectorPoolHash: '22'.repeat(32),
    parametersHash: '33'.repeat(32),
    randomness: '44'.repeat(32),
    candidates: Array.from({ length: 20 }, (_, i) => ({ uscc: completeUscc(`91120116${String(i).padStart(8, '0')}`.slice(0, 16)), stratum: 'D' as const, excluded: null, supervisingUnit: i % 2 ? '第一所' : null, lastInspectors: [] })),
    inspectors: Array.from({ length: inspectors }, (_, i) => ({ certificateNumber: `C${String(i).padStart(3, '0')}`, department: D, eligible: true, domains: ['科技'], unit: i === 1 ? '第一所' : `第${i + 2}所`, existingTasks: 0 })),
    conflicts: [],
    parameters: { sampling: { A: { count: 0 }, B: { count: 0 }, C: { count: 0 }, D: { count: 3 } }, rounding: 'largest-remainder-min1', teamSize: 2, domain: '科技', recusal: DEFAULT_RECUSAL_RULES, taskCap: null, date: '2024-04-01', departments: [D] },
  };
}

describe('substitution: the next inspector of the published sequence', () => {
  it('continues the team\'s draw counters over its pool, skipping the drawn and the recused', () => {
    const inp = input(8);
    const result = draw(inp);
    const team = result.teams[0];
    const request = { uscc: team.uscc, department: D, leaving: team.members[1].certificateNumber, reason: '因病不能参加', at: '2024-04-02T01:00:00.000Z' };
    const sub = drawSubstitute(inp, result, [], request);
    // Independent replay with BigInt: first unseen, unrecused index after the last counter used.
    const pool = inp.inspectors.map((i) => i.certificateNumber).sort();
    const m = BigInt(pool.length);
    const limit = ((1n << 256n) / m) * m;
    const seen = new Set([...team.members, ...team.skips].map((x) => x.certificateNumber));
    const entity = inp.candidates.find((c) => c.uscc === team.uscc)!;
    let n = Math.max(...[...team.members, ...team.skips].map((x) => x.draw)) + 1;
    let expected: { cert: string; n: number } | null = null;
    for (; !expected; n++) {
      const v = BigInt('0x' + teamDrawValue(result.seed, D, team.uscc, n));
      if (v >= limit) continue;
      const cert = pool[Number(v % m)];
      if (seen.has(cert)) continue;
      seen.add(cert);
      const unit = inp.inspectors.find((i) => i.certificateNumber === cert)!.unit;
      if (entity.supervisingUnit && unit === entity.supervisingUnit) continue; // 所所交叉
      expected = { cert, n };
    }
    expect(sub).toMatchObject({ ...request, joining: expected.cert, draw: expected.n });
    expect(team.members.map((x) => x.certificateNumber)).not.toContain(sub.joining);
  });

  it('never repeats anyone across successive substitutions, and records when nobody is left', () => {
    const inp = input(4);
    const result = draw(inp);
    const team = result.teams[0];
    const subs: Substitution[] = [];
    let leaving = team.members[0].certificateNumber;
    for (let k = 0; k < 4; k++) {
      const sub = drawSubstitute(inp, result, subs, { uscc: team.uscc, department: D, leaving, reason: '临时公务', at: `2024-04-0${k + 2}T00:00:00.000Z` });
      subs.push(sub);
      if (!sub.joining) break;
      leaving = sub.joining;
    }
    const joined = subs.map((s) => s.joining).filter(Boolean);
    expect(new Set(joined).size).toBe(joined.length);
    expect(joined).not.toContain(team.members[1].certificateNumber);
    expect(subs[subs.length - 1].joining).toBeNull(); // a pool of four runs out
    expect(() => drawSubstitute(inp, result, subs, { uscc: team.uscc, department: D, leaving: 'C999', reason: '不在组内', at: '2024-04-09T00:00:00.000Z' })).toThrow('not on the team');
  });
});
