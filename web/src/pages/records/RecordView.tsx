import { App, Button, Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, call, download, type Schemas } from '../../api/client';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';

type RecordDto = Schemas['RecordDto'];
type TaskDto = Schemas['TaskDto'];
type EvidenceDto = Schemas['EvidenceDto'];

/** The record with its task (entity, items, team) and its evidence: what the supervisor and the legal reviewer read. */
export function useRecordBundle(id: string) {
  const record = useQuery({ queryKey: ['record', id], queryFn: () => call(api.GET('/records/{id}', { params: { path: { id } } })) });
  const taskId = record.data?.taskId;
  const task = useQuery({ queryKey: ['task', taskId], enabled: !!taskId, queryFn: () => call(api.GET('/tasks/{id}', { params: { path: { id: taskId! } } })) });
  const evidence = useQuery({ queryKey: ['record', id, 'evidence'], queryFn: () => call(api.GET('/records/{id}/evidence', { params: { path: { id } } })) });
  return { record, task, evidence };
}

const KB = 1024;
function formatSize(bytes: number): string {
  if (bytes < KB) return `${formatNumber(bytes)} B`;
  if (bytes < KB * KB) return `${formatNumber(Math.round(bytes / KB))} KB`;
  return `${(bytes / KB / KB).toFixed(1)} MB`;
}

/** 检查对象与检查组 */
export function RecordFacts({ record, task }: { record: RecordDto; task: TaskDto | undefined }) {
  const name = (inspectorId: string) => task?.team.find((m) => m.inspectorId === inspectorId);
  return (
    <Card title="检查记录" size="small" style={{ marginBottom: 16 }}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'entity', label: '检查对象', children: task?.entity.name ?? '—', span: 2 },
          { key: 'uscc', label: '统一社会信用代码', children: <span className="mono">{task?.entity.uscc ?? '—'}</span> },
          { key: 'addr', label: '注册地址', children: task?.entity.registeredAddress ?? '—' },
          { key: 'plan', label: '抽查计划', children: task?.planName ?? '—', span: 2 },
          { key: 'date', label: '检查日期', children: formatDate(record.checkDate) },
          { key: 'place', label: '检查地点', children: record.place ?? '—' },
          { key: 'rep', label: '被检查单位在场人员', children: record.representative ? `${record.representative.name}（${record.representative.role}）` : '—' },
          { key: 'submitted', label: '提交时间', children: formatDateTime(record.submittedAt) },
          {
            key: 'results',
            label: '检查结果',
            span: 2,
            children: record.results.length ? (
              <Space size={4} wrap>
                {record.results.map((r) => <Tag key={r.code}>{r.label}</Tag>)}
              </Space>
            ) : '—',
          },
          ...(record.majorDecision
            ? [{
                key: 'major',
                label: '拟作出的决定',
                span: 2,
                children: (
                  <Space direction="vertical" size={0}>
                    {record.majorDecision.penaltyYuan !== null && record.majorDecision.penaltyYuan !== undefined && <span>拟罚款 {formatNumber(record.majorDecision.penaltyYuan)} 元</span>}
                    {record.majorDecision.licenceRevocation && <span>拟吊销许可证</span>}
                    {record.majorDecision.description && <span>{record.majorDecision.description}</span>}
                  </Space>
                ),
              }]
            : []),
          ...(record.remarks ? [{ key: 'remarks', label: '内部备注（不公开）', span: 2, children: record.remarks }] : []),
          ...(record.returnReason ? [{ key: 'return', label: '退回原因', span: 2, children: <Typography.Text type="danger">{record.returnReason}</Typography.Text> }] : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>检查事项与发现</Typography.Title>
      <Table
        size="small"
        rowKey="itemVersionId"
        pagination={false}
        dataSource={record.findings}
        locale={{ emptyText: '尚未记录检查事项' }}
        columns={[
          {
            title: '检查事项',
            key: 'item',
            render: (_, f) => {
              const item = task?.items.find((i) => i.itemVersionId === f.itemVersionId);
              return item ? (
                <Space direction="vertical" size={0}>
                  <span>{item.name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <span className="mono">{item.code}</span> · 依据：{item.legalBasis}
                  </Typography.Text>
                </Space>
              ) : <span className="mono">{f.itemVersionId}</span>;
            },
          },
          { title: '结论', key: 'ok', width: 110, render: (_, f) => (f.compliant ? <Tag color="green">未发现问题</Tag> : <Tag color="red">发现问题</Tag>) },
          { title: '问题描述与违反条款', key: 'desc', render: (_, f) => (f.compliant ? '—' : [f.description, f.legalClause].filter(Boolean).join('；') || '—') },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>检查组</Typography.Title>
      <List
        size="small"
        dataSource={task?.team ?? []}
        locale={{ emptyText: '—' }}
        renderItem={(m) => {
          const present = record.inspectorsPresent.find((p) => p.inspectorId === m.inspectorId);
          return (
            <List.Item>
              <Space wrap>
                <span>{m.name}</span>
                {m.leader && <Tag>组长</Tag>}
                <span>执法证号 <span className="mono">{m.certificateNumber}</span></span>
                <Tag color={present ? 'green' : 'default'}>{present ? (present.certificateShown ? '到场，已出示执法证' : '到场，未出示执法证') : '未到场'}</Tag>
              </Space>
            </List.Item>
          );
        }}
      />
      {record.inspectorsPresent.some((p) => !name(p.inspectorId)) && <Typography.Text type="secondary">另有不在本检查组名单中的到场人员。</Typography.Text>}
    </Card>
  );
}

/** 证据材料: open (images and PDF in a new tab) or download; never public. */
export function EvidenceList({ items }: { items: EvidenceDto[] | undefined }) {
  const { message } = App.useApp();
  const open = async (e: EvidenceDto) => {
    const tab = window.open('', '_blank');
    try {
      const { data, error, response } = await api.GET('/evidence/{id}/content', { params: { path: { id: e.id } }, parseAs: 'blob' });
      if (error !== undefined || !response.ok || !data) throw new Error();
      const url = URL.createObjectURL(new Blob([data as Blob], { type: e.mediaType }));
      if (tab) tab.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      tab?.close();
      void message.error('无法打开证据文件，请稍后重试或下载查看');
    }
  };
  const save = (e: EvidenceDto) => download(`/evidence/${e.id}/content`, e.originalName).catch(() => void message.error('下载失败，请稍后重试'));
  return (
    <Card title={`证据材料（${items?.length ?? 0}）`} size="small" style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">仅供内部审查，不对外公开</Typography.Text>}>
      {!items?.length ? (
        <Empty description="本记录没有附证据材料" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(e) => (
            <List.Item
              actions={[
                <Button key="open" type="link" size="small" onClick={() => void open(e)} aria-label={`查看 ${e.originalName}`}>查看</Button>,
                <Button key="dl" type="link" size="small" onClick={() => void save(e)} aria-label={`下载 ${e.originalName}`}>下载</Button>,
              ]}
            >
              <List.Item.Meta
                title={e.originalName}
                description={
                  <span>
                    {e.mediaType} · {formatSize(e.sizeBytes)} · {formatDateTime(e.createdAt)} · SHA-256 <span className="mono" title={e.sha256}>{e.sha256.slice(0, 12)}…</span>
                  </span>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
