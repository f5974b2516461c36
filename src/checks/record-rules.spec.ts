import { checkDateViolation, issuedOnViolation, RecordContent, submissionViolations, SubmissionContext } from './record-rules';
import { checkResultCodes } from './result-codes';

const ctx: SubmissionContext = {
  team: [
    { inspectorId: 'i1', certificateNumber: 'C1' },
    { inspectorId: 'i2', certificateNumber: 'C2' },
  ],
  itemVersionIds: ['v1'],
  windowStart: '2024-04-01',
  windowEnd: '2024-06-30',
  drawDate: '2024-03-15',
  today: '2024-05-20',
  minInspectors: 2,
};
const complete: RecordContent = {
  checkDate: '2024-05-10',
  place: '天津市滨海新区某路1号',
  inspectorsPresent: [
    { inspectorId: 'i1', certificateShown: true },
    { inspectorId: 'i2', certificateShown: true },
  ],
  representative: { name: '王五', role: '质量负责人' },
  findings: [{ itemVersionId: 'v1', compliant: true, description: null, legalClause: null }],
  resultCodes: ['NO_PROBLEM'],
};
const codes = (r: Partial<RecordContent>) => submissionViolations({ ...complete, ...r }, ctx).map((v) => v.code);

describe('check record rules', () => {
  it('accepts a complete record', () => {
    expect(submissionViolations(complete, ctx)).toEqual([]);
  });

  it('needs two inspectors of the team present, each having shown the certificate', () => {
    expect(codes({ inspectorsPresent: [{ inspectorId: 'i1', certificateShown: true }] })).toEqual(['TOO_FEW_INSPECTORS']);
    expect(codes({ inspectorsPresent: [{ inspectorId: 'i1', certificateShown: true }, { inspectorId: 'x9', certificateShown: true }] })).toEqual(['INSPECTOR_NOT_ON_TEAM']);
    expect(codes({ inspectorsPresent: [{ inspectorId: 'i1', certificateShown: true }, { inspectorId: 'i1', certificateShown: true }] })).toEqual(['INSPECTOR_DUPLICATE', 'TOO_FEW_INSPECTORS']);
    expect(codes({ inspectorsPresent: [{ inspectorId: 'i1', certificateShown: true }, { inspectorId: 'i2', certificateShown: false }] })).toEqual(['CERTIFICATE_NOT_SHOWN']);
  });

  it.each([
    // checkDate, drawDate, today, expected (window 2024-04-01 … 2024-06-30)
    ['2024-05-10', '2024-03-15', '2024-05-20', null],
    ['2024-04-01', '2024-03-15', '2024-05-20', null], // first day of the window
    ['2024-05-20', '2024-05-20', '2024-05-20', null], // drawn and checked today
    ['2024-05-21', '2024-03-15', '2024-05-20', 'CHECK_DATE_IN_FUTURE'],
    ['2024-04-10', '2024-04-11', '2024-05-20', 'CHECK_DATE_BEFORE_DRAW'],
    ['2023-05-10', '2026-01-05', '2026-12-20', 'CHECK_DATE_BEFORE_DRAW'], // the 2023 check on a 2026 draw
    ['2024-03-31', '2024-03-15', '2024-05-20', 'CHECK_DATE_OUTSIDE_WINDOW'],
    ['2024-07-01', '2024-03-15', '2024-08-01', 'CHECK_DATE_OUTSIDE_WINDOW'],
    ['2024-07-01', '2024-03-15', '2024-05-20', 'CHECK_DATE_IN_FUTURE'], // future wins over outside the window
  ])('check date %s (draw %s, today %s) → %s', (checkDate, drawDate, today, expected) => {
    const v = checkDateViolation(checkDate, { drawDate, today, windowStart: '2024-04-01', windowEnd: '2024-06-30' });
    expect(v?.code ?? null).toBe(expected);
    if (v) expect(v).toMatchObject({ field: 'checkDate', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it.each([
    ['2024-05-10', '2024-05-10', null],
    ['2024-05-11', '2024-05-10', null],
    ['2024-05-09', '2024-05-10', 'ISSUED_BEFORE_CHECK'],
    ['2024-05-09', null, 'CHECK_DATE_REQUIRED'],
  ])('rectification issued %s on a check of %s → %s', (issuedOn, checkDate, expected) => {
    const v = issuedOnViolation(issuedOn, checkDate);
    expect(v?.code ?? null).toBe(expected);
    if (v) expect(v.field).toBe('issuedOn');
  });

  it('keeps the check date inside the window and not in the future', () => {
    expect(codes({ checkDate: '2024-05-21' })).toEqual(['CHECK_DATE_IN_FUTURE']);
    expect(codes({ checkDate: '2024-03-31' })).toEqual(['CHECK_DATE_OUTSIDE_WINDOW']);
    expect(codes({ checkDate: null })).toEqual(['CHECK_DATE_REQUIRED']);
  });

  it('wants a finding per item, problems described with their clause', () => {
    expect(codes({ findings: [] })).toEqual(['FINDING_MISSING']);
    expect(codes({ findings: [{ itemVersionId: 'v1', compliant: false, description: '', legalClause: null }], resultCodes: ['PROBLEM_PENDING'] })).toEqual(['PROBLEM_DESCRIPTION_REQUIRED', 'PROBLEM_CLAUSE_REQUIRED']);
  });

  it('refuses invalid result-code combinations', () => {
    expect(checkResultCodes(['NO_PROBLEM', 'NOT_DISCLOSED'], false)?.code).toBe('RESULT_CODES_CONTRADICT');
    expect(checkResultCodes(['NO_PROBLEM'], true)?.code).toBe('RESULT_CONTRADICTS_FINDINGS');
    expect(checkResultCodes([], false)?.code).toBe('RESULT_CODES_EMPTY');
    expect(checkResultCodes(['NOPE'], false)?.code).toBe('RESULT_CODE_UNKNOWN');
    expect(checkResultCodes(['PROBLEM_PENDING', 'PROBLEM_PENDING'], true)?.code).toBe('RESULT_CODE_DUPLICATE');
    expect(checkResultCodes(['NO_PROBLEM', 'NO_RELEVANT_ACTIVITY'], false)).toBeNull();
    expect(checkResultCodes(['RECTIFIED_AFTER_ORDER', 'OTHER_DEPARTMENT_VIOLATION'], true)).toBeNull();
  });
});

describe('certificates on the check date', () => {
  it('refuses an inspector whose certificate was not valid or who was suspended that day', () => {
    expect(submissionViolations(complete, { ...ctx, notCertifiedOnCheckDate: ['i2'] }).map((v) => [v.field, v.code])).toEqual([['inspectorsPresent[1].inspectorId', 'CERTIFICATE_NOT_VALID']]);
  });
});
