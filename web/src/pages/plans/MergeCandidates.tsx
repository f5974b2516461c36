import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { formatDate } from '../../components/format';

type Candidate = Schemas['MergeCandidateDto'];

/** 综合查一次: targets of this quarter drawn by several departments, for one joint visit (server-paged). */
export function MergeCandidates({ plan }: { plan: Schemas['PlanDto'] }) {
  const year = Number(plan.windowStart.slice(0, 4));
  const quarter = Math.floor((Number(plan.windowStart.slice(5, 7)) - 1) / 3) + 1;
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['merge-candidates', year, quarter, page],
    queryFn: () => call(api.GET('/tasks/merge-candidates', { params: { query: { year, quarter, page, pageSize: 10 } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={`可合并检查的对象（${year} 年第 ${quarter} 季度，综合查一次）`} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">同一季度被多个部门抽中的对象，可商相关部门合并为一次联合检查，减少对企业的干扰。</Typography.Paragraph>
      <Table<Candidate>
        rowKey="uscc"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '本季度没有被多个部门同时抽中的对象' }}
        pagination={{ current: page, pageSize: 10, total: q.data?.meta.totalCount ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '检查对象', dataIndex: 'name' },
          { title: '统一社会信用代码', dataIndex: 'uscc', render: (v: string) => <span className="mono">{v}</span> },
          {
            title: '抽中部门与检查期限',
            key: 't',
            render: (_, c) =>
              c.tasks.map((t) => (
                <div key={t.taskId}>
                  {t.departmentName}：{formatDate(t.windowStart)} 至 {formatDate(t.windowEnd)}
                  {t.planId === plan.id ? '（本计划）' : ''}
                  {t.departmentId === plan.departmentId && (
                    <Link to={`/draws/${t.drawId}`} style={{ marginLeft: 8 }}>
                      抽取结果
                    </Link>
                  )}
                </div>
              )),
          },
        ]}
      />
    </Card>
  );
}
