import { Link, useSearchParams } from 'react-router';
import { Card, Col, Form, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate, formatDateTime, formatNumber, workingDaysLeft } from '../../components/format';
import { PUBLICATION_FILTER_LABELS, PUBLICATION_STATE_LABELS } from './resultsLabels';

type Row = Schemas['PublicationDto'];
type Status = NonNullable<paths['/publications']['get']['parameters']['query']>['status'];

/** 公示期限: results to publish by deadline (working days left), and the on-time rate. */
export default function PublicationList() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? undefined) as Status;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const list = useQuery({
    queryKey: ['publications', { status, page, pageSize }],
    queryFn: () => call(api.GET('/publications', { params: { query: { status, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const s = list.data?.summary;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title="待公示" value={s?.pending ?? 0} suffix="条" /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="已超期未公示" value={s?.overdue ?? 0} suffix="条" /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="已公示" value={s?.published ?? 0} suffix="条" /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="按期公示率" value={s?.onTimeRate === null || s?.onTimeRate === undefined ? '—' : `${s.onTimeRate.toFixed(1)}%`} /></Card></Col>
      </Row>
      <Form layout="inline" style={{ marginBottom: 16 }} aria-label="筛选公示">
        <Form.Item label="公示状态" htmlFor="publication-status">
          <Select id="publication-status" allowClear placeholder="全部" style={{ width: 260 }} value={status} onChange={(v?: string) => setParams(v ? { status: v } : {})} options={Object.entries(PUBLICATION_FILTER_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
      <Table<Row>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        locale={{ emptyText: status ? `没有「${PUBLICATION_FILTER_LABELS[status] ?? status}」的检查结果` : '暂无需要公示的检查结果：检查结果审批通过后显示在这里' }}
        pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showTotal: (n) => `共 ${formatNumber(n)} 条`, onChange: (p, sz) => setParams({ ...(status ? { status } : {}), page: String(p), pageSize: String(sz) }) }}
        columns={[
          {
            title: '检查对象',
            key: 'entity',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/records/${r.recordId}`}>{r.entityName}</Link>
                <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{r.uscc}</Typography.Text>
              </Space>
            ),
          },
          { title: '检查日期', dataIndex: 'checkDate', width: 110, render: (v: string) => formatDate(v) },
          {
            title: '公示期限（北京时间）',
            key: 'deadline',
            width: 240,
            render: (_, r) => (
              <Space size={4} wrap>
                <span>{formatDate(r.deadline)}</span>
                {r.workingDaysLeft !== null && (r.workingDaysLeft < 0 ? <Tag color="red">{workingDaysLeft(r.workingDaysLeft)}</Tag> : <Typography.Text type="secondary">{workingDaysLeft(r.workingDaysLeft)}</Typography.Text>)}
                {r.deadlineProvisional && <Typography.Text type="secondary">（暂定）</Typography.Text>}
              </Space>
            ),
          },
          { title: '状态', dataIndex: 'state', width: 100, render: (v: string) => <Tag>{PUBLICATION_STATE_LABELS[v] ?? v}</Tag> },
          { title: '公示时间', dataIndex: 'publishedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
          { title: '操作', key: 'op', width: 90, render: (_, r) => <Link to={`/records/${r.recordId}`} aria-label={`办理 ${r.entityName} 的公示`}>{r.state === 'pending' ? '去公示' : '查看'}</Link> },
        ]}
      />
    </>
  );
}
