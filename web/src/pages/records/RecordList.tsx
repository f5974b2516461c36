import { Link, useSearchParams } from 'react-router';
import { Button, DatePicker, Form, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, call, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { RECORD_STAGE_LABELS } from '../../app/labels';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';
import { STAGE_COLORS } from './resultsLabels';

type Row = Schemas['RecordListItemDto'];
type StateFilter = NonNullable<paths['/records']['get']['parameters']['query']>['state'];

const STATE_OPTIONS: { value: string; label: string }[] = [
  { value: 'awaiting_approval', label: '待审批' },
  { value: 'awaiting_legal_review', label: '待法制审核' },
  { value: 'submitted', label: '已提交（全部）' },
  { value: 'returned', label: '已退回' },
  { value: 'approved', label: '已审批待公示' },
  { value: 'published', label: '已公示' },
  { value: 'in_progress', label: '检查中' },
];

/** 检查记录: the department's records by stage, server-paged; the URL keeps the filters. */
export default function RecordList() {
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;

  const list = useQuery({
    queryKey: ['records', { state, from, to, page, pageSize }],
    queryFn: () => call(api.GET('/records', { params: { query: { state: state as StateFilter, checkDateFrom: from, checkDateTo: to, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });

  const update = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };

  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;

  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} aria-label="筛选检查记录">
        <Form.Item label="环节" htmlFor="record-state">
          <Select id="record-state" allowClear placeholder="全部" style={{ width: 180 }} value={state} options={STATE_OPTIONS} onChange={(v?: string) => update({ state: v, page: undefined })} />
        </Form.Item>
        <Form.Item label="检查日期" htmlFor="record-dates">
          <DatePicker.RangePicker
            id="record-dates"
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD'), page: undefined })}
          />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => setParams(new URLSearchParams())}>清除筛选</Button>
        </Form.Item>
      </Form>
      <Table<Row>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        locale={{ emptyText: state ? `没有处于「${RECORD_STAGE_LABELS[state] ?? state}」环节的检查记录` : '暂无检查记录：检查人员提交现场检查记录后显示在这里' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.meta.totalCount ?? 0,
          showTotal: (n) => `共 ${formatNumber(n)} 条`,
          onChange: (p, s) => update({ page: String(p), pageSize: String(s) }),
        }}
        columns={[
          {
            title: '检查对象',
            key: 'entity',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/records/${r.id}`}>{r.entity.name}</Link>
                <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{r.entity.uscc}</Typography.Text>
              </Space>
            ),
          },
          { title: '抽查计划', dataIndex: 'planName', ellipsis: true },
          { title: '检查日期', dataIndex: 'checkDate', width: 120, render: (v: string | null) => formatDate(v) },
          { title: '提交时间', dataIndex: 'submittedAt', width: 160, render: (v: string | null) => formatDateTime(v) },
          {
            title: '环节',
            key: 'stage',
            width: 170,
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color={STAGE_COLORS[r.stage]}>{RECORD_STAGE_LABELS[r.stage] ?? r.stage}</Tag>
                {r.major && <Tag color="magenta">重大执法决定</Tag>}
              </Space>
            ),
          },
          { title: '操作', key: 'op', width: 90, render: (_, r) => <Link to={`/records/${r.id}`} aria-label={`查看 ${r.entity.name} 的检查记录`}>查看</Link> },
        ]}
      />
    </>
  );
}
