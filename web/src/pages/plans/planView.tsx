import { Tag, Typography } from 'antd';
import type { Schemas } from '../../api/client';
import { PLAN_STATE_LABELS, TASK_STATE_LABELS } from '../../app/labels';

/** Small pieces the plan and draw pages share. */
const PLAN_STATE_COLORS: Record<string, string> = { draft: 'default', published: 'gold', drawn: 'blue', in_progress: 'processing', completed: 'green' };

export function PlanStateTag({ state }: { state: string }) {
  return <Tag color={PLAN_STATE_COLORS[state]}>{PLAN_STATE_LABELS[state] ?? state}</Tag>;
}

export function TaskStateTag({ state }: { state: string }) {
  return <Tag color={state === 'assigned' ? 'blue' : state === 'unstaffed' ? 'red' : 'default'}>{TASK_STATE_LABELS[state] ?? state}</Tag>;
}

/** A hash or identifier: monospace, in full, copyable. */
export function Hash({ value, label }: { value: string | null | undefined; label?: string }) {
  if (!value) return <>—</>;
  return (
    <Typography.Text className="mono" copyable={{ text: value, tooltips: ['复制', '已复制'] }} style={{ wordBreak: 'break-all' }} aria-label={label}>
      {value}
    </Typography.Text>
  );
}

/** "5.0%" or "固定 3 个": one class's sampling rule as published. */
export function ruleText(rule: Schemas['PlanDto']['sampling'][string] | undefined): string {
  if (!rule) return '—';
  if ('count' in rule) return `固定 ${rule.count.toLocaleString('zh-CN')} 个`;
  return `${(rule.ratioBasisPoints / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

export const EXCLUSION_LABELS: Record<string, string> = {
  calendar_year: '本年度已因同一事项被抽中的对象不再抽取',
  none: '不排除本年度已抽查的对象',
};
