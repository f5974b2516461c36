import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Space, Switch, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { formatDate, formatNumber } from '../../components/format';
import { useServerToday } from './useServerToday';

type Row = Schemas['RectificationDto'];

function statusOf(r: Row) {
  if (r.followedUpOn) return r.rectified ? <Tag color="green">已整改</Tag> : <Tag color="red">复查未整改</Tag>;
  return r.overdue ? <Tag color="red">已超期未复查</Tag> : <Tag color="orange">整改中</Tag>;
}

/** 责令整改: orders by deadline, overdue ones on request, and the follow-up check. */
export default function RectificationList() {
  const [params, setParams] = useSearchParams();
  const overdue = params.get('overdue') === 'true';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const list = useQuery({
    queryKey: ['rectifications', { overdue, page, pageSize }],
    queryFn: () => call(api.GET('/rectifications', { params: { query: { overdue: overdue || undefined, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const [open, setOpen] = useState<Row | null>(null);
  const [form] = Form.useForm<{ followedUpOn: Dayjs; rectified: boolean; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const { message } = App.useApp();
  const today = useServerToday();
  useEffect(() => {
    if (today && !form.isFieldTouched('followedUpOn')) form.setFieldValue('followedUpOn', dayjs(today));
  }, [today, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !open) return;
    setError(null);
    setConflict(false);
    try {
      await call(api.POST('/rectifications/{id}/follow-up', { params: { path: { id: open.id } }, body: { version: open.version, followedUpOn: v.followedUpOn.format('YYYY-MM-DD'), rectified: v.rectified, note: v.note || null } }));
      message.success('复查结果已记录');
      setOpen(null);
      form.resetFields();
      await list.refetch();
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) setConflict(true);
      else setError(applyApiError(form, err, ['followedUpOn', 'rectified', 'note']));
    }
  };
  const reload = async () => {
    const fresh = await list.refetch();
    setOpen((cur) => fresh.data?.items.find((r) => r.id === cur?.id) ?? cur);
    setConflict(false);
  };

  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Switch id="overdue-only" checked={overdue} onChange={(v) => setParams(v ? { overdue: 'true' } : {})} />
        <label htmlFor="overdue-only">只看已超期未复查的</label>
      </Space>
      <Table<Row>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        locale={{ emptyText: overdue ? '没有超期未复查的责令改正' : '暂无责令改正：在检查记录页对发现问题的检查下达' }}
        pagination={{ current: page, pageSize, total: list.data?.meta.totalCount ?? 0, showTotal: (n) => `共 ${formatNumber(n)} 件`, onChange: (p, s) => setParams({ ...(overdue ? { overdue: 'true' } : {}), page: String(p), pageSize: String(s) }) }}
        columns={[
          { title: '整改要求', dataIndex: 'requirement', ellipsis: true },
          { title: '下达日期', dataIndex: 'issuedOn', width: 110, render: (v: string) => formatDate(v) },
          { title: '整改期限', key: 'due', width: 200, render: (_, r) => <span>{formatDate(r.dueOn)}（{r.workingDays} 个工作日{r.deadlineProvisional ? '，暂定' : ''}）</span> },
          { title: '状态', key: 'status', width: 130, render: (_, r) => statusOf(r) },
          { title: '复查', key: 'fu', width: 160, render: (_, r) => (r.followedUpOn ? <span>{formatDate(r.followedUpOn)}{r.followUpNote ? `：${r.followUpNote}` : ''}</span> : '—') },
          {
            title: '操作',
            key: 'op',
            width: 150,
            render: (_, r) => (
              <Space>
                <Link to={`/records/${r.recordId}`}>检查记录</Link>
                {!r.followedUpOn && <Button type="link" size="small" onClick={() => setOpen(r)}>记录复查</Button>}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={!!open} title="记录复查结果" okText="保存复查结果" cancelText="取消" onOk={() => void submit()} onCancel={() => setOpen(null)} forceRender>
        <Typography.Paragraph type="secondary">{open?.requirement}</Typography.Paragraph>
        {conflict && <Alert type="error" showIcon role="alert" title="数据已被他人修改" action={<Button onClick={() => void reload()}>重新加载并保留我的输入</Button>} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" requiredMark preserve initialValues={{ rectified: true }}>
          <Form.Item label="复查日期" name="followedUpOn" rules={[{ required: true, message: '请选择复查日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label="复查结论" name="rectified" rules={[{ required: true }]}>
            <Radio.Group options={[{ value: true, label: '已整改' }, { value: false, label: '未整改' }]} />
          </Form.Item>
          <Form.Item label="复查说明（将随结果公开）" name="note">
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
