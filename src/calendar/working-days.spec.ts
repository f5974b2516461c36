import * as fs from 'node:fs';
import * as path from 'node:path';
import { CalendarData, CalendarNotCoveredError, WorkingCalendar, loadDefaultCalendar, parseCalendar } from './working-days';

// The bundled copy of ../shared/data/cn-working-calendar.json. Every expectation below was worked out by hand
// from that file (State Council notices 2023–2026) and a wall calendar, not by running this code.
const raw: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, 'data', 'cn-working-calendar.json'), 'utf8'));
const data = parseCalendar(raw);
const cal = new WorkingCalendar(data);

function notCovered(fn: () => unknown, year: number): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CalendarNotCoveredError);
  expect(caught).toBeInstanceOf(Error);
  expect((caught as CalendarNotCoveredError).year).toBe(year);
  expect((caught as Error).message).toContain(String(year));
}

describe('parseCalendar', () => {
  it('flattens the real file and derives the covered years from its keys', () => {
    expect(data.coveredYears).toEqual([2023, 2024, 2025, 2026]);
    expect(data.holidays).toEqual(expect.arrayContaining(['2022-12-31', '2024-10-01', '2024-10-07', '2026-02-23']));
    expect(data.makeupWorkdays).toEqual(expect.arrayContaining(['2024-09-29', '2024-10-12', '2026-01-04']));
  });

  it.each([
    [null, /"years" object/],
    [[], /"years" object/],
    [{ years: [] }, /"years" object/],
    [{ years: {} }, /"years" is empty/],
    [{ years: { '24': { holidays: [], makeupWorkdays: [] } } }, /four digits/],
    [{ years: { 2024: { holidays: [] } } }, /years\["2024"\]: expected "holidays" and "makeupWorkdays" arrays/],
    [{ years: { 2024: { holidays: [{ name: '国庆节' }], makeupWorkdays: [] } } }, /years\["2024"\]\.holidays\[0\]\.date: expected/],
    [{ years: { 2024: { holidays: ['2024-10-01'], makeupWorkdays: [] } } }, /holidays\[0\]\.date/],
    [{ years: { 2024: { holidays: [{ date: '2024-02-30' }], makeupWorkdays: [] } } }, /holidays\[0\]\.date: Invalid date 2024-02-30/],
    [{ years: { 2024: { holidays: [], makeupWorkdays: ['2024-9-29'] } } }, /makeupWorkdays\[0\]: Invalid date/],
    [{ years: { 2024: { holidays: [], makeupWorkdays: ['2026-10-10'] } } }, /makeupWorkdays\[0\]: 2026-10-10 is outside/],
  ])('rejects a malformed file %j', (json, message) => {
    expect(() => parseCalendar(json)).toThrow(message);
  });
});

describe('WorkingCalendar.isWorkingDay', () => {
  it('National Day 2024: Oct 1–7 off, Sun Sep 29 and Sat Oct 12 worked', () => {
    for (const d of ['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-05', '2024-10-06', '2024-10-07']) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2024-09-29')).toBe(true);
    expect(cal.isWorkingDay('2024-10-12')).toBe(true);
    expect(cal.isWorkingDay('2024-09-28')).toBe(false); // plain Saturday
    expect(cal.isWorkingDay('2024-09-30')).toBe(true);
    expect(cal.isWorkingDay('2024-10-08')).toBe(true);
    expect(cal.isWorkingDay('2024-10-13')).toBe(false); // plain Sunday
  });

  it('Spring Festival 2024: Feb 10–17 off, Sun Feb 4 and Sun Feb 18 worked, 除夕 Fri Feb 9 worked', () => {
    expect(cal.isWorkingDay('2024-02-04')).toBe(true);
    expect(cal.isWorkingDay('2024-02-18')).toBe(true);
    expect(cal.isWorkingDay('2024-02-09')).toBe(true);
    for (const d of ['2024-02-10', '2024-02-12', '2024-02-16', '2024-02-17']) expect(cal.isWorkingDay(d)).toBe(false);
  });

  it('accepts a leap day and treats ordinary weekdays and weekends normally', () => {
    expect(cal.isWorkingDay('2024-02-29')).toBe(true);
    expect(cal.isWorkingDay('2024-03-04')).toBe(true);
    expect(cal.isWorkingDay('2024-03-02')).toBe(false);
  });
});

describe('WorkingCalendar.addWorkingDays', () => {
  it('20 working days after Fri 2024-09-27 across National Day is 2024-10-30', () => {
    // 9/29, 9/30, 10/8–11, 10/12 (Sat, make-up), 10/14–18, 10/21–25, 10/28–30
    expect(cal.addWorkingDays('2024-09-27', 20)).toBe('2024-10-30');
  });

  it('lands on make-up days and skips the holiday block', () => {
    expect(cal.addWorkingDays('2024-09-28', 1)).toBe('2024-09-29');
    expect(cal.addWorkingDays('2024-09-30', 1)).toBe('2024-10-08');
    expect(cal.addWorkingDays('2024-10-03', 1)).toBe('2024-10-08'); // starting on a holiday
    expect(cal.addWorkingDays('2024-02-02', 1)).toBe('2024-02-04');
    expect(cal.addWorkingDays('2024-02-08', 2)).toBe('2024-02-18');
    expect(cal.addWorkingDays('2023-09-28', 1)).toBe('2023-10-07');
  });

  it('never counts the start date itself, even when it is a working day', () => {
    expect(cal.addWorkingDays('2024-10-12', 1)).toBe('2024-10-14');
  });

  it('returns the date itself for 0, even on a holiday', () => {
    expect(cal.addWorkingDays('2024-10-01', 0)).toBe('2024-10-01');
    expect(cal.addWorkingDays('2026-12-31', 0)).toBe('2026-12-31');
  });

  it('crosses the 2025→2026 year end (Jan 1–3 off, Sun Jan 4 worked)', () => {
    expect(cal.addWorkingDays('2025-12-31', 1)).toBe('2026-01-04');
    expect(cal.addWorkingDays('2025-12-30', 3)).toBe('2026-01-05');
    // 12/23–26, 12/29–31, 1/4, 1/5–9, 1/12–16, 1/19–20
    expect(cal.addWorkingDays('2025-12-22', 20)).toBe('2026-01-20');
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects n = %p', (n) => {
    expect(() => cal.addWorkingDays('2024-03-01', n)).toThrow(/non-negative integer/);
  });
});

describe('WorkingCalendar.workingDaysBetween', () => {
  it('counts from < d ≤ to with holidays and make-up days', () => {
    expect(cal.workingDaysBetween('2024-09-27', '2024-10-30')).toBe(20);
    expect(cal.workingDaysBetween('2024-09-30', '2024-10-08')).toBe(1);
    expect(cal.workingDaysBetween('2024-09-28', '2024-10-12')).toBe(7);
    expect(cal.workingDaysBetween('2024-02-01', '2024-02-29')).toBe(17);
    expect(cal.workingDaysBetween('2025-12-25', '2026-01-09')).toBe(10);
  });

  it('is 0 when to ≤ from', () => {
    expect(cal.workingDaysBetween('2024-10-30', '2024-10-30')).toBe(0);
    expect(cal.workingDaysBetween('2024-10-30', '2024-09-27')).toBe(0);
  });

  it('agrees with addWorkingDays', () => {
    for (const n of [0, 1, 5, 20, 60]) expect(cal.workingDaysBetween('2025-09-15', cal.addWorkingDays('2025-09-15', n))).toBe(n);
  });
});

describe('coverage', () => {
  it('throws CalendarNotCoveredError for 2022 and 2027, even for 2022-12-31 which the 2023 notice lists', () => {
    notCovered(() => cal.isWorkingDay('2022-12-31'), 2022);
    notCovered(() => cal.isWorkingDay('2027-01-04'), 2027);
    notCovered(() => cal.addWorkingDays('2022-12-30', 1), 2022);
    notCovered(() => cal.workingDaysBetween('2022-12-30', '2023-01-05'), 2022);
    notCovered(() => cal.workingDaysBetween('2026-12-01', '2027-01-05'), 2027);
  });

  it('throws when a deadline runs past the data, but not when it stays inside', () => {
    expect(cal.addWorkingDays('2026-12-28', 3)).toBe('2026-12-31');
    notCovered(() => cal.addWorkingDays('2026-12-28', 4), 2027);
  });

  it('throws on a gap between covered years', () => {
    const gappy = new WorkingCalendar({ ...data, coveredYears: [2023, 2025] });
    notCovered(() => gappy.addWorkingDays('2023-12-29', 1), 2024);
  });
});

describe('invalid dates', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-1-5', '2024-13-01', '2024-00-10', '', ' 2024-01-05', '2024-01-05T00:00:00Z', '2024/01/05'])('rejects %j', (d) => {
    expect(() => cal.isWorkingDay(d)).toThrow(/Invalid date/);
    expect(() => cal.addWorkingDays(d, 1)).toThrow(/Invalid date/);
    expect(() => cal.workingDaysBetween(d, '2024-03-01')).toThrow(/Invalid date/);
    expect(() => cal.workingDaysBetween('2024-03-01', d)).toThrow(/Invalid date/);
  });
});

describe('extensions', () => {
  it('an extra holiday shifts deadlines; the base calendar is unchanged', () => {
    const ext = new WorkingCalendar(data, { extraHolidays: ['2024-03-04'] });
    expect(ext.isWorkingDay('2024-03-04')).toBe(false);
    expect(ext.addWorkingDays('2024-03-01', 1)).toBe('2024-03-05');
    expect(cal.addWorkingDays('2024-03-01', 1)).toBe('2024-03-04');
  });

  it('an extra make-up Saturday becomes a working day', () => {
    const ext = new WorkingCalendar(data, { extraMakeupWorkdays: ['2024-03-02'] });
    expect(ext.isWorkingDay('2024-03-02')).toBe(true);
    expect(ext.addWorkingDays('2024-03-01', 1)).toBe('2024-03-02');
  });

  it('a new year can be added with its notice', () => {
    const ext = new WorkingCalendar(data, { extraCoveredYears: [2027], extraHolidays: ['2027-01-01'] });
    expect(ext.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04'); // Fri 1/1 off, then the weekend
  });

  it('refuses contradictory or impossible additions', () => {
    expect(() => new WorkingCalendar(data, { extraHolidays: ['2024-09-29'] })).toThrow(/both as a holiday and as a make-up/);
    expect(() => new WorkingCalendar(data, { extraMakeupWorkdays: ['2024-10-05'] })).toThrow(/both as a holiday and as a make-up/);
    expect(() => new WorkingCalendar(data, { extraMakeupWorkdays: ['2024-03-04'] })).toThrow(/not a Saturday or Sunday/);
    expect(() => new WorkingCalendar(data, { extraHolidays: ['2024-02-30'] })).toThrow(/Invalid date/);
    expect(() => new WorkingCalendar(data, { extraCoveredYears: [2027.5] })).toThrow(/not an integer/);
  });

  it('accepts hand-built CalendarData', () => {
    const tiny: CalendarData = { holidays: ['2024-10-01'], makeupWorkdays: [], coveredYears: [2024] };
    expect(new WorkingCalendar(tiny).addWorkingDays('2024-09-30', 1)).toBe('2024-10-02');
  });
});

describe('loadDefaultCalendar', () => {
  it('loads the bundled data once and shares it', () => {
    const def = loadDefaultCalendar();
    expect(loadDefaultCalendar()).toBe(def);
    expect(def.isWorkingDay('2024-10-12')).toBe(true);
    expect(def.addWorkingDays('2024-09-27', 20)).toBe('2024-10-30');
  });
});
