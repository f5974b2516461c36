import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Alert, Card, Descriptions, Result, Skeleton, Tag, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { RECORD_STAGE_LABELS } from '../../app/labels';
import { ErrorResult } from '../../components/ErrorResult';
import { RecordDocuments } from '../../components/RecordDocuments';
import { formatDateTime } from '../../components/format';
import { CheckForm } from './CheckForm';
import { adoptRecord } from '../../offline/outbox';
import { useOutbox } from '../../offline/useOutbox';
import { useDraft, useEvidence, useFormOptions, useMyTasks, useRecord, useTask, type FieldRecord, type FieldTask, type FormOptions } from './fieldData';
import type { CheckFormValues } from './recordForm';
import { AddressLine, RecordTag, TeamList, WindowLine } from './TaskSummary';
import './field.css';

function TaskHeader({ task, today, me }: { task: FieldTask; today: string; me: string | null }) {
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {task.entity.name}
      </Typography.Title>
      <div className="field-meta" style={{ margin: '4px 0' }}>
        <RecordTag task={task} />
        <span>
          统一社会信用代码 <span className="mono">{task.entity.uscc}</span>
        </span>
      </div>
      <div>
        <AddressLine task={task} />
      </div>
      <div className="field-meta">
        <WindowLine task={task} today={today} />
        <span>{task.planName}</span>
      </div>
      <div style={{ marginTop: 4 }}>
        检查组：
        <TeamList task={task} me={me} />
      </div>
    </Card>
  );
}

/** A submitted record, as the team sent it (they can no longer change it). */
function RecordView({ task, record, options }: { task: FieldTask; record: FieldRecord; options: FormOptions }) {
  const evidence = useEvidence(record.id);
  const nameOf = new Map(task.team.map((m) => [m.inspectorId, `${m.name}（${m.certificateNumber}）`]));
  const itemName = new Map(task.items.map((i) => [i.itemVersionId, i.name]));
  const labelOf = new Map(options.resultCodes.map((c) => [c.code, c.label]));
  return (
    <>
      <Result status="success" title={`检查记录${RECORD_STAGE_LABELS[record.state] ?? record.state}`} subTitle={record.submittedAt ? `提交时间 ${formatDateTime(record.submittedAt, true)}；检查组不能再修改。` : undefined} style={{ padding: '16px 0' }} />
      <Card size="small" title="检查记录">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'date', label: '检查日期', children: record.checkDate ?? '—' },
            { key: 'place', label: '检查地点', children: record.place ?? '—' },
            { key: 'present', label: '在场执法人员', children: record.inspectorsPresent.map((p) => nameOf.get(p.inspectorId) ?? p.inspectorId).join('、') },
            { key: 'rep', label: '被检查单位在场人员', children: record.representative ? `${record.representative.name}（${record.representative.role}）` : '—' },
            ...record.findings.map((f, i) => ({
              key: `f${i}`,
              label: itemName.get(f.itemVersionId) ?? '检查事项',
              children: (
                <span>
                  <Tag color={f.compliant ? 'green' : 'red'}>{f.compliant ? '符合' : '发现问题'}</Tag>
                  {f.description}
                  {f.legalClause ? `（${f.legalClause}）` : ''}
                </span>
              ),
            })),
            { key: 'result', label: '检查结果', children: record.results.map((r) => labelOf.get(r.code) ?? r.label).join('、') },
            { key: 'major', label: '重大执法决定', children: record.major ? <Tag color="orange">是，须经法制审核</Tag> : '否' },
            { key: 'photos', label: '现场照片', children: `${evidence.data?.length ?? 0} 张` },
          ]}
        />
      </Card>
      {/* The 笔录 to print and sign on site, and the 检查码 the entity scans (both need the network). */}
      <RecordDocuments recordId={record.id} taskId={task.id} checkCodeUrl={task.checkCode.url} />
    </>
  );
}

/** 检查任务: the task on site, and its check record (create, fill, photos, save, submit). */
export default function TaskDetail() {
  const { id = '' } = useParams();
  const task = useTask(id);
  const options = useFormOptions();
  const mine = useMyTasks();
  const record = useRecord(task.data?.record?.id);
  const draft = useDraft(id);
  const outbox = useOutbox();
  const mine2 = outbox.items.filter((i) => i.taskId === id && i.state !== 'sent');
  const submitQueued = mine2.some((i) => i.kind === 'submit');
  const queryClient = useQueryClient();
  const hadPending = useRef(false);
  useEffect(() => {
    // All of this task's queue sent (in the background, the network back): show the server's state.
    if (outbox.loaded && mine2.length === 0 && hadPending.current) void queryClient.invalidateQueries({ queryKey: ['field'] });
    hadPending.current = mine2.length > 0;
  }, [outbox.loaded, mine2.length, queryClient]);
  useEffect(() => {
    if (record.data && task.data?.record && record.isFetchedAfterMount) void adoptRecord(id, record.data);
  }, [id, record.data, record.isFetchedAfterMount, task.data?.record]);
  // The form starts from the record as it is now, not from a copy cached earlier; once shown it stays.
  const [ready, setReady] = useState(false);
  const fresh = task.isFetchedAfterMount && draft.isFetchedAfterMount && outbox.loaded && (!task.data?.record || record.isFetchedAfterMount);
  useEffect(() => {
    if (fresh) setReady(true);
  }, [fresh]);
  const back = (
    <Link to="/tasks" className="field-link" style={{ marginBottom: 4 }}>
      <LeftOutlined aria-hidden /> 返回我的任务
    </Link>
  );
  if (task.isError) return <div className="field-page">{back}<ErrorResult error={task.error} onRetry={() => void task.refetch()} /></div>;
  if (options.isError) return <div className="field-page">{back}<ErrorResult error={options.error} onRetry={() => void options.refetch()} /></div>;
  if (record.isError) return <div className="field-page">{back}<ErrorResult error={record.error} onRetry={() => void record.refetch()} /></div>;
  if (task.isPending || options.isPending || (task.data.record && record.isPending) || !ready) return <Skeleton active />;
  const t = task.data;
  const r = t.record ? (record.data ?? null) : null;
  const me = mine.data?.inspectorId ?? null;
  const editable = !r || r.state === 'in_progress' || r.state === 'returned';
  return (
    <div className="field-page">
      {back}
      <TaskHeader task={t} today={options.data.today} me={me} />
      {t.state !== 'assigned' ? (
        <Alert type="warning" showIcon title={t.state === 'cancelled' ? '该任务已因重新抽取而取消，不能录入检查记录' : '该任务检查组未配齐，暂不能录入检查记录'} />
      ) : editable ? (
        <>
          {submitQueued && <Alert type="info" showIcon role="status" title="提交已在本机排队" description="联网后自动发送，每项只发送一次；可在“待同步”查看进度。" style={{ marginBottom: 12 }} />}
          {!submitQueued && mine2.length > 0 && <Alert type="info" showIcon role="status" title={`本机有 ${mine2.length} 项待同步`} description="联网后自动发送；可在“待同步”查看。" style={{ marginBottom: 12 }} />}
          <CheckForm key={t.id} task={t} record={r} options={options.data} me={me} draft={(draft.data?.values as Partial<CheckFormValues> | undefined) ?? null} locked={submitQueued} />
        </>
      ) : (
        <RecordView task={t} record={r!} options={options.data} />
      )}
    </div>
  );
}
