import type { WorkingCalendar } from './working-days';

/** From this day (MM-DD) of a year, a missing notice for the next year is an alert for administrators. */
export const NEXT_YEAR_ALERT_FROM = '11-01';

export interface NoticeYearStatus {
  year: number;
  notice: boolean;
  provisional: boolean;
  computable: boolean;
}

export interface NoticeStatus {
  today: string;
  alert: boolean;
  missingNotices: number[];
  message: string | null;
  years: NoticeYearStatus[];
}

/**
 * This year's and next year's notice on `today` (China): a missing notice for this year is always an alert,
 * one for next year from NEXT_YEAR_ALERT_FROM (the State Council usually publishes it in November or December).
 */
export function noticeStatus(calendar: WorkingCalendar, today: string): NoticeStatus {
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear, thisYear + 1].map((year) => ({ year, notice: calendar.hasNotice(year), provisional: calendar.isProvisionalYear(year), computable: calendar.hasNotice(year) || calendar.isProvisionalYear(year) }));
  const missing = years.filter((y) => !y.notice && (y.year === thisYear || today.slice(5) >= NEXT_YEAR_ALERT_FROM));
  const message = missing.length
    ? missing.map((y) => `尚未录入国务院办公厅关于${y.year}年部分节假日安排的通知：${y.computable ? `涉及${y.year}年的期限按法定节假日暂定计算，通知录入后自动重算` : `无法计算涉及${y.year}年的期限`}。`).join('') + '请在通知发布后于“工作日”中录入。'
    : null;
  return { today, alert: missing.length > 0, missingNotices: missing.map((y) => y.year), message, years };
}
