import { evaluateEligibility, EligibilityInput, trainingWindowStart } from './eligibility';

const rules = { minTrainingHours: 40, examRequired: true };
const good: EligibilityInput = {
  certificateValidFrom: '2022-01-01',
  certificateValidUntil: '2026-12-31',
  statusChanges: [],
  trainings: [
    { date: '2023-03-01', hours: 24 },
    { date: '2023-09-01', hours: 16 },
  ],
  exams: [{ year: 2023, passed: true }],
};

describe('inspector eligibility', () => {
  it('is eligible when every rule holds', () => {
    const r = evaluateEligibility(good, '2023-10-01', rules);
    expect(r).toMatchObject({ eligible: true, failures: [], trainingHours: 40, status: 'active' });
  });

  it('checks the certificate on both ends, inclusive', () => {
    expect(evaluateEligibility(good, '2026-12-31', { ...rules, minTrainingHours: 0 }).failures).toEqual([]);
    expect(evaluateEligibility(good, '2027-01-01', { ...rules, minTrainingHours: 0 }).failures.map((f) => f.rule)).toEqual(['CERTIFICATE_EXPIRED']);
    expect(evaluateEligibility(good, '2021-12-31', { minTrainingHours: 0, examRequired: false }).failures.map((f) => f.rule)).toEqual(['CERTIFICATE_NOT_YET_VALID']);
  });

  it('uses the status in force on the date', () => {
    const suspended = {
      ...good,
      statusChanges: [
        { status: 'suspended' as const, effectiveDate: '2023-06-01', reason: '涉嫌违纪' },
        { status: 'active' as const, effectiveDate: '2023-08-01', reason: '恢复' },
      ],
    };
    expect(evaluateEligibility(suspended, '2023-07-01', rules).failures.map((f) => f.rule)).toContain('STATUS_NOT_ACTIVE');
    expect(evaluateEligibility(suspended, '2023-05-31', { ...rules, minTrainingHours: 24 }).eligible).toBe(true);
    expect(evaluateEligibility(suspended, '2023-10-01', rules).eligible).toBe(true);
  });

  it('counts training hours in the year before the date only', () => {
    const r = evaluateEligibility(good, '2024-03-01', rules); // 2023-03-01 falls out of (2023-03-01, 2024-03-01]
    expect(r.trainingHours).toBe(16);
    expect(r.failures.map((f) => f.rule)).toEqual(['TRAINING_HOURS_INSUFFICIENT']);
    expect(evaluateEligibility(good, '2024-02-29', rules).trainingHours).toBe(40);
  });

  it('adds tenths exactly', () => {
    const tenths = { ...good, trainings: Array.from({ length: 400 }, () => ({ date: '2023-05-05', hours: 0.1 })) };
    expect(evaluateEligibility(tenths, '2023-10-01', rules)).toMatchObject({ trainingHours: 40, eligible: true });
  });

  it('requires the latest exam up to the date to be passed', () => {
    const failedLater = { ...good, exams: [{ year: 2022, passed: true }, { year: 2023, passed: false }] };
    expect(evaluateEligibility(failedLater, '2023-10-01', rules).failures.map((f) => f.rule)).toEqual(['EXAM_NOT_PASSED']);
    expect(evaluateEligibility({ ...good, exams: [] }, '2023-10-01', rules).failures.map((f) => f.rule)).toEqual(['EXAM_MISSING']);
    expect(evaluateEligibility({ ...good, exams: [] }, '2023-10-01', { ...rules, examRequired: false }).eligible).toBe(true);
    // An exam of a later year does not count for an earlier date.
    expect(evaluateEligibility({ ...good, exams: [{ year: 2024, passed: true }] }, '2023-10-01', rules).failures.map((f) => f.rule)).toEqual(['EXAM_MISSING']);
  });

  it('reports every failed rule at once', () => {
    const bad = { ...good, trainings: [], exams: [{ year: 2023, passed: false }], statusChanges: [{ status: 'revoked' as const, effectiveDate: '2023-01-01', reason: '调离' }] };
    expect(evaluateEligibility(bad, '2027-06-01', rules).failures.map((f) => f.rule)).toEqual(['CERTIFICATE_EXPIRED', 'STATUS_NOT_ACTIVE', 'TRAINING_HOURS_INSUFFICIENT', 'EXAM_NOT_PASSED']);
  });

  it('computes the window start across leap days', () => {
    expect(trainingWindowStart('2024-02-29')).toBe('2023-03-01');
    expect(trainingWindowStart('2024-03-01')).toBe('2023-03-02');
    expect(trainingWindowStart('2023-01-01')).toBe('2022-01-02');
  });
});
