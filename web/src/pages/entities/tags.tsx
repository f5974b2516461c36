import { Tag } from 'antd';
import { RISK_CLASS_LABELS } from '../../app/labels';
import { ENTITY_STATUS_LABELS, RISK_CLASS_COLOURS } from '../../app/labels-directories';

/** A risk class as a tag that says its class in words (never colour alone). */
export function RiskClassTag({ riskClass }: { riskClass: string | null | undefined }) {
  if (!riskClass) return <Tag>未分类</Tag>;
  return <Tag color={RISK_CLASS_COLOURS[riskClass]}>{RISK_CLASS_LABELS[riskClass] ?? riskClass}</Tag>;
}

export function EntityStatusTag({ status }: { status: string }) {
  return <Tag color={status === 'active' ? 'green' : status === 'closed' ? 'orange' : 'default'}>{ENTITY_STATUS_LABELS[status] ?? status}</Tag>;
}
