/** Display formats (console.md): dates YYYY-MM-DD, Beijing time with the zone, thousands separators. */
const BEIJING = 'Asia/Shanghai';

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Intl.DateTimeFormat('sv-SE', { timeZone: BEIJING, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(value));
}

export function formatDateTime(value: string | null | undefined, withZone = false): string {
  if (!value) return '—';
  const text = new Intl.DateTimeFormat('sv-SE', { timeZone: BEIJING, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(value));
  return withZone ? `${text}（北京时间）` : text;
}

export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toLocaleString('zh-CN');
}

export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(digits)}%`;
}

/** "剩余 N 个工作日" / "已超期 N 个工作日", for deadlines. */
export function workingDaysLeft(days: number | null | undefined): string {
  if (days === null || days === undefined) return '';
  if (days < 0) return `已超期 ${-days} 个工作日`;
  if (days === 0) return '今日到期';
  return `剩余 ${days} 个工作日`;
}
