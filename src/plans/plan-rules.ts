/**
 * The rules of the regime a plan must respect, framework-free (table-driven tests in plan-rules.spec.ts).
 * The values come from RegimeRules (src/config/rules.ts, docs/configuration.md); the service decides what a
 * breach does (refused, or accepted with a recorded reason / as a warning).
 */
import type { Stratum, StratumRule } from '../draws/draw-v1';

const STRATA: Stratum[] = ['A', 'B', 'C', 'D'];

/** What of an item version the rules read. */
export interface ItemRuleInput {
  code?: string;
  category: 'key' | 'general';
  defaultRatios: Record<Stratum, number>;
}

/** One broken limit: the field it concerns and why, in Chinese (shown to the supervisor, kept on the plan). */
export interface RuleBreach {
  field: string;
  message: string;
}

/**
 * The sampling a plan starts from when it gives none: full coverage (100%) in every class if any item is
 * 重点 (key); otherwise, per class, the highest default ratio of its items (each item's own list entry).
 */
export function defaultSampling(items: ItemRuleInput[]): Record<Stratum, StratumRule> {
  const key = items.some((i) => i.category === 'key');
  const out = {} as Record<Stratum, StratumRule>;
  for (const s of STRATA) {
    const percent = key ? 100 : Math.max(0, ...items.map((i) => Number(i.defaultRatios[s]) || 0));
    out[s] = { ratioBasisPoints: Math.round(percent * 100) };
  }
  return out;
}

/**
 * The limits a plan's sampling breaks. Key items: every class fully covered (a ratio of 100%, or a count that
 * reaches the class's eligible entities). General items: a ratio at most the configured maximum of the class.
 * `eligible` (per class, known at publication) lets counts be judged; without it only ratios are.
 */
export function samplingBreaches(items: ItemRuleInput[], sampling: Record<Stratum, StratumRule>, maxRatios: Record<Stratum, number>, eligible?: Record<Stratum, number>): RuleBreach[] {
  const keyItems = items.filter((i) => i.category === 'key');
  const out: RuleBreach[] = [];
  for (const s of STRATA) {
    const rule = sampling[s];
    const field = `sampling.${s}`;
    if (keyItems.length) {
      const codes = keyItems.map((i) => i.code).filter(Boolean).join('、');
      const full = 'ratioBasisPoints' in rule ? rule.ratioBasisPoints >= 10_000 : eligible === undefined || rule.count >= eligible[s];
      if (!full) out.push({ field, message: `重点检查事项${codes ? `（${codes}）` : ''}应全覆盖：${s}类须按100%抽取` });
      continue;
    }
    const max = maxRatios[s];
    if ('ratioBasisPoints' in rule) {
      if (rule.ratioBasisPoints > Math.round(max * 100)) out.push({ field, message: `一般检查事项${s}类抽查比例${rule.ratioBasisPoints / 100}%超过上限${max}%` });
    } else if (eligible !== undefined && eligible[s] > 0 && Math.min(rule.count, eligible[s]) * 100 > max * eligible[s]) {
      // A count above the class's size draws the whole class: 100%, not more.
      const drawn = Math.min(rule.count, eligible[s]);
      out.push({ field, message: `一般检查事项${s}类抽取${drawn}户，占可抽对象${eligible[s]}户的${Math.round((drawn * 10_000) / eligible[s]) / 100}%，超过上限${max}%` });
    }
  }
  return out;
}

/** First day (YYYY-MM-DD) of the quarter of a date. */
export function quarterStart(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
}

/**
 * Whether `date` falls within the first `n` working days of its quarter (Tianjin: planned draws then).
 * `isWorkingDay` is the national calendar's (holidays and 调休 make-up days counted).
 */
export function inFirstWorkingDaysOfQuarter(date: string, n: number, isWorkingDay: (d: string) => boolean): boolean {
  if (n <= 0) return true;
  let count = 0;
  for (let d = quarterStart(date); d <= date; d = nextDay(d)) {
    if (isWorkingDay(d)) count++;
    if (count > n) return false;
  }
  return isWorkingDay(date) && count <= n;
}

/** Why a plan's window lies in the past on `today`, or null: it ended, or it began before the current quarter. */
export function pastWindowBreach(windowStart: string, windowEnd: string, today: string): RuleBreach | null {
  if (windowEnd < today) return { field: 'windowEnd', message: `检查期限已于${windowEnd}结束，不能制定过去的抽查计划` };
  const start = quarterStart(today);
  if (windowStart < start) return { field: 'windowStart', message: `检查期限起始日${windowStart}早于本季度首日${start}，不能制定过去的抽查计划` };
  return null;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
