import { Alert, App, Button, Card, Form, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { formatDateTime, formatNumber } from '../../components/format';
import { useUrlFilters } from './shared';

type Delivery = Schemas['DeliveryDto'];
type State = Delivery['state'];
const FILTERS = ['state'] as const;
const STATE_LABELS: Record<State, { label: string; color: string }> = {
  pending: { label: '待发送', color: 'blue' },
  delivered: { label: '已送达', color: 'green' },
  dead: { label: '发送失败', color: 'red' },
};
const KIND_LABELS: Record<string, string> = {
  'audit.head': '审计日志每日链头',
  'publication.published': '检查结果公示',
  'publication.corrected': '检查结果更正',
  'publication.withdrawn': '检查结果撤回',
};
const kindLabel = (k: string) => KIND_LABELS[k] ?? k;

/** 消息外发: deliveries to the supervision platforms, and a retry of the failed ones once the platform is fixed. */
export default function Outbox() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { filters, page, pageSize, setFilters } = useUrlFilters(FILTERS);
  const query = { state: filters.state as State | undefined, page, pageSize };
  const list = useQuery({ queryKey: ['outbox', query], queryFn: () => call(api.GET('/admin/outbox', { params: { query } })) });
  const retry = useMutation({
    mutationFn: (id: string) => call(api.POST('/admin/outbox/{id}/retry', { params: { path: { id } } })),
    onSuccess: async () => {
      message.success('已重新排队发送');
      await queryClient.invalidateQueries({ queryKey: ['outbox'] });
    },
    onError: (err) => message.error(applyApiError(null, err)),
  });
  const confirmRetry = (d: Delivery) =>
    modal.confirm({
      title: '重新发送这条消息？',
      content: `将再次向 ${d.endpoint} 发送「${kindLabel(d.kind)}」（已尝试 ${d.attempts} 次）。请先确认对方平台已恢复；对方按消息编号去重，重复送达不会重复记录。`,
      okText: '重新发送',
      cancelText: '取消',
      onOk: () => retry.mutateAsync(d.id).catch(() => undefined),
    });

  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const counts = list.data?.counts;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space size="large" wrap>
          {(Object.keys(STATE_LABELS) as State[]).map((s) => (
            <Statistic key={s} title={STATE_LABELS[s].label} value={counts ? formatNumber(counts[s]) : '—'} suffix="条" />
          ))}
        </Space>
        {counts && counts.dead > 0 && <Alert type="error" showIcon style={{ marginTop: 12 }} title={`有 ${formatNumber(counts.dead)} 条消息多次发送失败，已停止自动重试：请排除对方平台故障后点击「重新发送」。`} />}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          已配置的监督平台：{list.data ? (list.data.endpoints.length ? list.data.endpoints.map((e) => `${e.name}（${e.url}）`).join('；') : '无（未配置外发地址）') : '…'}
        </Typography.Paragraph>
      </Card>
      <Card>
        <Form name="outbox-filter" layout="vertical" initialValues={filters} onValuesChange={(v: { state?: string }) => setFilters({ state: v.state })}>
          <Form.Item label="状态" name="state" style={{ width: 200, marginBottom: 16 }}>
            <Select allowClear placeholder="全部" options={(Object.keys(STATE_LABELS) as State[]).map((s) => ({ value: s, label: STATE_LABELS[s].label }))} />
          </Form.Item>
        </Form>
        <Table<Delivery>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 960 }}
          locale={{ emptyText: '没有消息' }}
          pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showSizeChanger: true, onChange: (p, s) => setFilters({}, { page: p, pageSize: s }) }}
          columns={[
            { title: '创建时间（北京时间）', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            { title: '内容', dataIndex: 'kind', render: kindLabel },
            { title: '接收平台', dataIndex: 'endpoint', render: (v: string) => <span className="mono">{v}</span> },
            { title: '状态', dataIndex: 'state', render: (s: State) => <Tag color={STATE_LABELS[s].color}>{STATE_LABELS[s].label}</Tag> },
            { title: '已尝试', dataIndex: 'attempts', render: (n: number) => `${n} 次` },
            {
              title: '最近结果（技术信息）',
              key: 'last',
              render: (_, d) => (d.deliveredAt ? `${formatDateTime(d.deliveredAt)} 送达` : d.lastError ? `${d.lastStatus ? `HTTP ${d.lastStatus}：` : ''}${d.lastError}` : d.state === 'pending' ? `下次发送 ${formatDateTime(d.nextAttemptAt)}` : '—'),
            },
            {
              title: '操作',
              key: 'a',
              fixed: 'right',
              render: (_, d) => (d.state === 'dead' ? <Button size="small" onClick={() => confirmRetry(d)}>重新发送</Button> : null),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
