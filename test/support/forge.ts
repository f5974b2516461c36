/**
 * A forger's transcript: the inputs changed, then every hash, the seed and the result recomputed
 * (and the transcript's own copy of the publication record rewritten to match), so that it is
 * consistent in itself — what issue 15 found the verifiers accepted. Only a publication record
 * kept elsewhere (a file, the open-data feed) tells it from the real one.
 */
import { createHash } from 'node:crypto';
import { draw } from '../../src/draws/draw-v1';
import { drawInputFrom, FrozenParameters, Transcript } from '../../src/draws/transcript';
import { parametersSnapshot } from '../../src/plans/snapshot';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface Editable {
  params: FrozenParameters & Record<string, unknown>;
  candidates: string[][];
  inspectors: string[][];
  conflicts: string[][];
}

export function forge(t: Transcript, change: (e: Editable) => void): Transcript {
  const rows = (text: string) => (text === '' ? [] : text.slice(0, -1).split('\n').map((l) => l.split('\t')));
  const e: Editable = { params: JSON.parse(t.parametersJson), candidates: rows(t.candidates), inspectors: rows(t.inspectors), conflicts: rows(t.conflicts) };
  change(e);
  const text = (xs: string[][]) => xs.map((x) => x.join('\t')).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map((l) => l + '\n').join('');
  const texts = { candidates: text(e.candidates), inspectors: text(e.inspectors), conflicts: text(e.conflicts) };
  e.params.conflictsHash = sha256(texts.conflicts);
  const frozen = parametersSnapshot(e.params);
  const hashes = { candidatePoolHash: sha256(texts.candidates), inspectorPoolHash: sha256(texts.inspectors), parametersHash: frozen.hash };
  const result = JSON.parse(JSON.stringify(draw(drawInputFrom(e.params, texts, hashes, t.randomness.randomness))));
  const publication = t.publication ? { ...t.publication, ...hashes, conflictsHash: e.params.conflictsHash, randomness: e.params.randomness } : undefined;
  return { ...t, ...texts, ...hashes, parametersJson: frozen.json, seed: result.seed, result, publication };
}

/**
 * Forgeries that apply to any transcript with a team, a selection, a class-A candidate and a candidate
 * with a supervising unit (no declared conflict needed): each changes the inputs, so a forger must
 * recompute everything, and only the record kept elsewhere tells it from the real one.
 */
export function commonForgeries(t: Transcript, freshUscc: () => string): [string, (e: Editable) => void][] {
  const team = t.result.teams[0];
  const selected = t.result.selections[0].uscc;
  const onTeam = team.members[0].certificateNumber;
  return [
    ['drop the first candidate', (e) => e.candidates.shift()],
    ['drop the last candidate', (e) => e.candidates.pop()],
    ['drop a selected candidate', (e) => (e.candidates = e.candidates.filter((c) => c[0] !== selected))],
    ['move a class-A candidate to class D', (e) => (e.candidates.find((c) => c[1] === 'A')![1] = 'D')],
    ['move a selected candidate to another class', (e) => (e.candidates.find((c) => c[0] === selected)![1] = 'BCDA'['ABCD'.indexOf(e.candidates.find((c) => c[0] === selected)![1])])],
    ['exclude a selected candidate', (e) => (e.candidates.find((c) => c[0] === selected)![2] = 'NOT_ACTIVE')],
    ['add a candidate', (e) => e.candidates.push([freshUscc(), 'C', '', '', ''])],
    ['change a supervising unit', (e) => (e.candidates.find((c) => c[0] === selected)![3] = '第九监管所')],
    ['clear a supervising unit', (e) => (e.candidates.find((c) => c[3] !== '')![3] = '')],
    ['add a last inspector', (e) => (e.candidates.find((c) => c[0] === selected)![4] = onTeam)],
    ["flip the first inspector's eligibility", (e) => (e.inspectors[0][1] = e.inspectors[0][1] === '1' ? '0' : '1')],
    ['make a team member ineligible', (e) => (e.inspectors.find((i) => i[0] === onTeam)![1] = '0')],
    ['drop a team member', (e) => (e.inspectors = e.inspectors.filter((i) => i[0] !== onTeam))],
    ["change an inspector's unit", (e) => (e.inspectors.find((i) => i[0] === onTeam)![3] = '第九监管所')],
    ["change an inspector's domains", (e) => (e.inspectors.find((i) => i[0] === onTeam)![2] = '海关检疫')],
    ["change an inspector's task count", (e) => (e.inspectors[0][4] = String(Number(e.inspectors[0][4]) + 9))],
    ['declare a conflict for a team', (e) => e.conflicts.push([onTeam, team.uscc, '2025-01-01', ''])],
    ['change a class ratio', (e) => (e.params.sampling.A = { ratioBasisPoints: 5000 })],
    ['change a class count', (e) => (e.params.sampling.D = { count: 8 })],
    ['change the team size', (e) => (e.params.teamSize = 3)],
    ['switch off 所所交叉', (e) => (e.params.recusalRules = { ...e.params.recusalRules, sameSupervisingUnit: false })],
    ['switch off declared conflicts', (e) => (e.params.recusalRules = { ...e.params.recusalRules, declaredConflict: false })],
    ['cap tasks per inspector', (e) => (e.params.taskCapPerInspector = 1)],
    ["change the window's first day", (e) => (e.params.windowStart = '2026-01-01')],
    ['change the snapshot date', (e) => (e.params.snapshotDate = '2026-01-01')],
  ];
}
