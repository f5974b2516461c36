import { loadStatutoryData, parseStatutoryData, statutoryHolidays } from './statutory-holidays';
import { WorkingCalendar } from './working-days';

// The shipped table (from Calendrical Calculations, see the JSON's description) is checked here against two
// independent computations: ICU's Chinese calendar (Intl, for the lunar dates) and the Sun's apparent
// longitude (Meeus, Astronomical Algorithms ch. 25, for 清明).
const table = loadStatutoryData();
const years = [...table.keys()];

const chinese = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' });
/** The Chinese-calendar month-day ("1-1", "闰2-3") of a Gregorian date, at noon Beijing time. */
const lunar = (date: string): string => chinese.format(new Date(`${date}T04:00:00Z`));
const shift = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Years where ICU's Chinese calendar puts 正月初一 a day off: the new moon falls within minutes of Beijing midnight
 * (2027-02-06 ~23:56, 2030-02-03 ~00:07) and ICU's low-precision lunar theory lands on the other side. Calendrical
 * Calculations and the Hong Kong Observatory's tables give the table's dates.
 */
const ICU_NEW_YEAR_OFF_BY_ONE: Record<number, number> = { 2027: +1, 2030: -1 };

/** Apparent solar longitude in degrees at an instant (UTC ms), low precision (≈0.01°, a quarter of an hour). */
function solarLongitude(ms: number): number {
  const rad = Math.PI / 180;
  const jde = (ms + 69_000) / 86_400_000 + 2_440_587.5; // ΔT ≈ 69 s
  const t = (jde - 2_451_545) / 36_525;
  const l0 = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t;
  const m = (357.52911 + 35_999.05029 * t - 0.0001537 * t * t) * rad;
  const c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(m) + (0.019993 - 0.000101 * t) * Math.sin(2 * m) + 0.000289 * Math.sin(3 * m);
  const omega = (125.04 - 1934.136 * t) * rad;
  return ((((l0 + c - 0.00569 - 0.00478 * Math.sin(omega)) % 360) + 360) % 360);
}

/** The instant (UTC ms) the Sun reaches 15° (清明), by bisection over early April. */
function qingmingInstant(year: number): number {
  let [a, b] = [Date.UTC(year, 3, 1), Date.UTC(year, 3, 8)];
  while (b - a > 1000) {
    const mid = (a + b) / 2;
    if (solarLongitude(mid) < 15) a = mid;
    else b = mid;
  }
  return a;
}

describe('the shipped lunar/solar-term table', () => {
  it('covers 2027–2035', () => {
    expect(years).toEqual([2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035]);
  });

  it.each(years)('%i: 端午 and 中秋 agree with ICU', (year) => {
    const d = table.get(year)!;
    expect(lunar(d.dragonBoat)).toBe('5-5');
    expect(lunar(d.midAutumn)).toBe('8-15');
  });

  it.each(years)('%i: 春节 agrees with ICU (or with its known one-day slip) and 除夕 is the last day of the 12th month', (year) => {
    const d = table.get(year)!;
    // A newer ICU (Node 24) may have fixed the slip: then it agrees exactly, which is accepted too.
    const slip = lunar(d.springFestival) === '1-1' ? 0 : (ICU_NEW_YEAR_OFF_BY_ONE[year] ?? 0);
    expect(lunar(shift(d.springFestival, slip))).toBe('1-1');
    // The day before ICU's 初一 is in its 12th month (腊月): 除夕 is always the day before 初一.
    expect(lunar(shift(d.springFestival, slip - 1))).toMatch(/^12-(29|30)$/);
  });

  it('the slips are exactly where the new moon is within a few minutes of Beijing midnight', () => {
    // Outside these years ICU and the table agree (checked above); the exception list cannot grow silently.
    expect(Object.keys(ICU_NEW_YEAR_OFF_BY_ONE).map(Number)).toEqual([2027, 2030]);
    expect(table.get(2027)!.springFestival).toBe('2027-02-06');
    expect(table.get(2030)!.springFestival).toBe('2030-02-03');
  });

  it.each(years)('%i: 清明 is the Beijing day the Sun reaches 15°, well clear of midnight', (year) => {
    const at = qingmingInstant(year) + 8 * 3_600_000;
    expect(new Date(at).toISOString().slice(0, 10)).toBe(table.get(year)!.qingming);
    const minutesIntoDay = (at % 86_400_000) / 60_000;
    expect(Math.min(minutesIntoDay, 1440 - minutesIntoDay)).toBeGreaterThan(45);
  });

  it('the solar computation reproduces the 清明 of the bundled notices (2023–2026)', () => {
    const day = (y: number) => new Date(qingmingInstant(y) + 8 * 3_600_000).toISOString().slice(0, 10);
    expect([2023, 2024, 2025, 2026].map(day)).toEqual(['2023-04-05', '2024-04-04', '2025-04-04', '2026-04-05']);
  });
});

describe('statutoryHolidays', () => {
  it('2027: the 13 days of the 2024 amendment on their dates', () => {
    expect(statutoryHolidays(2027, table.get(2027)!).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节（除夕）',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
  });

  it('refuses malformed data', () => {
    expect(() => parseStatutoryData({})).toThrow(/"years" object/);
    expect(() => parseStatutoryData({ years: { 27: {} } })).toThrow(/four digits/);
    expect(() => parseStatutoryData({ years: { 2027: { springFestival: '2027-02-06', qingming: '2027-04-05', dragonBoat: '2027-06-09' } } })).toThrow(/midAutumn/);
    expect(() => parseStatutoryData({ years: { 2027: { springFestival: '2028-02-06', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' } } })).toThrow(/springFestival/);
    expect(() => parseStatutoryData({ years: { 2027: { springFestival: '2027-02-30', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' } } })).toThrow(/springFestival/);
  });
});

describe('WorkingCalendar with the statutory fallback', () => {
  // 2026 from its notice (hand-built: only what these cases touch), 2027 provisional.
  const notice2026 = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], makeupWorkdays: ['2026-10-10'], coveredYears: [2026] };
  const fallback = { years: [2026, 2027], holidays: [...statutoryHolidays(2026, { springFestival: '2026-02-17', qingming: '2026-04-05', dragonBoat: '2026-06-19', midAutumn: '2026-09-25' }), ...statutoryHolidays(2027, table.get(2027)!)].map((h) => h.date) };
  const cal = new WorkingCalendar(notice2026, {}, fallback);

  it('counts a year without a notice with its statutory holidays, weekends off and no make-up days', () => {
    // Thu 2026-12-31 → Fri 1/1 元旦, weekend, Mon 1/4.
    expect(cal.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
    // 除夕 Fri 2/5, 初一 Sat 2/6, 初二 Sun 2/7, 初三 Mon 2/8: off; Tue 2/9 is the next working day. No 调休 Saturday.
    expect(cal.addWorkingDays('2027-02-04', 1)).toBe('2027-02-09');
    expect(cal.isWorkingDay('2027-02-13')).toBe(false);
    // 国庆 Fri 1 – Sun 3 Oct only: Mon 4 Oct is a working day.
    expect(cal.isWorkingDay('2027-10-04')).toBe(true);
    expect(cal.isProvisionalYear(2027)).toBe(true);
  });

  it('a notice wins over the fallback for its year', () => {
    expect(cal.isProvisionalYear(2026)).toBe(false);
    expect(cal.isWorkingDay('2026-10-05')).toBe(false); // the notice's bridge day, not a statutory holiday
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // the notice's make-up Saturday
  });

  it('names the provisional years among the days counted', () => {
    expect(cal.provisionalYearsBetween('2026-12-20', '2027-01-19')).toEqual([2027]);
    expect(cal.provisionalYearsBetween('2026-12-01', '2026-12-31')).toEqual([]);
    // The start date itself is not counted: from 2026-12-31 on, every counted day is in 2027.
    expect(cal.provisionalYearsBetween('2026-12-31', '2026-12-31')).toEqual([]);
    expect(cal.provisionalYearsBetween('2027-03-01', '2027-03-20')).toEqual([2027]);
  });

  it('still refuses a year with neither a notice nor statutory data', () => {
    expect(() => cal.addWorkingDays('2027-12-20', 10)).toThrow(/2028/);
    expect(() => cal.isWorkingDay('2025-06-03')).toThrow(/2025/);
  });
});
