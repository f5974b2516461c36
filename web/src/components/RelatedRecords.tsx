import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Empty, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../api/client';

type Row = Schemas['RecordListItemDto'];
import { RECORD_STAGE_LABELS } from '../app/labels';
import { ErrorResult } from './ErrorResult';
import { formatDate, formatNumber } from './format';

/** The check records related to an item or an entity (newest first, paged on the server). */
export function RelatedRecords({ filter, empty }: { filter: { itemId?: string; entityId?: string }; empty: string }) {
  const [page, setPage] = useState(1);
  const records = useQuery({
    queryKey: ['records', { ...filter, page }],
    queryFn: () => call(api.GET('/records', { params: { query: { ...filter, page, pageSize: 10, order: 'desc' } } })),
  });
  return (
    <Card title="相关检查记录">
      {records.isError ? (
        <ErrorResult error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <Table<Row>
          rowKey="id"
          size="small"
          loading={records.isFetching}
          dataSource={records.data?.items ?? []}
          aria-label="相关检查记录"
          locale={{ emptyText: <Empty description={empty} /> }}
          pagination={{ current: page, pageSize: 10, total: records.data?.meta.totalCount ?? 0, onChange: setPage, showTotal: (t) => `共 ${formatNumber(t)} 条`, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          columns={[
            ...(filter.entityId
              ? []
              : [
                  { title: '检查对象', key: 'entity', render: (_: unknown, r: Row) => <Link to={`/entities/${r.entity.id}`}>{r.entity.name}</Link> },
                  { title: '统一社会信用代码', key: 'uscc', width: 190, render: (_: unknown, r: Row) => <span className="mono">{r.entity.uscc}</span> },
                ]),
            { title: '抽查计划', dataIndex: 'planName' },
            { title: '状态', dataIndex: 'stage', width: 130, render: (s: string) => <Tag>{RECORD_STAGE_LABELS[s] ?? s}</Tag> },
            { title: '检查日期', dataIndex: 'checkDate', width: 110, render: (d: string | null) => formatDate(d) },
            { title: '操作', key: 'op', width: 70, render: (_: unknown, r: Row) => <Link to={`/records/${r.id}`}>查看</Link> },
          ]}
        />
      )}
    </Card>
  );
}
