import { loadDefaultCalendar } from '../calendar/working-days';
import { defaultSampling, inFirstWorkingDaysOfQuarter, ItemRuleInput, pastWindowBreach, quarterStart, samplingBreaches } from './plan-rules';

const general = (ratios = { A: 3, B: 5, C: 20, D: 100 }): ItemRuleInput => ({ code: 'G', category: 'general', defaultRatios: ratios });
const key: ItemRuleInput = { code: 'K', category: 'key', defaultRatios: { A: 0, B: 5, C: 20, D: 100 } };
const MAX = { A: 5, B: 20, C: 60, D: 100 };
const pct = (a: number, b: number, c: number, d: number) => ({ A: { ratioBasisPoints: a * 100 }, B: { ratioBasisPoints: b * 100 }, C: { ratioBasisPoints: c * 100 }, D: { ratioBasisPoints: d * 100 } });

describe('defaultSampling', () => {
  it.each([
    ['one general item: its ratios', [general()], pct(3, 5, 20, 100)],
    ['two general items: the highest per class', [general(), general({ A: 1, B: 10, C: 15, D: 50 })], pct(3, 10, 20, 100)],
    ['a key item: full coverage', [general(), key], pct(100, 100, 100, 100)],
  ])('%s', (_name, items, expected) => expect(defaultSampling(items)).toEqual(expected));
});

describe('samplingBreaches', () => {
  it.each([
    ['general within the limits', [general()], pct(5, 20, 60, 100), undefined, []],
    ['general above A and C', [general()], pct(5.01, 20, 61, 100), undefined, ['sampling.A', 'sampling.C']],
    ['key at 100% everywhere', [key], pct(100, 100, 100, 100), undefined, []],
    ['key below 100% in A', [key], pct(0, 100, 100, 100), undefined, ['sampling.A']],
    ['a count, no eligible counts yet: not judged', [general()], { ...pct(5, 5, 5, 5), B: { count: 50 } }, undefined, []],
    ['general count above the ratio of the eligible', [general()], { ...pct(5, 5, 5, 5), B: { count: 3 } }, { A: 0, B: 10, C: 0, D: 0 }, ['sampling.B']],
    ['a count above the class size is 100%, within a 100% limit', [general()], { ...pct(5, 5, 5, 100), D: { count: 100 } }, { A: 0, B: 0, C: 0, D: 12 }, []],
    ['general count within (2 of 10 = 20%)', [general()], { ...pct(5, 5, 5, 5), B: { count: 2 } }, { A: 0, B: 10, C: 0, D: 0 }, []],
    ['key count below the eligible', [key], { ...pct(100, 100, 100, 100), D: { count: 1 } }, { A: 0, B: 0, C: 0, D: 2 }, ['sampling.D']],
    ['key count reaching the eligible', [key], { ...pct(100, 100, 100, 100), D: { count: 2 } }, { A: 0, B: 0, C: 0, D: 2 }, []],
  ])('%s', (_name, items, sampling, eligible, fields) => {
    const out = samplingBreaches(items, sampling as never, MAX, eligible);
    expect(out.map((b) => b.field)).toEqual(fields);
    for (const b of out) expect(b.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('inFirstWorkingDaysOfQuarter (5 working days, the national calendar)', () => {
  const cal = loadDefaultCalendar();
  const working = (d: string) => cal.isWorkingDay(d);
  it.each([
    // 2026 Q4: 1–7 Oct 国庆 holidays, then 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, 调休 make-up day), 12, 13 Oct.
    ['2026-10-08', true],
    ['2026-10-13', true],
    ['2026-10-14', false],
    ['2026-10-03', false], // a holiday is no day to draw
    // 2026 Q2: 1 Apr Wed … 7 Apr Tue (5th working day: 1, 2, 3, 7 after 清明 4–6, then 8)
    ['2026-04-08', true],
    ['2026-04-09', false],
    ['2026-01-05', true],
    ['2026-03-02', false],
  ])('%s → %s', (date, expected) => expect(inFirstWorkingDaysOfQuarter(date, 5, working)).toBe(expected));
  it('0 days switches the rule off', () => expect(inFirstWorkingDaysOfQuarter('2026-03-02', 0, working)).toBe(true));
  it('quarterStart', () => expect(['2026-02-28', '2026-05-01', '2026-09-30', '2026-12-31'].map(quarterStart)).toEqual(['2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']));
});

describe('pastWindowBreach', () => {
  it.each([
    ['2026-10-01', '2026-12-31', '2026-12-03', null],
    ['2027-01-01', '2027-03-31', '2026-12-03', null],
    ['2026-07-01', '2026-12-31', '2026-12-03', 'windowStart'],
    ['2026-10-01', '2026-12-02', '2026-12-03', 'windowEnd'],
  ])('%s..%s on %s → %s', (start, end, today, field) => expect(pastWindowBreach(start, end, today)?.field ?? null).toBe(field));
});
