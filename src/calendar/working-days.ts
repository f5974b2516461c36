import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Flattened calendar data: every listed holiday and make-up working day, and the years whose notice is loaded. */
export interface CalendarData {
  holidays: string[];
  makeupWorkdays: string[];
  coveredYears: number[];
}

/** Administrator additions on top of the published data (e.g. the next year's notice, a local closure). */
export interface CalendarExtensions {
  extraHolidays?: string[];
  extraMakeupWorkdays?: string[];
  extraCoveredYears?: number[];
}

/**
 * Years without a notice, computed with the statutory holidays alone (statutory-holidays.ts): deadlines that count
 * a day of such a year are provisional until the notice is entered.
 */
export interface ProvisionalYears {
  years: number[];
  holidays: string[];
}

/** A date in a year with neither a notice nor statutory data: refusing beats silently guessing a legal deadline. */
export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number) {
    super(`The working-day calendar has no holiday data for ${year}; add that year's State Council notice first`);
    this.name = 'CalendarNotCoveredError';
  }
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a strict 'YYYY-MM-DD'. Pure UTC arithmetic: these are calendar dates, not instants. */
function toDay(date: string): number {
  const m = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!m) throw new Error(`Invalid date ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March 1st; the round trip catches that.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new Error(`Invalid date ${date}: no such calendar day`);
  return ms / MS_PER_DAY;
}

const toIso = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const yearOf = (day: number): number => new Date(day * MS_PER_DAY).getUTCFullYear();
const isWeekend = (day: number): boolean => [0, 6].includes(new Date(day * MS_PER_DAY).getUTCDay());
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the shape of cn-working-calendar.json: { years: { "2024": { holidays: [{ date, name }], makeupWorkdays: [date] } } }. */
export function parseCalendar(json: unknown): CalendarData {
  const years = isRecord(json) ? json.years : undefined;
  if (!isRecord(years)) throw new Error('Calendar data: expected an object with a "years" object');
  const out: CalendarData = { holidays: [], makeupWorkdays: [], coveredYears: [] };
  for (const [key, block] of Object.entries(years)) {
    const where = `Calendar data years["${key}"]`;
    if (!/^\d{4}$/.test(key)) throw new Error(`${where}: year key must be four digits`);
    if (!isRecord(block) || !Array.isArray(block.holidays) || !Array.isArray(block.makeupWorkdays)) throw new Error(`${where}: expected "holidays" and "makeupWorkdays" arrays`);
    const year = Number(key);
    // A notice may reach into the previous December (元旦 2023 starts 2022-12-31), never further.
    const checkDate = (date: unknown, at: string): string => {
      if (typeof date !== 'string') throw new Error(`${where}.${at}: expected a "YYYY-MM-DD" string`);
      let y: number;
      try {
        y = yearOf(toDay(date));
      } catch (e) {
        throw new Error(`${where}.${at}: ${(e as Error).message}`);
      }
      if (y !== year && y !== year - 1) throw new Error(`${where}.${at}: ${date} is outside the notice's year`);
      return date;
    };
    (block.holidays as unknown[]).forEach((h, i) => out.holidays.push(checkDate(isRecord(h) ? h.date : undefined, `holidays[${i}].date`)));
    (block.makeupWorkdays as unknown[]).forEach((d, i) => out.makeupWorkdays.push(checkDate(d, `makeupWorkdays[${i}]`)));
    out.coveredYears.push(year);
  }
  if (out.coveredYears.length === 0) throw new Error('Calendar data: "years" is empty');
  out.coveredYears.sort((a, b) => a - b);
  return out;
}

/** Chinese working days: Mon–Fri unless a holiday; Sat/Sun only when a 调休 make-up working day. */
export class WorkingCalendar {
  private readonly holidays = new Set<number>();
  private readonly makeups = new Set<number>();
  private readonly years: ReadonlySet<number>;
  private readonly provisional: ReadonlySet<number>;
  private readonly statutory = new Set<number>();

  constructor(data: CalendarData, extensions: CalendarExtensions = {}, provisional: ProvisionalYears = { years: [], holidays: [] }) {
    for (const d of [...data.holidays, ...(extensions.extraHolidays ?? [])]) this.holidays.add(toDay(d));
    for (const d of [...data.makeupWorkdays, ...(extensions.extraMakeupWorkdays ?? [])]) {
      const day = toDay(d);
      // Both mistakes would silently shift deadlines, so refuse them instead of picking a winner.
      if (!isWeekend(day)) throw new Error(`Make-up working day ${d} is not a Saturday or Sunday`);
      if (this.holidays.has(day)) throw new Error(`${d} is listed both as a holiday and as a make-up working day`);
      this.makeups.add(day);
    }
    const years = [...data.coveredYears, ...(extensions.extraCoveredYears ?? [])];
    const bad = years.find((y) => !Number.isInteger(y));
    if (bad !== undefined) throw new Error(`Covered year ${bad} is not an integer`);
    this.years = new Set(years);
    // A notice, once in, always wins over the statutory fallback for its year.
    this.provisional = new Set(provisional.years.filter((y) => !this.years.has(y)));
    for (const d of provisional.holidays) this.statutory.add(toDay(d));
  }

  /** The year's notice is in (bundled or entered by an administrator). */
  hasNotice(year: number): boolean {
    return this.years.has(year);
  }

  /** The year is computed with the statutory holidays only (its notice is not in). */
  isProvisionalYear(year: number): boolean {
    return this.provisional.has(year);
  }

  /** The provisional years among the days counted from `from` (exclusive) to `to`: empty when the count is final. */
  provisionalYearsBetween(from: string, to: string): number[] {
    const a = toDay(from) + 1;
    const b = toDay(to);
    const out: number[] = [];
    if (b < a) return out;
    for (let y = yearOf(a); y <= yearOf(b); y += 1) if (this.provisional.has(y)) out.push(y);
    return out;
  }

  isWorkingDay(date: string): boolean {
    return this.working(this.covered(toDay(date)));
  }

  /** The n-th working day after `date` (`date` itself never counts): "within n working days after X" ends on it. */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Working-day count must be a non-negative integer, got ${n}`);
    let day = this.covered(toDay(date));
    for (let left = n; left > 0; ) {
      day += 1;
      if (this.working(this.covered(day))) left -= 1;
    }
    return toIso(day);
  }

  /** Number of working days d with from < d ≤ to; 0 when to ≤ from. */
  workingDaysBetween(from: string, to: string): number {
    const a = this.covered(toDay(from));
    const b = this.covered(toDay(to));
    let count = 0;
    // Every day is checked, so a gap in covered years between from and to also throws.
    for (let d = a + 1; d <= b; d += 1) if (this.working(this.covered(d))) count += 1;
    return count;
  }

  private covered(day: number): number {
    const year = yearOf(day);
    if (!this.years.has(year) && !this.provisional.has(year)) throw new CalendarNotCoveredError(year);
    return day;
  }

  private working(day: number): boolean {
    if (this.provisional.size && this.provisional.has(yearOf(day))) return !this.statutory.has(day) && !isWeekend(day);
    if (this.holidays.has(day)) return false;
    return this.makeups.has(day) || !isWeekend(day);
  }
}

const DATA_FILE = 'cn-working-calendar.json';
// The build is plain `tsc`, which does not copy .json into dist/. From dist/src/calendar/ we therefore fall back
// to the source copy three levels up (dist/src/calendar -> project root -> src/calendar/data).
const DATA_CANDIDATES = [join(__dirname, 'data', DATA_FILE), join(__dirname, '..', '..', '..', 'src', 'calendar', 'data', DATA_FILE)];
let defaultCalendar: WorkingCalendar | undefined;

let defaultData: CalendarData | undefined;

/** The bundled national calendar data (the State Council's notices), read once. */
export function loadDefaultCalendarData(): CalendarData {
  if (!defaultData) {
    const file = DATA_CANDIDATES.find((p) => existsSync(p));
    if (!file) throw new Error(`Working-day calendar data not found; looked at ${DATA_CANDIDATES.join(', ')}`);
    defaultData = parseCalendar(JSON.parse(readFileSync(file, 'utf8')));
  }
  return defaultData;
}

/** The bundled national calendar; WorkingCalendar is immutable so sharing it is safe. */
export function loadDefaultCalendar(): WorkingCalendar {
  defaultCalendar ??= new WorkingCalendar(loadDefaultCalendarData());
  return defaultCalendar;
}
