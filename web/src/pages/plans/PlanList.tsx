import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Empty, Form, InputNumber, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { PLAN_STATE_LABELS } from '../../app/labels';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate, formatDateTime } from '../../components/format';
import { PlanStateTag } from './planView';

type Plan = Schemas['PlanDto'];
type PlanState = NonNullable<Plan['state']>;
const PAGE_SIZE = 20;

/** 抽查计划: the department's plans, filtered by state and year on the server; the URL keeps the filter. */
export default function PlanList() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const state = (params.get('state') || undefined) as PlanState | undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useQuery({
    queryKey: ['plans', { state, year, page }],
    queryFn: () => call(api.GET('/plans', { params: { query: { state, year, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });

  const apply = (next: Record<string, string | number | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '' || v === null) merged.delete(k);
      else merged.set(k, String(v));
    }
    setParams(merged);
  };

  return (
    <Card
      title="计划列表"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/plans/new')}>
          新建抽查计划
        </Button>
      }
    >
      <Form
        layout="inline"
        key={`${state ?? ''}-${year ?? ''}`}
        initialValues={{ state, year }}
        onFinish={(v: { state?: string; year?: number }) => apply({ state: v.state, year: v.year ?? undefined, page: undefined })}
        style={{ marginBottom: 16, rowGap: 8 }}
        aria-label="筛选抽查计划"
      >
        <Form.Item label="状态" name="state">
          <Select allowClear placeholder="全部状态" style={{ width: 180 }} options={Object.entries(PLAN_STATE_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="年度" name="year">
          <InputNumber min={2000} max={2100} placeholder="如 2024" style={{ width: 120 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button onClick={() => setParams(new URLSearchParams())}>重置</Button>
        </Space>
      </Form>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Plan>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={state || year ? '没有符合条件的计划，可调整筛选条件' : '还没有抽查计划，点击「新建抽查计划」开始'} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.meta.totalCount ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 个计划`, onChange: (p) => apply({ page: p }) }}
          columns={[
            { title: '计划名称', dataIndex: 'name', render: (name: string, p) => <Link to={`/plans/${p.id}`}>{name}</Link> },
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '检查事项', key: 'items', render: (_, p) => p.items.map((i) => i.name).join('、') },
            { title: '检查期限', key: 'window', width: 210, render: (_, p) => `${formatDate(p.windowStart)} 至 ${formatDate(p.windowEnd)}` },
            { title: '状态', dataIndex: 'state', width: 130, render: (s: string) => <PlanStateTag state={s} /> },
            { title: '发布时间', dataIndex: 'publishedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
            { title: '操作', key: 'op', width: 80, render: (_, p) => <Link to={`/plans/${p.id}`} aria-label={`查看 ${p.name}`}>查看</Link> },
          ]}
        />
      )}
    </Card>
  );
}
