import type { ReactNode } from 'react';
import { EnvironmentOutlined } from '@ant-design/icons';
import { RECORD_STAGE_LABELS } from '../../app/labels';
import type { FieldTask } from './fieldData';
import { daysBetween, isOpenForTeam, mapUrl } from './taskGroups';

/** Where the check is: the entity's address and a map link that opens the phone's map app. */
export function AddressLine({ task }: { task: FieldTask }) {
  const address = task.entity.registeredAddress;
  if (!address) return <span>地址未登记</span>;
  return (
    <span>
      {address}{' '}
      <a className="field-link" href={mapUrl(address)} target="_blank" rel="noopener noreferrer" aria-label={`在地图中查看 ${address}`}>
        <EnvironmentOutlined aria-hidden /> 地图导航
      </a>
    </span>
  );
}

/** A tag drawn as antd's (field.css): antd's Tag is not worth its weight in the task list's first script. */
function Tag({ color, children }: { color?: 'red' | 'blue' | 'green'; children: ReactNode }) {
  return <span className={`field-tag${color ? ` field-tag-${color}` : ''}`}>{children}</span>;
}

/** The record's stage as a tag with its label (never colour alone). */
export function RecordTag({ task }: { task: FieldTask }) {
  if (!task.record) return <Tag>未开始</Tag>;
  const state = task.record.state;
  const color = state === 'returned' ? 'red' : state === 'in_progress' ? 'blue' : 'green';
  return <Tag color={color}>{RECORD_STAGE_LABELS[state] ?? state}</Tag>;
}

/** "检查期限 … 至 …（剩余 N 天 / 已逾期 N 天）" by the server's today; no count once the team has submitted. */
export function WindowLine({ task, today }: { task: FieldTask; today: string }) {
  if (!isOpenForTeam(task)) return <span>检查期限 {task.windowStart} 至 {task.windowEnd}</span>;
  const left = daysBetween(today, task.windowEnd);
  const note = left < 0 ? `已逾期 ${-left} 天` : left === 0 ? '今日到期' : `剩余 ${left} 天`;
  return (
    <span>
      检查期限 {task.windowStart} 至 {task.windowEnd}（{note}）
    </span>
  );
}

/** The team with its leader(s) and the certificate each shows on site. */
export function TeamList({ task, me }: { task: FieldTask; me?: string | null }) {
  return (
    <ul className="field-team" aria-label="检查组">
      {task.team.map((m) => (
        <li key={m.inspectorId}>
          {m.name}
          {m.inspectorId === me && <span className="field-secondary">（我）</span>}
          {m.leader && <span style={{ marginLeft: 6 }}><Tag>组长</Tag></span>} <span className="mono" aria-label="执法证号">{m.certificateNumber}</span>
        </li>
      ))}
    </ul>
  );
}
