import { documentDateProblem, DocumentDates, documentStatus } from './normative-document-rules';

const base: DocumentDates = { issuedOn: '2026-03-10', effectiveFrom: '2026-04-10', expiresOn: '2031-04-09', publishedOn: '2026-03-12' };
const pass = { decision: 'pass' as const, reviewedOn: '2026-03-02' };
const TODAY = '2026-10-09';

describe('documentDateProblem', () => {
  it.each([
    ['valid', base, pass, null],
    ['review returned', base, { ...pass, decision: 'return' as const }, 'legalReviewId'],
    ['review after issue', base, { ...pass, reviewedOn: '2026-03-11' }, 'legalReviewId'],
    ['review on the issue day', base, { ...pass, reviewedOn: '2026-03-10' }, null],
    ['issued in the future', { ...base, issuedOn: '2026-10-10', effectiveFrom: '2026-11-01', publishedOn: null }, pass, 'issuedOn'],
    ['effective before issue', { ...base, effectiveFrom: '2026-03-09' }, pass, 'effectiveFrom'],
    ['expires before effect', { ...base, expiresOn: '2026-04-09' }, pass, 'expiresOn'],
    ['no expiry', { ...base, expiresOn: null }, pass, null],
    ['published before issue', { ...base, publishedOn: '2026-03-09' }, pass, 'publishedOn'],
    ['published after effect', { ...base, publishedOn: '2026-04-11' }, pass, 'publishedOn'],
    ['published on the day of effect', { ...base, publishedOn: '2026-04-10' }, pass, null],
    ['unpublished', { ...base, publishedOn: null }, pass, null],
  ])('%s', (_name, dates, review, field) => expect(documentDateProblem(dates, review, TODAY)?.field ?? null).toBe(field));
});

describe('documentStatus', () => {
  it.each([
    [{ ...base, publishedOn: null }, 'unpublished'],
    [{ ...base, effectiveFrom: '2026-11-01' }, 'pending'],
    [base, 'in_force'],
    [{ ...base, expiresOn: '2026-10-08' }, 'expired'],
    [{ ...base, expiresOn: '2026-10-09' }, 'in_force'],
  ])('%# %o', (dates, status) => expect(documentStatus(dates as DocumentDates, TODAY)).toBe(status));
});
