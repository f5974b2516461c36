import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, call } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { applyApiError } from '../../components/forms';
import { EvidenceList, RecordFacts, useRecordBundle } from '../records/RecordView';
import { useServerToday } from '../records/useServerToday';

interface Values {
  decision: 'pass' | 'return';
  opinion: string;
  reasons?: string;
  reviewedOn: Dayjs;
}

/** 法制审核 of one record: the record and its evidence beside the decision form. */
export default function ReviewRecord() {
  const { recordId = '' } = useParams();
  const { record, task, evidence } = useRecordBundle(recordId);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const today = useServerToday();
  useEffect(() => {
    if (today && !form.isFieldTouched('reviewedOn')) form.setFieldValue('reviewedOn', dayjs(today));
  }, [today, form]);

  if (record.isPending) return <Skeleton active />;
  if (record.isError) return <ErrorResult error={record.error} onRetry={() => void record.refetch()} />;
  const r = record.data;
  const reviewable = r.state === 'submitted' && r.major;

  const send = async (v: Values) => {
    setBusy(true);
    setError(null);
    setConflict(false);
    try {
      await call(api.POST('/records/{id}/legal-reviews', { params: { path: { id: recordId } }, body: { decision: v.decision, opinion: v.opinion, reasons: v.decision === 'return' ? v.reasons : undefined, reviewedOn: v.reviewedOn.format('YYYY-MM-DD'), version: r.version } }));
      message.success(v.decision === 'pass' ? '审核通过，已登记' : '已退回检查组，已登记');
      void queryClient.invalidateQueries({ queryKey: ['legal-queue'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      void navigate('/legal-reviews');
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) setConflict(true);
      else setError(applyApiError(form, err, ['decision', 'opinion', 'reasons', 'reviewedOn']));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    modal.confirm({
      title: v.decision === 'pass' ? '确认审核通过' : '确认退回',
      content:
        v.decision === 'pass'
          ? '审核通过后，抽查负责人即可审批该重大执法决定；本次审核将登记在法制审核登记簿中，计入年度法制审核次数，不能撤销。若检查记录此后被修改（如补充证据），需重新审核。'
          : '退回后，检查记录将退回检查组按退回理由修改，修改并重新提交后需再次法制审核；本次审核将登记在法制审核登记簿中，不能撤销。',
      okText: '确认提交',
      cancelText: '取消',
      onOk: () => send(v),
    });
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <RecordFacts record={r} task={task.data} />
        <EvidenceList items={evidence.data} />
      </Col>
      <Col xs={24} lg={10}>
        <Card title="法制审核意见" size="small" style={{ position: 'sticky', top: 16 }}>
          <Space style={{ marginBottom: 12 }} wrap>
            {r.major && <Tag color="magenta">重大执法决定</Tag>}
            <Typography.Text type="secondary">审核的是当前版本（第 {r.version} 版）</Typography.Text>
          </Space>
          {!reviewable && <Alert type="info" showIcon title="该记录当前不在待法制审核环节" description="可能已审核、已退回或尚未提交。" style={{ marginBottom: 16 }} />}
          {conflict && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title="数据已被他人修改"
              description="检查记录在您打开后已被修改（例如补充了证据）。请重新加载后核对，您填写的意见会保留。"
              action={<Button onClick={() => void Promise.all([record.refetch(), evidence.refetch()]).then(() => setConflict(false))}>重新加载并保留我的输入</Button>}
              style={{ marginBottom: 16 }}
            />
          )}
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" requiredMark disabled={!reviewable} initialValues={{ decision: 'pass' }}>
            <Form.Item label="审核结论" name="decision" rules={[{ required: true }]}>
              <Radio.Group options={[{ value: 'pass', label: '审核通过' }, { value: 'return', label: '退回' }]} />
            </Form.Item>
            <Form.Item label="审核意见（内部，不公开）" name="opinion" rules={[{ required: true, message: '请填写审核意见' }, { min: 2, message: '审核意见至少 2 个字' }]}>
              <Input.TextArea rows={4} maxLength={5000} showCount />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.decision !== b.decision}>
              {({ getFieldValue }) =>
                getFieldValue('decision') === 'return' && (
                  <Form.Item label="退回理由（检查组需修改的内容）" name="reasons" rules={[{ required: true, message: '退回时请填写退回理由' }, { min: 4, message: '退回理由至少 4 个字' }]}>
                    <Input.TextArea rows={3} maxLength={2000} showCount />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Form.Item label="审核日期" name="reviewedOn" rules={[{ required: true, message: '请选择审核日期' }]}>
              <DatePicker />
            </Form.Item>
            <Button type="primary" onClick={() => void confirm()} loading={busy} disabled={!reviewable || conflict}>
              提交审核意见
            </Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
