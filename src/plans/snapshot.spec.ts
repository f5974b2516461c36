import { createHash } from 'node:crypto';
import { candidateSnapshot, canonicalJson, inspectorSnapshot, parametersSnapshot, snapshotSafeText, stratumCounts } from './snapshot';

describe('plan snapshots', () => {
  const candidates = [
    { uscc: '91350100M000100Y43', stratum: 'B' as const, excluded: null, supervisingUnit: '第一监管所', lastInspectors: ['2', '1'] },
    { uscc: '91110108551385082Q', stratum: 'D' as const, excluded: 'NOT_ACTIVE', supervisingUnit: null, lastInspectors: [] },
  ];

  it('sorts records by their first field as bytes, one LF-terminated line each', () => {
    const s = candidateSnapshot(candidates);
    expect(s.text).toBe('91110108551385082Q\tD\tNOT_ACTIVE\t\t\n91350100M000100Y43\tB\t\t第一监管所\t1,2\n');
    expect(s.hash).toBe(createHash('sha256').update(s.text, 'utf8').digest('hex'));
    expect(candidateSnapshot([...candidates].reverse())).toEqual(s);
  });

  it('never lets a value break the format', () => {
    const s = inspectorSnapshot([{ certificateNumber: 'C1', eligible: true, domains: ['科技', '实验\t动物'], unit: 'a\nb', existingTasks: 2, departmentId: 'd1' }]);
    expect(s.text).toBe('C1\t1\t实验 动物,科技\ta b\t2\td1\n');
    expect(s.text.split('\n')).toHaveLength(2);
  });

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(parametersSnapshot({ b: 1, a: 2 }).hash).toBe(parametersSnapshot({ a: 2, b: 1 }).hash);
  });

  it('counts candidates per stratum', () => {
    expect(stratumCounts(candidates)).toEqual({
      A: { candidates: 0, excluded: 0, eligible: 0 },
      B: { candidates: 1, excluded: 0, eligible: 1 },
      C: { candidates: 0, excluded: 0, eligible: 0 },
      D: { candidates: 1, excluded: 1, eligible: 0 },
    });
  });
});

describe('snapshotSafeText', () => {
  it.each([
    ['食品药品', null],
    ['食品，药品', null],
    ['食品,药品', '不能含有英文逗号“,”（多个值请分别填写）'],
    ['食品\t药品', '不能含有制表符或换行'],
    ['食品\r药品', '不能含有制表符或换行'],
    ['食品\n药品', '不能含有制表符或换行'],
  ])('%j → %j', (value, reason) => {
    expect(snapshotSafeText(value)).toBe(reason);
  });
});
