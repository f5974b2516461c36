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
