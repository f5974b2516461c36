/**
 * npm run bench:draw-core [-- --candidates N --inspectors M]
 *
 * Preliminary benchmark of the pure draw-v1 core (no database): the shape — candidates in
 * four classes with ratios A 1% / B 3% / C 10% / D 50%, an inspector pool, declared conflicts — and,
 * side by side in the same run, its limit: one SHA-256 per candidate (the ticket pass alone).
 * Prints the time of targets and of teams separately, and the SHA-256 calls the teams needed.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEFAULT_RECUSAL_RULES } from '../src/recusals/recusal-rules';
import { completeUscc } from '../src/regulated-entities/uscc';
import { Candidate, draw, DrawInput, PoolInspector, Stratum } from '../src/draws/draw-v1';

const { values } = parseArgs({ options: { candidates: { type: 'string', default: '100000' }, inspectors: { type: 'string', default: '300' } } });
const N = Number(values.candidates);
const M = Number(values.inspectors);
const STRATA: Stratum[] = ['A', 'B', 'C', 'D'];

const candidates: Candidate[] = Array.from({ length: N }, (_, i) => ({
  uscc: completeUscc(`91120116${String(i).padStart(8, '0')}`.slice(0, 16)),
  stratum: STRATA[i % 4],
  excluded: null,
  supervisingUnit: `第${(i % 9) + 1}监管所`,
  lastInspectors: [],
}));
const inspectors: PoolInspector[] = Array.from({ length: M }, (_, i) => ({
  certificateNumber: `1201${String(i).padStart(7, '0')}`,
  department: 'bench-department',
  eligible: i % 20 !== 0,
  domains: ['科技'],
  unit: `第${(i % 9) + 1}监管所`,
  existingTasks: 0,
}));
const conflicts = Array.from({ length: Math.min(10_000, N) }, (_, i) => ({ certificateNumber: inspectors[i % M].certificateNumber, uscc: candidates[(i * 97) % N].uscc, validFrom: '2024-01-01', validUntil: null }));
const input: DrawInput = {
  planId: 'bench-plan',
  candidatePoolHash: '11'.repeat(32),
  inspectorPoolHash: '22'.repeat(32),
  parametersHash: '33'.repeat(32),
  randomness: 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd',
  candidates,
  inspectors,
  conflicts,
  parameters: {
    sampling: { A: { ratioBasisPoints: 100 }, B: { ratioBasisPoints: 300 }, C: { ratioBasisPoints: 1000 }, D: { ratioBasisPoints: 5000 } },
    rounding: 'largest-remainder-min1',
    teamSize: 2,
    domain: '科技',
    recusal: DEFAULT_RECUSAL_RULES,
    taskCap: null,
    departments: ['bench-department'],
    date: '2024-04-01',
  },
};

// The limit: one SHA-256 per candidate.
let t = process.hrtime.bigint();
for (const c of candidates) createHash('sha256').update(c.uscc).digest();
const scanMs = Number(process.hrtime.bigint() - t) / 1e6;

// Targets alone (no inspectors), then the whole draw.
t = process.hrtime.bigint();
const targetsOnly = draw({ ...input, inspectors: [] });
const targetsMs = Number(process.hrtime.bigint() - t) / 1e6;
t = process.hrtime.bigint();
const result = draw(input);
const fullMs = Number(process.hrtime.bigint() - t) / 1e6;

const selections = targetsOnly.selections.length;
console.log(`candidates ${N}, inspectors ${M}, conflicts ${conflicts.length}, selections ${selections}, teams filled ${result.teams.filter((x) => x.filled).length}`);
console.log(`limit: one SHA-256 per candidate   ${scanMs.toFixed(0)} ms`);
console.log(`draw-v1 targets                     ${targetsMs.toFixed(0)} ms  (${(targetsMs / scanMs).toFixed(1)}× the limit)`);
const draws = result.teams.reduce((sum, t) => sum + t.members.length + t.skips.length, 0);
console.log(`draw-v1 targets + teams             ${fullMs.toFixed(0)} ms  (${(fullMs / scanMs).toFixed(1)}× the limit; ${draws} inspectors drawn for ${selections} teams)`);
console.log(`peak heap ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MiB`);
