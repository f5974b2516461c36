/** Chinese wording of the codes the public JSON carries, for the portal's pages. Pure. */
import { chinaTime } from '../common/validation';
import { CompletenessStatus } from '../publication/dto/public.dto';
import { PublicPlanState } from '../publication/dto/catalogue.dto';

export const SITE_NAME = '双随机、一公开 抽查信息公示';

export const PLAN_STATE_LABELS: Record<PublicPlanState, string> = {
  published: '已发布，待抽取',
  drawn: '已抽取',
  in_progress: '实施中',
  completed: '已完成',
};

export const COMPLETENESS_LABELS: Record<CompletenessStatus, string> = {
  published: '已公开',
  withdrawn: '已撤回公开',
  not_started: '尚未检查',
  in_progress: '检查中',
  under_review: '审核中',
  within_deadline: '待公开（在公开期限内）',
  overdue: '逾期未公开',
  unstaffed: '检查组未配齐',
  cancelled: '已因重新抽取取消',
};

/** How each status reads at a glance: done, waiting, a problem, or out of scope. */
export const COMPLETENESS_TONE: Record<CompletenessStatus, 'ok' | 'warn' | 'bad' | 'muted'> = {
  published: 'ok',
  withdrawn: 'muted',
  not_started: 'warn',
  in_progress: 'warn',
  under_review: 'warn',
  within_deadline: 'warn',
  overdue: 'bad',
  unstaffed: 'bad',
  cancelled: 'muted',
};

/** Beside a deadline counted with the statutory holidays because its year's notice is not out (the last year counted lacks it). */
export const provisionalDeadlineLabel = (deadline: string): string => `暂定（${deadline.slice(0, 4)}年放假安排未发布）`;

export const STRATUM_LABELS: Record<string, string> = { A: 'A 类（信用风险低）', B: 'B 类（信用风险一般）', C: 'C 类（信用风险较高）', D: 'D 类（信用风险高）' };

export const RANDOMNESS_LABELS: Record<string, string> = {
  'drand-quicknet': 'drand 公共随机信标（quicknet 链）',
  'commit-reveal': '承诺—揭示（服务器秘密值 + 现场见证人随机数）',
};

export const SORT_LABELS: Record<string, string> = { date_desc: '检查日期（新→旧）', date_asc: '检查日期（旧→新）', name: '检查对象名称' };

/** Field names of the results form, for validation messages. */
export const FIELD_LABELS: Record<string, string> = {
  q: '检查对象名称',
  uscc: '统一社会信用代码',
  department: '实施部门',
  item: '抽查事项编码',
  year: '年度',
  resultCode: '检查结果',
  from: '检查日期起',
  to: '检查日期止',
  sort: '排序',
  pageNumber: '页码',
  pageSize: '每页条数',
  id: '编号',
};

/** A UTC instant as the public reads it: Beijing time, to the minute. */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return chinaTime(new Date(t));
}

export function percent(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(2).replace(/0+$/, '')}%`;
}
