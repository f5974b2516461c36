import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { applyApiError } from '../../components/forms';
import { RESULT_CODE_LABELS } from './resultsLabels';
import { useServerToday } from './useServerToday';

export type ActionKind = 'approve' | 'return' | 'markMajor' | 'publish' | 'correct' | 'withdraw' | 'rectify';

interface Spec {
  title: string;
  ok: string;
  danger?: boolean;
  /** What happens, and what cannot be undone (console.md: name the legal consequence). */
  consequence: ReactNode;
  fields?: ReactNode;
}

const SPECS: Record<ActionKind, Spec> = {
  approve: {
    title: '审批通过检查结果',
    ok: '确认审批通过',
    consequence: '审批通过后，检查结果即为本部门的正式检查结论，并开始计算公示期限（一般检查结果 20 个工作日内、行政处罚等决定 7 个工作日内向社会公示）。审批后不能再退回修改，如有错误只能在公示后以更正（新版本，附原因）处理。',
  },
  return: {
    title: '退回检查记录',
    ok: '退回检查组',
    consequence: '检查记录将退回检查组修改，修改后需重新提交审批。退回原因将告知检查组。',
    fields: (
      <Form.Item label="退回原因（需修改的内容）" name="reason" rules={[{ required: true, message: '请填写退回原因' }, { min: 4, message: '退回原因至少 4 个字' }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    ),
  },
  markMajor: {
    title: '标记为重大执法决定',
    ok: '确认标记',
    danger: true,
    consequence: '标记后，本检查结果作为重大执法决定，须经法制审核通过后方可审批（《行政处罚法》第五十八条），将进入法制审核人员的待审核列表。此标记不能撤销。',
  },
  publish: {
    title: '公示检查结果',
    ok: '确认公示',
    consequence: '公示后，检查结果（检查对象、统一社会信用代码、检查事项、检查人员姓名和执法证号、检查日期、检查结果）将在门户网站向社会公开，并推送至监管平台。证据材料、内部备注不会公开。已公示的结果不能修改或删除，只能更正（新版本，附原因，原版本仍可查）或撤回（附原因）。',
    fields: (
      <>
        <Form.Item label="公示时间" name="mode" initialValue="now">
          <Radio.Group options={[{ value: 'now', label: '立即公示' }, { value: 'later', label: '定时公示' }]} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a: { mode?: string }, b: { mode?: string }) => a.mode !== b.mode}>
          {({ getFieldValue }) =>
            getFieldValue('mode') === 'later' && (
              <Form.Item label="定时公示时间（北京时间）" name="publishAt" rules={[{ required: true, message: '请选择公示时间' }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
              </Form.Item>
            )
          }
        </Form.Item>
      </>
    ),
  },
  correct: {
    title: '更正已公示的检查结果',
    ok: '确认更正',
    danger: true,
    consequence: '更正将生成新的公示版本并立即对外公开，更正原因一并公开；原版本不会删除，公众仍可查看。此操作不能撤销。',
    fields: (
      <>
        <Form.Item label="更正原因（对外公开）" name="reason" rules={[{ required: true, message: '请填写更正原因' }, { min: 4, message: '更正原因至少 4 个字' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item label="更正后的检查结果（不改可留空）" name="resultCodes">
          <Select mode="multiple" allowClear placeholder="保持不变" options={Object.entries(RESULT_CODE_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </>
    ),
  },
  withdraw: {
    title: '撤回已公示的检查结果',
    ok: '确认撤回',
    danger: true,
    consequence: '撤回后，公众看到的该检查结果将标注为「已撤回」并显示撤回原因（例如法院判决或复议决定）；记录不会删除，撤回不能撤销。',
    fields: (
      <Form.Item label="撤回原因（对外公开）" name="reason" rules={[{ required: true, message: '请填写撤回原因' }, { min: 4, message: '撤回原因至少 4 个字' }]}>
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    ),
  },
  rectify: {
    title: '责令改正',
    ok: '下达责令改正',
    consequence: '责令改正通知下达后，整改期限按工作日计算（节假日和调休已计入），到期需进行复查。整改要求将随检查结果公开。',
    fields: (
      <>
        <Form.Item label="整改要求" name="requirement" rules={[{ required: true, message: '请填写整改要求' }, { min: 4, message: '整改要求至少 4 个字' }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label="下达日期" name="issuedOn" rules={[{ required: true, message: '请选择下达日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label="整改期限（工作日）" name="workingDays" initialValue={20} rules={[{ required: true, message: '请填写整改期限' }]}>
            <InputNumber min={1} max={365} />
          </Form.Item>
        </Space>
      </>
    ),
  },
};

export interface ActionValues {
  reason?: string;
  mode?: 'now' | 'later';
  publishAt?: Dayjs;
  resultCodes?: string[];
  requirement?: string;
  issuedOn?: Dayjs;
  workingDays?: number;
}

/**
 * The confirmation of one action: what happens and what cannot be undone, the fields it needs, the
 * API's message under the field it names; on a version conflict the typed input stays and the record
 * is reloaded on request (「重新加载并保留我的输入」).
 */
export function ActionModal({ kind, onClose, onSubmit, onReload }: { kind: ActionKind | null; onClose: () => void; onSubmit: (kind: ActionKind, values: ActionValues) => Promise<void>; onReload: () => Promise<unknown> }) {
  const [form] = Form.useForm<ActionValues>();
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const spec = kind ? SPECS[kind] : null;
  const today = useServerToday();
  useEffect(() => {
    // The form mounts with its dialog: set the default when a dialog with the field opens.
    if (today && kind === 'rectify' && !form.getFieldValue('issuedOn')) form.setFieldValue('issuedOn', dayjs(today));
  }, [today, form, kind]);

  const submit = async () => {
    if (!kind) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    setError(null);
    setConflict(false);
    try {
      await onSubmit(kind, values);
      form.resetFields();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) setConflict(true);
      else setError(applyApiError(form, err, ['reason', 'publishAt', 'resultCodes', 'requirement', 'issuedOn', 'workingDays']));
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    await onReload();
    setConflict(false);
    void message.info('已重新加载最新数据，您填写的内容已保留，请核对后再次提交');
  };

  return (
    <Modal
      open={!!kind}
      title={spec?.title}
      okText={spec?.ok}
      cancelText="取消"
      okButtonProps={{ danger: spec?.danger, loading: busy, disabled: conflict }}
      onOk={() => void submit()}
      onCancel={() => {
        setError(null);
        setConflict(false);
        onClose();
      }}
      forceRender
      width={600}
    >
      {spec && (
        <>
          <Alert type="warning" showIcon role="note" title="请确认" description={spec.consequence} style={{ marginBottom: 16 }} />
          {conflict && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title="数据已被他人修改"
              description="该记录在您打开后已被修改（例如检查组补充了证据）。请重新加载最新数据，您填写的内容会保留。"
              action={<Button onClick={() => void reload()}>重新加载并保留我的输入</Button>}
              style={{ marginBottom: 16 }}
            />
          )}
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
          <Form form={form} layout="vertical" requiredMark preserve>
            {spec.fields ?? <Typography.Text type="secondary">此操作无需填写内容。</Typography.Text>}
          </Form>
        </>
      )}
    </Modal>
  );
}
