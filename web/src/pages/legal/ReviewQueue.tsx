import { Link, useSearchParams } from 'react-router';
import { Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate, formatNumber, workingDaysLeft } from '../../components/format';

type Row = Schemas['LegalQueueItemDto'];

/** 法制审核待办: the department's major enforcement decisions waiting for review, oldest first. */
export default function ReviewQueue() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const queue = useQuery({
    queryKey: ['legal-queue', { page, pageSize }],
    queryFn: () => call(api.GET('/legal-reviews/queue', { params: { query: { page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  if (queue.isError) return <ErrorResult error={queue.error} onRetry={() => void queue.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">按提交时间排列，最早提交的在前。重大执法决定须经法制审核通过后方可审批（《行政处罚法》第五十八条）。</Typography.Paragraph>
      <Table<Row>
        rowKey="id"
        loading={queue.isFetching}
        dataSource={queue.data?.items}
        scroll={{ x: 860 }}
        locale={{ emptyText: '没有待法制审核的重大执法决定' }}
        pagination={{
          current: page,
          pageSize,
          total: queue.data?.meta.totalCount ?? 0,
          showTotal: (n) => `共 ${formatNumber(n)} 件`,
          onChange: (p, s) => setParams({ page: String(p), pageSize: String(s) }),
        }}
        columns={[
          {
            title: '检查对象',
            key: 'entity',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/legal-reviews/${r.id}`}>{r.entity.name}</Link>
                <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{r.entity.uscc}</Typography.Text>
              </Space>
            ),
          },
          { title: '抽查计划', dataIndex: 'planName', ellipsis: true },
          { title: '提交日期', dataIndex: 'submittedOn', width: 120, render: (v: string) => formatDate(v) },
          {
            title: '审核期限（北京时间）',
            key: 'deadline',
            width: 230,
            render: (_, r) => (
              <Space size={4} wrap>
                <span>{formatDate(r.deadline)}</span>
                {r.overdue ? <Tag color="red">{workingDaysLeft(r.workingDaysLeft)}</Tag> : <Typography.Text type="secondary">{workingDaysLeft(r.workingDaysLeft)}</Typography.Text>}
                {r.deadlineProvisional && <Typography.Text type="secondary">（暂定）</Typography.Text>}
              </Space>
            ),
          },
          { title: '操作', key: 'op', width: 90, render: (_, r) => <Link to={`/legal-reviews/${r.id}`} aria-label={`审核 ${r.entity.name}`}>审核</Link> },
        ]}
      />
    </>
  );
}
