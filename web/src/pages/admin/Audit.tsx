import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Table, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, call, download, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { formatDateTime, formatNumber } from '../../components/format';

type Verdict = Schemas['AuditVerifyDto'];
type Mismatch = Schemas['StateMismatchDto'];
const SUBJECT_LABELS: Record<string, string> = { publication: '公示的检查结果', plan: '抽查计划', draw: '抽取结果' };

/**
 * 审计链校验: recomputes the hash chain of every recorded action and compares published results,
 * plans and draws with the state the chain recorded; with a head kept earlier, proves the history
 * since then was not rewritten.
 */
export default function Audit() {
  const [form] = Form.useForm<{ head?: string }>();
  const [error, setError] = useState<string | null>(null);
  const head = useQuery({
    queryKey: ['audit', 'head'],
    queryFn: async () => {
      try {
        return await call(api.GET('/public/audit/head'));
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null; // nothing recorded yet
        throw err;
      }
    },
  });
  const verify = useMutation({
    mutationFn: (kept?: string) => call(api.GET('/admin/audit/verify', { params: { query: kept ? { head: kept } : {} } })),
    onMutate: () => {
      setError(null);
      form.setFields([{ name: 'head', errors: [] }]); // the field has no rules that would clear the API's message
    },
    onError: (err) => setError(applyApiError(form, err, ['head'])),
  });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="当前链头（公开）">
        {head.isError ? (
          <ErrorResult error={head.error} onRetry={() => void head.refetch()} />
        ) : head.data === null ? (
          <Typography.Text type="secondary">审计日志尚无记录。</Typography.Text>
        ) : (
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 's', label: '序号', children: head.data ? formatNumber(head.data.seq) : '…' },
              { key: 'h', label: '哈希', children: <span className="mono" style={{ wordBreak: 'break-all' }}>{head.data?.hash ?? '…'}</span> },
              { key: 'a', label: '记录时间', children: formatDateTime(head.data?.at, true) },
            ]}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 8 }}>
          系统每天公开一次链头并推送监督平台。留存某一天的“序号:哈希”，以后即可在下方核验此后的日志未被改写。
        </Typography.Paragraph>
        <Button onClick={() => void download('/public/open-data/audit_heads.csv', 'audit_heads.csv')}>下载每日链头（CSV）</Button>
      </Card>
      <Card title="校验">
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form name="audit-verify" form={form} layout="vertical" onFinish={(v) => verify.mutate(v.head?.trim() || undefined)}>
          <Form.Item label="已留存的链头（可选）" name="head" extra="格式：序号:哈希，如 1024:f936…（64 位十六进制）" style={{ maxWidth: 720 }}>
            <Input allowClear autoComplete="off" className="mono" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={verify.isPending}>
            开始校验
          </Button>
        </Form>
      </Card>
      {verify.data && <VerdictCard verdict={verify.data} />}
    </Space>
  );
}

function VerdictCard({ verdict }: { verdict: Verdict }) {
  const chainOk = verdict.brokenAtSeq === undefined;
  return (
    <Card title="校验结果" data-testid="audit-verdict">
      <Result
        status={verdict.ok ? 'success' : 'error'}
        title={verdict.ok ? '校验通过：审计日志完整，未发现篡改' : '校验未通过：发现不一致'}
        subTitle={chainOk ? `已校验 ${formatNumber(verdict.count ?? 0)} 条记录` : `哈希链自第 ${formatNumber(verdict.brokenAtSeq!)} 条起断裂`}
        style={{ padding: '16px 0' }}
      />
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'chain', label: '哈希链', children: chainOk ? `完整（${formatNumber(verdict.count ?? 0)} 条）` : `断裂于第 ${verdict.brokenAtSeq} 条：${verdict.reason ?? ''}` },
          ...(verdict.head ? [{ key: 'head', label: '当前链头哈希', children: <span className="mono" style={{ wordBreak: 'break-all' }}>{verdict.head}</span> }] : []),
          {
            key: 'states',
            label: '业务数据比对',
            children: `比对 ${formatNumber(verdict.states.checked)} 条（公示结果、计划、抽取），不一致 ${formatNumber(verdict.states.mismatchCount)} 条${verdict.states.unrecorded ? `；${formatNumber(verdict.states.unrecorded)} 条早于状态记录，自其下次变更起比对` : ''}`,
          },
          ...(verdict.kept
            ? [
                {
                  key: 'kept',
                  label: '留存链头',
                  children: verdict.kept.extended ? `第 ${verdict.kept.seq} 条的哈希未变，此后的日志均可校验：未被改写` : `不一致：第 ${verdict.kept.seq} 条之后的历史可能被改写（${verdict.kept.reason}）`,
                },
              ]
            : []),
        ]}
      />
      {verdict.states.mismatches.length > 0 && (
        <Table<Mismatch>
          style={{ marginTop: 16 }}
          rowKey={(m) => `${m.subjectType}:${m.subjectId}`}
          pagination={false}
          size="small"
          dataSource={verdict.states.mismatches}
          columns={[
            { title: '对象', dataIndex: 'subjectType', render: (t: string) => SUBJECT_LABELS[t] ?? t },
            { title: '编号', dataIndex: 'subjectId', render: (v: string) => <span className="mono">{v}</span> },
            { title: '记录序号', dataIndex: 'seq', render: (v: number | null) => v ?? '无记录' },
            { title: '差异（技术说明）', dataIndex: 'reason' },
          ]}
        />
      )}
    </Card>
  );
}
