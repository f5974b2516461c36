import type { FieldTask } from './fieldData';

/**
 * My tasks by what they ask of me today. A task has a window (start … end), not an appointment, so
 * "today" and "this week" are by the window's end: what must be done by then. Dates are the server's
 * today (Beijing time), never the device's clock.
 */
export type TaskGroupKey = 'overdue' | 'today' | 'week' | 'open' | 'upcoming' | 'done';

export const TASK_GROUP_LABELS: Record<TaskGroupKey, string> = {
  overdue: '已逾期',
  today: '今日到期',
  week: '本周到期',
  open: '其他待检查',
  upcoming: '尚未开始',
  done: '已提交',
};

export const TASK_GROUP_ORDER: TaskGroupKey[] = ['overdue', 'today', 'week', 'open', 'upcoming', 'done'];

/** The record still belongs to the team (not yet submitted, or sent back). */
export function isOpenForTeam(task: FieldTask): boolean {
  return !task.record || task.record.state === 'in_progress' || task.record.state === 'returned';
}

/** Sunday of the ISO week (Monday first) of `day`, as YYYY-MM-DD. */
export function endOfWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const toSunday = (7 - d.getUTCDay()) % 7;
  d.setUTCDate(d.getUTCDate() + toSunday);
  return d.toISOString().slice(0, 10);
}

export function groupOf(task: FieldTask, today: string): TaskGroupKey {
  if (!isOpenForTeam(task)) return 'done';
  if (task.windowEnd < today) return 'overdue';
  if (task.windowStart > today) return 'upcoming';
  if (task.windowEnd === today) return 'today';
  if (task.windowEnd <= endOfWeek(today)) return 'week';
  return 'open';
}

export function groupTasks(tasks: FieldTask[], today: string): { key: TaskGroupKey; label: string; tasks: FieldTask[] }[] {
  return TASK_GROUP_ORDER.map((key) => ({ key, label: TASK_GROUP_LABELS[key], tasks: tasks.filter((t) => groupOf(t, today) === key).sort((a, b) => (a.windowEnd < b.windowEnd ? -1 : a.windowEnd > b.windowEnd ? 1 : 0)) })).filter(
    (g) => g.tasks.length > 0,
  );
}

/** Calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A plain map link (no SDK): AMap's public URL API opens the app on a phone and the web map elsewhere. */
export function mapUrl(address: string): string {
  return `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}&callnative=1`;
}
