import { DEFAULT_RECUSAL_RULES, recusalReasons } from './recusal-rules';

const inspector = { id: 'i1', unit: '第一监管所' };
const entity = { id: 'e1', supervisingUnit: '第二监管所' };
const none = { date: '2024-05-01', conflicts: [], lastCheckInspectorIds: [] };

describe('recusal rules', () => {
  it('no hit when nothing links the inspector to the entity', () => {
    expect(recusalReasons(inspector, entity, none, DEFAULT_RECUSAL_RULES)).toEqual([]);
  });

  it('declared conflict counts only within its period (inclusive)', () => {
    const conflicts = [{ inspectorId: 'i1', entityId: 'e1', validFrom: '2024-01-01', validUntil: '2024-05-01' }];
    expect(recusalReasons(inspector, entity, { ...none, conflicts }, DEFAULT_RECUSAL_RULES)).toEqual(['DECLARED_CONFLICT']);
    expect(recusalReasons(inspector, entity, { ...none, conflicts, date: '2024-05-02' }, DEFAULT_RECUSAL_RULES)).toEqual([]);
    expect(recusalReasons(inspector, entity, { ...none, conflicts: [{ ...conflicts[0], validUntil: null }], date: '2030-01-01' }, DEFAULT_RECUSAL_RULES)).toEqual(['DECLARED_CONFLICT']);
    expect(recusalReasons(inspector, { ...entity, id: 'e2' }, { ...none, conflicts }, DEFAULT_RECUSAL_RULES)).toEqual([]);
  });

  it('所所交叉: same unit, ignoring spacing and width; blank units never match', () => {
    expect(recusalReasons(inspector, { ...entity, supervisingUnit: ' 第一监管所 ' }, none, DEFAULT_RECUSAL_RULES)).toEqual(['SAME_SUPERVISING_UNIT']);
    expect(recusalReasons({ ...inspector, unit: null }, { ...entity, supervisingUnit: null }, none, DEFAULT_RECUSAL_RULES)).toEqual([]);
  });

  it('last inspector, and each rule can be switched off by the plan', () => {
    const ctx = { ...none, lastCheckInspectorIds: ['i1'] };
    expect(recusalReasons(inspector, entity, ctx, DEFAULT_RECUSAL_RULES)).toEqual(['LAST_INSPECTOR']);
    expect(recusalReasons(inspector, entity, ctx, { ...DEFAULT_RECUSAL_RULES, lastInspector: false })).toEqual([]);
  });
});
