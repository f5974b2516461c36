import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Form, Radio, Select, Space, Table, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call, download, type Schemas } from '../../api/client';
import { IMPORT_KIND_LABELS, IMPORT_MODE_LABELS } from '../../app/labels-directories';
import { ErrorResult } from '../../components/ErrorResult';
import { formatDateTime, formatNumber } from '../../components/format';
import { ImportJobPanel, ImportStateTag } from './ImportJobPanel';

type Kind = Schemas['ImportJobDto']['kind'];
type Mode = Schemas['ImportJobDto']['mode'];
const KINDS = Object.keys(IMPORT_KIND_LABELS) as Kind[];

/**
 * 批量导入: pick what to import, download its template, upload the filled file; the job's progress,
 * counts and row errors follow. The job id is kept in the URL, so the page can be left and resumed.
 */
export default function ImportPage() {
  const [params, setParams] = useSearchParams();
  const kind = (KINDS.includes(params.get('kind') as Kind) ? params.get('kind') : 'entities') as Kind;
  const jobId = params.get('job');
  const set = (next: { kind?: Kind; job?: string | null }) => {
    const p = new URLSearchParams(params);
    if (next.kind) p.set('kind', next.kind);
    if (next.job === null) p.delete('job');
    else if (next.job) p.set('job', next.job);
    setParams(p);
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {jobId && (
        <ImportJobPanel key={jobId} jobId={jobId} />
      )}
      <UploadCard
        kind={kind}
        onKind={(k) => set({ kind: k, job: null })}
        onStarted={(id) => {
          set({ job: id });
          window.scrollTo({ top: 0 });
        }}
      />
      <ImportHistory kind={kind} current={jobId} />
    </Space>
  );
}

function UploadCard({ kind, onKind, onStarted }: { kind: Kind; onKind: (k: Kind) => void; onStarted: (jobId: string) => void }) {
  const [file, setFile] = useState<UploadFile | null>(null);
  const [mode, setMode] = useState<Mode>('all-or-nothing');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  const template = (format: 'xlsx' | 'csv') =>
    download(`/imports/templates/${kind}?format=${format}`, `${IMPORT_KIND_LABELS[kind]}导入模板.${format}`).catch((e: Error) => message.error(e.message));

  const start = async (force = false) => {
    if (!file?.originFileObj) return;
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.append('file', file.originFileObj, file.name);
      const job = await call(
        api.POST('/imports/{kind}', { params: { path: { kind }, query: { mode, force: force || undefined } }, body: body as unknown as { file: string }, bodySerializer: (b) => b as unknown as FormData }),
      );
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      onStarted(job.id);
    } catch (err) {
      setError(err instanceof ApiError ? err : ApiError.of(null));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="上传文件">
      <Form layout="vertical" aria-label="批量导入">
        <Form.Item label="导入类型" htmlFor="import-kind">
          <Select id="import-kind" value={kind} onChange={onKind} options={KINDS.map((k) => ({ value: k, label: IMPORT_KIND_LABELS[k] }))} style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item label="第一步：下载模板，按模板填写" extra="模板含中文表头、示例行；XLSX 模板另有填写说明页。">
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')}>
              下载模板（XLSX）
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void template('csv')}>
              下载模板（CSV）
            </Button>
          </Space>
        </Form.Item>
        <Form.Item label="第二步：选择填好的文件（CSV 或 XLSX）">
          <Upload.Dragger
            accept=".csv,.xlsx"
            maxCount={1}
            fileList={file ? [file] : []}
            beforeUpload={(f) => {
              setFile({ uid: f.uid, name: f.name, size: f.size, type: f.type, originFileObj: f });
              setError(null);
              return false; // sent with 开始导入, not on selection
            }}
            onRemove={() => setFile(null)}
            aria-label="选择导入文件"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入文件</p>
            <p className="ant-upload-hint">支持 UTF-8 或 GB18030 编码的 CSV，以及 XLSX（第一个工作表）</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item label="第三步：选择处理方式">
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} aria-label="处理方式">
            <Space direction="vertical">
              {(Object.keys(IMPORT_MODE_LABELS) as Mode[]).map((m) => (
                <Radio key={m} value={m}>
                  {IMPORT_MODE_LABELS[m]}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={error.message}
            action={
              error.code === 'IMPORT_DUPLICATE' ? (
                <Button size="small" onClick={() => void start(true)}>
                  仍然导入
                </Button>
              ) : undefined
            }
          />
        )}
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void start()}>
          开始导入
        </Button>
      </Form>
    </Card>
  );
}

function ImportHistory({ kind, current }: { kind: Kind; current: string | null }) {
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['imports', 'list', kind, page],
    queryFn: () => call(api.GET('/imports', { params: { query: { kind, page, pageSize: 10 } } })),
    refetchInterval: (q) => (q.state.data?.items.some((j) => j.state === 'queued' || j.state === 'running') ? 2000 : false),
  });
  return (
    <Card title={`导入记录：${IMPORT_KIND_LABELS[kind]}`}>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 700 }}
          aria-label="导入记录"
          rowClassName={(r) => (r.id === current ? 'ant-table-row-selected' : '')}
          locale={{ emptyText: <Typography.Text type="secondary">尚无导入记录：下载模板、填写后上传即可开始。</Typography.Text> }}
          pagination={{ current: page, pageSize: 10, total: list.data?.meta.totalCount ?? 0, onChange: setPage, hideOnSinglePage: true }}
          columns={[
            { title: '提交时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatDateTime(t) },
            { title: '文件', dataIndex: 'fileName', ellipsis: true },
            { title: '状态', dataIndex: 'state', width: 90, render: (s: string) => <ImportStateTag state={s} /> },
            { title: '数据行数', dataIndex: 'rowsTotal', width: 90, align: 'right', render: (n: number | null, r) => formatNumber(n ?? r.rowsDone) },
            { title: '新增', dataIndex: 'inserted', width: 70, align: 'right', render: (n: number) => formatNumber(n) },
            { title: '更新', dataIndex: 'updated', width: 70, align: 'right', render: (n: number) => formatNumber(n) },
            { title: '错误行', dataIndex: 'rowsFailed', width: 80, align: 'right', render: (n: number) => formatNumber(n) },
            {
              title: '操作',
              key: 'op',
              width: 80,
              render: (_, r) => (r.id === current ? <Typography.Text type="secondary">当前</Typography.Text> : <Link to={`/imports?kind=${r.kind}&job=${r.id}`} aria-label={`查看 ${r.fileName} 的导入结果`}>查看</Link>),
            },
          ]}
        />
      )}
    </Card>
  );
}
