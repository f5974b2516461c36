import { Link, useSearchParams } from 'react-router';
import { Card, Col, Form, InputNumber, Row, Select, Statistic, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDate, formatNumber } from '../../components/format';
import { REVIEW_DECISION_LABELS, REVIEW_KIND_LABELS, todayInBeijing } from '../records/resultsLabels';
import { useServerToday } from '../records/useServerToday';

type Row = Schemas['LegalReviewDto'];
type Kind = NonNullable<paths['/legal-reviews']['get']['parameters']['query']>['kind'];

/** 法制审核登记: every review of the department by kind and year, with the count per kind (the annual report's figure). */
export default function ReviewRegister() {
  const [params, setParams] = useSearchParams();
  const today = useServerToday();
  const year = Number(params.get('year') ?? (today ?? todayInBeijing()).slice(0, 4));
  const kind = (params.get('kind') ?? undefined) as Kind;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const list = useQuery({
    enabled: !!today || params.has('year'),
    queryKey: ['legal-register', { year, kind, page, pageSize }],
    queryFn: () => call(api.GET('/legal-reviews', { params: { query: { year, kind, page, pageSize } } })),
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
  const counts = list.data?.countByKind;
  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} aria-label="筛选审核登记">
        <Form.Item label="年度" htmlFor="register-year">
          <InputNumber id="register-year" min={2000} max={2100} value={year} onChange={(v) => v && update({ year: String(v), page: undefined })} />
        </Form.Item>
        <Form.Item label="类别" htmlFor="register-kind">
          <Select id="register-kind" allowClear placeholder="全部" style={{ width: 180 }} value={kind} onChange={(v?: string) => update({ kind: v, page: undefined })} options={Object.entries(REVIEW_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {Object.entries(REVIEW_KIND_LABELS).map(([k, label]) => (
          <Col key={k} xs={24} sm={8}>
            <Card size="small"><Statistic title={`${year} 年 ${label}`} value={counts?.[k as keyof typeof counts] ?? 0} suffix="次" /></Card>
          </Col>
        ))}
      </Row>
      <Table<Row>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 860 }}
        locale={{ emptyText: `${year} 年没有登记的法制审核` }}
        pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showTotal: (n) => `共 ${formatNumber(n)} 次`, onChange: (p, s) => update({ page: String(p), pageSize: String(s) }) }}
        columns={[
          { title: '审核日期', dataIndex: 'reviewedOn', width: 120, render: (v: string) => formatDate(v) },
          { title: '类别', dataIndex: 'kindLabel', width: 140 },
          { title: '事项', key: 'title', render: (_, r) => (r.recordId ? <Link to={`/records/${r.recordId}`}>{r.title}</Link> : r.title) },
          { title: '结论', dataIndex: 'decision', width: 100, render: (v: string) => <Tag color={v === 'pass' ? 'green' : 'orange'}>{REVIEW_DECISION_LABELS[v] ?? v}</Tag> },
          { title: '审核人', dataIndex: 'reviewerName', width: 120 },
          { title: '审核意见', dataIndex: 'opinion', ellipsis: true },
        ]}
      />
    </>
  );
}
