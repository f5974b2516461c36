import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The rule for a year whose State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知) is not out
 * yet: the statutory holidays of the 全国年节及纪念日放假办法 as amended by 国务院令第795号 (2024-11-10, in force
 * 2025-01-01), art. 2 — 元旦 1 day, 春节 4 (除夕, 初一–初三), 清明 1, 劳动节 2 (May 1–2), 端午 1, 中秋 1, 国庆 3
 * (Oct 1–3) — on their dates, weekends off, no bridge days and no make-up working days (only a notice sets those).
 * Deadlines computed with it are provisional until the notice is entered. docs/configuration.md.
 */
export const STATUTORY_HOLIDAY_RULE = '全国年节及纪念日放假办法（2024年修订）第二条';

/** The lunar and solar-term dates of a year, in Beijing time (data/cn-statutory-holidays.json). */
export interface LunarSolarDates {
  /** 正月初一 */
  springFestival: string;
  /** The day of the 清明 solar term */
  qingming: string;
  /** 五月初五 */
  dragonBoat: string;
  /** 八月十五 */
  midAutumn: string;
}

export interface StatutoryHoliday {
  date: string;
  name: string;
}

const DAY_MS = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const shift = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The statutory holidays of `year` (13 days; fewer distinct dates when two fall on the same day). */
export function statutoryHolidays(year: number, d: LunarSolarDates): StatutoryHoliday[] {
  const y = String(year);
  const out: StatutoryHoliday[] = [
    { date: `${y}-01-01`, name: '元旦' },
    { date: shift(d.springFestival, -1), name: '春节（除夕）' },
    { date: d.springFestival, name: '春节' },
    { date: shift(d.springFestival, 1), name: '春节' },
    { date: shift(d.springFestival, 2), name: '春节' },
    { date: d.qingming, name: '清明节' },
    { date: `${y}-05-01`, name: '劳动节' },
    { date: `${y}-05-02`, name: '劳动节' },
    { date: d.dragonBoat, name: '端午节' },
    { date: d.midAutumn, name: '中秋节' },
    { date: `${y}-10-01`, name: '国庆节' },
    { date: `${y}-10-02`, name: '国庆节' },
    { date: `${y}-10-03`, name: '国庆节' },
  ];
  for (const h of out) if (!h.date.startsWith(`${y}-`)) throw new Error(`Statutory holiday ${h.name} of ${year} falls on ${h.date}, outside the year`);
  return out;
}

/** Validates data/cn-statutory-holidays.json: { years: { "2027": { springFestival, qingming, dragonBoat, midAutumn } } }. */
export function parseStatutoryData(json: unknown): Map<number, LunarSolarDates> {
  const years = typeof json === 'object' && json !== null ? (json as { years?: unknown }).years : undefined;
  if (typeof years !== 'object' || years === null || Array.isArray(years)) throw new Error('Statutory holiday data: expected an object with a "years" object');
  const out = new Map<number, LunarSolarDates>();
  for (const [key, block] of Object.entries(years as Record<string, unknown>)) {
    if (!/^\d{4}$/.test(key)) throw new Error(`Statutory holiday data years["${key}"]: year key must be four digits`);
    const b = (block ?? {}) as Record<string, unknown>;
    for (const f of ['springFestival', 'qingming', 'dragonBoat', 'midAutumn']) {
      const v = b[f];
      if (typeof v !== 'string' || !ISO.test(v) || !v.startsWith(`${key}-`) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
        throw new Error(`Statutory holiday data years["${key}"].${f}: expected a date of ${key}, got ${JSON.stringify(v)}`);
      }
    }
    out.set(Number(key), b as unknown as LunarSolarDates);
  }
  return out;
}

const DATA_FILE = 'cn-statutory-holidays.json';
// Like the notices' file: plain `tsc` does not copy .json into dist/, so dist/src/calendar falls back to src/.
const DATA_CANDIDATES = [join(__dirname, 'data', DATA_FILE), join(__dirname, '..', '..', '..', 'src', 'calendar', 'data', DATA_FILE)];
let shipped: Map<number, LunarSolarDates> | undefined;

/** The shipped lunar/solar-term table (2027–2035), read once. */
export function loadStatutoryData(): Map<number, LunarSolarDates> {
  if (!shipped) {
    const file = DATA_CANDIDATES.find((p) => existsSync(p));
    if (!file) throw new Error(`Statutory holiday data not found; looked at ${DATA_CANDIDATES.join(', ')}`);
    shipped = parseStatutoryData(JSON.parse(readFileSync(file, 'utf8')));
  }
  return shipped;
}
