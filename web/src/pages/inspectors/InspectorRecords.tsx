import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { DateField } from '../admin/shared';
import { INSPECTOR_STATUS_LABELS } from './labels';

type Inspector = Schemas['InspectorDto'];
type Status = Inspector['status'];

/** A record form's mutation: the API's error under its field, the inspector reloaded on success. */
function useRecordMutation<T>(inspector: Inspector, send: (body: T) => Promise<unknown>, fields: readonly string[], done: string) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async () => {
      message.success(done);
      setError(null);
      await queryClient.invalidateQueries({ queryKey: ['inspectors'] });
      await queryClient.invalidateQueries({ queryKey: ['eligibility', inspector.id] });
    },
    onError: (err) => setError(applyApiError(form, err, fields)),
  });
  return { form, error, mutation };
}

/** 能否被抽取: the eligibility rules on a chosen date, each failed rule named. */
export function EligibilityCard({ inspector, today }: { inspector: Inspector; today: string | undefined }) {
  const [date, setDate] = useState<string | undefined>(undefined);
  const on = date ?? today;
  const result = useQuery({
    queryKey: ['eligibility', inspector.id, on],
    enabled: on !== undefined,
    queryFn: () => call(api.GET('/inspectors/{id}/eligibility', { params: { path: { id: inspector.id }, query: { date: on } } })),
  });
  return (
    <Card title="能否参加抽取" style={{ height: '100%' }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space align="center" wrap>
          <label htmlFor="eligibility-date">查询日期</label>
          <div style={{ width: 180 }}>
            <DateField id="eligibility-date" value={on} onChange={(d) => setDate(d)} />
          </div>
        </Space>
        {result.isError ? (
          <ErrorResult error={result.error} onRetry={() => void result.refetch()} />
        ) : !result.data ? (
          <Typography.Text type="secondary">查询中…</Typography.Text>
        ) : (
          <div data-testid="eligibility">
            <Alert
              type={result.data.eligible ? 'success' : 'error'}
              showIcon
              title={result.data.eligible ? `${result.data.date} 符合抽取条件` : `${result.data.date} 不符合抽取条件`}
              description={
                result.data.failures.length ? (
                  <List size="small" dataSource={result.data.failures} renderItem={(f) => <List.Item style={{ padding: '2px 0' }}>· {f.message}</List.Item>} />
                ) : (
                  '执法证有效、执法资格正常、培训学时和年度考试均满足要求。'
                )
              }
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              近一年培训 {result.data.trainingHours} 学时（要求不少于 {result.data.requiredTrainingHours} 学时）；{result.data.examRequired ? '须通过最近一次年度考试' : '本局不要求年度考试'}。
            </Typography.Paragraph>
          </div>
        )}
      </Space>
    </Card>
  );
}

interface TrainingValues {
  date: string;
  hours: number;
  topic: string;
}

export function TrainingsCard({ inspector, today }: { inspector: Inspector; today: string | undefined }) {
  const { form, error, mutation } = useRecordMutation<TrainingValues>(
    inspector,
    (body) => call(api.POST('/inspectors/{id}/trainings', { params: { path: { id: inspector.id } }, body })),
    ['date', 'hours', 'topic'],
    '已登记培训',
  );
  return (
    <Card title="培训记录">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...inspector.trainings].reverse()}
        locale={{ emptyText: '尚无培训记录' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 140 },
          { title: '学时', dataIndex: 'hours', width: 100 },
          { title: '内容', dataIndex: 'topic' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        登记培训
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="training"
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ date: today }}
        onFinish={(v: TrainingValues) =>
          mutation.mutate(
            { date: v.date, hours: v.hours, topic: v.topic.trim() },
            { onSuccess: () => form.resetFields(['topic', 'hours']) },
          )
        }
      >
        <Space wrap align="start" size="middle">
          <Form.Item label="培训日期" name="date" rules={[{ required: true, message: '请选择培训日期' }]} style={{ width: 180 }}>
            <DateField />
          </Form.Item>
          <Form.Item label="学时" name="hours" rules={[{ required: true, message: '请输入学时' }]} style={{ width: 120 }}>
            <InputNumber min={0.1} max={1000} step={0.5} precision={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="培训内容" name="topic" rules={[{ required: true, message: '请输入培训内容' }]} style={{ width: 320 }}>
            <Input autoComplete="off" placeholder="如：《行政处罚法》专题培训" />
          </Form.Item>
          <Form.Item label=" ">
            <Button htmlType="submit" loading={mutation.isPending}>
              登记培训
            </Button>
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}

interface ExamValues {
  year: number;
  passed: boolean;
  score?: number | null;
}

export function ExamsCard({ inspector, today }: { inspector: Inspector; today: string | undefined }) {
  const { form, error, mutation } = useRecordMutation<{ year: number; passed: boolean; score?: number }>(
    inspector,
    (body) => call(api.POST('/inspectors/{id}/exams', { params: { path: { id: inspector.id } }, body })),
    ['year', 'passed', 'score'],
    '已登记考试结果',
  );
  return (
    <Card title="年度考试">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...inspector.exams].reverse()}
        locale={{ emptyText: '尚无考试记录' }}
        columns={[
          { title: '年度', dataIndex: 'year', width: 140, render: (y: number) => `${y}年` },
          { title: '结果', dataIndex: 'passed', width: 120, render: (p: boolean) => (p ? <Tag color="green">通过</Tag> : <Tag color="red">未通过</Tag>) },
          { title: '成绩', dataIndex: 'score', render: (s: number | null) => s ?? '—' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        登记考试结果
      </Typography.Title>
      <Typography.Paragraph type="secondary">同一年度再次登记即更正该年度的结果。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="exam"
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ year: today ? Number(today.slice(0, 4)) : undefined, passed: true }}
        onFinish={(v: ExamValues) => mutation.mutate({ year: v.year, passed: v.passed, ...(v.score !== undefined && v.score !== null ? { score: v.score } : {}) })}
      >
        <Space wrap align="start" size="middle">
          <Form.Item label="考试年度" name="year" rules={[{ required: true, message: '请输入年度' }]} style={{ width: 140 }}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label="考试结果" name="passed" rules={[{ required: true, message: '请选择结果' }]}>
            <Radio.Group options={[{ value: true, label: '通过' }, { value: false, label: '未通过' }]} />
          </Form.Item>
          <Form.Item label="成绩（可选）" name="score" style={{ width: 140 }}>
            <InputNumber min={0} max={100} precision={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label=" ">
            <Button htmlType="submit" loading={mutation.isPending}>
              登记考试结果
            </Button>
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}

interface StatusValues {
  status: Status;
  effectiveDate: string;
  reason: string;
}

export function StatusCard({ inspector, today }: { inspector: Inspector; today: string | undefined }) {
  const { modal } = App.useApp();
  const { form, error, mutation } = useRecordMutation<StatusValues>(
    inspector,
    (body) => call(api.POST('/inspectors/{id}/status', { params: { path: { id: inspector.id } }, body })),
    ['status', 'effectiveDate', 'reason'],
    '已记录执法资格变更',
  );
  const submit = (v: StatusValues) =>
    modal.confirm({
      title: `自 ${v.effectiveDate} 起${INSPECTOR_STATUS_LABELS[v.status].label}？`,
      content:
        v.status === 'active'
          ? '该人员自该日起恢复执法资格，可参加此后的抽取。'
          : '自该日起该人员不符合抽取条件，此后的抽取不会选中他；已分配的任务需在抽取结果中替换人员。变更记入历史，不能删除。',
      okText: '确认',
      cancelText: '取消',
      onOk: () => mutation.mutateAsync({ ...v, reason: v.reason.trim() }).then(() => form.resetFields(['reason']), () => undefined),
    });
  return (
    <Card title="执法资格变更">
      <Table
        rowKey={(r) => `${r.effectiveDate}-${r.status}-${r.reason}`}
        size="small"
        pagination={false}
        dataSource={[...inspector.statusHistory].reverse()}
        locale={{ emptyText: '无变更记录（执法资格正常）' }}
        columns={[
          { title: '生效日期', dataIndex: 'effectiveDate', width: 140 },
          { title: '变更为', dataIndex: 'status', width: 120, render: (s: Status) => <Tag color={INSPECTOR_STATUS_LABELS[s].color}>{INSPECTOR_STATUS_LABELS[s].label}</Tag> },
          { title: '原因', dataIndex: 'reason' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        记录变更
      </Typography.Title>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="status" form={form} layout="vertical" requiredMark initialValues={{ effectiveDate: today }} onFinish={submit}>
        <Space wrap align="start" size="middle">
          <Form.Item label="变更为" name="status" rules={[{ required: true, message: '请选择' }]} style={{ width: 140 }}>
            <Select options={(Object.keys(INSPECTOR_STATUS_LABELS) as Status[]).map((s) => ({ value: s, label: s === 'active' ? '恢复（在岗）' : INSPECTOR_STATUS_LABELS[s].label }))} />
          </Form.Item>
          <Form.Item label="生效日期" name="effectiveDate" rules={[{ required: true, message: '请选择生效日期' }]} style={{ width: 180 }}>
            <DateField />
          </Form.Item>
          <Form.Item label="原因" name="reason" rules={[{ required: true, message: '请输入原因' }, { min: 2, message: '至少 2 个字' }]} style={{ width: 320 }}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label=" ">
            <Button htmlType="submit" loading={mutation.isPending}>
              记录变更
            </Button>
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}
