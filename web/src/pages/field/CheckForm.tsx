import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Space, Tag, Typography, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { discard, outcomeOf, queueSave, queueSubmit, syncNow, type Outcome } from '../../offline/outbox';
import { drafts, fieldApi, fieldKeys, noteRecord, type FieldRecord, type FieldTask, type FormOptions } from './fieldData';
import { fieldErrors, initialValues, toFields, type CheckFormValues } from './recordForm';
import { PhotoSection } from './PhotoSection';

interface Props {
  task: FieldTask;
  record: FieldRecord | null;
  options: FormOptions;
  me: string | null;
  /** The form as last typed on this device (autosaved), if any: it wins over the record as read. */
  draft: Partial<CheckFormValues> | null;
  /** A submit waits in the outbox: nothing more to type. */
  locked: boolean;
}

/** A write's outcome for the form: on the server, or kept on the device until the network returns. */
type Sent = { kind: 'sent'; record: FieldRecord } | { kind: 'queued' };

/** What the form does with an outbox outcome: a refusal is shown on the form (and leaves the queue). */
async function settled(o: Outcome): Promise<Sent> {
  if (o.kind === 'error') {
    await discard(o.item);
    throw o.error;
  }
  if (o.kind === 'deferred' || !o.record) return { kind: 'queued' };
  return { kind: 'sent', record: o.record };
}

/**
 * 现场检查记录: what the team found, item by item, the result from the standard codes, who was present,
 * the photos; saved as drafts (the version read travels with every save) and submitted once complete.
 * Nothing typed is ever reset by an error or a conflict.
 */
export function CheckForm({ task, record: loaded, options, me, draft, locked }: Props) {
  const [form] = Form.useForm<CheckFormValues>();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [record, setRecord] = useState<FieldRecord | null>(loaded);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const ref = { id: task.id, entityName: task.entity.name };
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Every change is on the device within a moment (a closed tab or a dead battery loses nothing typed).
  const keepDraft = () => {
    clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => void drafts.put(task.id, form.getFieldsValue(true)), 300);
  };
  useEffect(() => () => clearTimeout(draftTimer.current), []);
  const findingRows = useRef<number[]>([]);
  const findingsValues = Form.useWatch('findings', form);
  const majorMarked = Form.useWatch('majorMarked', form);
  const labelOf = new Map(options.resultCodes.map((c) => [c.code, c.label]));

  /** Every field's message goes (values stay). */
  const clearErrors = () => (form as FormInstance).setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })));

  const showError = (err: unknown) => {
    // A teammate saved first (or created the record meanwhile): reload, keeping what was typed here.
    if (err instanceof ApiError && (err.isConflict || err.code === 'RECORD_EXISTS')) {
      setConflict(true);
      setGeneral([]);
      return;
    }
    const { fields, general: rest } = fieldErrors(err, findingRows.current);
    // Earlier messages go; what was typed stays.
    clearErrors();
    (form as FormInstance).setFields(fields);
    setGeneral(rest);
    if (fields.length) void form.scrollToField(fields[0].name, { block: 'center' });
  };

  const took = (saved: FieldRecord) => {
    setRecord(saved);
    queryClient.setQueryData(fieldKeys.record(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: fieldKeys.task(task.id) });
    void queryClient.invalidateQueries({ queryKey: fieldKeys.myTasks });
  };

  /** Keeps the values on the device and queues them (create once per task, else a save); sent now if online. */
  const queue = async (submit: boolean): Promise<{ save: Promise<Sent>; submit?: Promise<Sent> }> => {
    clearTimeout(draftTimer.current);
    const values: CheckFormValues = form.getFieldsValue(true);
    const { fields, findingRows: rows } = toFields(values);
    findingRows.current = rows;
    await drafts.put(task.id, values);
    const saveItem = await queueSave(ref, fields);
    const saveOutcome = outcomeOf(saveItem);
    const submitItem = submit ? await queueSubmit(ref) : undefined;
    const submitOutcome = submitItem ? outcomeOf(submitItem) : undefined;
    void syncNow();
    const saved = settled(await saveOutcome).catch(async (err: unknown) => {
      if (submitItem) await discard(submitItem);
      throw err;
    });
    return { save: saved, submit: submitOutcome?.then(settled) };
  };

  /** Saves (queued, sent when possible); answers the record once the server has it. */
  const save = async (): Promise<Sent> => {
    const r = await (await queue(false)).save;
    if (r.kind === 'sent') took(r.record);
    setGeneral([]);
    clearErrors();
    return r;
  };

  const onSave = async () => {
    setBusy('save');
    try {
      const r = await save();
      if (r.kind === 'sent') message.success('已保存');
      else message.info('已保存在本机，联网后自动同步');
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const doSubmit = async () => {
    setBusy('submit');
    try {
      const q = await queue(true);
      const saved = await q.save;
      if (saved.kind === 'sent') took(saved.record);
      setGeneral([]);
      clearErrors();
      const submitted = await q.submit!;
      if (submitted.kind === 'queued') {
        void queryClient.invalidateQueries({ queryKey: ['field', 'pending', task.id] });
        message.info('提交已在本机排队，联网后自动发送');
        return;
      }
      took(submitted.record);
      message.success('提交成功');
    } catch (err) {
      showError(err);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = () => {
    const v: CheckFormValues = form.getFieldsValue(true);
    modal.confirm({
      title: '确认提交检查记录？',
      okText: '确认提交',
      cancelText: '再检查一下',
      content: (
        <div>
          <p>
            {task.entity.name}，检查日期 {v.checkDate || '（未填）'}，结果：{v.resultCodes.map((c) => labelOf.get(c) ?? c).join('、') || '（未选）'}
            {v.majorMarked ? '，拟作出重大执法决定' : ''}。
          </p>
          <p>提交后检查组不能再修改，记录交抽查负责人审批{v.majorMarked ? '；重大执法决定须先经法制审核' : ''}。审批后结果将依法向社会公示。</p>
        </div>
      ),
      onOk: doSubmit,
    });
  };

  /** Reloads the record's version and keeps every value typed here: the next save overwrites knowingly. */
  const reloadKeepingInput = async () => {
    try {
      const recordId = record?.id ?? (await fieldApi.task(task.id)).record?.id;
      if (!recordId) return setConflict(false);
      const fresh = await fieldApi.record(recordId);
      // What I typed stays; what I did not touch takes the teammate's newer value.
      const latest = initialValues(task, fresh, options.today);
      for (const key of Object.keys(latest) as (keyof CheckFormValues)[]) {
        if (key !== 'findings' && !form.isFieldTouched(key)) form.setFieldValue(key, latest[key]);
      }
      latest.findings.forEach((f, row) => {
        for (const sub of ['compliant', 'description', 'legalClause'] as const) if (!form.isFieldTouched(['findings', row, sub])) form.setFieldValue(['findings', row, sub], f[sub]);
      });
      setRecord(fresh);
      await noteRecord(task.id, fresh); // the next save is based on this version, knowingly
      setConflict(false);
      if (fresh.state !== 'in_progress' && fresh.state !== 'returned') setGeneral(['检查记录已由检查组其他成员提交，不能再修改']);
      else message.info('已载入最新版本，您的输入已保留；请核对后再保存');
    } catch (err) {
      showError(err);
    }
  };

  const present = task.team;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ ...initialValues(task, loaded, options.today), ...draft }}
      onValuesChange={keepDraft}
      requiredMark
      aria-label="现场检查记录"
      disabled={busy !== null || locked}
    >
      {record?.state === 'returned' && <Alert type="warning" showIcon title={`已退回：${record.returnReason ?? ''}`} description="请按退回意见修改后重新提交。" style={{ marginBottom: 12 }} />}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title="数据已被他人修改"
          description="检查组其他成员已修改了这条检查记录。您填写的内容仍在本页。"
          action={
            <Button size="large" onClick={() => void reloadKeepingInput()} disabled={false}>
              重新加载并保留我的输入
            </Button>
          }
        />
      )}
      {general.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title="未能保存" description={general.map((m) => <div key={m}>{m}</div>)} />}

      <Card size="small" title="时间地点" style={{ marginBottom: 12 }}>
        <Form.Item label="检查日期" name="checkDate" required extra={`检查期限 ${task.windowStart} 至 ${task.windowEnd}`}>
          <Input type="date" min={task.windowStart} max={task.windowEnd < options.today ? task.windowEnd : options.today} />
        </Form.Item>
        <Form.Item label="检查地点" name="place" required>
          <Input autoComplete="street-address" />
        </Form.Item>
      </Card>

      <Card size="small" title="检查事项" style={{ marginBottom: 12 }}>
        {task.items.map((item, row) => (
          <div key={item.itemVersionId} style={{ borderBottom: row < task.items.length - 1 ? '1px solid #f0f0f0' : undefined, marginBottom: 12 }}>
            <Typography.Text strong>{item.name}</Typography.Text>
            <div style={{ fontSize: 13 }}>
              <Typography.Text type="secondary">抽查依据：{item.legalBasis}</Typography.Text>
            </div>
            {item.subItems.length > 0 && (
              <ol aria-label={`${item.name} 检查要点`} style={{ paddingLeft: 20, margin: '4px 0' }}>
                {item.subItems.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ol>
            )}
            <Form.Item name={['findings', row, 'compliant']} label="检查情况" required style={{ marginTop: 8 }}>
              <Radio.Group
                aria-label={`${item.name} 检查情况`}
                optionType="button"
                buttonStyle="solid"
                style={{ display: 'flex' }}
                options={[
                  { value: 'yes', label: '符合', style: { flex: 1, textAlign: 'center' } },
                  { value: 'no', label: '发现问题', style: { flex: 1, textAlign: 'center' } },
                ]}
                onChange={(e) => {
                  // The plan's legal basis is where the clause usually comes from: a start, not a guess to keep.
                  if (e.target.value === 'no' && !form.getFieldValue(['findings', row, 'legalClause'])) form.setFieldValue(['findings', row, 'legalClause'], item.legalBasis);
                }}
              />
            </Form.Item>
            <Form.Item name={['findings', row, 'description']} label={findingsValues?.[row]?.compliant === 'no' ? '问题描述' : '检查情况说明'} required={findingsValues?.[row]?.compliant === 'no'}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
            </Form.Item>
            {findingsValues?.[row]?.compliant === 'no' && (
              <Form.Item name={['findings', row, 'legalClause']} label="违反的法律条款" required>
                <Input maxLength={300} />
              </Form.Item>
            )}
          </div>
        ))}
      </Card>

      <Card size="small" title="检查结果" style={{ marginBottom: 12 }}>
        <Form.Item name="resultCodes" label="检查结果（可多选）" required extra="“未发现问题”不能与发现问题的结果同时选择。">
          <Checkbox.Group role="group" aria-label="检查结果" style={{ display: 'flex', flexDirection: 'column' }} options={options.resultCodes.map((c) => ({ value: c.code, label: c.label }))} />
        </Form.Item>
      </Card>

      <Card size="small" title="在场人员" style={{ marginBottom: 12 }}>
        <div role="group" aria-label="在场执法人员">
        <Form.Item name="present" label={`在场并出示执法证件的执法人员（至少 ${options.minInspectorsPresent} 人）`} required>
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column' }}
            options={present.map((m) => ({
              value: m.inspectorId,
              label: (
                <span>
                  {m.name}
                  {m.inspectorId === me ? '（我）' : ''} {m.leader && <Tag>组长</Tag>}
                  <span className="mono" style={{ fontSize: 13 }}>
                    {m.certificateNumber}
                  </span>
                </span>
              ),
            }))}
          />
        </Form.Item>
        </div>
        <Form.Item label="被检查单位在场人员姓名" name="representativeName" required>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item label="职务" name="representativeRole" required>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
      </Card>

      <Card size="small" title="重大执法决定" style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          拟罚款超过 {options.majorPenaltyYuan.toLocaleString('zh-CN')} 元、吊销许可证，或经认定为重大执法决定的，审批前须经法制审核。
        </Typography.Paragraph>
        <Form.Item name="majorMarked" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>拟作出重大执法决定（须经法制审核）</Checkbox>
        </Form.Item>
        {(majorMarked || record?.major) && (
          <>
            <Form.Item label="拟罚款金额（元）" name="penaltyYuan">
              <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" />
            </Form.Item>
            <Form.Item name="licenceRevocation" valuePropName="checked">
              <Checkbox>拟吊销许可证</Checkbox>
            </Form.Item>
            <Form.Item label="拟作出的决定说明" name="majorDescription">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Card>

      <PhotoSection task={task} record={record} options={options} ensureRecord={save} onError={showError} locked={locked} />

      <Card size="small" title="内部备注" style={{ marginBottom: 12 }}>
        <Form.Item label="内部备注（不公开）" name="remarks">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
        </Form.Item>
      </Card>

      <Space orientation="vertical" style={{ width: '100%' }}>
        <div className="field-actions">
          <Button size="large" onClick={() => void onSave()} loading={busy === 'save'}>
            保存
          </Button>
          <Button size="large" type="primary" onClick={onSubmit} loading={busy === 'submit'}>
            提交
          </Button>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          保存后可随时继续填写；提交后交抽查负责人审批，不能再修改。
        </Typography.Text>
      </Space>
    </Form>
  );
}
