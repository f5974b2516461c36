import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { RECORD_STAGE_LABELS } from '../../app/labels';
import { useUser } from '../../app/session';
import { ErrorResult } from '../../components/ErrorResult';
import { RecordDocuments } from '../../components/RecordDocuments';
import { formatDate, formatDateTime, workingDaysLeft } from '../../components/format';
import { ActionModal, type ActionKind, type ActionValues } from './RecordActions';
import { EvidenceList, RecordFacts, useRecordBundle } from './RecordView';
import { PUBLICATION_STATE_LABELS, RESULT_TYPE_LABELS, STAGE_COLORS } from './resultsLabels';

type RecordDto = Schemas['RecordDto'];
type PublicationDto = Schemas['PublicationDto'];

/** The record's stage as the list shows it: a submitted major decision waits for 法制审核 first. */
function stageOf(r: RecordDto): string {
  if (r.state === 'submitted') return r.major ? 'awaiting_legal_review' : 'awaiting_approval';
  return r.state;
}

function history(record: RecordDto, publication: PublicationDto | undefined) {
  const events: { at: string | null; text: string }[] = [];
  if (record.submittedAt) events.push({ at: record.submittedAt, text: '检查组提交检查记录' });
  if (record.returnReason) events.push({ at: null, text: `退回检查组：${record.returnReason}` });
  if (record.approvedAt) events.push({ at: record.approvedAt, text: '抽查负责人审批通过' });
  if (publication) {
    events.push({ at: null, text: `公示期限：${formatDate(publication.deadline)}${publication.deadlineProvisional ? '（暂按法定节假日计算）' : ''}` });
    if (publication.publishedAt) events.push({ at: publication.publishedAt, text: new Date(publication.publishedAt) > new Date() ? '定时公示（尚未到公示时间）' : `向社会公示${publication.onTime === false ? '（超过公示期限）' : ''}` });
    if (publication.version > 1) events.push({ at: null, text: `更正为第 ${publication.version} 版：${publication.correctionReason ?? ''}` });
    if (publication.state === 'withdrawn') events.push({ at: null, text: `撤回：${publication.withdrawnReason ?? ''}` });
  }
  return events;
}

/** 检查记录: the record, its evidence and publication, and what the supervisor may do with it. */
export default function RecordDetail() {
  const { id = '' } = useParams();
  const user = useUser();
  const supervises = user.role === 'supervisor' || user.role === 'admin';
  const { record, task, evidence } = useRecordBundle(id);
  const publication = useQuery({
    queryKey: ['record', id, 'publication'],
    enabled: supervises,
    queryFn: async () => (await call(api.GET('/publications', { params: { query: { recordId: id } } }))).items[0] ?? null,
  });
  const [action, setAction] = useState<ActionKind | null>(null);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  if (record.isPending) return <Skeleton active />;
  if (record.isError) return <ErrorResult error={record.error} onRetry={() => void record.refetch()} />;
  const r = record.data;
  const pub = publication.data ?? undefined;
  const stage = stageOf(r);

  const refresh = async () => {
    await Promise.all([record.refetch(), publication.refetch(), evidence.refetch()]);
    void queryClient.invalidateQueries({ queryKey: ['records'] });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
  };

  const perform = async (kind: ActionKind, v: ActionValues) => {
    const path = { params: { path: { id } } };
    const version = r.version;
    switch (kind) {
      case 'approve':
        await call(api.POST('/records/{id}/approve', { ...path, body: { version } }));
        message.success('已审批通过，请在公示期限内公示');
        break;
      case 'return':
        await call(api.POST('/records/{id}/return', { ...path, body: { version, reason: v.reason ?? '' } }));
        message.success('已退回检查组');
        break;
      case 'markMajor':
        await call(api.POST('/records/{id}/mark-major', { ...path, body: { version } }));
        message.success('已标记为重大执法决定，待法制审核');
        break;
      case 'rectify':
        await call(api.POST('/records/{id}/rectifications', { ...path, body: { requirement: v.requirement ?? '', workingDays: v.workingDays ?? 20, issuedOn: v.issuedOn?.format('YYYY-MM-DD') ?? '' } }));
        message.success('已下达责令改正');
        break;
      case 'publish':
        await call(api.POST('/publications/{id}/publish', { params: { path: { id: pub!.id } }, body: v.mode === 'later' && v.publishAt ? { publishAt: v.publishAt.toISOString() } : {} }));
        message.success(v.mode === 'later' ? '已设置定时公示' : '已向社会公示');
        break;
      case 'correct':
        await call(api.POST('/publications/{id}/corrections', { params: { path: { id: pub!.id } }, body: { reason: v.reason ?? '', ...(v.resultCodes?.length ? { resultCodes: v.resultCodes as NonNullable<Schemas['CorrectionDto']['resultCodes']> } : {}) } }));
        message.success('已更正，新版本已公示');
        break;
      case 'withdraw':
        await call(api.POST('/publications/{id}/withdraw', { params: { path: { id: pub!.id } }, body: { reason: v.reason ?? '' } }));
        message.success('已撤回');
        break;
    }
    await refresh();
  };

  const pending = pub?.state === 'pending' && !pub.publishedAt;
  const published = pub?.state === 'published';
  const actions = supervises
    ? [
        r.state === 'submitted' && <Button key="approve" type="primary" onClick={() => setAction('approve')}>审批通过</Button>,
        r.state === 'submitted' && <Button key="return" onClick={() => setAction('return')}>退回修改</Button>,
        r.state === 'submitted' && !r.major && <Button key="major" onClick={() => setAction('markMajor')}>标记为重大执法决定</Button>,
        pending && <Button key="publish" type="primary" onClick={() => setAction('publish')}>公示</Button>,
        published && <Button key="correct" onClick={() => setAction('correct')}>更正</Button>,
        published && <Button key="withdraw" danger onClick={() => setAction('withdraw')}>撤回</Button>,
        (r.state === 'approved' || r.state === 'published') && r.findings.some((f) => !f.compliant) && <Button key="rectify" onClick={() => setAction('rectify')}>责令改正</Button>,
      ].filter(Boolean)
    : [];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }} align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>{task.data?.entity.name ?? '检查记录'}</Typography.Title>
        <Tag color={STAGE_COLORS[stage]}>{RECORD_STAGE_LABELS[stage] ?? stage}</Tag>
        {r.major && <Tag color="magenta">重大执法决定</Tag>}
        {pub && <Tag>{`公示：${PUBLICATION_STATE_LABELS[pub.state] ?? pub.state}`}</Tag>}
      </Space>
      {supervises && r.state === 'submitted' && r.major && (
        <Alert type="info" showIcon title="重大执法决定须经法制审核通过后方可审批" description="法制审核人员在「法制审核 · 待审核」中处理；审核通过后再审批。" style={{ marginBottom: 16 }} />
      )}
      {actions.length > 0 && (
        <Card size="small" style={{ marginBottom: 16 }} title="办理">
          <Space wrap>{actions}</Space>
        </Card>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <RecordFacts record={r} task={task.data} />
          <EvidenceList items={evidence.data} />
        </Col>
        <Col xs={24} xl={9}>
          {pub && (
            <Card title="公示" size="small" style={{ marginBottom: 16 }}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 's', label: '状态', children: <Tag>{PUBLICATION_STATE_LABELS[pub.state] ?? pub.state}</Tag> },
                  { key: 't', label: '类型', children: RESULT_TYPE_LABELS[pub.resultType] ?? pub.resultType },
                  { key: 'd', label: '公示期限', children: <span>{formatDate(pub.deadline)} {pub.workingDaysLeft !== null && <Typography.Text type={pub.workingDaysLeft < 0 ? 'danger' : 'secondary'}>（{workingDaysLeft(pub.workingDaysLeft)}）</Typography.Text>}</span> },
                  { key: 'p', label: '公示时间', children: formatDateTime(pub.publishedAt, true) },
                  { key: 'o', label: '是否按期', children: pub.onTime === null ? '—' : pub.onTime ? '按期公示' : '超期公示' },
                  { key: 'v', label: '版本', children: `第 ${pub.version} 版` },
                ]}
              />
            </Card>
          )}
          <RecordDocuments recordId={r.id} taskId={r.taskId} checkCodeUrl={r.checkCode?.url ?? task.data?.checkCode.url} />
          <Card title="办理记录" size="small" style={{ marginBottom: 16 }}>
            <Timeline items={history(r, pub).map((e) => ({ children: <span>{e.at && <Typography.Text type="secondary">{formatDateTime(e.at)} </Typography.Text>}{e.text}</span> }))} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>完整的操作记录保存在审计链中。</Typography.Text>
          </Card>
          <Card title="相关" size="small">
            <Space direction="vertical">
              {task.data && supervises && <Link to={`/plans/${task.data.planId}`}>抽查计划：{task.data.planName}</Link>}
              {task.data && supervises && <Link to={`/draws/${task.data.drawId}`}>抽取结果</Link>}
              {supervises && <Link to="/rectifications">责令整改</Link>}
            </Space>
          </Card>
        </Col>
      </Row>
      <ActionModal kind={action} onClose={() => setAction(null)} onSubmit={perform} onReload={refresh} />
    </>
  );
}
