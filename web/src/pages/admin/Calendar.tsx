import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { formatNumber } from '../../components/format';
import { DateField } from './shared';

type StatusYear = Schemas['CalendarStatusYearDto'];
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const weekday = (date: string) => `周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;

/**
 * 节假日安排: the working-day calendar every legal deadline is counted in. A year without the State
 * Council notice is counted with the statutory holidays only (暂定) until an administrator enters it.
 */
export default function Calendar() {
  const status = useQuery({ queryKey: ['calendar', 'status'], queryFn: () => call(api.GET('/calendar/status')) });
  const [year, setYear] = useState<number | null>(null);
  if (status.isPending) return <Skeleton active />;
  if (status.isError) return <ErrorResult error={status.error} onRetry={() => void status.refetch()} />;
  const shown = year ?? status.data.missingNotices[0] ?? Number(status.data.today.slice(0, 4));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {status.data.alert ? (
        <Alert type="warning" showIcon title="节假日通知缺失" description={status.data.message} role="alert" />
      ) : (
        <Alert type="success" showIcon title={`今年和明年的节假日通知均已收录（今天是 ${status.data.today}，北京时间）。`} />
      )}
      <Card title="收录情况">
        <Table<StatusYear>
          rowKey="year"
          pagination={false}
          dataSource={status.data.years}
          columns={[
            { title: '年度', dataIndex: 'year', render: (y: number) => `${y}年` },
            { title: '国务院通知', dataIndex: 'notice', render: (n: boolean) => (n ? <Tag color="green">已收录</Tag> : <Tag color="orange">未收录</Tag>) },
            {
              title: '期限计算',
              key: 'mode',
              render: (_, y) => (y.notice ? '按通知计算' : y.provisional ? <Space size={4}><Tag color="gold">暂定</Tag>按法定节假日暂定计算，通知录入后自动重算</Space> : <Tag color="red">无法计算</Tag>),
            },
            { title: '操作', key: 'a', render: (_, y) => <Button size="small" onClick={() => setYear(y.year)} aria-label={`查看 ${y.year} 年`}>查看</Button> },
          ]}
        />
      </Card>
      <YearCard year={shown} onYear={setYear} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <AddDayCard />
        </Col>
        <Col xs={24} xl={12}>
          <NoticeCard defaultYear={shown} />
        </Col>
      </Row>
    </Space>
  );
}

function YearCard({ year, onYear }: { year: number; onYear: (y: number) => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const cal = useQuery({ queryKey: ['calendar', 'year', year], queryFn: () => call(api.GET('/calendar', { params: { query: { year } } })) });
  const remove = useMutation({
    mutationFn: (date: string) => call(api.DELETE('/calendar/days/{date}', { params: { path: { date } } })),
    onSuccess: async (_, date) => {
      message.success(`已撤销 ${date} 的补录，恢复内置安排`);
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
    onError: (err) => message.error(applyApiError(null, err)),
  });
  const dayTags = (dates: string[], color: string) =>
    dates.length === 0 ? (
      <Typography.Text type="secondary">无</Typography.Text>
    ) : (
      <Space wrap size={[4, 8]}>
        {dates.map((d) => (
          <Tag key={d} color={color}>
            <span className="mono">{d}</span> {weekday(d)}
          </Tag>
        ))}
      </Space>
    );
  const entered = (entries: Schemas['CalendarEntryDto'][]) =>
    entries.length === 0 ? (
      <Typography.Text type="secondary">无</Typography.Text>
    ) : (
      <Space wrap size={[8, 8]} data-testid="calendar-entered">
        {entries.map((e) => (
          <Tag key={e.date} color={e.kind === 'holiday' ? 'red' : 'blue'}>
            <span className="mono">{e.date}</span> {weekday(e.date)} {e.name}（{e.kind === 'holiday' ? '放假' : '调休上班'}）{' '}
            <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => remove.mutate(e.date)} aria-label={`撤销 ${e.date}`}>
              撤销
            </Button>
          </Tag>
        ))}
      </Space>
    );
  return (
    <Card
      title={
        <Space>
          {`${year}年节假日安排`}
          {cal.data?.provisional && <Tag color="gold">暂定</Tag>}
        </Space>
      }
      extra={
        <Space>
          <label htmlFor="calendar-year">年度</label>
          <InputNumber id="calendar-year" min={2000} max={2100} value={year} onChange={(v) => v && onYear(v)} />
        </Space>
      }
    >
      {cal.isPending ? (
        <Skeleton active />
      ) : cal.isError ? (
        <ErrorResult error={cal.error} onRetry={() => void cal.refetch()} />
      ) : (
        <>
          {!cal.data.covered && <Alert type="error" showIcon title={`尚未收录${year}年的节假日安排，涉及${year}年的期限无法计算。`} style={{ marginBottom: 12 }} />}
          {cal.data.provisional && <Alert type="warning" showIcon title={`${year}年的国务院通知尚未录入：以下按法定节假日暂定，调休日未知。`} style={{ marginBottom: 12 }} />}
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'w', label: '全年工作日', children: cal.data.covered ? `${formatNumber(cal.data.workingDays)} 天` : '—' },
              { key: 'h', label: `放假（工作日休息，${cal.data.holidays.length} 天）`, children: dayTags(cal.data.holidays, 'red') },
              { key: 'm', label: `调休上班（周末上班，${cal.data.makeupWorkdays.length} 天）`, children: dayTags(cal.data.makeupWorkdays, 'blue') },
              { key: 'e', label: `管理员录入（${cal.data.entered.length} 天）`, children: entered(cal.data.entered) },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {cal.data.provisional
              ? '录入的日期在确认通知已完整录入后生效；此前按法定节假日暂定计算。'
              : '录入的日期优先于内置通知；撤销后恢复内置通知的安排。'}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}

function AddDayCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ date: string; kind: 'holiday' | 'workday'; name: string }>();
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (body: { date: string; kind: 'holiday' | 'workday'; name: string }) => call(api.POST('/calendar/days', { body })),
    onSuccess: async (_, body) => {
      message.success(`已录入 ${body.date}（${body.kind === 'holiday' ? '放假' : '调休上班'}）`);
      setError(null);
      form.resetFields(['date']);
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
    onError: (err) => setError(applyApiError(form, err, ['date', 'kind', 'name'])),
  });
  return (
    <Card title="第一步：按通知逐日录入">
      <Typography.Paragraph type="secondary">按国务院办公厅通知，录入每个放假的工作日和每个调休上班的周末。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="calendar-day" form={form} layout="vertical" requiredMark initialValues={{ kind: 'holiday' }} onFinish={(v) => add.mutate({ ...v, name: v.name.trim() })}>
        <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DateField />
        </Form.Item>
        <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={[{ value: 'holiday', label: '放假' }, { value: 'workday', label: '调休上班（周六或周日）' }]} />
        </Form.Item>
        <Form.Item label="节日名称" name="name" rules={[{ required: true, message: '请输入节日名称，如“春节”' }]}>
          <Input autoComplete="off" placeholder="如：春节" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          录入该日
        </Button>
      </Form>
    </Card>
  );
}

function NoticeCard({ defaultYear }: { defaultYear: number }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ year: number; source: string }>();
  const [error, setError] = useState<string | null>(null);
  const complete = useMutation({
    mutationFn: (body: { year: number; source: string }) => call(api.POST('/calendar/years', { body })),
    onSuccess: async (_, body) => {
      message.success(`${body.year}年的节假日通知已收录，相关期限已按通知重算`);
      setError(null);
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
    onError: (err) => setError(applyApiError(form, err, ['year', 'source'])),
  });
  const confirm = (v: { year: number; source: string }) =>
    modal.confirm({
      title: `确认${v.year}年的通知已完整录入？`,
      content: `确认后，${v.year}年按通知计算工作日，不再是“暂定”；尚未到期的公示期限和整改期限中按暂定计算的，将立即按通知重算。此操作记入审计日志。`,
      okText: '确认收录',
      cancelText: '取消',
      onOk: () => complete.mutateAsync({ year: v.year, source: v.source.trim() }).catch(() => undefined),
    });
  return (
    <Card title="第二步：确认通知已完整录入">
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form name="calendar-notice" form={form} layout="vertical" requiredMark initialValues={{ year: defaultYear }} onFinish={confirm}>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请输入年度' }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="通知名称" name="source" rules={[{ required: true, message: '请输入通知名称' }, { min: 4, message: '至少 4 个字' }]}>
          <Input autoComplete="off" placeholder="国务院办公厅关于2027年部分节假日安排的通知" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={complete.isPending}>
          确认收录
        </Button>
      </Form>
    </Card>
  );
}
