import { CASE_STATES, CaseAction, CaseDecision, caseNumber, CaseState, decisionViolations, fenToYuan, isMajorCaseDecision, licenceMeasureText, transitionRefusal } from './case-rules';

const penalty = (d: Partial<CaseDecision>): CaseDecision => ({ outcome: 'penalty', penalties: ['FINE'], fineFen: 100_00, confiscationFen: 0, licenceMeasures: [], facts: '未按规定使用实验动物', markedMajor: false, ...d });

describe('case state machine', () => {
  const allowed: [CaseAction, CaseState[]][] = [
    ['approve', ['pending_approval']],
    ['reject', ['pending_approval']],
    ['note', ['investigating']],
    ['propose', ['investigating', 'proposed']],
    ['legal_review', ['proposed']],
    ['decide', ['proposed']],
    ['publish', ['decided']],
    ['close', ['decided']],
  ];
  it.each(allowed)('%s is allowed only from %j', (action, from) => {
    for (const state of CASE_STATES) {
      const refusal = transitionRefusal(state, action);
      if (from.includes(state)) expect(refusal).toBeNull();
      else expect(refusal).toMatch(/^案件当前状态为「.+」，不能.+$/);
    }
  });
  it('nothing leaves a closed or not filed case', () => {
    for (const [action] of allowed) {
      expect(transitionRefusal('closed', action)).not.toBeNull();
      expect(transitionRefusal('not_filed', action)).not.toBeNull();
    }
  });
});

describe('decision rules', () => {
  it.each<[string, Partial<CaseDecision>, string[]]>([
    ['a fine with its amount', {}, []],
    ['a fine without amount', { fineFen: 0 }, ['FINE_MISMATCH']],
    ['an amount without the fine', { penalties: ['WARNING'], fineFen: 5 }, ['FINE_MISMATCH']],
    ['confiscation without its amount', { penalties: ['FINE', 'CONFISCATE_ILLEGAL_GAINS'] }, ['CONFISCATION_MISMATCH']],
    ['no penalty kind', { penalties: [], fineFen: 0 }, ['PENALTY_REQUIRED']],
    ['a duplicate kind', { penalties: ['FINE', 'FINE'] }, ['PENALTY_DUPLICATE']],
    ['revocation without the licence', { penalties: ['REVOKE_LICENCE'], fineFen: 0 }, ['LICENCE_MEASURE_REQUIRED']],
    ['a licence measure without its kind', { licenceMeasures: [{ kind: 'REVOKE_LICENCE', licenceName: '实验动物使用许可证', durationMonths: null }] }, ['LICENCE_MEASURE_WITHOUT_PENALTY']],
    ['a suspension without duration', { penalties: ['SUSPEND_LICENCE'], fineFen: 0, licenceMeasures: [{ kind: 'SUSPEND_LICENCE', licenceName: '实验动物使用许可证', durationMonths: null }] }, ['SUSPENSION_DURATION_REQUIRED']],
    ['a suspension with duration', { penalties: ['SUSPEND_LICENCE'], fineFen: 0, licenceMeasures: [{ kind: 'SUSPEND_LICENCE', licenceName: '实验动物使用许可证', durationMonths: 3 }] }, []],
    ['no penalty, clean', { outcome: 'no_penalty', penalties: [], fineFen: 0 }, []],
    ['no penalty with a fine', { outcome: 'no_penalty' }, ['NO_PENALTY_WITH_PENALTIES']],
  ])('%s', (_name, d, codes) => {
    expect(decisionViolations(penalty(d)).map((v) => v.code)).toEqual(codes);
  });

  it.each<[Partial<CaseDecision>, boolean]>([
    [{ fineFen: 100_000_00 }, false], // exactly the threshold (100,000 yuan) is not above it
    [{ fineFen: 100_000_01 }, true],
    [{ markedMajor: true }, true],
    [{ penalties: ['REVOKE_LICENCE'], licenceMeasures: [{ kind: 'REVOKE_LICENCE', licenceName: '许可证', durationMonths: null }] }, true],
    [{ penalties: ['SUSPEND_LICENCE'], licenceMeasures: [{ kind: 'SUSPEND_LICENCE', licenceName: '许可证', durationMonths: 3 }] }, false],
  ])('major (the one rule of record-rules, threshold 100000 yuan): %j → %s', (d, major) => {
    expect(isMajorCaseDecision(penalty(d), 100_000)).toBe(major);
  });

  it('writes numbers, amounts and measures', () => {
    expect(caseNumber('KJJ', 2024, 3)).toBe('KJJ立〔2024〕3号');
    expect(fenToYuan(5_500_005)).toBe('55000.05');
    expect(fenToYuan(7)).toBe('0.07');
    expect(licenceMeasureText({ kind: 'SUSPEND_LICENCE', licenceName: '实验动物使用许可证', durationMonths: 3 })).toBe('暂扣实验动物使用许可证3个月');
    expect(licenceMeasureText({ kind: 'REVOKE_LICENCE', licenceName: '实验动物使用许可证', durationMonths: null })).toBe('吊销实验动物使用许可证');
  });
});
