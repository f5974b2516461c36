import { useEffect } from 'react';
import { App, Alert, Button, Card, Descriptions, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, download, type Schemas } from '../../api/client';
import { IMPORT_KIND_LABELS, IMPORT_MODE_LABELS, IMPORT_STATE_LABELS } from '../../app/labels-directories';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDateTime, formatNumber } from '../../components/format';

type ImportJobDto = Schemas['ImportJobDto'];

const finished = (j: ImportJobDto | undefined) => j?.state === 'succeeded' || j?.state === 'failed';

/** The bar follows the job: the share of its file read so far, as the API reports it; 100 once finished. */
export function progressOf(job: ImportJobDto): number {
  if (finished(job)) return 100;
  return Math.min(99, Math.max(job.state === 'running' ? 1 : 0, Math.floor(job.progress * 100)));
}

export function ImportStateTag({ state }: { state: string }) {
  const colour = state === 'succeeded' ? 'green' : state === 'failed' ? 'red' : 'blue';
  return <Tag color={colour}>{IMPORT_STATE_LABELS[state] ?? state}</Tag>;
}

/** One import job: its progress (polled until it ends), its counts and its row-level error report. */
export function ImportJobPanel({ jobId }: { jobId: string }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const job = useQuery({
    queryKey: ['imports', 'jobs', jobId],
    queryFn: () => call(api.GET('/imports/jobs/{id}', { params: { path: { id: jobId } } })),
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
  });
  const done = finished(job.data);
  const errors = useQuery({
    queryKey: ['imports', 'jobs', jobId, 'errors'],
    enabled: done && (job.data?.rowsFailed ?? 0) + (job.data?.state === 'failed' ? 1 : 0) > 0,
    queryFn: () => call(api.GET('/imports/jobs/{id}/errors', { params: { path: { id: jobId } } })),
  });
  useEffect(() => {
    if (done) void queryClient.invalidateQueries({ predicate: (q) => ['entities', 'items', 'inspectors'].includes(q.queryKey[0] as string) || (q.queryKey[0] === 'imports' && q.queryKey[1] === 'list') });
  }, [done, queryClient]);

  if (job.isPending) return <Card loading title="导入进度" />;
  if (job.isError) return <ErrorResult error={job.error} onRetry={() => void job.refetch()} />;
  const j = job.data;
  const percent = progressOf(j);
  const imported = j.inserted + j.updated;
  const errorRows = errors.data ?? [];

  return (
    <Card title={<Space>导入进度<ImportStateTag state={j.state} /></Space>} data-testid="import-job">
      <Progress
        percent={percent}
        status={j.state === 'failed' ? 'exception' : done ? 'success' : 'active'}
        aria-label="导入进度"
        format={(p) => (done ? (j.state === 'failed' ? '未导入' : '完成') : `${p}%`)}
      />
      <Typography.Paragraph type="secondary" role="status" aria-live="polite" style={{ marginTop: 8 }}>
        {j.state === 'queued' && '已上传，正在排队…'}
        {j.state === 'running' && `正在校验和写入：已读取 ${formatNumber(j.rowsDone)} 行${j.rowsFailed ? `，其中 ${formatNumber(j.rowsFailed)} 行有错误` : ''}。可以离开此页面，稍后从「导入记录」回来查看。`}
        {done && j.message}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, xl: 3 }}
        items={[
          { key: 'kind', label: '导入类型', children: IMPORT_KIND_LABELS[j.kind] ?? j.kind },
          { key: 'file', label: '文件', children: j.fileName },
          { key: 'mode', label: '方式', children: IMPORT_MODE_LABELS[j.mode]?.split('：')[0] },
          { key: 'total', label: '数据行数', children: <span data-testid="import-total">{j.rowsTotal === null ? '—' : formatNumber(j.rowsTotal)}</span> },
          { key: 'imported', label: '已导入（新增 + 更新）', children: <span data-testid="import-imported">{formatNumber(imported)}</span> },
          { key: 'rejected', label: '有错误的行', children: <span data-testid="import-rejected">{formatNumber(j.rowsFailed)}</span> },
          { key: 'ins', label: '新增', children: formatNumber(j.inserted) },
          { key: 'upd', label: '更新', children: formatNumber(j.updated) },
          { key: 'at', label: '提交时间', children: formatDateTime(j.createdAt, true) },
        ]}
      />
      {done && errorRows.length === 0 && j.state === 'succeeded' && <Alert type="success" showIcon style={{ marginTop: 16 }} title="全部行均已导入，没有错误。" />}
      {done && (errors.isFetching || errorRows.length > 0 || errors.isError) && (
        <section aria-labelledby="import-errors-title" style={{ marginTop: 16 }}>
          <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 8 }} wrap>
            <Typography.Title level={5} id="import-errors-title" style={{ margin: 0 }}>
              错误报告（{formatNumber(errorRows.length)} 处）
            </Typography.Title>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(`/imports/jobs/${j.id}/errors.csv`, '导入错误报告.csv').catch((e: Error) => message.error(e.message))}
            >
              下载错误报告（CSV）
            </Button>
          </Space>
          {errors.isError ? (
            <ErrorResult error={errors.error} onRetry={() => void errors.refetch()} />
          ) : (
            <Table
              rowKey={(r) => `${r.rowNumber}:${r.column ?? ''}:${r.message}`}
              size="small"
              loading={errors.isFetching}
              dataSource={errorRows}
              aria-label="错误报告"
              data-testid="import-errors"
              scroll={{ x: 640 }}
              pagination={{ pageSize: 10, showTotal: (t) => `共 ${formatNumber(t)} 处`, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description="没有行级错误" /> }}
              columns={[
                { title: '行号', dataIndex: 'rowNumber', width: 80, render: (n: number) => <span className="num">{n}</span> },
                { title: '列（字段）', dataIndex: 'column', width: 160, render: (c: string | null) => c ?? '—' },
                { title: '填写的值', dataIndex: 'value', width: 200, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
                { title: '错误说明', dataIndex: 'message' },
              ]}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            行号为表格中的行（第 1 行为表头）。改正后可重新上传整个文件：已导入的行按统一社会信用代码（或证号、编码）更新，不会重复。
          </Typography.Paragraph>
        </section>
      )}
    </Card>
  );
}
